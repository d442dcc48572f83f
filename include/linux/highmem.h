#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

/*
 * Temporary kernel mappings of pages that may sit in high memory.
 *
 * With CONFIG_HIGHMEM the arch declares kmap_atomic()/kunmap_atomic() in
 * asm/highmem.h and the core implements them with per-cpu fixmap slots
 * (enum km_type in asm/kmap_types.h).  Without it every page has a
 * permanent kernel address: kmap() is page_address(), and kmap_atomic()
 * is still a call into the core.
 */

#include <linux/mm.h>
#include <linux/string.h>

#ifdef CONFIG_HIGHMEM

#include <asm/highmem.h>

#else /* !CONFIG_HIGHMEM */

#include <asm-generic/kmap_types.h>

/*
 * Every page has a kernel address, so mapping is page_address(); the
 * core still provides the kmap_atomic() entry points (a simulator counts
 * them), the slot only matters with CONFIG_HIGHMEM.
 */
static inline void *kmap(struct page *page)
{
	return page_address(page);
}

#define kunmap(page)	do { (void)(page); } while (0)

extern void *kmap_atomic(struct page *page, enum km_type type);
extern void kunmap_atomic(void *kvaddr, enum km_type type);

#endif /* CONFIG_HIGHMEM */

static inline void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page, KM_USER0);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_atomic(kaddr, KM_USER0);
}

#endif /* _LINUX_HIGHMEM_H */
