#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/linkage.h>

struct page;

/*
 * GFP bitmasks: how an allocation may behave (sleep, do I/O, retry) and
 * which zones it may use.  Values as in Linux 2.6.23 include/linux/gfp.h.
 */

/* Zone modifiers */
#define __GFP_DMA	((__force gfp_t)0x01u)
#define __GFP_HIGHMEM	((__force gfp_t)0x02u)
#define __GFP_DMA32	((__force gfp_t)0x04u)

/* Action modifiers */
#define __GFP_WAIT	((__force gfp_t)0x10u)	/* may sleep */
#define __GFP_HIGH	((__force gfp_t)0x20u)	/* may use emergency pools */
#define __GFP_IO	((__force gfp_t)0x40u)	/* may start physical IO */
#define __GFP_FS	((__force gfp_t)0x80u)	/* may call into the fs */
#define __GFP_COLD	((__force gfp_t)0x100u)	/* cache-cold page wanted */
#define __GFP_NOWARN	((__force gfp_t)0x200u)	/* no failure warning */
#define __GFP_REPEAT	((__force gfp_t)0x400u)	/* retry, may still fail */
#define __GFP_NOFAIL	((__force gfp_t)0x800u)	/* retry forever */
#define __GFP_NORETRY	((__force gfp_t)0x1000u)/* do not retry */
#define __GFP_COMP	((__force gfp_t)0x4000u)/* compound page metadata */
#define __GFP_ZERO	((__force gfp_t)0x8000u)/* return zeroed pages */

#define __GFP_BITS_SHIFT 20
#define __GFP_BITS_MASK ((__force gfp_t)((1 << __GFP_BITS_SHIFT) - 1))

#define GFP_NOWAIT	(GFP_ATOMIC & ~__GFP_HIGH)
#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_NOIO	(__GFP_WAIT)
#define GFP_NOFS	(__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER	(__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HIGHMEM)
#define GFP_DMA		__GFP_DMA

/*
 * The page allocator proper lives in the core (mm/page_alloc.c; the
 * simulator's runtime here).
 */
extern struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
extern unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
extern unsigned long get_zeroed_page(gfp_t gfp_mask);
extern void __free_pages(struct page *page, unsigned int order);
extern void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp_mask)		alloc_pages(gfp_mask, 0)
#define __get_free_page(gfp_mask)	__get_free_pages((gfp_mask), 0)
#define __free_page(page)		__free_pages((page), 0)
#define free_page(addr)			free_pages((addr), 0)

#endif /* __LINUX_GFP_H */
