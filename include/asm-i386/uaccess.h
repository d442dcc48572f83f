#ifndef __i386_UACCESS_H
#define __i386_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <asm/page.h>

/*
 * Access to user memory.  A user pointer is __user and only these
 * functions may touch it; they return the number of bytes not copied
 * (0 on success) or -EFAULT.
 */

#define VERIFY_READ 0
#define VERIFY_WRITE 1

#define MAKE_MM_SEG(s)	((mm_segment_t) { (s) })

typedef struct {
	unsigned long seg;
} mm_segment_t;

#define KERNEL_DS	MAKE_MM_SEG(0xFFFFFFFFUL)
#define USER_DS		MAKE_MM_SEG(PAGE_OFFSET)

/* Is [addr, addr+size) below the user limit?  (No overflow: 33 bits.) */
static inline int __range_ok(const void __user *addr, unsigned long size)
{
	unsigned long long end = (unsigned long long)(unsigned long)addr + size;

	return end <= (unsigned long long)PAGE_OFFSET;
}

#define access_ok(type, addr, size)	__range_ok((addr), (size))

extern unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
extern unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
extern unsigned long clear_user(void __user *mem, unsigned long len);
extern long strncpy_from_user(char *dst, const char __user *src, long count);

#endif /* __i386_UACCESS_H */
