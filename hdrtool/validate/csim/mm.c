/*
 * The generic mm, written once for every arch on top of the layout's
 * page-table API (the generated <asm/pgalloc.h>), in the shape of Linux
 * 2.6.25's mm/memory.c and kernel/fork.c; hdrtool/sim/mm.py is the model it
 * must agree with event by event.
 *
 * Upper tables are arrays of unsigned long entries (checked against the
 * geometry at start-up); an entry with no address bits is empty.  Missing
 * levels are allocated outside page_table_lock and installed under it only
 * if still empty; __pte_alloc may lose the race and then frees its spare
 * table after unlocking.  free_pgtables frees every table whose span no
 * mapping overlaps any more (the floor/ceiling rule), taking the pte table
 * from the pmd with pmd_pgtable().
 */
#include "csim.h"

struct csim_machine csim;

#define ENTRY_NONE(v)	(((v) & PAGE_MASK) == 0)
#define ENTRY_TABLE(v)	((unsigned long *)__va((v) & PAGE_MASK))

static const char *level_name(int depth)
{
	return csim.levels[depth].name;
}

static int pmd_depth(void)
{
	return csim.nlevels - 2;
}

static void emit_table(const char *ev, struct csim_mm *mm, csim_u64 addr, void *table)
{
	void *shadow = table ? arch_table_shadow(table) : 0;
	char at[32] = "";

	/* pgd_alloc has no address (@addr is -1) */
	if (addr != (csim_u64)-1)
		__builtin_snprintf(at, sizeof(at), " addr=0x%08llx", addr);
	if (!table)
		host_emit("%s mm=%d%s table=null", ev, mm->id, at);
	else if (shadow)
		host_emit("%s mm=%d%s table=0x%08lx shadow=0x%08lx", ev, mm->id, at,
			  csim_phys(table), csim_phys(shadow));
	else
		host_emit("%s mm=%d%s table=0x%08lx", ev, mm->id, at, csim_phys(table));
}

/* -- mm life cycle ------------------------------------------------------------ */

static void mm_struct_init(struct csim_mm *mm, int id, const char *ptl_class)
{
	mm->id = id;
	mm->users = 1;
	csim_lock_register(&mm->mm.page_table_lock, ptl_class, mm);
}

/* mm_alloc / dup_mm -> mm_init: init_new_context, then pgd_alloc. */
struct csim_mm *csim_mm_alloc(struct csim_mm *parent)
{
	struct csim_mm *mm = host_zalloc(sizeof(*mm));
	pgd_t *pgd;

	mm_struct_init(mm, csim.next_mm++, "&mm->page_table_lock");
	arch_init_new_context(parent, mm);
	pgd = pgd_alloc(&mm->mm);
	emit_table("pgd_alloc", mm, -1, pgd);
	if (!pgd) {
		csim_lock_unregister(&mm->mm.page_table_lock);
		host_free(mm);
		return 0;
	}
	mm->mm.pgd = pgd;
	return mm;
}

static struct csim_mm *kernel_mm(void)
{
	static struct csim_mm *mm;	/* made once; a failed pgd is retried */

	if (csim.init_mm)
		return csim.init_mm;
	if (!mm) {
		mm = host_zalloc(sizeof(*mm));
		mm_struct_init(mm, 0, "init_mm.page_table_lock");
		arch_init_new_context(0, mm);
	}
	mm->mm.pgd = arch_kernel_pgd(mm);
	if (!mm->mm.pgd)	/* the vmap fails; the next one tries again */
		return 0;
	host_emit("# init_mm pgd=0x%08lx", csim_phys(mm->mm.pgd));
	csim.init_mm = mm;
	return mm;
}

static void upper_free(struct csim_mm *mm, int depth, unsigned long *table)
{
	const char *name = level_name(depth);

	host_emit("%s_free mm=%d table=0x%08lx", name, mm->id, csim_phys(table));
	if (!__builtin_strcmp(name, "pud"))
		pud_free(&mm->mm, (pud_t *)table);
	else
		pmd_free(&mm->mm, (pmd_t *)table);
}

static void free_pte_range(struct csim_mm *mm, unsigned long *pmd)
{
	pgtable_t token = pmd_pgtable(*(pmd_t *)pmd);

	host_emit("pmd_pgtable pmd=0x%08lx pgtable=0x%08lx", csim_phys(pmd),
		  csim_phys(arch_pgtable_virt(token)));
	*pmd = arch_empty_entry(pmd_depth());
	host_emit("pte_free mm=%d pgtable=0x%08lx", mm->id, csim_phys(arch_pgtable_virt(token)));
	pte_free(&mm->mm, token);
	mm->mm.nr_ptes--;
}

