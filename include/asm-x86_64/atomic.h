#ifndef __ARCH_X86_64_ATOMIC__
#define __ARCH_X86_64_ATOMIC__

#include <linux/compiler.h>

/*
 * Atomic operations on x86_64: a locked read-modify-write.  atomic_t is
 * 32 bits, atomic64_t a long.
 */

#ifdef CONFIG_SMP
#define LOCK_PREFIX "lock ; "
#else
#define LOCK_PREFIX ""
#endif

typedef struct { int counter; } atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

#define atomic_read(v)		((v)->counter)
#define atomic_set(v, i)	(((v)->counter) = (i))

static inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "addl %1,%0"
		: "=m" (v->counter)
		: "ir" (i), "m" (v->counter));
}

static inline void atomic_sub(int i, atomic_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "subl %1,%0"
		: "=m" (v->counter)
		: "ir" (i), "m" (v->counter));
}

static inline void atomic_inc(atomic_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "incl %0"
		: "=m" (v->counter)
		: "m" (v->counter));
}

static inline void atomic_dec(atomic_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "decl %0"
		: "=m" (v->counter)
		: "m" (v->counter));
}

static inline int atomic_dec_and_test(atomic_t *v)
{
	unsigned char c;

	__asm__ __volatile__(LOCK_PREFIX "decl %0; sete %1"
		: "=m" (v->counter), "=qm" (c)
		: "m" (v->counter) : "memory");
	return c != 0;
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	int __i = i;

	__asm__ __volatile__(LOCK_PREFIX "xaddl %0, %1"
		: "+r" (i), "+m" (v->counter)
		: : "memory");
	return i + __i;
}

#define atomic_inc_return(v)	(atomic_add_return(1, v))
#define atomic_dec_return(v)	(atomic_add_return(-1, v))

typedef struct { long counter; } atomic64_t;

#define ATOMIC64_INIT(i)	{ (i) }

#define atomic64_read(v)	((v)->counter)
#define atomic64_set(v, i)	(((v)->counter) = (i))

static inline void atomic64_add(long i, atomic64_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "addq %1,%0"
		: "=m" (v->counter)
		: "er" (i), "m" (v->counter));
}

static inline void atomic64_inc(atomic64_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "incq %0"
		: "=m" (v->counter)
		: "m" (v->counter));
}

#endif /* __ARCH_X86_64_ATOMIC__ */
