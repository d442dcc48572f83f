#ifndef __ARCH_S390_ATOMIC__
#define __ARCH_S390_ATOMIC__

#include <linux/compiler.h>

/*
 * Atomic operations.  The machine does them with compare-and-swap loops
 * (cs on 32-bit values, csg on 64-bit ones); written here with the
 * compiler's __sync builtins, which produce exactly such loops on s390
 * and let the same header serve code compiled for another host.
 */

typedef struct {
	int counter;
} __attribute__ ((aligned (4))) atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

#define atomic_read(v)		((v)->counter)
#define atomic_set(v, i)	(((v)->counter) = (i))

static __inline__ int atomic_add_return(int i, atomic_t *v)
{
	return __sync_add_and_fetch(&v->counter, i);
}

static __inline__ int atomic_sub_return(int i, atomic_t *v)
{
	return __sync_sub_and_fetch(&v->counter, i);
}

#define atomic_add(i, v)	((void) atomic_add_return(i, v))
#define atomic_sub(i, v)	((void) atomic_sub_return(i, v))
#define atomic_inc(v)		((void) atomic_add_return(1, v))
#define atomic_dec(v)		((void) atomic_sub_return(1, v))
#define atomic_inc_return(v)	atomic_add_return(1, v)
#define atomic_dec_return(v)	atomic_sub_return(1, v)
#define atomic_dec_and_test(v)	(atomic_sub_return(1, v) == 0)

static __inline__ int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	return __sync_val_compare_and_swap(&v->counter, old, new);
}

#ifdef __s390x__
typedef struct {
	long long counter;
} __attribute__ ((aligned (8))) atomic64_t;

#define ATOMIC64_INIT(i)	{ (i) }
#define atomic64_read(v)	((v)->counter)
#define atomic64_set(v, i)	(((v)->counter) = (i))

static __inline__ long long atomic64_add_return(long long i, atomic64_t *v)
{
	return __sync_add_and_fetch(&v->counter, i);
}

#define atomic64_inc(v)		((void) atomic64_add_return(1, v))
#define atomic64_dec(v)		((void) atomic64_add_return(-1, v))
#endif /* __s390x__ */

#endif /* __ARCH_S390_ATOMIC__ */
