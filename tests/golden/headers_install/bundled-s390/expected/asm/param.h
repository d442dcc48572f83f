#ifndef _ASMS390_PARAM_H
#define _ASMS390_PARAM_H


#ifndef HZ
#define HZ 100
#endif

#define EXEC_PAGESIZE	4096

#ifndef NOGROUP
#define NOGROUP		(-1)
#endif

#define MAXHOSTNAMELEN	64	/* longest host name */

#endif /* _ASMS390_PARAM_H */
