#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

/*
 * Odds and ends every kernel file wants: container_of, min/max, the
 * logging and panic entry points.
 */

#ifdef __KERNEL__

#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/linkage.h>
#include <asm/byteorder.h>
#include <asm/bug.h>

#define INT_MAX		((int)(~0U >> 1))
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(~0U)
#define LONG_MAX	((long)(~0UL >> 1))
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	(~0UL)

#define ALIGN(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define KERN_EMERG	"<0>"
#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"

extern int printk(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
extern void panic(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
extern void dump_stack(void);

/* Two evaluations at most, and a warning when the types differ. */
#define min(x, y) ({				\
	__typeof__(x) _min1 = (x);		\
	__typeof__(y) _min2 = (y);		\
	(void) (&_min1 == &_min2);		\
	_min1 < _min2 ? _min1 : _min2; })

#define max(x, y) ({				\
	__typeof__(x) _max1 = (x);		\
	__typeof__(y) _max2 = (y);		\
	(void) (&_max1 == &_max2);		\
	_max1 > _max2 ? _max1 : _max2; })

/* The structure of type @type that has @member at address @ptr. */
#define container_of(ptr, type, member) ({			\
	const __typeof__(((type *)0)->member) *__mptr = (ptr);	\
	(type *)((char *)__mptr - offsetof(type, member)); })

#endif /* __KERNEL__ */

#endif /* _LINUX_KERNEL_H */
