#ifndef _ASM_SOCKIOS_H
#define _ASM_SOCKIOS_H

/* Socket-level I/O control calls. */
#define FIOSETOWN	0x8901
#define SIOCSPGRP	0x8902
#define FIOGETOWN	0x8903
#define SIOCGPGRP	0x8904
#define SIOCATMARK	0x8905
#define SIOCGSTAMP	0x8906		/* get stamp (timeval) */
#define SIOCGSTAMPNS	0x8907		/* get stamp (timespec) */

#endif /* _ASM_SOCKIOS_H */
