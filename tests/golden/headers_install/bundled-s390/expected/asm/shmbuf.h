#ifndef _S390_SHMBUF_H
#define _S390_SHMBUF_H

#include <asm/ipcbuf.h>

/* shmid64_ds: 31-bit pads each time_t to 64 bits. */

struct shmid64_ds {
	struct ipc64_perm	shm_perm;	/* permissions */
	__kernel_size_t		shm_segsz;	/* segment size in bytes */
	__kernel_time_t		shm_atime;	/* last attach time */
#ifndef __s390x__
	unsigned long		__unused1;
#endif /* ! __s390x__ */
	__kernel_time_t		shm_dtime;	/* last detach time */
#ifndef __s390x__
	unsigned long		__unused2;
#endif /* ! __s390x__ */
	__kernel_time_t		shm_ctime;	/* last change time */
#ifndef __s390x__
	unsigned long		__unused3;
#endif /* ! __s390x__ */
	__kernel_pid_t		shm_cpid;	/* pid of the creator */
	__kernel_pid_t		shm_lpid;	/* pid of the last operation */
	unsigned long		shm_nattch;	/* attaches now */
	unsigned long		__unused4;
	unsigned long		__unused5;
};

#endif /* _S390_SHMBUF_H */
