#ifndef _ASM_GENERIC_RESOURCE_H
#define _ASM_GENERIC_RESOURCE_H

/* Resource limit numbers for getrlimit(2)/setrlimit(2). */

#define RLIMIT_CPU		0	/* CPU time in seconds */
#define RLIMIT_FSIZE		1	/* largest file */
#define RLIMIT_DATA		2	/* largest data segment */
#define RLIMIT_STACK		3	/* largest stack */
#define RLIMIT_CORE		4	/* largest core file */
#ifndef RLIMIT_RSS
# define RLIMIT_RSS		5	/* largest resident set */
#endif
#ifndef RLIMIT_NPROC
# define RLIMIT_NPROC		6	/* processes */
#endif
#ifndef RLIMIT_NOFILE
# define RLIMIT_NOFILE		7	/* open files */
#endif
#ifndef RLIMIT_MEMLOCK
# define RLIMIT_MEMLOCK		8	/* locked-in-memory address space */
#endif
#ifndef RLIMIT_AS
# define RLIMIT_AS		9	/* address space */
#endif
#define RLIMIT_LOCKS		10	/* file locks */
#define RLIMIT_SIGPENDING	11	/* pending signals */
#define RLIMIT_MSGQUEUE		12	/* bytes in POSIX message queues */
#define RLIMIT_NICE		13	/* highest nice value */
#define RLIMIT_RTPRIO		14	/* highest realtime priority */
#define RLIM_NLIMITS		15

#ifndef RLIM_INFINITY
# define RLIM_INFINITY		(~0UL)
#endif


#endif /* _ASM_GENERIC_RESOURCE_H */
