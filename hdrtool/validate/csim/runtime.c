/*
 * The userspace runtime: the core kernel functions that the layout's
 * linux/ headers declare extern, implemented so that they emit the model's trace
 * (docs/sim.md, "The event trace, version 1").
 *
 * Physical memory is one arena; the model's pfn of a page is its index in
 * it and every address in the trace is an offset into it.  The allocator is
 * the model's (hdrtool/sim/pages.py): an order-n allocation takes the lowest
 * free, naturally aligned run of 2^n pages; pages skipped for alignment stay
 * free; the n-th attempt after "fail_alloc n" fails.
 *
 * Locks are known by class: page_table_lock and named locks are registered,
 * a lock inside mem_map is a split ptl (&page->ptl).  The CPU's irq state
 * follows lockdep's bookkeeping (hdrtool/sim/lockdep.py); every change is
 * written as a "# lockdep OP" comment so that the Python validator can
 * replay the run.
 */
#include "csim.h"

struct pageinfo {
	unsigned char used;		/* head of an allocated block */
	unsigned char order;
	unsigned char highmem;
	unsigned char ptl_ok;		/* pgtable_page_ctor ran */
	unsigned char isfree;		/* in the free set (below top) */
	int kmapped;
};

static char *arena;
static struct page *mem_map;
static struct pageinfo *info;
static unsigned long npages, top, hint, used_pages;
static unsigned long nallocs;
static unsigned long fail_at[16];
static int nfail;
static unsigned long nr_pagetable;

void csim_runtime_init(unsigned long arena_pages)
{
	npages = arena_pages;
	arena = host_arena(npages * PAGE_SIZE);
	mem_map = host_zalloc(npages * sizeof(*mem_map));
	info = host_zalloc(npages * sizeof(*info));
}

unsigned long csim_pages_used(void)
{
	return used_pages;
}

static unsigned long pfn_of(struct page *page)
{
	unsigned long pfn = (unsigned long)(page - mem_map);

	if (page < mem_map || pfn >= npages)
		host_die("struct page %p is not in mem_map", (void *)page);
	return pfn;
}

unsigned long csim_pfn(struct page *page)
{
	return pfn_of(page);
}

unsigned long csim_phys(const void *virt)
{
	const char *p = virt;

	if (p < arena || p >= arena + npages * PAGE_SIZE)
		host_die("address %p is not in simulated memory", virt);
	return (unsigned long)(p - arena);
}

void *page_address(struct page *page)
{
	return arena + pfn_of(page) * PAGE_SIZE;
}

struct page *virt_to_page(const void *addr)
{
	return mem_map + csim_phys(addr) / PAGE_SIZE;
}

unsigned long page_to_pfn(struct page *page)
{
	return __pa(page_address(page)) >> PAGE_SHIFT;
}

struct page *pfn_to_page(unsigned long pfn)
{
	return virt_to_page(__va(pfn << PAGE_SHIFT));
}

/* -- the page allocator ---------------------------------------------------- */

void csim_fail_nth(unsigned long n)
{
	if (nfail == (int)(sizeof(fail_at) / sizeof(fail_at[0])))
		host_die("too many pending fail_alloc");
	fail_at[nfail++] = nallocs + n;
}

static int should_fail(void)
{
	int i;

	for (i = 0; i < nfail; i++)
		if (fail_at[i] == nallocs) {
			fail_at[i] = fail_at[--nfail];
			return 1;
		}
	return 0;
}

static void release(unsigned long pfn)
{
	info[pfn].isfree = 1;
	if (pfn < hint)
		hint = pfn;
}

static int avail(unsigned long pfn)
{
	return pfn >= top || info[pfn].isfree;
}

