/* Included at the end of the arch's pgtable.h. */
#include <asm/pgtable.h>

#ifndef _ASM_GENERIC_PGTABLE_H
#define _ASM_GENERIC_PGTABLE_H

/*
 * Page-table helpers an arch may take as they are: each is used unless
 * the arch's pgtable.h says it has its own (__HAVE_ARCH_<NAME>).
 */

#ifndef __ASSEMBLY__

#ifndef __HAVE_ARCH_PTEP_GET_AND_CLEAR
#define ptep_get_and_clear(mm, address, ptep)			\
({								\
	pte_t __pte = *(ptep);					\
	pte_clear((mm), (address), (ptep));			\
	__pte;							\
})
#endif

#ifndef __HAVE_ARCH_PTE_SAME
#define pte_same(A, B)	(pte_val(A) == pte_val(B))
#endif

#ifndef __HAVE_ARCH_PGD_OFFSET_GATE
#define pgd_offset_gate(mm, addr)	pgd_offset(mm, addr)
#endif

#ifndef __HAVE_ARCH_MOVE_PTE
#define move_pte(pte, prot, old_addr, new_addr)	(pte)
#endif

/*
 * The end of the range one entry of the level maps, clipped to @end; the
 * "- 1" comparisons keep it right when the range ends at the top of the
 * address space.
 */
#define pgd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

#ifndef pud_addr_end
#define pud_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#endif

#ifndef pmd_addr_end
#define pmd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#endif

#endif /* !__ASSEMBLY__ */

#endif /* _ASM_GENERIC_PGTABLE_H */
