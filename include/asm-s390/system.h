#ifndef __ASM_SYSTEM_H
#define __ASM_SYSTEM_H

#include <linux/kernel.h>
#include <asm/types.h>
#include <asm/ptrace.h>
#include <asm/setup.h>

/*
 * Barriers, exchange and the control registers on s390.  "bcr 15,0"
 * serializes the CPU.
 */

#define eieio()	asm volatile("bcr 15,0" : : : "memory")
#define SYNC_OTHER_CORES(x)	eieio()
#define mb()	eieio()
#define rmb()	eieio()
#define wmb()	eieio()
#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()

static inline unsigned long __xchg(unsigned long x, volatile void *ptr, int size)
{
	switch (size) {
	case 4:
		return __sync_lock_test_and_set((volatile unsigned int *) ptr, (unsigned int) x);
#ifdef __s390x__
	case 8:
		return __sync_lock_test_and_set((volatile unsigned long *) ptr, x);
#endif
	}
	return x;
}

#define xchg(ptr, x) \
	((__typeof__(*(ptr))) __xchg((unsigned long)(x), (void *)(ptr), sizeof(*(ptr))))

/* Load and store control registers low..high from/to @array. */
#ifdef __s390x__
#define __ctl_load(array, low, high) ({				\
	typedef struct { char _[sizeof(array)]; } addrtype;	\
	asm volatile(						\
		"	lctlg	%1,%2,0(%0)\n"			\
		: : "a" (&array), "i" (low), "i" (high),	\
		    "m" (*(addrtype *)(&array)));		\
	})
#else
#define __ctl_load(array, low, high) ({				\
	typedef struct { char _[sizeof(array)]; } addrtype;	\
	asm volatile(						\
		"	lctl	%1,%2,0(%0)\n"			\
		: : "a" (&array), "i" (low), "i" (high),	\
		    "m" (*(addrtype *)(&array)));		\
	})
#endif

extern void smp_ctl_set_bit(int cr, int bit);
extern void smp_ctl_clear_bit(int cr, int bit);

#endif /* __ASM_SYSTEM_H */
