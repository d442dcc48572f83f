#ifndef _ASM_I386_BITOPS_H
#define _ASM_I386_BITOPS_H

#include <linux/compiler.h>
#include <asm/atomic.h>

/*
 * Bit operations on a bitmap of longs.  set_bit() and friends are atomic
 * (locked bts/btr/btc); the double-underscore versions are not and cost
 * nothing extra.
 */

#define ADDR (*(volatile long *) addr)

static inline void set_bit(int nr, volatile unsigned long *addr)
{
	__asm__ __volatile__(LOCK_PREFIX "btsl %1,%0"
		:"+m" (ADDR)
		:"Ir" (nr));
}

static inline void __set_bit(int nr, volatile unsigned long *addr)
{
	__asm__("btsl %1,%0"
		:"+m" (ADDR)
		:"Ir" (nr));
}

static inline void clear_bit(int nr, volatile unsigned long *addr)
{
	__asm__ __volatile__(LOCK_PREFIX "btrl %1,%0"
		:"+m" (ADDR)
		:"Ir" (nr));
}

static inline void __clear_bit(int nr, volatile unsigned long *addr)
{
	__asm__ __volatile__("btrl %1,%0"
		:"+m" (ADDR)
		:"Ir" (nr));
}

static inline int test_and_set_bit(int nr, volatile unsigned long *addr)
{
	int oldbit;

	__asm__ __volatile__(LOCK_PREFIX "btsl %2,%1\n\tsbbl %0,%0"
		:"=r" (oldbit), "+m" (ADDR)
		:"Ir" (nr) : "memory");
	return oldbit;
}

static inline int test_bit(int nr, const volatile unsigned long *addr)
{
	return ((1UL << (nr & 31)) & (addr[nr >> 5])) != 0;
}

/* Index of the lowest set bit; undefined for zero. */
static inline unsigned long __ffs(unsigned long word)
{
	__asm__("bsfl %1,%0"
		:"=r" (word)
		:"rm" (word));
	return word;
}

#undef ADDR

#endif /* _ASM_I386_BITOPS_H */
