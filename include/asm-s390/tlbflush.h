#ifndef _S390_TLBFLUSH_H
#define _S390_TLBFLUSH_H

#include <linux/mm_types.h>
#include <asm/processor.h>
#include <asm/setup.h>

/*
 * TLB flushing on s390.  ptlb purges this CPU's TLB; csp (or idte on
 * newer machines) purges the entries of an address space on all CPUs.
 * The cross-CPU versions are out of line (arch/s390/mm; the simulator's
 * runtime here).
 *
 *  - flush_tlb_all()		all address spaces, all CPUs
 *  - flush_tlb_mm(mm)		one address space
 *  - flush_tlb_page(vma, addr)	one page
 *  - flush_tlb_range(vma, start, end)
 *  - flush_tlb_kernel_range(start, end)
 */

static inline void __tlb_flush_local(void)
{
	asm volatile("ptlb" : : : "memory");
}

extern void flush_tlb_all(void);
extern void flush_tlb_mm(struct mm_struct *mm);

static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_mm(vma->vm_mm);
}

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
}

#endif /* _S390_TLBFLUSH_H */
