/* Included at the end of the arch's tlb.h, after tlb_flush(). */
#include <asm/tlb.h>

#ifndef _ASM_GENERIC__TLB_H
#define _ASM_GENERIC__TLB_H

/*
 * mmu_gather: batch the pages freed while unmapping and flush the TLB
 * once before they are given back.  The arch supplies tlb_flush() and
 * the __pte_free_tlb()/__pmd_free_tlb()/__pud_free_tlb() hooks (in its tlb.h
 * or, for levels that are folded, from asm-generic/pgtable-nop*.h); this
 * header supplies everything else.
 */

#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm/tlbflush.h>

#define FREE_PTE_NR	506

struct mmu_gather {
	struct mm_struct	*mm;
	unsigned int		nr;		/* pages batched */
	unsigned int		need_flush;	/* something was unmapped */
	unsigned int		fullmm;		/* the whole mm goes away */
	struct page		*pages[FREE_PTE_NR];
};

static inline void tlb_gather_init(struct mmu_gather *tlb, struct mm_struct *mm,
				   unsigned int full_mm_flush)
{
	tlb->mm = mm;
	tlb->nr = 0;
	tlb->need_flush = 0;
	tlb->fullmm = full_mm_flush;
}

static inline void tlb_flush_mmu(struct mmu_gather *tlb)
{
	unsigned int i;

	if (!tlb->need_flush)
		return;
	tlb->need_flush = 0;
	tlb_flush(tlb);
	for (i = 0; i < tlb->nr; i++)
		__free_page(tlb->pages[i]);
	tlb->nr = 0;
}

static inline void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
}

/* Queue @page to be freed after the next TLB flush. */
static inline void tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	tlb->need_flush = 1;
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr >= FREE_PTE_NR)
		tlb_flush_mmu(tlb);
}

#define tlb_remove_tlb_entry(tlb, ptep, address)		\
	do {							\
		(tlb)->need_flush = 1;				\
		__tlb_remove_tlb_entry(tlb, ptep, address);	\
	} while (0)

#define pte_free_tlb(tlb, ptep)					\
	do {							\
		(tlb)->need_flush = 1;				\
		__pte_free_tlb(tlb, ptep);			\
	} while (0)

#ifndef __ARCH_HAS_4LEVEL_HACK
#define pud_free_tlb(tlb, pudp)					\
	do {							\
		(tlb)->need_flush = 1;				\
		__pud_free_tlb(tlb, pudp);			\
	} while (0)
#endif

#define pmd_free_tlb(tlb, pmdp)					\
	do {							\
		(tlb)->need_flush = 1;				\
		__pmd_free_tlb(tlb, pmdp);			\
	} while (0)

#define tlb_migrate_finish(mm) do {} while (0)

#endif /* _ASM_GENERIC__TLB_H */
