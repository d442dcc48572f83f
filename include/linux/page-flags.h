#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

/*
 * Bit numbers in page->flags (Linux 2.6.23 order).
 *
 * PG_arch_1 belongs to the arch.  The low bits of a page-table page's
 * flags are free for the arch to use while the page holds page tables:
 * s390 keeps one bit per 1K/2K table fragment there.
 */

#include <asm/bitops.h>

#define PG_locked		 0	/* under I/O or otherwise claimed */
#define PG_error		 1
#define PG_referenced		 2
#define PG_uptodate		 3
#define PG_dirty		 4
#define PG_lru			 5
#define PG_active		 6
#define PG_slab			 7	/* owned by the slab allocator */
#define PG_owner_priv_1		 8	/* for whoever owns the page */
#define PG_arch_1		 9
#define PG_reserved		10
#define PG_private		11	/* ->private is in use */
#define PG_writeback		12	/* being written back */
#define PG_compound		14	/* head or tail of a compound page */
#define PG_swapcache		15	/* in the swap cache */
#define PG_mappedtodisk		16	/* backed by disk blocks */
#define PG_reclaim		17	/* reclaim soon */
#define PG_buddy		19	/* free, in the buddy allocator */

#define PageLocked(page)	test_bit(PG_locked, &(page)->flags)
#define SetPageLocked(page)	set_bit(PG_locked, &(page)->flags)
#define ClearPageLocked(page)	clear_bit(PG_locked, &(page)->flags)

#define PageReserved(page)	test_bit(PG_reserved, &(page)->flags)
#define SetPageReserved(page)	set_bit(PG_reserved, &(page)->flags)
#define ClearPageReserved(page)	clear_bit(PG_reserved, &(page)->flags)

#define PageDirty(page)		test_bit(PG_dirty, &(page)->flags)
#define SetPageDirty(page)	set_bit(PG_dirty, &(page)->flags)
#define ClearPageDirty(page)	clear_bit(PG_dirty, &(page)->flags)

#define PageHighMem(page)	0	/* the core knows; see linux/highmem.h */

#endif /* PAGE_FLAGS_H */
