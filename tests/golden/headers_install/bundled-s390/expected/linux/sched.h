#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>

/* cloning flags (exported) */
#define CSIGNAL		0x000000ff	/* signal mask to be sent at exit */
#define CLONE_VM	0x00000100	/* share the address space */
#define CLONE_FS	0x00000200	/* share fs info */
#define CLONE_FILES	0x00000400	/* share open files */
#define CLONE_SIGHAND	0x00000800	/* share signal handlers */
#define CLONE_PTRACE	0x00002000	/* keep tracing the child */
#define CLONE_VFORK	0x00004000	/* parent sleeps until the child releases the mm */
#define CLONE_PARENT	0x00008000	/* same parent as the cloner */
#define CLONE_THREAD	0x00010000	/* same thread group */

#define SCHED_NORMAL	0
#define SCHED_FIFO	1
#define SCHED_RR	2
#define SCHED_BATCH	3


#endif /* _LINUX_SCHED_H */
