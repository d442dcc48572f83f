#ifndef _ASM_X86_64_BYTEORDER_H
#define _ASM_X86_64_BYTEORDER_H

#include <linux/types.h>
#include <linux/compiler.h>

#ifdef __GNUC__

/* bswap swaps a 32- or a 64-bit register in one instruction. */
static __inline__ __attribute_const__ __u64 ___arch__swab64(__u64 x)
{
	asm("bswapq %0" : "=r" (x) : "0" (x));
	return x;
}

static __inline__ __attribute_const__ __u32 ___arch__swab32(__u32 x)
{
	__asm__("bswapl %0" : "=r" (x) : "0" (x));
	return x;
}

#define __arch__swab32(x) ___arch__swab32(x)
#define __arch__swab64(x) ___arch__swab64(x)

#define __BYTEORDER_HAS_U64__

#endif /* __GNUC__ */

#include <linux/byteorder/little_endian.h>

#endif /* _ASM_X86_64_BYTEORDER_H */
