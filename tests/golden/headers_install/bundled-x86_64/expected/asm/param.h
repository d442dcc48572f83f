#ifndef _ASM_X86_64_PARAM_H
#define _ASM_X86_64_PARAM_H


#ifndef HZ
#define HZ 100
#endif

#define EXEC_PAGESIZE	4096

#ifndef NOGROUP
#define NOGROUP		(-1)
#endif

#define MAXHOSTNAMELEN	64	/* longest host name */

/* The x86_64 build always has the kernel mapped at this alignment. */

#endif /* _ASM_X86_64_PARAM_H */
