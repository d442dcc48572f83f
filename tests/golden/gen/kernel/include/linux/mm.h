#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include <asm/mmu.h>
struct page {
	unsigned long flags;
	unsigned long index;
	struct list_head lru;
	spinlock_t ptl;
};
struct mm_struct {
	pgd_t *pgd;
	spinlock_t page_table_lock;
	unsigned long nr_ptes;
	mm_context_t context;
};
extern void *page_address(struct page *page);
extern struct page *virt_to_page(const void *addr);
extern unsigned long page_to_pfn(struct page *page);
extern struct page *pfn_to_page(unsigned long pfn);
extern void pgtable_page_ctor(struct page *page);
extern void pgtable_page_dtor(struct page *page);
#endif
