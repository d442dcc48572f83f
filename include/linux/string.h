#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#ifdef __KERNEL__

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <asm/string.h>

/*
 * The string and memory functions; an arch with its own version says so
 * with __HAVE_ARCH_<NAME> in asm/string.h, the rest come from lib/string.c
 * (the C library, for the simulator).
 */
#ifndef __HAVE_ARCH_MEMSET
extern void *memset(void *s, int c, __kernel_size_t n);
#endif
#ifndef __HAVE_ARCH_MEMCPY
extern void *memcpy(void *dst, const void *src, __kernel_size_t n);
#endif
#ifndef __HAVE_ARCH_MEMMOVE
extern void *memmove(void *dst, const void *src, __kernel_size_t n);
#endif
#ifndef __HAVE_ARCH_MEMCMP
extern int memcmp(const void *a, const void *b, __kernel_size_t n);
#endif
#ifndef __HAVE_ARCH_STRLEN
extern __kernel_size_t strlen(const char *s);
#endif
#ifndef __HAVE_ARCH_STRCMP
extern int strcmp(const char *a, const char *b);
#endif

#endif /* __KERNEL__ */

#endif /* _LINUX_STRING_H */
