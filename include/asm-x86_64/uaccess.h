#ifndef __X86_64_UACCESS_H
#define __X86_64_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <asm/page.h>

/*
 * Access to user memory: only these functions touch a __user pointer;
 * they return the bytes not copied (0 on success) or -EFAULT.
 */

#define VERIFY_READ 0
#define VERIFY_WRITE 1

#define MAKE_MM_SEG(s)	((mm_segment_t) { (s) })

typedef struct {
	unsigned long seg;
} mm_segment_t;

#define KERNEL_DS	MAKE_MM_SEG(0xFFFFFFFFFFFFFFFFUL)
#define USER_DS		MAKE_MM_SEG(0x800000000000UL - 4096)

/* addr + size must not wrap and must stay below the user limit. */
static inline int __range_not_ok(const void __user *addr, unsigned long size,
				 unsigned long limit)
{
	unsigned long end = (unsigned long)addr + size;

	return end < (unsigned long)addr || end > limit;
}

#define access_ok(type, addr, size) \
	(!__range_not_ok((addr), (size), 0x800000000000UL - 4096))

extern unsigned long copy_to_user(void __user *to, const void *from, unsigned len);
extern unsigned long copy_from_user(void *to, const void __user *from, unsigned len);
extern unsigned long clear_user(void __user *mem, unsigned long len);
extern long strncpy_from_user(char *dst, const char __user *src, long count);

#endif /* __X86_64_UACCESS_H */
