#ifndef _X86_64_BITOPS_H
#define _X86_64_BITOPS_H

#include <linux/compiler.h>
#include <asm/atomic.h>

/*
 * Bit operations on a bitmap of longs; set_bit() and friends are
 * atomic, the double-underscore versions are not.
 */

#define ADDR (*(volatile long *) addr)

static __inline__ void set_bit(int nr, volatile void *addr)
{
	__asm__ __volatile__(LOCK_PREFIX "btsl %1,%0"
		: "+m" (ADDR)
		: "dIr" (nr) : "memory");
}

static __inline__ void __set_bit(int nr, volatile void *addr)
{
	__asm__ volatile("btsl %1,%0"
		: "+m" (ADDR)
		: "dIr" (nr) : "memory");
}

static __inline__ void clear_bit(int nr, volatile void *addr)
{
	__asm__ __volatile__(LOCK_PREFIX "btrl %1,%0"
		: "+m" (ADDR)
		: "dIr" (nr));
}

static __inline__ void __clear_bit(int nr, volatile void *addr)
{
	__asm__ __volatile__("btrl %1,%0"
		: "+m" (ADDR)
		: "dIr" (nr));
}

static __inline__ int test_and_set_bit(int nr, volatile void *addr)
{
	int oldbit;

	__asm__ __volatile__(LOCK_PREFIX "btsl %2,%1\n\tsbbl %0,%0"
		: "=r" (oldbit), "+m" (ADDR)
		: "dIr" (nr) : "memory");
	return oldbit;
}

static __inline__ int test_bit(int nr, const volatile void *addr)
{
	const volatile unsigned long *p = addr;

	return (p[nr >> 6] >> (nr & 63)) & 1UL;
}

static __inline__ unsigned long __ffs(unsigned long word)
{
	__asm__("bsfq %1,%0"
		: "=r" (word)
		: "rm" (word));
	return word;
}

#undef ADDR

#endif /* _X86_64_BITOPS_H */
