#ifndef _ASM_S390_PGTABLE_H
#define _ASM_S390_PGTABLE_H

/*
 * The s390 page tables (z/Architecture Principles of Operation, dynamic
 * address translation).
 *
 * 31-bit: a segment table of 2048 4-byte entries (1M each) and page
 *         tables of 256 4-byte entries.
 * s390x:  a region-third table of 2048 8-byte entries (2G each), segment
 *         tables of 2048 8-byte entries (1M each), page tables of 256
 *         8-byte entries.
 *
 * Generic code sees pgd/pud/pmd/pte: on 31-bit pgd is the segment table
 * and pud and pmd are folded; on s390x pgd is the region-third table,
 * pud is folded and pmd is the segment table.
 */

#ifndef __s390x__
#include <asm-generic/pgtable-nopmd.h>
#else
#include <asm-generic/pgtable-nopud.h>
#endif

#ifndef __ASSEMBLY__
#include <linux/mm_types.h>
#include <asm/bug.h>
#include <asm/processor.h>
#include <asm/setup.h>

extern pgd_t swapper_pg_dir[] __attribute__ ((aligned (4096)));
extern void paging_init(void);
extern void vmem_map_init(void);

/* A page of zeroes for read faults on untouched anonymous memory. */
extern char empty_zero_page[PAGE_SIZE];
#define ZERO_PAGE(vaddr) (virt_to_page((void *)empty_zero_page))
#endif /* !__ASSEMBLY__ */

/*
 * What one entry of each level maps, and how many entries a table has.
 * The folded levels' values come from asm-generic.
 */
#ifndef __s390x__
# define PGDIR_SHIFT	20
#else /* __s390x__ */
# define PMD_SHIFT	20
# define PGDIR_SHIFT	31
# define PMD_SIZE	(1UL << PMD_SHIFT)
# define PMD_MASK	(~(PMD_SIZE-1))
# define PTRS_PER_PMD	2048
#endif /* __s390x__ */

#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE-1))

#define PTRS_PER_PTE	256
#define PTRS_PER_PGD	2048

#define FIRST_USER_ADDRESS	0

#define pte_ERROR(e) \
	printk("%s:%d: bad pte %p.\n", __FILE__, __LINE__, (void *) pte_val(e))
#ifdef __s390x__
#define pmd_ERROR(e) \
	printk("%s:%d: bad pmd %p.\n", __FILE__, __LINE__, (void *) pmd_val(e))
#endif
#define pgd_ERROR(e) \
	printk("%s:%d: bad pgd %p.\n", __FILE__, __LINE__, (void *) pgd_val(e))

/*
 * Bits of a page-table entry.  Hardware: _PAGE_RO (write protect) and
 * _PAGE_INVALID; the rest are software bits in the bits the hardware
 * ignores.  _PAGE_TYPE_* are the combinations the kernel uses.
 */
#define _PAGE_RO	0x200		/* write protected */
#define _PAGE_INVALID	0x400		/* not valid for translation */

#define _PAGE_SWT	0x001		/* software: type bit t */
#define _PAGE_SWX	0x002		/* software: type bit x */

#define _PAGE_TYPE_EMPTY	0x400	/* invalid, never used */
#define _PAGE_TYPE_NONE		0x401	/* PROT_NONE */
#define _PAGE_TYPE_SWAP		0x403	/* swapped out */
#define _PAGE_TYPE_FILE		0x601	/* nonlinear file mapping */
#define _PAGE_TYPE_RO		0x200
#define _PAGE_TYPE_RW		0x000
#define _PAGE_TYPE_EX_RO	0x202	/* read-only, executable (noexec shadow) */
#define _PAGE_TYPE_EX_RW	0x002	/* read-write, executable (noexec shadow) */

/* A page table carries a page-status table behind it (see asm/mmu.h). */
#define _PAGE_CHANGED_PGSTE	0x80UL
#define _PAGE_REFERENCED_PGSTE	0x40UL

#ifndef __s390x__

