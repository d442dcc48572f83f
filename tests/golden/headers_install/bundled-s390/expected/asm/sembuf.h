#ifndef _S390_SEMBUF_H
#define _S390_SEMBUF_H

#include <asm/ipcbuf.h>

/* semid64_ds: 31-bit pads each time_t to 64 bits. */

struct semid64_ds {
	struct ipc64_perm sem_perm;		/* permissions */
	__kernel_time_t	sem_otime;		/* last semop time */
#ifndef __s390x__
	unsigned long	__unused1;
#endif /* ! __s390x__ */
	__kernel_time_t	sem_ctime;		/* last change time */
#ifndef __s390x__
	unsigned long	__unused2;
#endif /* ! __s390x__ */
	unsigned long	sem_nsems;		/* semaphores in the array */
	unsigned long	__unused3;
	unsigned long	__unused4;
};

#endif /* _S390_SEMBUF_H */
