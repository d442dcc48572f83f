/*
 * The kernel half of the compiled simulator: the generic mm core, the
 * runtime that implements the core kernel functions the layout declares
 * extern (page allocator, spinlocks, ctor/dtor, kmap), and the hooks each
 * arch's arch/<arch>/mm/ C code provides.  Compiled with -nostdinc against the
 * layout under test: <asm/...> is the generated code being validated.
 */
#ifndef _CSIM_H
#define _CSIM_H

#include <linux/mm.h>
#include <linux/spinlock.h>
#include <asm/pgalloc.h>
#include <linux/highmem.h>
#include <linux/vmstat.h>

#include "host.h"

/* A 64-bit address of the model, whatever the kernel's u64 is. */
typedef unsigned long long csim_u64;


#ifndef PAGE_MASK
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#endif

void spin_lock_nested(spinlock_t *lock, int subclass);
void csim_spin_unlock_nested(spinlock_t *lock, int subclass);

#define csim_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

/* -- runtime.c ------------------------------------------------------------ */
struct csim_mm;

void csim_runtime_init(unsigned long arena_pages);
unsigned long csim_phys(const void *virt);	/* offset in simulated memory */
unsigned long csim_pfn(struct page *page);	/* the model's pfn */
void csim_fail_nth(unsigned long n);
void csim_touch(struct page *page);		/* entries are about to be used */
void csim_lock_register(spinlock_t *lock, const char *cls, struct csim_mm *mm);
void csim_lock_unregister(spinlock_t *lock);
spinlock_t *csim_named_lock(const char *cls);
void csim_irq_disable(void);
void csim_irq_enable(void);
void csim_bh_disable(void);
void csim_bh_enable(void);
void csim_irq_enter(int hard);
int csim_irq_leave(int hard);			/* -1: not inside one */
unsigned long csim_pages_used(void);

/* -- mm.c: the generic mm ------------------------------------------------- */
struct csim_level {
	char name[8];
	unsigned int shift;
	unsigned long entries;
	unsigned int entry_size;
};

struct csim_vma { csim_u64 start, end; };

struct csim_mm {
	struct mm_struct mm;
	int id;
	int users;
	int alloc_pgste;		/* s390: tables of copies get pgstes */
	struct csim_vma *vmas;
	int nvmas, maxvmas;
};

struct csim_machine {
	struct csim_level levels[5];
	int nlevels;
	unsigned int address_bits;
	int noexec;			/* the s390 noexec boot option */
	int pgste_all;			/* every new mm allocates pgstes */
	int next_mm;
	struct csim_mm *init_mm;
};

extern struct csim_machine csim;

struct csim_mm *csim_mm_alloc(struct csim_mm *parent);
void csim_mmput(struct csim_mm *mm);
struct csim_mm *csim_dup_mm(struct csim_mm *src);
int csim_populate(struct csim_mm *mm, csim_u64 start, csim_u64 end, int race);
void csim_unmap(struct csim_mm *mm, csim_u64 start, csim_u64 end);
int csim_apply(struct csim_mm *mm, csim_u64 start, csim_u64 end);
int csim_kernel_map(csim_u64 start, csim_u64 end, int race);
void csim_kernel_unmap(csim_u64 start, csim_u64 end);
int csim_peek(struct csim_mm *mm, csim_u64 addr, int kmap);

/* -- vma.c: the address space ----------------------------------------------- */
void csim_vma_add(struct csim_mm *mm, csim_u64 start, csim_u64 end);
void csim_vma_remove(struct csim_mm *mm, csim_u64 start, csim_u64 end);
int csim_vma_overlaps(struct csim_mm *mm, csim_u64 start, csim_u64 end);
void csim_vma_splice(struct csim_mm *mm, int i, int j, const struct csim_vma *with, int n);

/* -- arch/<arch>/mm/ C code -------------------------------------------------- */
void arch_csim_init(void);
/* init_new_context: the mm's arch context (s390: pgstes, noexec). */
void arch_init_new_context(struct csim_mm *parent, struct csim_mm *mm);
/* The pgd of init_mm (swapper_pg_dir): not from pgd_alloc, not on pgd_list. */
pgd_t *arch_kernel_pgd(struct csim_mm *mm);
/* The pte table a pmd entry points to: its page and its address. */
struct page *arch_pmd_pte_page(unsigned long pmdval);
pte_t *arch_pmd_pte_table(unsigned long pmdval);
/* Where a pgtable_t handle's table lies, for the trace and the checks. */
void *arch_pgtable_virt(pgtable_t pgtable);
/* The value of an empty entry at level @depth (0 = pgd), of an empty pte. */
unsigned long arch_empty_entry(int depth);
unsigned long arch_empty_pte(void);
/* The noexec shadow of an upper table (NULL if none). */
void *arch_table_shadow(void *table);
/* page_table_lock of @mm was taken / is about to be released. */
void arch_ptl_acquired(struct csim_mm *mm);
void arch_ptl_releasing(struct csim_mm *mm);
/* Walk pgd_list under pgd_lock (x86 vmalloc sync); nothing elsewhere. */
void arch_sync_pgds(void);
/* s390_enable_sie on @mm: the copy with pgstes, or NULL (no memory);
 * *@unsupported is set where the arch has no SIE. */
struct csim_mm *arch_enable_sie(struct csim_mm *mm, int *unsupported);

#endif
