#ifndef _S390_TLB_H
#define _S390_TLB_H

/*
 * s390 invalidates a pte with ipte, which flushes the TLB entries on all
 * CPUs at once, so unmapping needs no per-vma work.  Page tables are
 * freed right away instead of being batched with the pages: a table may
 * share its page with others.
 */
#define tlb_start_vma(tlb, vma)			do { } while (0)
#define tlb_end_vma(tlb, vma)			do { } while (0)
#define __tlb_remove_tlb_entry(tlb, ptep, addr)	do { } while (0)

#define tlb_flush(tlb)	flush_tlb_mm((tlb)->mm)

#define __pte_free_tlb(tlb, pte)	pte_free((tlb)->mm, pte)
#ifdef __s390x__
#define __pmd_free_tlb(tlb, pmd)	pmd_free((tlb)->mm, pmd)
#endif

#include <asm-generic/tlb.h>

#endif /* _S390_TLB_H */