static unsigned long take(unsigned int order)
{
	unsigned long n = 1UL << order, start = 0, pfn;

	if (order == 0) {
		for (pfn = hint; pfn < top; pfn++)
			if (info[pfn].isfree) {
				info[pfn].isfree = 0;
				hint = pfn + 1;
				return pfn;
			}
		hint = top + 1;
		return top++;
	}
	for (;;) {
		for (pfn = start; pfn < start + n && avail(pfn); pfn++)
			;
		if (pfn == start + n)
			break;
		start += n;
	}
	for (pfn = start; pfn < start + n && pfn < top; pfn++)
		info[pfn].isfree = 0;
	for (pfn = top; pfn < start; pfn++)	/* an alignment gap stays free */
		release(pfn);
	if (start + n > top)
		top = start + n;
	return start;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long pfn;
	int highmem = !!(gfp & __GFP_HIGHMEM);

	nallocs++;
	if (nfail && should_fail()) {
		host_emit("page_alloc_fail order=%u seq=%lu", order, nallocs);
		return NULL;
	}
	pfn = take(order);
	if (pfn + (1UL << order) > npages)
		host_die("simulated memory exhausted (%lu pages)", npages);
	info[pfn].used = 1;
	info[pfn].order = (unsigned char)order;
	info[pfn].highmem = (unsigned char)highmem;
	info[pfn].ptl_ok = 0;
	used_pages += 1UL << order;
	__builtin_memset(&mem_map[pfn], 0, sizeof(mem_map[pfn]) << order);
	/* poison what the caller did not ask to be zeroed: uninitialised
	 * entries then look like garbage, not like empty entries */
	__builtin_memset(arena + pfn * PAGE_SIZE, (gfp & __GFP_ZERO) ? 0 : 0x5a,
			 PAGE_SIZE << order);
	host_emit("page_alloc pfn=%lu order=%u highmem=%d", pfn, order, highmem);
	return mem_map + pfn;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = pfn_of(page), i;

	if (!info[pfn].used)
		host_die("__free_pages: pfn %lu is not allocated", pfn);
	if (info[pfn].order != order)
		host_die("__free_pages: pfn %lu freed with order %u, allocated with order %u",
			 pfn, order, info[pfn].order);
	if (info[pfn].ptl_ok)
		host_emit("! dtor-missing page %lu freed with its page-table ctor state", pfn);
	if (info[pfn].kmapped)
		host_emit("! kmapped page %lu freed while mapped", pfn);
	info[pfn].used = 0;
	used_pages -= 1UL << order;
	host_emit("page_free pfn=%lu order=%u", pfn, order);
	for (i = 0; i < (1UL << order); i++)
		release(pfn + i);
}

void free_pages(unsigned long addr, unsigned int order)
{
	__free_pages(virt_to_page((void *)addr), order);
}

/*
 * The zone counters (mm/vmstat.c).  linux/mm.h's inline pgtable_page_ctor()
 * and pgtable_page_dtor() count a page-table page in NR_PAGETABLE: that is
 * where the model's ctor and dtor events come from.
 */
void inc_zone_page_state(struct page *page, enum zone_stat_item item)
{
	unsigned long pfn = pfn_of(page);

	if (item != NR_PAGETABLE)
		return;
	info[pfn].ptl_ok = 1;
	nr_pagetable++;
	host_emit("ctor pfn=%lu nr_pagetable=%lu", pfn, nr_pagetable);
}

void dec_zone_page_state(struct page *page, enum zone_stat_item item)
{
	unsigned long pfn = pfn_of(page);

	if (item != NR_PAGETABLE)
		return;
	if (!info[pfn].ptl_ok)
		host_emit("! dtor-twice page %lu had no ctor", pfn);
	info[pfn].ptl_ok = 0;
	nr_pagetable--;
	host_emit("dtor pfn=%lu nr_pagetable=%lu", pfn, nr_pagetable);
}

unsigned long global_page_state(enum zone_stat_item item)
{
	return item == NR_PAGETABLE ? nr_pagetable : 0;
}

/*
 * The atomic kmaps: linux/highmem.h (asm/highmem.h with CONFIG_HIGHMEM)
 * declares them extern in every variant.  Only highmem pages are really
 * mapped, and only they are traced, as in the model.
 */
void *kmap_atomic(struct page *page, enum km_type type)
{
	unsigned long pfn = pfn_of(page);

	if (info[pfn].highmem) {
		info[pfn].kmapped++;
		host_emit("kmap pfn=%lu", pfn);
	}
	return page_address(page);
}

void kunmap_atomic(void *kvaddr, enum km_type type)
{
	unsigned long pfn = pfn_of(virt_to_page(kvaddr));

	if (info[pfn].highmem) {
		info[pfn].kmapped--;
		host_emit("kunmap pfn=%lu", pfn);
	}
}

void csim_touch(struct page *page)
{
	unsigned long pfn = pfn_of(page);

	if (info[pfn].highmem && !info[pfn].kmapped)
		host_emit("! highpte-no-kmap pte table page %lu is in highmem and not kmapped", pfn);
}

/* -- irq state, lockdep's bookkeeping --------------------------------------- */

static int hardirq, softirq, hardirqs_on = 1, bh_count;
static int saved_on[64], nsaved;

void csim_irq_disable(void)
{
	host_emit("# lockdep irq_disable");
	hardirqs_on = 0;
}

void csim_irq_enable(void)
{
	host_emit("# lockdep irq_enable");
	hardirqs_on = 1;
}

void csim_bh_disable(void)
{
	host_emit("# lockdep bh_disable");
	bh_count++;
}

void csim_bh_enable(void)
{
	host_emit("# lockdep bh_enable");
	bh_count--;
}

