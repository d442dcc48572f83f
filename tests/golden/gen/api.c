#include <asm/pgalloc.h>
void use(struct mm_struct *mm, pmd_t *pmd, pud_t *pud, pgd_t *pgdp);
void use(struct mm_struct *mm, pmd_t *pmd, pud_t *pud, pgd_t *pgdp)
{
	pgtable_t t = pte_alloc_one(mm, 0UL);
	pte_t *k = pte_alloc_one_kernel(mm, 0UL);
	pgd_t *pgd = pgd_alloc(mm);
	pmd_populate(mm, pmd, t);
	pmd_populate_kernel(mm, pmd, k);
	t = pmd_pgtable(*pmd);
	pte_free(mm, t);
	pte_free_kernel(mm, k);
#ifdef HAS_PMD
	pmd_free(mm, pmd_alloc_one(mm, 0UL));
	pud_populate(mm, pud, pmd);
#endif
#ifdef HAS_PUD
	pud_free(mm, pud_alloc_one(mm, 0UL));
	pgd_populate(mm, pgdp, pud);
#endif
	pgd_free(mm, pgd);
}