/* Bits of the address-space-control element (segment table) */
#define _ASCE_SPACE_SWITCH	0x80000000UL	/* space-switch event */
#define _ASCE_ORIGIN_MASK	0x7ffff000UL	/* table origin */
#define _ASCE_PRIVATE_SPACE	0x100	/* private space */
#define _ASCE_ALT_EVENT		0x80	/* storage-alteration event */
#define _ASCE_TABLE_LENGTH	0x7f	/* length in 64-entry units, minus one */

/* Bits of a segment-table entry */
#define _SEGMENT_ENTRY_ORIGIN	0x7fffffc0UL	/* pte table origin */
#define _SEGMENT_ENTRY_INV	0x20	/* invalid */
#define _SEGMENT_ENTRY_COMMON	0x10	/* shared by all spaces */
#define _SEGMENT_ENTRY_PTL	0x0f	/* pte table length in 16-entry units, minus one */

#define _SEGMENT_ENTRY		(_SEGMENT_ENTRY_PTL)
#define _SEGMENT_ENTRY_EMPTY	(_SEGMENT_ENTRY_INV)

#else /* __s390x__ */

/* Bits of the address-space-control element */
#define _ASCE_ORIGIN		~0xfffUL/* table origin */
#define _ASCE_PRIVATE_SPACE	0x100	/* private space */
#define _ASCE_ALT_EVENT		0x80	/* storage-alteration event */
#define _ASCE_SPACE_SWITCH	0x40	/* space-switch event */
#define _ASCE_REAL_SPACE	0x20	/* real space */
#define _ASCE_TYPE_MASK		0x0c	/* table type */
#define _ASCE_TYPE_REGION1	0x0c	/* region-first */
#define _ASCE_TYPE_REGION2	0x08	/* region-second */
#define _ASCE_TYPE_REGION3	0x04	/* region-third */
#define _ASCE_TYPE_SEGMENT	0x00	/* segment */
#define _ASCE_TABLE_LENGTH	0x03	/* table length */

/* Bits of a region-table entry */
#define _REGION_ENTRY_ORIGIN	~0xfffUL/* origin of the next table */
#define _REGION_ENTRY_INV	0x20	/* invalid */
#define _REGION_ENTRY_TYPE_MASK	0x0c	/* table type */
#define _REGION_ENTRY_TYPE_R1	0x0c	/* region-first */
#define _REGION_ENTRY_TYPE_R2	0x08	/* region-second */
#define _REGION_ENTRY_TYPE_R3	0x04	/* region-third */
#define _REGION_ENTRY_LENGTH	0x03	/* length */

#define _REGION1_ENTRY		(_REGION_ENTRY_TYPE_R1 | _REGION_ENTRY_LENGTH)
#define _REGION1_ENTRY_EMPTY	(_REGION_ENTRY_TYPE_R1 | _REGION_ENTRY_INV)
#define _REGION2_ENTRY		(_REGION_ENTRY_TYPE_R2 | _REGION_ENTRY_LENGTH)
#define _REGION2_ENTRY_EMPTY	(_REGION_ENTRY_TYPE_R2 | _REGION_ENTRY_INV)
#define _REGION3_ENTRY		(_REGION_ENTRY_TYPE_R3 | _REGION_ENTRY_LENGTH)
#define _REGION3_ENTRY_EMPTY	(_REGION_ENTRY_TYPE_R3 | _REGION_ENTRY_INV)

/* Bits of a segment-table entry */
#define _SEGMENT_ENTRY_ORIGIN	~0x7ffUL/* table origin */
#define _SEGMENT_ENTRY_RO	0x200	/* write protect the whole segment */
#define _SEGMENT_ENTRY_INV	0x20	/* invalid */

#define _SEGMENT_ENTRY		(0)
#define _SEGMENT_ENTRY_EMPTY	(_SEGMENT_ENTRY_INV)

#endif /* __s390x__ */

/* The ASCE bits every user address space has. */
#define _ASCE_USER_BITS		(_ASCE_SPACE_SWITCH | _ASCE_PRIVATE_SPACE | \
				 _ASCE_ALT_EVENT)

