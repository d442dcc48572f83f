#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H
#include <linux/types.h>
#define __GFP_HIGHMEM	0x02u
#define __GFP_WAIT	0x10u
#define __GFP_IO	0x40u
#define __GFP_FS	0x80u
#define __GFP_REPEAT	0x400u
#define __GFP_ZERO	0x8000u
#define GFP_KERNEL	(__GFP_WAIT | __GFP_IO | __GFP_FS)
struct page;
extern struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
extern unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
extern void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
extern void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)
#endif
