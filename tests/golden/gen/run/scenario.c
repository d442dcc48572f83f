/*
 * Drive the generated API and print what it does: which pages it takes,
 * where each pte table lands, ctor/dtor, locks.  The expected trace per
 * variant is a golden file.
 */
#include <asm/pgalloc.h>

extern int printf(const char *fmt, ...);
extern void abort(void);
extern int page_index(const void *addr);
extern unsigned long page_offset(const void *addr);

#ifdef PTE_FRAG_SIZE
#define TABLE(t)	(t)
#else
#define TABLE(t)	page_address(t)
spinlock_t pgd_lock = { 0, "pgd_lock" };
struct list_head pgd_list = { &pgd_list, &pgd_list };
#endif

static void show(const char *what, pgtable_t t)
{
	printf("%s: page %d offset %lu\n", what, page_index(TABLE(t)), page_offset(TABLE(t)));
}

static void run(struct mm_struct *mm, const char *name)
{
	pgtable_t t[6];
	pmd_t pmd;
	int i;

	printf("-- %s\n", name);
	mm->pgd = pgd_alloc(mm);
	for (i = 0; i < 6; i++) {
		t[i] = pte_alloc_one(mm, 0UL);
		show("alloc", t[i]);
	}
	pmd_populate(mm, &pmd, t[2]);
	if (pmd_pgtable(pmd) != t[2]) {
		printf("BUG: pmd_pgtable does not give back what pmd_populate installed\n");
		abort();
	}
	/* free in the middle first, then the rest */
	pte_free(mm, t[1]);
	t[1] = pte_alloc_one(mm, 0UL);
	show("realloc", t[1]);
	for (i = 0; i < 6; i++)
		pte_free(mm, t[i]);
	pgd_free(mm, mm->pgd);
}

int main(void)
{
	static struct mm_struct mm;

	mm.page_table_lock.name = "page_table_lock";
#ifdef PTE_FRAG_SIZE
	mm.context.pgtable_list.next = mm.context.pgtable_list.prev = &mm.context.pgtable_list;
	run(&mm, "plain");
	mm.context.has_pgste = 1;
	run(&mm, "pgste");
	mm.context.has_pgste = 0;
	mm.context.noexec = 1;
	run(&mm, "noexec");
	if (!list_empty(&mm.context.pgtable_list))
		abort();
#else
	run(&mm, "plain");
	if (!list_empty(&pgd_list))
		abort();
#endif
	return 0;
}
