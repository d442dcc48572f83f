#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

/*
 * struct page, struct mm_struct and struct vm_area_struct: the subset of
 * their Linux 2.6.23 fields that page-table code touches.
 */

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <asm/atomic.h>
#include <asm/page.h>
#include <asm/mmu.h>

struct address_space;

/*
 * One struct page per physical page frame.
 *
 * While a page holds page tables, ->ptl is the split page-table lock of
 * the tables in it and ->lru may link it on the owner's lists (s390 keeps
 * pages with free table fragments on mm->context.pgtable_list).  Linux
 * overlays ptl on ->private/->mapping when split locks are configured;
 * here it always has a field of its own.
 */
struct page {
	unsigned long flags;		/* PG_ bits, see linux/page-flags.h */
	atomic_t _count;		/* usage count */
	atomic_t _mapcount;		/* ptes that map the page, minus one */
	unsigned long private;		/* owner's data */
	struct address_space *mapping;
	pgoff_t index;			/* offset in mapping, or owner's data */
	struct list_head lru;
	spinlock_t ptl;			/* split page-table lock */
#if defined(WANT_PAGE_VIRTUAL)
	void *virtual;			/* kernel address, if mapped */
#endif
};

struct mm_struct;

/* A region of a process's address space. */
struct vm_area_struct {
	struct mm_struct *vm_mm;	/* the address space we belong to */
	unsigned long vm_start;		/* first byte */
	unsigned long vm_end;		/* first byte after the end */
	struct vm_area_struct *vm_next;	/* sorted by address */
	pgprot_t vm_page_prot;		/* access permissions of the ptes */
	unsigned long vm_flags;		/* VM_ flags */
	unsigned long vm_pgoff;		/* offset in PAGE_SIZE units */
	void *vm_private_data;
};

/* An address space. */
struct mm_struct {
	struct vm_area_struct *mmap;	/* list of VMAs */
	unsigned long task_size;
	pgd_t *pgd;			/* the top-level page table */
	atomic_t mm_users;		/* users of the address space */
	atomic_t mm_count;		/* references to the struct */
	int map_count;			/* number of VMAs */
	spinlock_t page_table_lock;	/* guards page tables and counters */
	struct list_head mmlist;
	unsigned long nr_ptes;		/* pte tables in use */
	unsigned long total_vm, locked_vm, stack_vm;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	mm_context_t context;		/* arch-specific, see asm/mmu.h */
	unsigned long flags;
};

#endif /* _LINUX_MM_TYPES_H */
