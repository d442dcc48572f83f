#ifndef _I386_PGTABLE_3LEVEL_H
#define _I386_PGTABLE_3LEVEL_H

/*
 * Entry operations for three-level (PAE) page tables: entries are 64
 * bits, so storing one takes care that the CPU never sees a half-written
 * present entry (high word first when setting, present bit first when
 * clearing).
 *
 * Only meaningful with CONFIG_X86_PAE (asm/page.h then has the 64-bit
 * entry types); none of hdrtool's variants enables it.
 */

#include <asm/page.h>

#ifdef CONFIG_X86_PAE

#include <asm/pgtable-3level-defs.h>

#define pte_ERROR(e) \
	printk("%s:%d: bad pte %p(%08lx%08lx).\n", __FILE__, __LINE__, &(e), (e).pte_high, (e).pte_low)
#define pmd_ERROR(e) \
	printk("%s:%d: bad pmd %p(%016Lx).\n", __FILE__, __LINE__, &(e), pmd_val(e))
#define pgd_ERROR(e) \
	printk("%s:%d: bad pgd %p(%016Lx).\n", __FILE__, __LINE__, &(e), pgd_val(e))

static inline void native_set_pte(pte_t *ptep, pte_t pte)
{
	ptep->pte_high = pte.pte_high;
	barrier();
	ptep->pte_low = pte.pte_low;
}

static inline void native_pte_clear(pte_t *ptep)
{
	ptep->pte_low = 0;
	barrier();
	ptep->pte_high = 0;
}

static inline void native_set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	*pmdp = pmd;
}

#define set_pte(ptep, pte)			native_set_pte(ptep, pte)
#define set_pte_at(mm, addr, ptep, pte)		native_set_pte(ptep, pte)
#define set_pmd(pmdp, pmd)			native_set_pmd(pmdp, pmd)
#define pte_clear(mm, addr, ptep)		native_pte_clear(ptep)
#define pmd_clear(pmdp)				native_set_pmd(pmdp, __pmd(0))

#define pte_none(x)		(!(x).pte_low && !(x).pte_high)
#define pte_pfn(x)		(((x).pte_low >> PAGE_SHIFT) | ((x).pte_high << (32 - PAGE_SHIFT)))
#define pte_page(x)		pfn_to_page(pte_pfn(x))

#endif /* CONFIG_X86_PAE */

#endif /* _I386_PGTABLE_3LEVEL_H */
