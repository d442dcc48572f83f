/*
 * A tiny userspace runtime for the generated pgalloc.h: a page pool, the
 * page-table ctor/dtor and spinlocks, each printing one trace line.
 * Compiled in the build layout (-nostdinc), so libc is declared by hand.
 */
#include <linux/mm.h>

extern void *aligned_alloc(unsigned long align, unsigned long size);
extern int printf(const char *fmt, ...);
extern void *memset(void *s, int c, unsigned long n);
extern void abort(void);

#define NPAGES 64
static struct page pages[NPAGES];
static int in_use[NPAGES];
static char *mem;
int irqs_off;

static int page_id(struct page *page) { return (int)(page - pages); }

void *page_address(struct page *page)
{
	return mem + (unsigned long)page_id(page) * PAGE_SIZE;
}

struct page *virt_to_page(const void *addr)
{
	return pages + ((const char *)addr - mem) / PAGE_SIZE;
}

unsigned long page_to_pfn(struct page *page)
{
	return (unsigned long)page_address(page) >> PAGE_SHIFT;
}

struct page *pfn_to_page(unsigned long pfn)
{
	return virt_to_page((void *)(pfn << PAGE_SHIFT));
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	int n = 1 << order, i, j;

	if (!mem)
		mem = aligned_alloc(PAGE_SIZE << 2, NPAGES * PAGE_SIZE);
	for (i = 0; i + n <= NPAGES; i += n) {
		for (j = 0; j < n && !in_use[i + j]; j++)
			;
		if (j < n)
			continue;
		for (j = 0; j < n; j++)
			in_use[i + j] = 1;
		pages[i].flags = 0;
		if (gfp & __GFP_ZERO)
			memset(mem + (unsigned long)i * PAGE_SIZE, 0, (unsigned long)n * PAGE_SIZE);
		else
			memset(mem + (unsigned long)i * PAGE_SIZE, 0x5a, (unsigned long)n * PAGE_SIZE);
		printf("alloc page %d order %u%s%s\n", i, order,
		       gfp & __GFP_HIGHMEM ? " highmem" : "", gfp & __GFP_ZERO ? " zero" : "");
		return pages + i;
	}
	return NULL;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void __free_pages(struct page *page, unsigned int order)
{
	int i;

	if (page->flags & 0xffUL) {
		printf("BUG: page %d freed with flags %#lx\n", page_id(page), page->flags);
		abort();
	}
	for (i = 0; i < (1 << order); i++)
		in_use[page_id(page) + i] = 0;
	printf("free page %d order %u\n", page_id(page), order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	__free_pages(virt_to_page((void *)addr), order);
}

void pgtable_page_ctor(struct page *page)
{
	printf("ctor page %d\n", page_id(page));
}

void pgtable_page_dtor(struct page *page)
{
	printf("dtor page %d\n", page_id(page));
}

void spin_lock(spinlock_t *lock)
{
	printf("lock %s%s\n", lock->name, irqs_off ? "" : " irqs-on");
	lock->locked++;
}

void spin_unlock(spinlock_t *lock)
{
	lock->locked--;
	printf("unlock %s\n", lock->name);
}

unsigned long __spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = (unsigned long)irqs_off;

	irqs_off = 1;
	printf("lock %s irqsave\n", lock->name);
	lock->locked++;
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	lock->locked--;
	irqs_off = (int)flags;
	printf("unlock %s irqrestore\n", lock->name);
}

int page_index(const void *addr)
{
	return page_id(virt_to_page(addr));
}

unsigned long page_offset(const void *addr)
{
	return (unsigned long)((const char *)addr - mem) % PAGE_SIZE;
}