/* Page protection: the _PAGE_TYPE_ combinations. */
#define PAGE_NONE		__pgprot(_PAGE_TYPE_NONE)
#define PAGE_RO			__pgprot(_PAGE_TYPE_RO)
#define PAGE_RW			__pgprot(_PAGE_TYPE_RW)
#define PAGE_EX_RO		__pgprot(_PAGE_TYPE_EX_RO)
#define PAGE_EX_RW		__pgprot(_PAGE_TYPE_EX_RW)

#define PAGE_KERNEL		PAGE_RW
#define PAGE_COPY		PAGE_RO
#define PAGE_SHARED		PAGE_RW
#define PAGE_READONLY		PAGE_RO

#ifndef __ASSEMBLY__

/*
 * Entry queries.  The folded levels' queries come from asm-generic: on
 * 31-bit pgd and pud entries are always "present", on s390x the pgd
 * entry is, and the pud queries below test the region-third entry.
 */
#ifndef __s390x__

static inline int pmd_present(pmd_t pmd) { return pmd_val(pmd) & _SEGMENT_ENTRY_ORIGIN; }
static inline int pmd_none(pmd_t pmd)	 { return pmd_val(pmd) & _SEGMENT_ENTRY_INV; }
static inline int pmd_bad(pmd_t pmd)
{
	return (pmd_val(pmd) & (~_SEGMENT_ENTRY_ORIGIN & ~_SEGMENT_ENTRY_INV)) != _SEGMENT_ENTRY;
}

#else /* __s390x__ */

static inline int pud_present(pud_t pud)
{
	return (pud_val(pud) & _REGION_ENTRY_ORIGIN) != 0UL;
}

static inline int pud_none(pud_t pud)
{
	return (pud_val(pud) & _REGION_ENTRY_INV) != 0UL;
}

static inline int pud_bad(pud_t pud)
{
	unsigned long mask = ~_REGION_ENTRY_ORIGIN & ~_REGION_ENTRY_INV &
		~_REGION_ENTRY_TYPE_MASK & ~_REGION_ENTRY_LENGTH;

	return (pud_val(pud) & mask) != 0;
}

static inline int pmd_present(pmd_t pmd)
{
	return (pmd_val(pmd) & _SEGMENT_ENTRY_ORIGIN) != 0UL;
}

static inline int pmd_none(pmd_t pmd)
{
	return (pmd_val(pmd) & _SEGMENT_ENTRY_INV) != 0UL;
}

static inline int pmd_bad(pmd_t pmd)
{
	unsigned long mask = ~_SEGMENT_ENTRY_ORIGIN & ~_SEGMENT_ENTRY_INV;

	return (pmd_val(pmd) & mask) != _SEGMENT_ENTRY;
}

#endif /* __s390x__ */

static inline int pte_none(pte_t pte)
{
	return (pte_val(pte) & _PAGE_INVALID) && !(pte_val(pte) & _PAGE_SWT);
}

static inline int pte_present(pte_t pte)
{
	unsigned long mask = _PAGE_RO | _PAGE_INVALID | _PAGE_SWT | _PAGE_SWX;

	return (pte_val(pte) & mask) == _PAGE_TYPE_NONE ||
		(!(pte_val(pte) & _PAGE_INVALID) &&
		 !(pte_val(pte) & _PAGE_SWT));
}

static inline int pte_write(pte_t pte)
{
	return (pte_val(pte) & _PAGE_RO) == 0;
}

/*
 * With noexec every table has a shadow twin (the table's page keeps it
 * in page->index); a table entry is written to both.
 */
static inline void *get_shadow_table(void *table)
{
	unsigned long addr, offset;
	struct page *page;

	addr = (unsigned long) table;
	offset = addr & (PAGE_SIZE - 1);
	page = pfn_to_page(__pa(addr ^ offset) >> PAGE_SHIFT);
	return (void *)(page->index ? (page->index | offset) : 0UL);
}

