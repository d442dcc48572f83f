#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

/*
 * Annotations for sparse and small wrappers around gcc extensions.
 *
 * Exported headers include this file for __user and friends; make
 * headers_install blanks that #include line and strips the annotations,
 * so nothing here reaches userspace.
 */

#ifndef __ASSEMBLY__

#ifdef __CHECKER__
# define __user		__attribute__((noderef, address_space(1)))
# define __kernel	/* the default address space */
# define __iomem	__attribute__((noderef, address_space(2)))
# define __force	__attribute__((force))
# define __nocast	__attribute__((nocast))
#else
# define __user
# define __kernel
# define __iomem
# define __force
# define __nocast
#endif

#ifdef __KERNEL__

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* Keep the compiler from moving memory accesses across this point. */
#define barrier()	__asm__ __volatile__("" : : : "memory")

#define __always_inline		inline __attribute__((always_inline))
#define noinline		__attribute__((noinline))
#define __attribute_const__	__attribute__((__const__))
#define __must_check		__attribute__((warn_unused_result))
#define __maybe_unused		__attribute__((unused))
#define __used			__attribute__((__used__))
#define __packed		__attribute__((packed))

/* Read or write a variable exactly once, the way the source says. */
#define ACCESS_ONCE(x)	(*(volatile __typeof__(x) *)&(x))

#endif /* __KERNEL__ */

#endif /* !__ASSEMBLY__ */

#endif /* __LINUX_COMPILER_H */
