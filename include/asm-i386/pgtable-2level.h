#ifndef _I386_PGTABLE_2LEVEL_H
#define _I386_PGTABLE_2LEVEL_H

/* Entry operations for two-level (non-PAE) page tables. */

#include <asm/page.h>
#include <asm/pgtable-2level-defs.h>

#define pte_ERROR(e) \
	printk("%s:%d: bad pte %08lx.\n", __FILE__, __LINE__, (e).pte_low)
#define pgd_ERROR(e) \
	printk("%s:%d: bad pgd %08lx.\n", __FILE__, __LINE__, pgd_val(e))

/* One 32-bit word: a plain store is atomic. */
static inline void native_set_pte(pte_t *ptep, pte_t pte)
{
	*ptep = pte;
}

static inline void native_set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	*pmdp = pmd;
}

#define set_pte(pteptr, pteval)		native_set_pte(pteptr, pteval)
#define set_pte_at(mm, addr, ptep, pteval)	set_pte(ptep, pteval)
#define set_pte_atomic(pteptr, pteval)	set_pte(pteptr, pteval)
#define set_pmd(pmdptr, pmdval)		native_set_pmd(pmdptr, pmdval)

#define pte_clear(mm, addr, xp)	do { set_pte_at(mm, addr, xp, __pte(0)); } while (0)
#define pmd_clear(xp)		do { set_pmd(xp, __pmd(0)); } while (0)

#define __HAVE_ARCH_PTEP_GET_AND_CLEAR
#define ptep_get_and_clear(mm, addr, xp)	__pte(xchg(&(xp)->pte_low, 0))

#define pte_page(x)		pfn_to_page(pte_pfn(x))
#define pte_none(x)		(!(x).pte_low)
#define pte_pfn(x)		((unsigned long)((x).pte_low >> PAGE_SHIFT))
#define pfn_pte(pfn, prot)	__pte(((pfn) << PAGE_SHIFT) | pgprot_val(prot))
#define pfn_pmd(pfn, prot)	__pmd(((pfn) << PAGE_SHIFT) | pgprot_val(prot))

#endif /* _I386_PGTABLE_2LEVEL_H */
