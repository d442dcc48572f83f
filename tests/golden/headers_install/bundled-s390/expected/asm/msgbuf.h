#ifndef _S390_MSGBUF_H
#define _S390_MSGBUF_H

#include <asm/ipcbuf.h>

/* msqid64_ds: 31-bit pads each time_t to 64 bits. */

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	__kernel_time_t msg_stime;	/* last msgsnd time */
#ifndef __s390x__
	unsigned long	__unused1;
#endif /* ! __s390x__ */
	__kernel_time_t msg_rtime;	/* last msgrcv time */
#ifndef __s390x__
	unsigned long	__unused2;
#endif /* ! __s390x__ */
	__kernel_time_t msg_ctime;	/* last change time */
#ifndef __s390x__
	unsigned long	__unused3;
#endif /* ! __s390x__ */
	unsigned long  msg_cbytes;	/* bytes now on the queue */
	unsigned long  msg_qnum;	/* messages on the queue */
	unsigned long  msg_qbytes;	/* most bytes allowed */
	__kernel_pid_t msg_lspid;	/* pid of the last msgsnd */
	__kernel_pid_t msg_lrpid;	/* pid of the last msgrcv */
	unsigned long  __unused4;
	unsigned long  __unused5;
};

#endif /* _S390_MSGBUF_H */
