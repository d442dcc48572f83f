/*
 * s390 arch code of the compiled simulator, in the style of Linux 2.6.25
 * arch/s390/mm/pgtable.c: init_new_context, the kernel's region/segment
 * table, s390_enable_sie, and the hooks of hdrtool/csim/csim.h.  The
 * fragment allocator itself (page_table_alloc/page_table_free) and the crst
 * tables are generated into <asm/pgalloc.h> and used as they are.
 *
 * The trace's frag_alloc/frag_free/pgtable_list events are observed, not
 * reported by the generated code: the fragment bits and mm's pgtable_list
 * are snapshotted when page_table_lock is taken and compared when it is
 * released, so what the events show is what the code under test did.
 * Written for hdrtool.
 */
#include "csim.h"

struct frag_snap {
	struct page *page;
	unsigned long bits;
};

static struct frag_snap snap[256];
static int nsnap;
static struct csim_mm *snap_mm;

void arch_csim_init(void)
{
}

/* init_new_context: pgstes for copies of an mm that allocates them (or for
 * every mm with "set pgste=1"), otherwise the noexec boot option.  init_mm
 * has neither. */
void arch_init_new_context(struct csim_mm *parent, struct csim_mm *mm)
{
	mm_context_t *ctx = &mm->mm.context;

	ctx->pgtable_list.next = ctx->pgtable_list.prev = &ctx->pgtable_list;
	if (mm->id == 0)
		return;
	if ((parent && parent->alloc_pgste) || csim.pgste_all) {
		ctx->has_pgste = 1;
		ctx->alloc_pgste = 1;
		mm->alloc_pgste = 1;
	} else {
		ctx->noexec = csim.noexec;
	}
}

pgd_t *arch_kernel_pgd(struct csim_mm *mm)
{
	return (pgd_t *)crst_table_alloc(&mm->mm, PGD_ORDER, PGD_ENTRY_EMPTY);
}

struct page *arch_pmd_pte_page(unsigned long pmdval)
{
	return virt_to_page(__va(pmdval & PAGE_MASK));
}

pte_t *arch_pmd_pte_table(unsigned long pmdval)
{
	return (pte_t *)__va(pmdval & ~(unsigned long)(PTE_FRAG_SIZE - 1));
}

void *arch_pgtable_virt(pgtable_t pgtable)
{
	return pgtable;
}

/* Segment table entries point to pte tables, region entries to tables. */
unsigned long arch_empty_entry(int depth)
{
	return depth == csim.nlevels - 2 ? _SEGMENT_ENTRY_EMPTY : _REGION3_ENTRY_EMPTY;
}

unsigned long arch_empty_pte(void)
{
	return _PAGE_TYPE_EMPTY;
}

void *arch_table_shadow(void *table)
{
	return (void *)virt_to_page(table)->index;
}

static unsigned long frag_bits(struct page *page)
{
	return page->flags & PTE_FRAG_MASK;
}

void arch_ptl_acquired(struct csim_mm *mm)
{
	struct list_head *head = &mm->mm.context.pgtable_list, *pos;

	if (snap_mm)
		host_die("page_table_lock of mm %d taken while mm %d's is held", mm->id,
			 snap_mm->id);
	snap_mm = mm;
	nsnap = 0;
	for (pos = head->next; pos != head; pos = pos->next) {
		if (nsnap == (int)(sizeof(snap) / sizeof(snap[0])))
			host_die("pgtable_list of mm %d too long", mm->id);
		snap[nsnap].page = list_entry(pos, struct page, lru);
		snap[nsnap].bits = frag_bits(snap[nsnap].page);
		nsnap++;
	}
}

static void frag_event(struct page *page, unsigned long old, unsigned long new)
{
	unsigned long changed = old ^ new;
	int idx = __builtin_ctzl(changed);

	if (new & ~old)
		host_emit("frag_alloc pfn=%lu frag=%d bits=0x%lx", csim_pfn(page), idx, new);
	else
		host_emit("frag_free pfn=%lu frag=%d bits=0x%lx", csim_pfn(page), idx, new);
}

static void emit_list(struct csim_mm *mm)
{
	struct list_head *head = &mm->mm.context.pgtable_list, *pos;
	static char buf[2048];
	int len = 0;

	for (pos = head->next; pos != head && len < (int)sizeof(buf) - 24; pos = pos->next) {
		unsigned long pfn = csim_pfn(list_entry(pos, struct page, lru));
		char digits[24];
		int n = 0;

		if (len)
			buf[len++] = ',';
		do
			digits[n++] = (char)('0' + pfn % 10);
		while ((pfn /= 10));
		while (n)
			buf[len++] = digits[--n];
	}
	buf[len] = '\0';
	host_emit("pgtable_list mm=%d pfns=%s", mm->id, len ? buf : "-");
}

/* What the code under test changed while it held page_table_lock. */
void arch_ptl_releasing(struct csim_mm *mm)
{
	struct list_head *head = &mm->mm.context.pgtable_list, *pos;
	int i, changed = 0, same_order = 1;

	for (i = 0, pos = head->next; pos != head; pos = pos->next, i++) {
		struct page *page = list_entry(pos, struct page, lru);
		unsigned long old = 0;
		int j;

		if (i >= nsnap || snap[i].page != page)
			same_order = 0;
		for (j = 0; j < nsnap; j++)
			if (snap[j].page == page)
				old = snap[j].bits;
		if (old != frag_bits(page)) {
			frag_event(page, old, frag_bits(page));
			changed = 1;
		}
	}
	if (i != nsnap)
		same_order = 0;
	for (i = 0; i < nsnap; i++) {
		int listed = 0;

		for (pos = head->next; pos != head; pos = pos->next)
			if (list_entry(pos, struct page, lru) == snap[i].page)
				listed = 1;
		if (!listed && frag_bits(snap[i].page) != snap[i].bits) {
			frag_event(snap[i].page, snap[i].bits, frag_bits(snap[i].page));
			changed = 1;
		}
	}
	if (changed || !same_order)
		emit_list(mm);
	snap_mm = 0;
}

void arch_sync_pgds(void)
{
}

/* s390_enable_sie: copy the mm so that every table of the copy has pgstes. */
struct csim_mm *arch_enable_sie(struct csim_mm *mm, int *unsupported)
{
	struct csim_mm *new;

	if (mm->mm.context.has_pgste)
		return mm;
	mm->alloc_pgste = 1;
	new = csim_dup_mm(mm);
	mm->alloc_pgste = 0;
	return new;
}
