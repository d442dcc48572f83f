#ifndef _ASM_I386_MSGBUF_H
#define _ASM_I386_MSGBUF_H

#include <asm/ipcbuf.h>

/*
 * The msqid64_ds structure for i386: every time_t is followed by a
 * 32-bit pad so that it could grow to 64 bits, and two longs at the end
 * are reserved.
 */

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	__kernel_time_t msg_stime;	/* last msgsnd time */
	unsigned long	__unused1;
	__kernel_time_t msg_rtime;	/* last msgrcv time */
	unsigned long	__unused2;
	__kernel_time_t msg_ctime;	/* last change time */
	unsigned long	__unused3;
	unsigned long  msg_cbytes;	/* bytes now on the queue */
	unsigned long  msg_qnum;	/* messages on the queue */
	unsigned long  msg_qbytes;	/* most bytes allowed on the queue */
	__kernel_pid_t msg_lspid;	/* pid of the last msgsnd */
	__kernel_pid_t msg_lrpid;	/* pid of the last msgrcv */
	unsigned long  __unused4;
	unsigned long  __unused5;
};

#endif /* _ASM_I386_MSGBUF_H */