static inline void set_pte_at(struct mm_struct *mm, unsigned long addr,
			      pte_t *pteptr, pte_t pteval)
{
	*pteptr = pteval;
}
#define set_pte(pteptr, pteval) set_pte_at(NULL, 0, pteptr, pteval)

#define pmd_clear(pmd)	(pmd_val(*(pmd)) = _SEGMENT_ENTRY_EMPTY)

static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_val(*ptep) = _PAGE_TYPE_EMPTY;
}

/* The table each level's entry points at, and the entry for @address. */
#define pgd_index(address)	(((address) >> PGDIR_SHIFT) & (PTRS_PER_PGD-1))
#define pgd_offset(mm, address)	((mm)->pgd + pgd_index(address))
#define pgd_offset_k(address)	pgd_offset(&init_mm, address)

#define pmd_deref(pmd)		(pmd_val(pmd) & _SEGMENT_ENTRY_ORIGIN)
#define pud_deref(pud)		(pud_val(pud) & _REGION_ENTRY_ORIGIN)
#define pgd_deref(pgd)		(pgd_val(pgd) & _REGION_ENTRY_ORIGIN)

#ifdef __s390x__
#define pmd_index(address)	(((address) >> PMD_SHIFT) & (PTRS_PER_PMD-1))

/* The pud level is folded: the "pud" is the pgd (region-third) entry. */
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long address)
{
	pmd_t *pmd = (pmd_t *) pud_deref(*pud);

	return pmd + pmd_index(address);
}

#define pud_page_vaddr(pud)	pud_deref(pud)
#define pud_page(pud)		pfn_to_page(pud_val(pud) >> PAGE_SHIFT)
static inline void set_pud(pud_t *pudp, pud_t pud) { *pudp = pud; }
static inline void pud_clear(pud_t *pud) { pud_val(*pud) = _REGION3_ENTRY_EMPTY; }
#endif

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { *pmdp = pmd; }

#define pmd_page_vaddr(pmd)	pmd_deref(pmd)
#define pmd_page(pmd)		pfn_to_page(pmd_val(pmd) >> PAGE_SHIFT)

#define pte_index(address)	(((address) >> PAGE_SHIFT) & (PTRS_PER_PTE-1))
#define pte_offset(pmd, addr)	((pte_t *) pmd_deref(*(pmd)) + pte_index(addr))
#define pte_offset_kernel(pmd, address)	pte_offset(pmd, address)
#define pte_offset_map(pmd, address)	pte_offset_kernel(pmd, address)
#define pte_offset_map_nested(pmd, address) pte_offset_kernel(pmd, address)
#define pte_unmap(pte)		do { } while (0)
#define pte_unmap_nested(pte)	do { } while (0)

#define pfn_pte(pfn, pgprot)	__pte(((pfn) << PAGE_SHIFT) | pgprot_val(pgprot))
#define pte_pfn(x)		(pte_val(x) >> PAGE_SHIFT)
#define pte_page(x)		pfn_to_page(pte_pfn(x))
#define mk_pte(pg, pgprot)	pfn_pte(page_to_pfn(pg), (pgprot))

static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	pte_val(pte) &= PAGE_MASK;
	pte_val(pte) |= pgprot_val(newprot);
	return pte;
}

static inline pte_t pte_wrprotect(pte_t pte)
{
	pte_val(pte) |= _PAGE_RO;
	return pte;
}

static inline pte_t pte_mkwrite(pte_t pte)
{
	pte_val(pte) &= ~_PAGE_RO;
	return pte;
}

/* The machine keeps dirty and referenced state in the storage key. */
static inline int pte_dirty(pte_t pte)	{ return 0; }
static inline int pte_young(pte_t pte)	{ return 0; }

#define update_mmu_cache(vma, address, pte)	do { } while (0)

#define kern_addr_valid(addr)	(1)

#endif /* !__ASSEMBLY__ */

#include <asm-generic/pgtable.h>

#endif /* _ASM_S390_PGTABLE_H */
