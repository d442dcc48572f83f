#ifndef _X86_64_PAGE_H
#define _X86_64_PAGE_H

/* PAGE_SHIFT determines the page size: 4K pages. */
#define PAGE_SHIFT	12
#ifdef __ASSEMBLY__
#define PAGE_SIZE	(0x1 << PAGE_SHIFT)
#else
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#endif
#define PAGE_MASK	(~(PAGE_SIZE-1))

/*
 * Physical addresses have 46 bits, virtual ones 48.  (A user-space
 * runtime with "physical" pages above 64T may predefine the shift.)
 */
#ifndef __PHYSICAL_MASK_SHIFT
#define __PHYSICAL_MASK_SHIFT	46
#endif
#define __PHYSICAL_MASK		((1UL << __PHYSICAL_MASK_SHIFT) - 1)
#define __VIRTUAL_MASK_SHIFT	48
#define __VIRTUAL_MASK		((1UL << __VIRTUAL_MASK_SHIFT) - 1)

#define PHYSICAL_PAGE_MASK	(~(PAGE_SIZE-1) & __PHYSICAL_MASK)

#define THREAD_ORDER 1
#define THREAD_SIZE  (PAGE_SIZE << THREAD_ORDER)
#define CURRENT_MASK (~(THREAD_SIZE-1))

#define LARGE_PAGE_MASK (~(LARGE_PAGE_SIZE-1))
#define LARGE_PAGE_SIZE (1UL << PMD_SHIFT)

#define HPAGE_SHIFT PMD_SHIFT
#define HPAGE_SIZE	((1UL) << HPAGE_SHIFT)
#define HPAGE_MASK	(~(HPAGE_SIZE - 1))

#ifdef __KERNEL__
#ifndef __ASSEMBLY__

#include <linux/string.h>

extern unsigned long end_pfn;

void clear_page(void *page);
void copy_page(void *to, void *from);

#define clear_user_page(page, vaddr, pg)	clear_page(page)
#define copy_user_page(to, from, vaddr, pg)	copy_page(to, from)

/*
 * Four levels of 512 8-byte entries.  The structs keep the entry types
 * apart in C.
 */
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pgd; } pgd_t;
#define PTE_MASK	PHYSICAL_PAGE_MASK

typedef struct { unsigned long pgprot; } pgprot_t;

#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)

#define __pte(x) ((pte_t) { (x) } )
#define __pmd(x) ((pmd_t) { (x) } )
#define __pud(x) ((pud_t) { (x) } )
#define __pgd(x) ((pgd_t) { (x) } )
#define __pgprot(x)	((pgprot_t) { (x) } )

#endif /* !__ASSEMBLY__ */

/*
 * All physical memory is mapped at PAGE_OFFSET; the kernel image is
 * mapped again at __START_KERNEL_map.  Code that runs the kernel's
 * page-table code in user space may place "physical" memory elsewhere
 * by predefining __PAGE_OFFSET.
 */
#define __START_KERNEL		0xffffffff80200000UL
#define __START_KERNEL_map	0xffffffff80000000UL
#ifndef __PAGE_OFFSET
#define __PAGE_OFFSET		0xffff810000000000UL
#endif

#define PAGE_OFFSET		__PAGE_OFFSET

#define KERNEL_TEXT_SIZE	(40*1024*1024)
#define KERNEL_TEXT_START	0xffffffff80000000

#ifndef __ASSEMBLY__

#define __pa(x)		((unsigned long)(x) - PAGE_OFFSET)
#define __pa_symbol(x)	((unsigned long)(x) - __START_KERNEL_map)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#define __boot_va(x)	__va(x)
#define __boot_pa(x)	__pa(x)

#define pfn_to_kaddr(pfn)	__va((pfn) << PAGE_SHIFT)
#define pfn_valid(pfn)		((pfn) < end_pfn)
#define virt_addr_valid(kaddr)	pfn_valid(__pa(kaddr) >> PAGE_SHIFT)

#endif /* !__ASSEMBLY__ */

#define VM_DATA_DEFAULT_FLAGS \
	(VM_READ | VM_WRITE | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

#define __HAVE_ARCH_GATE_AREA 1

#include <asm-generic/memory_model.h>
#include <asm-generic/page.h>

#endif /* __KERNEL__ */

#endif /* _X86_64_PAGE_H */