/* free_pgd_range and below, for the tables of [start, end) under @table,
 * which maps the address space from @base. */
static void free_level(struct csim_mm *mm, unsigned long *table, int depth, csim_u64 base,
		       csim_u64 start, csim_u64 end)
{
	const struct csim_level *lvl = &csim.levels[depth];
	csim_u64 first = start > base ? (start - base) >> lvl->shift : 0;
	csim_u64 last = ((end - 1 - base) >> lvl->shift) + 1, idx;

	if (last > lvl->entries)
		last = lvl->entries;
	for (idx = first; idx < last; idx++) {
		csim_u64 lo = base + (idx << lvl->shift), hi = lo + (1ULL << lvl->shift);
		unsigned long *child;

		if (ENTRY_NONE(table[idx]))
			continue;
		if (depth == pmd_depth()) {
			if (!csim_vma_overlaps(mm, lo, hi))
				free_pte_range(mm, &table[idx]);
			continue;
		}
		child = ENTRY_TABLE(table[idx]);
		free_level(mm, child, depth + 1, lo, start > lo ? start : lo, end < hi ? end : hi);
		if (!csim_vma_overlaps(mm, lo, hi)) {
			table[idx] = arch_empty_entry(depth);
			upper_free(mm, depth + 1, child);
		}
	}
}

static void zap(struct csim_mm *mm, csim_u64 start, csim_u64 end);

/* The last user is gone: exit_mmap, then pgd_free. */
void csim_mmput(struct csim_mm *mm)
{
	int i;

	if (--mm->users)
		return;
	for (i = 0; i < mm->nvmas; i++)
		zap(mm, mm->vmas[i].start, mm->vmas[i].end);
	mm->nvmas = 0;
	free_level(mm, (unsigned long *)mm->mm.pgd, 0, 0, 0, 1ULL << csim.address_bits);
	host_emit("pgd_free mm=%d table=0x%08lx", mm->id, csim_phys(mm->mm.pgd));
	pgd_free(&mm->mm, mm->mm.pgd);
	if (mm->mm.nr_ptes)
		host_emit("! leak mm %d exited with nr_ptes %lu", mm->id, mm->mm.nr_ptes);
	csim_lock_unregister(&mm->mm.page_table_lock);
	host_free(mm->vmas);
	host_free(mm);
}

/* -- walking and allocating ------------------------------------------------------ */

/* __pud_alloc / __pmd_alloc: a new table of level @depth + 1 for the empty
 * entry @entry of level @depth. */
static int upper_populate(struct csim_mm *mm, unsigned long *entry, int depth, csim_u64 addr)
{
	const char *child = level_name(depth + 1);
	void *new;
	int pud = !__builtin_strcmp(child, "pud");
	char ev[24];

	if (pud)
		new = pud_alloc_one(&mm->mm, (unsigned long)addr);
	else
		new = pmd_alloc_one(&mm->mm, (unsigned long)addr);
	__builtin_memcpy(ev, child, 4);
	__builtin_memcpy(ev + __builtin_strlen(child), "_alloc_one", 11);
	emit_table(ev, mm, addr, new);
	if (!new)
		return 0;
	spin_lock(&mm->mm.page_table_lock);
	if (!ENTRY_NONE(*entry)) {
		spin_unlock(&mm->mm.page_table_lock);
		upper_free(mm, depth + 1, new);
		return 1;
	}
	host_emit("%s_populate mm=%d entry=0x%08lx table=0x%08lx", level_name(depth), mm->id,
		  csim_phys(entry), csim_phys(new));
	if (pud)
		pgd_populate(&mm->mm, (pgd_t *)entry, (pud_t *)new);
	else
		pud_populate(&mm->mm, (pud_t *)entry, (pmd_t *)new);
	spin_unlock(&mm->mm.page_table_lock);
	return 1;
}

