#ifndef _ASM_I386_SHMBUF_H
#define _ASM_I386_SHMBUF_H

#include <asm/ipcbuf.h>

/*
 * The shmid64_ds structure for i386, padded like the other IPC
 * structures.  (Layout notes after Jürgen's 64-bit time_t proposal:
 * the pads are where the high halves would go.)
 */

struct shmid64_ds {
	struct ipc64_perm	shm_perm;	/* permissions */
	__kernel_size_t		shm_segsz;	/* segment size in bytes */
	__kernel_time_t		shm_atime;	/* last attach time */
	unsigned long		__unused1;
	__kernel_time_t		shm_dtime;	/* last detach time */
	unsigned long		__unused2;
	__kernel_time_t		shm_ctime;	/* last change time */
	unsigned long		__unused3;
	__kernel_pid_t		shm_cpid;	/* pid of the creator */
	__kernel_pid_t		shm_lpid;	/* pid of the last operation */
	unsigned long		shm_nattch;	/* attaches now */
	unsigned long		__unused4;
	unsigned long		__unused5;
};

struct shminfo64 {
	unsigned long	shmmax;
	unsigned long	shmmin;
	unsigned long	shmmni;
	unsigned long	shmseg;
	unsigned long	shmall;
	unsigned long	__unused1;
	unsigned long	__unused2;
	unsigned long	__unused3;
	unsigned long	__unused4;
};

#endif /* _ASM_I386_SHMBUF_H */
