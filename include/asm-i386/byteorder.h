#ifndef _ASM_I386_BYTEORDER_H
#define _ASM_I386_BYTEORDER_H

#include <linux/types.h>
#include <linux/compiler.h>

#ifdef __GNUC__

/*
 * bswap reverses a 32-bit register (486 and later); a 64-bit value is
 * two swapped halves that trade places.
 */
static __inline__ __attribute_const__ __u32 ___arch__swab32(__u32 x)
{
	asm("bswap %0" : "=r" (x) : "0" (x));
	return x;
}

static inline __attribute_const__ __u64 ___arch__swab64(__u64 val)
{
	union {
		struct { __u32 a, b; } s;
		__u64 u;
	} v;

	v.u = val;
	asm("bswapl %0 ; bswapl %1 ; xchgl %0,%1"
	    : "=r" (v.s.a), "=r" (v.s.b)
	    : "0" (v.s.a), "1" (v.s.b));
	return v.u;
}

#define __arch__swab64(x) ___arch__swab64(x)
#define __arch__swab32(x) ___arch__swab32(x)

#define __BYTEORDER_HAS_U64__

#endif /* __GNUC__ */

#include <linux/byteorder/little_endian.h>

#endif /* _ASM_I386_BYTEORDER_H */
