#ifndef _LINUX_BYTEORDER_SWAB_H
#define _LINUX_BYTEORDER_SWAB_H

/*
 * Byte swapping.  ___constant_swabNN() work in constant expressions; the
 * __swabNN() functions use the arch's __arch__swabNN() where asm/byteorder.h
 * provides one and plain shifts otherwise.
 */


#include <linux/types.h>

#define ___constant_swab16(x) ((__u16)(				\
	(((__u16)(x) & (__u16)0x00ffU) << 8) |			\
	(((__u16)(x) & (__u16)0xff00U) >> 8)))

#define ___constant_swab32(x) ((__u32)(				\
	(((__u32)(x) & (__u32)0x000000ffUL) << 24) |		\
	(((__u32)(x) & (__u32)0x0000ff00UL) <<  8) |		\
	(((__u32)(x) & (__u32)0x00ff0000UL) >>  8) |		\
	(((__u32)(x) & (__u32)0xff000000UL) >> 24)))

#ifndef __arch__swab16
#  define __arch__swab16(x) ___constant_swab16(x)
#endif
#ifndef __arch__swab32
#  define __arch__swab32(x) ___constant_swab32(x)
#endif
#ifndef __arch__swab64
#  define __arch__swab64(x) ((__u64)(				\
	((__u64)__arch__swab32((__u32)(x)) << 32) |		\
	(__u64)__arch__swab32((__u32)((__u64)(x) >> 32))))
#endif

static __inline__  __u16 __fswab16(__u16 x)
{
	return __arch__swab16(x);
}

static __inline__  __u32 __fswab32(__u32 x)
{
	return __arch__swab32(x);
}

static __inline__  __u64 __fswab64(__u64 x)
{
	return __arch__swab64(x);
}

#define __swab16(x)	__fswab16(x)
#define __swab32(x)	__fswab32(x)
#define __swab64(x)	__fswab64(x)


#endif /* _LINUX_BYTEORDER_SWAB_H */