/* The pmd entry for @addr (on two-level variants the pgd entry). */
static unsigned long *walk_pmd(struct csim_mm *mm, csim_u64 addr, int alloc)
{
	unsigned long *table = (unsigned long *)mm->mm.pgd;
	int depth;

	for (depth = 0; depth < pmd_depth(); depth++) {
		const struct csim_level *lvl = &csim.levels[depth];
		unsigned long *entry = &table[(addr >> lvl->shift) & (lvl->entries - 1)];

		if (ENTRY_NONE(*entry)) {
			if (!alloc || !upper_populate(mm, entry, depth, addr))
				return 0;
		}
		table = ENTRY_TABLE(*entry);
	}
	return &table[(addr >> csim.levels[depth].shift) & (csim.levels[depth].entries - 1)];
}

static void emit_pgtable(const char *ev, struct csim_mm *mm, csim_u64 addr, pgtable_t pt)
{
	if (pt)
		host_emit("%s mm=%d addr=0x%08llx pgtable=0x%08lx", ev, mm->id, addr,
			  csim_phys(arch_pgtable_virt(pt)));
	else
		host_emit("%s mm=%d addr=0x%08llx pgtable=null", ev, mm->id, addr);
}

/* __pte_alloc; with @race another thread populates the pmd between our
 * pte_alloc_one() and our taking the lock. */
static int pte_alloc(struct csim_mm *mm, unsigned long *pmd, csim_u64 addr, int race)
{
	pgtable_t new = pte_alloc_one(&mm->mm, (unsigned long)addr);
	int lost;

	emit_pgtable("pte_alloc_one", mm, addr, new);
	if (!new)
		return 0;
	if (race) {
		host_emit("# another thread wins the race");
		pte_alloc(mm, pmd, addr, 0);
	}
	spin_lock(&mm->mm.page_table_lock);
	lost = !ENTRY_NONE(*pmd);
	if (!lost) {
		mm->mm.nr_ptes++;
		host_emit("pmd_populate mm=%d pmd=0x%08lx pgtable=0x%08lx", mm->id, csim_phys(pmd),
			  csim_phys(arch_pgtable_virt(new)));
		pmd_populate(&mm->mm, (pmd_t *)pmd, new);
	}
	spin_unlock(&mm->mm.page_table_lock);
	if (lost) {
		host_emit("pte_free mm=%d pgtable=0x%08lx", mm->id,
			  csim_phys(arch_pgtable_virt(new)));
		pte_free(&mm->mm, new);
	}
	return 1;
}

/* __pte_alloc_kernel: the same dance on init_mm with the _kernel API. */
static int pte_alloc_kernel(struct csim_mm *mm, unsigned long *pmd, csim_u64 addr, int race)
{
	pte_t *new = pte_alloc_one_kernel(&mm->mm, (unsigned long)addr);
	int lost;

	if (new)
		host_emit("pte_alloc_one_kernel mm=%d addr=0x%08llx pte=0x%08lx", mm->id, addr,
			  csim_phys(new));
	else
		host_emit("pte_alloc_one_kernel mm=%d addr=0x%08llx pte=null", mm->id, addr);
	if (!new)
		return 0;
	if (race) {
		host_emit("# another thread wins the race");
		pte_alloc_kernel(mm, pmd, addr, 0);
	}
	spin_lock(&mm->mm.page_table_lock);
	lost = !ENTRY_NONE(*pmd);
	if (!lost) {
		host_emit("pmd_populate_kernel mm=%d pmd=0x%08lx pte=0x%08lx", mm->id,
			  csim_phys(pmd), csim_phys(new));
		pmd_populate_kernel(&mm->mm, (pmd_t *)pmd, new);
	}
	spin_unlock(&mm->mm.page_table_lock);
	if (lost) {
		host_emit("pte_free_kernel mm=%d pte=0x%08lx", mm->id, csim_phys(new));
		pte_free_kernel(&mm->mm, new);
	}
	return 1;
}

/* -- touching ptes ----------------------------------------------------------------- */

/* [lo, hi) is cut at pmd boundaries: one pte table each. */
static csim_u64 chunk_end(csim_u64 lo, csim_u64 end)
{
	csim_u64 span = 1ULL << csim.levels[pmd_depth()].shift;
	csim_u64 next = (lo | (span - 1)) + 1;

	return next < end ? next : end;
}

static unsigned long csim_pte_index(csim_u64 addr)
{
	return (unsigned long)(addr >> PAGE_SHIFT) & (csim.levels[csim.nlevels - 1].entries - 1);
}

