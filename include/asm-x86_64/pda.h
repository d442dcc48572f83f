#ifndef _ASM_X86_64_PDA_H
#define _ASM_X86_64_PDA_H

#ifndef __ASSEMBLY__
#include <linux/stddef.h>
#include <linux/types.h>
#include <asm/page.h>

struct task_struct;
struct mm_struct;

/*
 * The per-processor data area, addressed through %gs in the kernel:
 * what the entry code and "current" need without a memory indirection.
 */
struct x8664_pda {
	struct task_struct *pcurrent;	/* the running task */
	unsigned long data_offset;	/* this cpu's per-cpu area offset */
	unsigned long kernelstack;	/* top of the kernel stack */
	unsigned long oldrsp;		/* user rsp on system call entry */
	int irqcount;			/* irq nesting, -1 outside */
	int cpunumber;			/* logical cpu number */
	char *irqstackptr;		/* top of the irq stack */
	int nodenumber;			/* NUMA node */
	unsigned int __softirq_pending;
	unsigned int __nmi_count;	/* NMIs on this cpu */
	short mmu_state;		/* TLB state for lazy mm switching */
	short isidle;
	struct mm_struct *active_mm;
	unsigned apic_timer_irqs;
} __attribute__((__aligned__(64)));

extern struct x8664_pda *_cpu_pda[];
extern struct x8664_pda boot_cpu_pda[];

#define cpu_pda(i) (_cpu_pda[i])

/* Read a field of this cpu's pda with one %gs-relative load. */
#define read_pda(field)							\
({									\
	__typeof__(((struct x8664_pda *)0)->field) __ret;		\
	switch (sizeof(__ret)) {					\
	case 8:								\
		__asm__("movq %%gs:%c1,%q0" : "=r" (__ret)		\
			: "i" (offsetof(struct x8664_pda, field)));	\
		break;							\
	case 4:								\
		__asm__("movl %%gs:%c1,%k0" : "=r" (__ret)		\
			: "i" (offsetof(struct x8664_pda, field)));	\
		break;							\
	default:							\
		__ret = 0;						\
	}								\
	__ret;								\
})

#endif /* !__ASSEMBLY__ */

#define PDA_STACKOFFSET (5*8)

#endif /* _ASM_X86_64_PDA_H */
