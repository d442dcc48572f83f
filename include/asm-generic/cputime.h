#ifndef _ASM_GENERIC_CPUTIME_H
#define _ASM_GENERIC_CPUTIME_H

#include <linux/types.h>

/* CPU time counted in jiffies: the conversions are identities. */

typedef unsigned long cputime_t;

#define cputime_zero			(0UL)
#define cputime_max			((~0UL >> 1) - 1)
#define cputime_add(a, b)		((a) +  (b))
#define cputime_sub(a, b)		((a) -  (b))
#define cputime_div(a, n)		((a) /  (n))
#define cputime_eq(a, b)		((a) == (b))
#define cputime_gt(a, b)		((a) >  (b))
#define cputime_ge(a, b)		((a) >= (b))
#define cputime_lt(a, b)		((a) <  (b))
#define cputime_le(a, b)		((a) <= (b))
#define cputime_to_jiffies(__ct)	(__ct)
#define jiffies_to_cputime(__hz)	(__hz)

typedef u64 cputime64_t;

#define cputime64_zero (0ULL)
#define cputime64_add(__a, __b)		((__a) + (__b))
#define cputime_to_cputime64(__ct)	((u64) __ct)

#define cputime_to_msecs(__ct)		jiffies_to_msecs(__ct)
#define msecs_to_cputime(__msecs)	msecs_to_jiffies(__msecs)

#endif /* _ASM_GENERIC_CPUTIME_H */
