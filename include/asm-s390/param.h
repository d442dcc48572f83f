#ifndef _ASMS390_PARAM_H
#define _ASMS390_PARAM_H

#ifdef __KERNEL__
# define HZ		CONFIG_HZ	/* internal timer frequency */
# define USER_HZ	100		/* what times() counts in */
# define CLOCKS_PER_SEC	(USER_HZ)
#endif

#ifndef HZ
#define HZ 100
#endif

#define EXEC_PAGESIZE	4096

#ifndef NOGROUP
#define NOGROUP		(-1)
#endif

#define MAXHOSTNAMELEN	64	/* longest host name */

#endif /* _ASMS390_PARAM_H */