void csim_irq_enter(int hard)
{
	if (nsaved == 64)
		host_die("interrupts nested too deep");
	host_emit("# lockdep enter %s", hard ? "hardirq" : "softirq");
	saved_on[nsaved++] = hardirqs_on;
	if (hard) {
		hardirq++;
		hardirqs_on = 0;
	} else {
		softirq++;
		bh_count++;
		hardirqs_on = 1;
	}
}

int csim_irq_leave(int hard)
{
	int was;

	if (!nsaved)
		return -1;
	was = saved_on[--nsaved];
	host_emit("# lockdep leave %s", hard ? "hardirq" : "softirq");
	if (hard) {
		hardirq--;
		if (was)
			hardirqs_on = 1;
	} else {
		softirq--;
		bh_count--;
		if (!was)
			hardirqs_on = 0;
	}
	return 0;
}

/* -- spinlocks ---------------------------------------------------------------- */

struct lockreg {
	const spinlock_t *lock;
	const char *cls;
	struct csim_mm *mm;
};

static struct lockreg regs[256];
static int nregs;
static struct { char name[64]; spinlock_t lock; } named[32];
static int nnamed;

void csim_lock_register(spinlock_t *lock, const char *cls, struct csim_mm *mm)
{
	if (nregs == (int)(sizeof(regs) / sizeof(regs[0])))
		host_die("too many locks");
	regs[nregs].lock = lock;
	regs[nregs].cls = cls;
	regs[nregs].mm = mm;
	nregs++;
}

void csim_lock_unregister(spinlock_t *lock)
{
	int i;

	for (i = 0; i < nregs; i++)
		if (regs[i].lock == lock) {
			regs[i] = regs[--nregs];
			return;
		}
}

spinlock_t *csim_named_lock(const char *cls)
{
	int i;

	for (i = 0; i < nnamed; i++)
		if (!__builtin_strcmp(named[i].name, cls))
			return &named[i].lock;
	if (nnamed == 32 || __builtin_strlen(cls) >= sizeof(named[0].name))
		host_die("lock class %s: too many or too long", cls);
	__builtin_memcpy(named[nnamed].name, cls, __builtin_strlen(cls) + 1);
	csim_lock_register(&named[nnamed].lock, named[nnamed].name, 0);
	return &named[nnamed++].lock;
}

static struct lockreg *lookup(const spinlock_t *lock)
{
	static struct lockreg ptl = { 0, "&page->ptl", 0 };
	const char *p = (const char *)lock;
	int i;

	for (i = 0; i < nregs; i++)
		if (regs[i].lock == lock)
			return &regs[i];
	if (p >= (const char *)mem_map && p < (const char *)(mem_map + npages)) {
		unsigned long pfn = (unsigned long)(p - (const char *)mem_map) / sizeof(struct page);

		if (!info[pfn].ptl_ok)
			host_emit("! ptl-uninitialised split ptl of table page %lu taken before "
				  "pgtable_page_ctor", pfn);
		return &ptl;
	}
	host_die("lock %p of no known class", (const void *)lock);
}

static const char *ctx(void)
{
	return hardirq ? "hardirq" : softirq ? "softirq" : "task";
}

static void acquire(spinlock_t *lock, int subclass)
{
	struct lockreg *r = lookup(lock);

	if (subclass)
		host_emit("lock_acquire class=%s/%d ctx=%s hardirqs=%d softirqs=%d", r->cls,
			  subclass, ctx(), hardirqs_on, bh_count == 0);
	else
		host_emit("lock_acquire class=%s ctx=%s hardirqs=%d softirqs=%d", r->cls, ctx(),
			  hardirqs_on, bh_count == 0);
	if (r->mm)
		arch_ptl_acquired(r->mm);
}

static void release_lock(spinlock_t *lock, int subclass)
{
	struct lockreg *r = lookup(lock);

	if (r->mm)
		arch_ptl_releasing(r->mm);
	if (subclass)
		host_emit("lock_release class=%s/%d", r->cls, subclass);
	else
		host_emit("lock_release class=%s", r->cls);
}

/* The class of a lock is known by where it lies (see lookup()). */
void __spin_lock_init(spinlock_t *lock, const char *name)
{
}

void spin_lock(spinlock_t *lock)
{
	acquire(lock, 0);
}

void spin_lock_nested(spinlock_t *lock, int subclass)
{
	acquire(lock, subclass);
}

void spin_unlock(spinlock_t *lock)
{
	release_lock(lock, 0);
}

void csim_spin_unlock_nested(spinlock_t *lock, int subclass)
{
	release_lock(lock, subclass);
}

unsigned long __spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = (unsigned long)hardirqs_on;

	csim_irq_disable();
	acquire(lock, 0);
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	release_lock(lock, 0);
	if (flags)
		csim_irq_enable();
}
