/*
 * x86 arch code of the compiled simulator, in the style of Linux 2.6.25
 * arch/x86/mm/pgtable_32.c: what the generated <asm/pgalloc.h> leaves to
 * arch C (pgd_lock and pgd_list, the vmalloc sync walker, swapper_pg_dir)
 * and the hooks of hdrtool/csim/csim.h.  Written for hdrtool.
 */
#include "csim.h"

#ifndef PGD_ORDER
#define PGD_ORDER	0
#endif

/* Every pgd is on pgd_list; pgd_lock is also taken from (soft)irq context. */
spinlock_t pgd_lock;
struct list_head pgd_list = { &pgd_list, &pgd_list };

void arch_csim_init(void)
{
	csim_lock_register(&pgd_lock, "pgd_lock", 0);
}

void arch_init_new_context(struct csim_mm *parent, struct csim_mm *mm)
{
}

pgd_t *arch_kernel_pgd(struct csim_mm *mm)
{
	return (pgd_t *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, PGD_ORDER);
}

struct page *arch_pmd_pte_page(unsigned long pmdval)
{
	return pmd_page(__pmd(pmdval));
}

pte_t *arch_pmd_pte_table(unsigned long pmdval)
{
	return (pte_t *)__va(pmdval & PAGE_MASK);
}

void *arch_pgtable_virt(pgtable_t pgtable)
{
	return page_address(pgtable);
}

unsigned long arch_empty_entry(int depth)
{
	return 0;
}

unsigned long arch_empty_pte(void)
{
	return 0;
}

void *arch_table_shadow(void *table)
{
	return 0;
}

void arch_ptl_acquired(struct csim_mm *mm)
{
}

void arch_ptl_releasing(struct csim_mm *mm)
{
}

/*
 * vmalloc_sync_all: walk every pgd under pgd_lock, taken the way the
 * generated header takes it (irqs off; plain spin_lock in the pre-fix
 * layout, whose header defines PGD_LOCK_PLAIN).
 */
void arch_sync_pgds(void)
{
	struct list_head *pos;
	int n = 0;
#ifdef PGD_LOCK_PLAIN
	spin_lock(&pgd_lock);
	for (pos = pgd_list.next; pos != &pgd_list; pos = pos->next)
		n++;
	spin_unlock(&pgd_lock);
#else
	unsigned long flags;

	spin_lock_irqsave(&pgd_lock, flags);
	for (pos = pgd_list.next; pos != &pgd_list; pos = pos->next)
		n++;
	spin_unlock_irqrestore(&pgd_lock, flags);
#endif
	(void)n;
}

struct csim_mm *arch_enable_sie(struct csim_mm *mm, int *unsupported)
{
	*unsupported = 1;
	return 0;
}
