#ifndef _ASM_X86_64_PARAM_H
#define _ASM_X86_64_PARAM_H

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

/* The x86_64 build always has the kernel mapped at this alignment. */
#if defined(__KERNEL__) && defined(CONFIG_PHYSICAL_ALIGN)
#define KERNEL_ALIGN	CONFIG_PHYSICAL_ALIGN
#endif

#endif /* _ASM_X86_64_PARAM_H */
