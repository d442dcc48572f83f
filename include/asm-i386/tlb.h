#ifndef _I386_TLB_H
#define _I386_TLB_H

/*
 * i386 needs no per-vma work when unmapping: one flush of the whole mm
 * at the end does it.
 */
#define tlb_start_vma(tlb, vma) do { } while (0)
#define tlb_end_vma(tlb, vma) do { } while (0)
#define __tlb_remove_tlb_entry(tlb, ptep, address) do { } while (0)

#define tlb_flush(tlb) flush_tlb_mm((tlb)->mm)

/*
 * A pte table is a whole page: it goes back with the unmapped pages,
 * a user pte page after leaving the page-table accounting
 * (pgtable_page_dtor, the pair of the ctor in pte_alloc_one).
 */
#define __pte_free_tlb(tlb, pte)			\
	do {						\
		pgtable_page_dtor(pte);			\
		tlb_remove_page((tlb), (pte));		\
	} while (0)

#include <asm-generic/tlb.h>

#endif /* _I386_TLB_H */
