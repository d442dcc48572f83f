#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H


#include <linux/types.h>

/* One buffer of a scatter/gather request (readv, writev, sendmsg). */
struct iovec
{
	void *iov_base;	/* where the data is */
	__kernel_size_t iov_len; /* how many bytes */
};


/* The most iovecs one request may carry. */
#define UIO_FASTIOV	8
#define UIO_MAXIOV	1024

#endif /* __LINUX_UIO_H */
