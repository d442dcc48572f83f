#ifndef _ASM_I386_SEMBUF_H
#define _ASM_I386_SEMBUF_H

#include <asm/ipcbuf.h>

/*
 * The semid64_ds structure for i386, padded like msqid64_ds: 32 bits
 * after each time_t and two spare longs at the end.
 */

struct semid64_ds {
	struct ipc64_perm sem_perm;		/* permissions */
	__kernel_time_t	sem_otime;		/* last semop time */
	unsigned long	__unused1;
	__kernel_time_t	sem_ctime;		/* last change time */
	unsigned long	__unused2;
	unsigned long	sem_nsems;		/* semaphores in the array */
	unsigned long	__unused3;
	unsigned long	__unused4;
};

#endif /* _ASM_I386_SEMBUF_H */