/* pte_offset_map_lock: map, then lock the split ptl. */
static pte_t *map_lock(unsigned long pmdval, struct page **pagep, enum km_type km, int subclass)
{
	struct page *page = arch_pmd_pte_page(pmdval);
	pte_t *table = arch_pmd_pte_table(pmdval);
	char *mapped = kmap_atomic(page, km);

	if (subclass)
		spin_lock_nested(&page->ptl, subclass);
	else
		spin_lock(&page->ptl);
	csim_touch(page);
	*pagep = page;
	return (pte_t *)(mapped + ((char *)table - (char *)page_address(page)));
}

/* pte_unmap_unlock: unlock, then unmap. */
static void unlock_unmap(struct page *page, pte_t *ptes, enum km_type km, int subclass)
{
	if (subclass)
		csim_spin_unlock_nested(&page->ptl, subclass);
	else
		spin_unlock(&page->ptl);
	kunmap_atomic(ptes, km);
}

static void set_ptes(pte_t *ptes, csim_u64 lo, csim_u64 hi)
{
	unsigned long i = csim_pte_index(lo);
	csim_u64 a;

	for (a = lo; a < hi; a += PAGE_SIZE, i++)
		if (((unsigned long *)ptes)[i] == arch_empty_pte())
			((unsigned long *)ptes)[i] = (unsigned long)a | 1;
}

/* handle_mm_fault for every page of [start, end). */
int csim_populate(struct csim_mm *mm, csim_u64 start, csim_u64 end, int race)
{
	csim_u64 lo, hi;

	for (lo = start; lo < end; lo = hi) {
		unsigned long *pmd = walk_pmd(mm, lo, 1);
		struct page *page;
		pte_t *ptes;

		hi = chunk_end(lo, end);
		if (!pmd || (ENTRY_NONE(*pmd) && !pte_alloc(mm, pmd, lo, race))) {
			host_emit("# VM_FAULT_OOM");
			return 0;
		}
		ptes = map_lock(*pmd, &page, KM_PTE0, 0);
		set_ptes(ptes, lo, hi);
		unlock_unmap(page, ptes, KM_PTE0, 0);
	}
	return 1;
}

static void zap(struct csim_mm *mm, csim_u64 start, csim_u64 end)
{
	csim_u64 lo, hi, a;

	for (lo = start; lo < end; lo = hi) {
		unsigned long *pmd = walk_pmd(mm, lo, 0);
		struct page *page;
		unsigned long i;
		pte_t *ptes;

		hi = chunk_end(lo, end);
		if (!pmd || ENTRY_NONE(*pmd))
			continue;
		ptes = map_lock(*pmd, &page, KM_PTE0, 0);
		for (a = lo, i = csim_pte_index(lo); a < hi; a += PAGE_SIZE, i++)
			((unsigned long *)ptes)[i] = arch_empty_pte();
		unlock_unmap(page, ptes, KM_PTE0, 0);
	}
}

/* munmap: zap the ptes, drop the mapping, free the tables nothing maps. */
void csim_unmap(struct csim_mm *mm, csim_u64 start, csim_u64 end)
{
	zap(mm, start, end);
	csim_vma_remove(mm, start, end);
	free_level(mm, (unsigned long *)mm->mm.pgd, 0, 0, start, end);
}

/* apply_to_page_range with a callback that checks its token: every pte it
 * is handed must lie in the table that pmd_pgtable() named. */
int csim_apply(struct csim_mm *mm, csim_u64 start, csim_u64 end)
{
	unsigned long size = csim.levels[csim.nlevels - 1].entries * sizeof(pte_t);
	csim_u64 lo, hi;

	for (lo = start; lo < end; lo = hi) {
		unsigned long *pmd = walk_pmd(mm, lo, 1);
		struct page *page;
		pgtable_t token;
		char *first, *tok;
		pte_t *ptes;

		hi = chunk_end(lo, end);
		if (!pmd || (ENTRY_NONE(*pmd) && !pte_alloc(mm, pmd, lo, 0)))
			return 0;
		ptes = map_lock(*pmd, &page, KM_PTE0, 0);
		token = pmd_pgtable(*(pmd_t *)pmd);
		tok = arch_pgtable_virt(token);
		host_emit("pmd_pgtable pmd=0x%08lx pgtable=0x%08lx", csim_phys(pmd), csim_phys(tok));
		first = (char *)arch_pmd_pte_table(*pmd) + csim_pte_index(lo) * sizeof(pte_t);
		if (first < tok || first + ((hi - lo) >> PAGE_SHIFT) * sizeof(pte_t) > tok + size)
			host_emit("! apply-token pte 0x%08lx outside token table 0x%08lx",
				  csim_phys(first), csim_phys(tok));
		unlock_unmap(page, ptes, KM_PTE0, 0);
	}
	return 1;
}

