#ifndef __ASM_SYSTEM_H
#define __ASM_SYSTEM_H

#include <linux/kernel.h>
#include <asm-i386/processor-flags.h>

/*
 * Memory barriers and exchange on x86_64: SSE2 is always there, so the
 * fence instructions serve as barriers.
 */

#define mb()	__asm__ __volatile__("mfence" : : : "memory")
#define rmb()	__asm__ __volatile__("lfence" : : : "memory")
#define wmb()	__asm__ __volatile__("sfence" : : : "memory")

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
		__asm__ __volatile__("xchgl %k0,%1"
			:"=r" (x), "+m" (*(volatile unsigned int *)ptr)
			:"0" (x)
			:"memory");
		break;
	case 8:
		__asm__ __volatile__("xchgq %0,%1"
			:"=r" (x), "+m" (*(volatile unsigned long *)ptr)
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
	unsigned long cr3;

	asm("movq %%cr3,%0" : "=r" (cr3));
	return cr3;
}

static inline void write_cr3(unsigned long val)
{
	asm volatile("movq %0,%%cr3" :: "r" (val) : "memory");
}

#define nop() __asm__ __volatile__ ("nop")

#endif /* __ASM_SYSTEM_H */
