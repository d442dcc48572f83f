#ifndef _X86_64_TLBFLUSH_H
#define _X86_64_TLBFLUSH_H

#include <linux/mm_types.h>
#include <asm/processor.h>

/*
 * TLB flushing on x86_64.
 *
 *  - flush_tlb_all()		all processes, all CPUs
 *  - flush_tlb_mm(mm)		one address space
 *  - flush_tlb_page(vma, addr)	one page
 *  - flush_tlb_range(vma, start, end)
 *  - flush_tlb_kernel_range(start, end)
 *
 * Reloading %cr3 drops every non-global entry; invlpg drops one page.
 * The cross-CPU versions live in the core (arch/x86_64/kernel/smp.c; the
 * simulator's runtime here).
 */

#define __flush_tlb()							\
	do {								\
		unsigned long tmpreg;					\
									\
		__asm__ __volatile__(					\
			"movq %%cr3, %0;              \n"		\
			"movq %0, %%cr3;  # flush TLB \n"		\
			: "=r" (tmpreg)					\
			:: "memory");					\
	} while (0)

#define __flush_tlb_single(addr) \
	__asm__ __volatile__("invlpg (%0)" ::"r" (addr) : "memory")

#define __flush_tlb_all()	__flush_tlb()
#define __flush_tlb_one(addr)	__flush_tlb_single(addr)

extern void flush_tlb_all(void);
extern void flush_tlb_mm(struct mm_struct *mm);
extern void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
extern void flush_tlb_current_task(void);

#define flush_tlb() flush_tlb_current_task()

static inline void flush_tlb_range(struct vm_area_struct *vma,
				   unsigned long start, unsigned long end)
{
	flush_tlb_mm(vma->vm_mm);
}

static inline void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_tlb_all();
}

static inline void flush_tlb_pgtables(struct mm_struct *mm,
				      unsigned long start, unsigned long end)
{
	/* the TLB caches no page-table entries of their own here */
}

#endif /* _X86_64_TLBFLUSH_H */
