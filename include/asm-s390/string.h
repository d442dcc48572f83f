#ifndef _S390_STRING_H_
#define _S390_STRING_H_

#ifdef __KERNEL__

#include <linux/types.h>

/*
 * s390 has instructions for moving and comparing strings (mvst, clst,
 * srst) and long moves (mvcle); the arch versions live in
 * arch/s390/lib/string.c.
 */

#define __HAVE_ARCH_MEMCHR
#define __HAVE_ARCH_STRLEN
#define __HAVE_ARCH_STRNLEN

extern void *memchr(const void *s, int c, __kernel_size_t n);
extern __kernel_size_t strlen(const char *s);
extern __kernel_size_t strnlen(const char *s, __kernel_size_t n);

#endif /* __KERNEL__ */

#endif /* _S390_STRING_H_ */