/* fork's copy_page_range for one pte table: the destination's table and
 * lock first, then the source's with nesting subclass 1. */
static void copy_ptes(unsigned long spmd, unsigned long dpmd, csim_u64 lo, csim_u64 hi)
{
	struct page *dpage, *spage;
	pte_t *dst = map_lock(dpmd, &dpage, KM_PTE0, 0);
	pte_t *src = map_lock(spmd, &spage, KM_PTE1, 1);
	unsigned long i;
	csim_u64 a;

	for (a = lo, i = csim_pte_index(lo); a < hi; a += PAGE_SIZE, i++)
		if (((unsigned long *)src)[i] != arch_empty_pte() &&
		    ((unsigned long *)dst)[i] == arch_empty_pte())
			((unsigned long *)dst)[i] = ((unsigned long *)src)[i];
	unlock_unmap(spage, src, KM_PTE1, 1);
	unlock_unmap(dpage, dst, KM_PTE0, 0);
}

struct csim_mm *csim_dup_mm(struct csim_mm *src)
{
	struct csim_mm *dst = csim_mm_alloc(src);
	int i;

	if (!dst)
		return 0;
	csim_vma_splice(dst, 0, 0, src->vmas, src->nvmas);
	for (i = 0; i < src->nvmas; i++) {
		csim_u64 lo, hi, end = src->vmas[i].end;

		for (lo = src->vmas[i].start; lo < end; lo = hi) {
			unsigned long *spmd = walk_pmd(src, lo, 0), *dpmd;

			hi = chunk_end(lo, end);
			if (!spmd || ENTRY_NONE(*spmd))
				continue;
			dpmd = walk_pmd(dst, lo, 1);
			if (!dpmd || (ENTRY_NONE(*dpmd) && !pte_alloc(dst, dpmd, lo, 0))) {
				csim_mmput(dst);
				return 0;
			}
			copy_ptes(*spmd, *dpmd, lo, hi);
		}
	}
	return dst;
}

/* vmap-style mapping in init_mm: ptes are set without the split lock;
 * kernel page tables are never freed. */
int csim_kernel_map(csim_u64 start, csim_u64 end, int race)
{
	struct csim_mm *mm = kernel_mm();
	csim_u64 lo, hi;

	if (!mm)
		return 0;
	for (lo = start; lo < end; lo = hi) {
		unsigned long *pmd = walk_pmd(mm, lo, 1);

		hi = chunk_end(lo, end);
		if (!pmd || (ENTRY_NONE(*pmd) && !pte_alloc_kernel(mm, pmd, lo, race)))
			return 0;
		csim_touch(arch_pmd_pte_page(*pmd));
		set_ptes(arch_pmd_pte_table(*pmd), lo, hi);
	}
	return 1;
}

void csim_kernel_unmap(csim_u64 start, csim_u64 end)
{
	struct csim_mm *mm = csim.init_mm;
	csim_u64 lo, hi, a;

	if (!mm)
		return;
	for (lo = start; lo < end; lo = hi) {
		unsigned long *pmd = walk_pmd(mm, lo, 0), i;
		pte_t *ptes;

		hi = chunk_end(lo, end);
		if (!pmd || ENTRY_NONE(*pmd))
			continue;
		csim_touch(arch_pmd_pte_page(*pmd));
		ptes = arch_pmd_pte_table(*pmd);
		for (a = lo, i = csim_pte_index(lo); a < hi; a += PAGE_SIZE, i++)
			((unsigned long *)ptes)[i] = arch_empty_pte();
	}
}

/* Read the pte of @addr: through pte_offset_map with @kmap, else as code
 * that forgets HIGHPTE does. */
int csim_peek(struct csim_mm *mm, csim_u64 addr, int kmap)
{
	unsigned long *pmd = walk_pmd(mm, addr, 0);
	struct page *page;
	pte_t *ptes;

	if (!pmd || ENTRY_NONE(*pmd))
		return -1;
	page = arch_pmd_pte_page(*pmd);
	ptes = arch_pmd_pte_table(*pmd);
	if (kmap)
		ptes = kmap_atomic(page, KM_PTE0);
	csim_touch(page);
	if (kmap)
		kunmap_atomic(ptes, KM_PTE0);
	return 0;
}
