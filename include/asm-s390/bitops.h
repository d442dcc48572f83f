#ifndef _S390_BITOPS_H
#define _S390_BITOPS_H

#include <linux/compiler.h>

/*
 * Bit operations on a bitmap of longs.  Beware: s390 is big-endian, so
 * bit 0 is the least significant bit of the *word*, which is its last
 * byte.  The atomic versions are compare-and-swap loops (the __sync
 * builtins); the double-underscore versions are plain.
 */

#define __BITOPS_WORDSIZE	(8 * sizeof(unsigned long))
#define __BITOPS_WORD(nr)	((nr) / __BITOPS_WORDSIZE)
#define __BITOPS_MASK(nr)	(1UL << ((nr) % __BITOPS_WORDSIZE))

static inline void set_bit(unsigned long nr, volatile unsigned long *ptr)
{
	__sync_fetch_and_or(&ptr[__BITOPS_WORD(nr)], __BITOPS_MASK(nr));
}

static inline void clear_bit(unsigned long nr, volatile unsigned long *ptr)
{
	__sync_fetch_and_and(&ptr[__BITOPS_WORD(nr)], ~__BITOPS_MASK(nr));
}

static inline int test_and_set_bit(unsigned long nr, volatile unsigned long *ptr)
{
	unsigned long old;

	old = __sync_fetch_and_or(&ptr[__BITOPS_WORD(nr)], __BITOPS_MASK(nr));
	return (old & __BITOPS_MASK(nr)) != 0;
}

static inline void __set_bit(unsigned long nr, volatile unsigned long *ptr)
{
	ptr[__BITOPS_WORD(nr)] |= __BITOPS_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, volatile unsigned long *ptr)
{
	ptr[__BITOPS_WORD(nr)] &= ~__BITOPS_MASK(nr);
}

static inline int test_bit(unsigned long nr, const volatile unsigned long *ptr)
{
	return (ptr[__BITOPS_WORD(nr)] & __BITOPS_MASK(nr)) != 0;
}

/* Index of the lowest set bit; undefined for zero. */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

#endif /* _S390_BITOPS_H */
