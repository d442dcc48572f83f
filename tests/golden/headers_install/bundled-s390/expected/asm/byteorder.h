#ifndef _S390_BYTEORDER_H
#define _S390_BYTEORDER_H

#include <linux/types.h>


#ifdef __GNUC__

/*
 * s390 is big-endian.  64-bit machines have load-reversed instructions
 * (lrvg, lrv, lrvh): a swap is one load.
 */
#ifdef __s390x__
static __inline__ __u64 ___arch__swab64p(const __u64 *x)
{
	__u64 result;

	__asm__ volatile("lrvg %0,%1" : "=d" (result) : "m" (*x));
	return result;
}

static __inline__ __u64 ___arch__swab64(__u64 x)
{
	__u64 result;

	__asm__ volatile("lrvgr %0,%1" : "=d" (result) : "d" (x));
	return result;
}

#define __arch__swab64(x) ___arch__swab64(x)
#endif /* __s390x__ */

static __inline__ __u32 ___arch__swab32p(const __u32 *x)
{
	__u32 result;

	__asm__ __volatile__ (
#ifndef __s390x__
		"	icm	%0,8,3(%1)\n"
		"	icm	%0,4,2(%1)\n"
		"	icm	%0,2,1(%1)\n"
		"	ic	%0,0(%1)"
		: "=&d" (result) : "a" (x), "m" (*x) : "cc");
#else /* __s390x__ */
		"	lrv	%0,%1"
		: "=d" (result) : "m" (*x));
#endif /* __s390x__ */
	return result;
}

#define __arch__swab32p(x) ___arch__swab32p(x)

#endif /* __GNUC__ */

#define __BYTEORDER_HAS_U64__

#include <linux/byteorder/big_endian.h>

#endif /* _S390_BYTEORDER_H */
