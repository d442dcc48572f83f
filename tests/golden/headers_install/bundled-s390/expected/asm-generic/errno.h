#ifndef _ASM_GENERIC_ERRNO_H
#define _ASM_GENERIC_ERRNO_H

#include <asm-generic/errno-base.h>

/* Linux error numbers beyond the classic ones (a selection). */

#define	EDEADLK		35	/* would deadlock */
#define	ENAMETOOLONG	36	/* name too long */
#define	ENOLCK		37	/* no locks available */
#define	ENOSYS		38	/* not implemented */
#define	ENOTEMPTY	39	/* directory not empty */
#define	ELOOP		40	/* too many symlinks */
#define	EWOULDBLOCK	EAGAIN
#define	ENOMSG		42	/* no message of that type */
#define	EIDRM		43	/* identifier removed */
#define	ENOSTR		60	/* not a stream */
#define	ENODATA		61	/* no data */
#define	ETIME		62	/* timer expired */
#define	EOVERFLOW	75	/* value too large */
#define	EILSEQ		84	/* illegal byte sequence */
#define	ENOTSOCK	88	/* not a socket */
#define	EOPNOTSUPP	95	/* not supported on the endpoint */
#define	EADDRINUSE	98	/* address in use */
#define	ENOBUFS		105	/* no buffer space */
#define	ETIMEDOUT	110	/* timed out */
#define	ECONNREFUSED	111	/* connection refused */
#define	EALREADY	114	/* already in progress */
#define	EINPROGRESS	115	/* now in progress */
#define	EDQUOT		122	/* quota exceeded */
#define	ECANCELED	125	/* canceled */
#define	EOWNERDEAD	130	/* owner died */
#define	ENOTRECOVERABLE	131	/* state not recoverable */

#endif /* _ASM_GENERIC_ERRNO_H */
