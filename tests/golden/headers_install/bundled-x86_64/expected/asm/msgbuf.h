#ifndef _ASM_X86_64_MSGBUF_H
#define _ASM_X86_64_MSGBUF_H

#include <asm/ipcbuf.h>

/*
 * The msqid64_ds structure for x86_64: time_t is already 64 bits, so
 * there are no pads after the times; two longs at the end are spare.
 */

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	__kernel_time_t msg_stime;	/* last msgsnd time */
	__kernel_time_t msg_rtime;	/* last msgrcv time */
	__kernel_time_t msg_ctime;	/* last change time */
	unsigned long  msg_cbytes;	/* bytes now on the queue */
	unsigned long  msg_qnum;	/* messages on the queue */
	unsigned long  msg_qbytes;	/* most bytes allowed on the queue */
	__kernel_pid_t msg_lspid;	/* pid of the last msgsnd */
	__kernel_pid_t msg_lrpid;	/* pid of the last msgrcv */
	unsigned long  __unused4;
	unsigned long  __unused5;
};

#endif /* _ASM_X86_64_MSGBUF_H */
