#ifndef _ASM_X86_64_SEMBUF_H
#define _ASM_X86_64_SEMBUF_H

#include <asm/ipcbuf.h>

/*
 * The semid64_ds structure for x86_64; the pads are kept so that the
 * layout matches the other 64-bit arches.
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

#endif /* _ASM_X86_64_SEMBUF_H */
