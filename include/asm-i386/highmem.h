#ifndef _ASM_HIGHMEM_H
#define _ASM_HIGHMEM_H

#ifdef __KERNEL__

/*
 * High memory on i386: physical memory above what the kernel maps
 * permanently (896M with the 3G/1G split).  A highmem page has no kernel
 * address until it is mapped: kmap() may sleep and maps it until
 * kunmap(); kmap_atomic() uses a per-cpu slot (enum km_type) and must be
 * undone before the task can sleep or migrate.  The mapping code is in
 * the core (arch/i386/mm/highmem.c; the simulator's runtime here).
 */

#include <asm/kmap_types.h>

struct page;

/* The window of kmap() mappings, just below the fixmap area. */
#define LAST_PKMAP 1024
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_NR(virt)  ((virt - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr)  (PKMAP_BASE + ((nr) << PAGE_SHIFT))

extern void *kmap_high(struct page *page);
extern void kunmap_high(struct page *page);

extern void *kmap(struct page *page);
extern void kunmap(struct page *page);
extern void *kmap_atomic(struct page *page, enum km_type type);
extern void kunmap_atomic(void *kvaddr, enum km_type type);
extern struct page *kmap_atomic_to_page(void *ptr);

#define flush_cache_kmaps()	do { } while (0)

#endif /* __KERNEL__ */

#endif /* _ASM_HIGHMEM_H */
