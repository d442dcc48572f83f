#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#include <asm/errno.h>

#ifdef __KERNEL__

/*
 * Codes a system call never returns to userspace: they mean "restart"
 * to the signal code or carry NFS-internal states.
 */
#define ERESTARTSYS	512
#define ERESTARTNOINTR	513
#define ERESTARTNOHAND	514	/* restart if no handler */
#define ENOIOCTLCMD	515	/* no ioctl command */
#define ERESTART_RESTARTBLOCK 516 /* restart by calling sys_restart_syscall */

#define EBADHANDLE	521	/* illegal NFS file handle */
#define ENOTSYNC	522	/* update synchronization mismatch */
#define EBADCOOKIE	523	/* cookie is stale */
#define ENOTSUPP	524	/* operation is not supported */

#endif /* __KERNEL__ */

#endif /* _LINUX_ERRNO_H */
