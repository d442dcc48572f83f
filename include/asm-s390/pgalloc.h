#ifndef _S390_PGALLOC_H
#define _S390_PGALLOC_H

/*
 * Page-table allocation for s390 (before pgtable_t).
 *
 * Region and segment tables (crst) are four pages (16K) on s390x, two
 * (8K) on 31-bit: 2048 entries.  With noexec each table gets a shadow
 * twin of the same size.  The allocators are in arch/s390/mm/pgtable.c;
 * generic mm still passes user pte tables around as struct page.
 */

#include <linux/threads.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

#define check_pgt_cache()	do {} while (0)

extern unsigned long *crst_table_alloc(struct mm_struct *mm, int noexec);
extern void crst_table_free(unsigned long *table);
extern unsigned long *page_table_alloc(int noexec);
extern void page_table_free(unsigned long *table);

/* Fill @n bytes of a table with the empty entry @val. */
static inline void clear_table(unsigned long *s, unsigned long val, size_t n)
{
	unsigned long i;

	for (i = 0; i < n / sizeof(unsigned long); i++)
		s[i] = val;
}

static inline void crst_table_init(unsigned long *crst, unsigned long entry)
{
	clear_table(crst, entry, sizeof(unsigned long) * 2048);
	crst = get_shadow_table(crst);
	if (crst)
		clear_table(crst, entry, sizeof(unsigned long) * 2048);
}

#ifndef CONFIG_64BIT

static inline unsigned long pgd_entry_type(struct mm_struct *mm)
{
	return _SEGMENT_ENTRY_EMPTY;
}

#else /* CONFIG_64BIT */

static inline unsigned long pgd_entry_type(struct mm_struct *mm)
{
	return _REGION3_ENTRY_EMPTY;
}

static inline pmd_t *pmd_alloc_one(struct mm_struct *mm, unsigned long vmaddr)
{
	unsigned long *crst = crst_table_alloc(mm, mm->context.noexec);

	if (crst)
		crst_table_init(crst, _SEGMENT_ENTRY_EMPTY);
	return (pmd_t *) crst;
}
#define pmd_free(pmd) crst_table_free((unsigned long *) pmd)

static inline void pud_populate(struct mm_struct *mm, pud_t *pud, pmd_t *pmd)
{
	pud_t *shadow_pud = get_shadow_table(pud);
	pmd_t *shadow_pmd = get_shadow_table(pmd);

	if (shadow_pud && shadow_pmd)
		pud_val(*shadow_pud) = _REGION3_ENTRY | __pa(shadow_pmd);
	pud_val(*pud) = _REGION3_ENTRY | __pa(pmd);
}

#endif /* CONFIG_64BIT */

static inline pgd_t *pgd_alloc(struct mm_struct *mm)
{
	unsigned long *crst;

	INIT_LIST_HEAD(&mm->context.crst_list);
	INIT_LIST_HEAD(&mm->context.pgtable_list);
	crst = crst_table_alloc(mm, s390_noexec);
	if (crst)
		crst_table_init(crst, pgd_entry_type(mm));
	return (pgd_t *) crst;
}
#define pgd_free(pgd) crst_table_free((unsigned long *) pgd)

static inline void pmd_populate_kernel(struct mm_struct *mm,
				       pmd_t *pmd, pte_t *pte)
{
	pmd_t *shadow_pmd = get_shadow_table(pmd);
	pte_t *shadow_pte = get_shadow_table(pte);

	if (shadow_pmd && shadow_pte)
		pmd_val(*shadow_pmd) = _SEGMENT_ENTRY + __pa(shadow_pte);
	pmd_val(*pmd) = _SEGMENT_ENTRY + __pa(pte);
}

static inline void pmd_populate(struct mm_struct *mm,
				pmd_t *pmd, struct page *page)
{
	pmd_populate_kernel(mm, pmd, (pte_t *) page_to_phys(page));
}

/* pte tables: one page each, pte part first, shadow (noexec) behind it. */
static inline pte_t *pte_alloc_one_kernel(struct mm_struct *mm, unsigned long vmaddr)
{
	return (pte_t *) page_table_alloc(s390_noexec);
}

static inline struct page *pte_alloc_one(struct mm_struct *mm, unsigned long vmaddr)
{
	unsigned long *table = page_table_alloc(mm->context.noexec);

	if (!table)
		return NULL;
	return virt_to_page(table);
}

static inline void pte_free_kernel(pte_t *pte)
{
	page_table_free((unsigned long *) pte);
}

static inline void pte_free(struct page *pte)
{
	page_table_free((unsigned long *) page_to_phys(pte));
}

#endif /* _S390_PGALLOC_H */
