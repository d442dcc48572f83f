#ifndef __ASM_SYSTEM_H
#define __ASM_SYSTEM_H

#include <linux/kernel.h>
#include <asm/processor-flags.h>

/*
 * Memory barriers and exchange on i386.  Every 32-bit x86 since the
 * Pentium Pro orders stores; lfence/mfence need SSE2, so the barriers
 * use a locked add to the stack instead.
 */

#define mb()	__asm__ __volatile__("lock; addl $0,0(%%esp)" : : : "memory")
#define rmb()	mb()
#define wmb()	__asm__ __volatile__("" : : : "memory")

#ifdef CONFIG_SMP
#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()
#else
#define smp_mb()	barrier()
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
#endif

#define set_mb(var, value) do { (void) xchg(&var, value); } while (0)

/* xchg with a memory operand is implicitly locked. */
static inline unsigned long __xchg(unsigned long x, volatile void *ptr, int size)
{
	switch (size) {
	case 1:
		__asm__ __volatile__("xchgb %b0,%1"
			:"=q" (x), "+m" (*(volatile unsigned char *)ptr)
			:"0" (x)
			:"memory");
		break;
	case 2:
		__asm__ __volatile__("xchgw %w0,%1"
			:"=r" (x), "+m" (*(volatile unsigned short *)ptr)
			:"0" (x)
			:"memory");
		break;
	case 4:
		__asm__ __volatile__("xchgl %0,%1"
			:"=r" (x), "+m" (*(volatile unsigned int *)ptr)
			:"0" (x)
			:"memory");
		break;
	}
	return x;
}

#define xchg(ptr, v) \
	((__typeof__(*(ptr)))__xchg((unsigned long)(v), (ptr), sizeof(*(ptr))))

static inline unsigned long read_cr3(void)
{
	unsigned long val;

	__asm__ __volatile__("movl %%cr3,%0\n\t" : "=r" (val));
	return val;
}

static inline void write_cr3(unsigned long val)
{
	__asm__ __volatile__("movl %0,%%cr3" : : "r" (val) : "memory");
}

extern void *_switch_to(void *prev, void *next);

#endif /* __ASM_SYSTEM_H */
