#ifndef _ASM_GENERIC_ERRNO_BASE_H
#define _ASM_GENERIC_ERRNO_BASE_H

/* The classic Unix error numbers, the same on every Linux arch. */

#define	EPERM		 1	/* not permitted */
#define	ENOENT		 2	/* no such file or directory */
#define	ESRCH		 3	/* no such process */
#define	EINTR		 4	/* interrupted */
#define	EIO		 5	/* I/O error */
#define	ENXIO		 6	/* no such device or address */
#define	E2BIG		 7	/* argument list too long */
#define	ENOEXEC		 8	/* not an executable */
#define	EBADF		 9	/* bad file descriptor */
#define	ECHILD		10	/* no child */
#define	EAGAIN		11	/* try again */
#define	ENOMEM		12	/* out of memory */
#define	EACCES		13	/* access denied */
#define	EFAULT		14	/* bad address */
#define	ENOTBLK		15	/* block device required */
#define	EBUSY		16	/* busy */
#define	EEXIST		17	/* exists */
#define	EXDEV		18	/* cross-device link */
#define	ENODEV		19	/* no such device */
#define	ENOTDIR		20	/* not a directory */
#define	EISDIR		21	/* is a directory */
#define	EINVAL		22	/* invalid argument */
#define	ENFILE		23	/* file table full */
#define	EMFILE		24	/* too many open files */
#define	ENOTTY		25	/* not a terminal */
#define	ETXTBSY		26	/* text file busy */
#define	EFBIG		27	/* file too large */
#define	ENOSPC		28	/* no space left */
#define	ESPIPE		29	/* illegal seek */
#define	EROFS		30	/* read-only file system */
#define	EMLINK		31	/* too many links */
#define	EPIPE		32	/* broken pipe */
#define	EDOM		33	/* argument out of domain */
#define	ERANGE		34	/* result out of range */

#endif /* _ASM_GENERIC_ERRNO_BASE_H */
