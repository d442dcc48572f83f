#ifndef TLB_H
#define TLB_H 1

/* x86_64 flushes the whole mm once, at the end of an unmap. */
#define tlb_start_vma(tlb, vma) do { } while (0)
#define tlb_end_vma(tlb, vma) do { } while (0)
#define __tlb_remove_tlb_entry(tlb, ptep, address) do { } while (0)

#define tlb_flush(tlb) flush_tlb_mm((tlb)->mm)

/*
 * Every table is a whole page: it goes back with the unmapped pages,
 * a user pte page after leaving the page-table accounting
 * (pgtable_page_dtor, the pair of the ctor in pte_alloc_one).
 */
#define __pte_free_tlb(tlb, pte)			\
	do {						\
		pgtable_page_dtor(pte);			\
		tlb_remove_page((tlb), (pte));		\
	} while (0)
#define __pmd_free_tlb(tlb, x)   tlb_remove_page((tlb), virt_to_page(x))
#define __pud_free_tlb(tlb, x)   tlb_remove_page((tlb), virt_to_page(x))

#include <asm-generic/tlb.h>

#endif /* TLB_H */
