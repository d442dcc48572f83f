#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#ifdef __KERNEL__

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mm_types.h>
#include <linux/vmstat.h>
#include <linux/page-flags.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* vm_flags */
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_GROWSDOWN	0x00000100

/*
 * Where a page frame is mapped in the kernel and back.  The core provides
 * them (with FLATMEM they are mem_map arithmetic; the simulator's runtime
 * keeps its own page pool).
 */
extern void *page_address(struct page *page);
extern struct page *virt_to_page(const void *addr);

static inline int page_count(struct page *page)
{
	return atomic_read(&page->_count);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_count);
}

static inline void init_page_count(struct page *page)
{
	atomic_set(&page->_count, 1);
}

/*
 * Split page-table locks: the lock of a pte table is the ptl of the page
 * the table sits in, so faults in different tables do not contend on
 * mm->page_table_lock.
 */
static inline spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	return &pmd_page(*pmd)->ptl;
}

static inline void pte_lock_init(struct page *page)
{
	spin_lock_init(&page->ptl);
}

static inline void pte_lock_deinit(struct page *page)
{
	page->mapping = NULL;
}

/*
 * Constructor and destructor of a page that holds page tables: set up the
 * split lock and count the page in NR_PAGETABLE, and undo both.  The arch
 * calls them once per page it takes from (gives back to) the page
 * allocator for page tables.
 */
static inline void pgtable_page_ctor(struct page *page)
{
	pte_lock_init(page);
	inc_zone_page_state(page, NR_PAGETABLE);
}

static inline void pgtable_page_dtor(struct page *page)
{
	pte_lock_deinit(page);
	dec_zone_page_state(page, NR_PAGETABLE);
}

/* Map the pte table of @pmd and take its lock; undo in reverse order. */
#define pte_offset_map_lock(mm, pmd, address, ptlp)	\
({							\
	spinlock_t *__ptl = pte_lockptr(mm, pmd);	\
	pte_t *__pte = pte_offset_map(pmd, address);	\
	*(ptlp) = __ptl;				\
	spin_lock(__ptl);				\
	__pte;						\
})

#define pte_unmap_unlock(pte, ptl)	do {		\
	spin_unlock(ptl);				\
	pte_unmap(pte);					\
} while (0)

/* Generic mm entry points the arch code calls (mm/memory.c). */
struct mmu_gather;
extern int __pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long address);
extern int __pte_alloc_kernel(pmd_t *pmd, unsigned long address);
extern void free_pgd_range(struct mmu_gather **tlb, unsigned long addr,
			   unsigned long end, unsigned long floor,
			   unsigned long ceiling);

#endif /* __KERNEL__ */

#endif /* _LINUX_MM_H */
