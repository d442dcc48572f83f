#ifndef _I386_STRING_H_
#define _I386_STRING_H_

#ifdef __KERNEL__

#include <linux/types.h>

/*
 * i386 string operations.  The kernel has hand-written rep-string
 * versions of most; this tree lets the compiler's builtins do the work
 * and declares only the out-of-line functions.
 */

#define __HAVE_ARCH_STRCPY
extern char *strcpy(char *dest, const char *src);

#define __HAVE_ARCH_STRNCPY
extern char *strncpy(char *dest, const char *src, __kernel_size_t count);

#define __HAVE_ARCH_MEMCHR
extern void *memchr(const void *cs, int c, __kernel_size_t count);

#endif /* __KERNEL__ */

#endif /* _I386_STRING_H_ */
