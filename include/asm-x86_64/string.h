#ifndef _X86_64_STRING_H_
#define _X86_64_STRING_H_

#ifdef __KERNEL__

#include <linux/types.h>

/*
 * x86_64 lets gcc inline small constant-size copies and calls the
 * library for the rest; memcpy here is the out-of-line rep-movs version.
 */

#define __HAVE_ARCH_MEMCPY 1
extern void *memcpy(void *to, const void *from, __kernel_size_t len);

#define __HAVE_ARCH_MEMSET
void *memset(void *s, int c, __kernel_size_t n);

#define __HAVE_ARCH_MEMMOVE
void *memmove(void *dest, const void *src, __kernel_size_t count);

int memcmp(const void *cs, const void *ct, __kernel_size_t count);
__kernel_size_t strlen(const char *s);
char *strcpy(char *dest, const char *src);
int strcmp(const char *cs, const char *ct);

#define __HAVE_ARCH_MEMCMP
#define __HAVE_ARCH_STRLEN
#define __HAVE_ARCH_STRCMP

#endif /* __KERNEL__ */

#endif /* _X86_64_STRING_H_ */
