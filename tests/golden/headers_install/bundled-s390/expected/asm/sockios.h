#ifndef __ARCH_S390_SOCKIOS__
#define __ARCH_S390_SOCKIOS__

/* Socket-level I/O control calls (the same numbers as on x86). */
#define FIOSETOWN	0x8901
#define SIOCSPGRP	0x8902
#define FIOGETOWN	0x8903
#define SIOCGPGRP	0x8904
#define SIOCATMARK	0x8905
#define SIOCGSTAMP	0x8906		/* timeval of the last packet */
#define SIOCGSTAMPNS	0x8907		/* timespec of the last packet */

#endif /* __ARCH_S390_SOCKIOS__ */
