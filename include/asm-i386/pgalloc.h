#ifndef _I386_PGALLOC_H
#define _I386_PGALLOC_H

/*
 * Page-table allocation for i386.
 *
 * A pte table is a whole page.  Kernel tables are known by their kernel
 * address (pte_t *); user tables by their struct page, because with
 * CONFIG_HIGHPTE they may sit in high memory and have no permanent
 * kernel address.  The allocators themselves are in arch/i386/mm/pgtable.c.
 */

#include <linux/threads.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#define pmd_populate_kernel(mm, pmd, pte) \
		set_pmd(pmd, __pmd(_PAGE_TABLE + __pa(pte)))

#define pmd_populate(mm, pmd, pte)				\
		set_pmd(pmd, __pmd(_PAGE_TABLE +		\
			((unsigned long long)page_to_pfn(pte) <<	\
			 (unsigned long long) PAGE_SHIFT)))

/*
 * Every pgd is on pgd_list (linked through page->index, under pgd_lock),
 * so that changes to the kernel part of the page tables can be copied
 * into all of them.
 */
extern spinlock_t pgd_lock;
extern struct page *pgd_list;

extern pgd_t *pgd_alloc(struct mm_struct *mm);
extern void pgd_free(pgd_t *pgd);

extern pte_t *pte_alloc_one_kernel(struct mm_struct *mm, unsigned long address);
extern struct page *pte_alloc_one(struct mm_struct *mm, unsigned long address);

static inline void pte_free_kernel(pte_t *pte)
{
	free_page((unsigned long)pte);
}

static inline void pte_free(struct page *pte)
{
	__free_page(pte);
}

#ifdef CONFIG_X86_PAE
/*
 * With PAE the four pmd tables are allocated with the pgd and freed with
 * it, never on their own.
 */
#define pmd_alloc_one(mm, addr)		({ BUG(); ((pmd_t *)2); })
#define pmd_free(x)			do { } while (0)
#define __pmd_free_tlb(tlb, x)		do { } while (0)
#define pud_populate(mm, pmd, pte)	BUG()
#endif

#define check_pgt_cache()	do { } while (0)

#endif /* _I386_PGALLOC_H */
