#ifndef _ASM_I386_PAGE_H
#define _ASM_I386_PAGE_H

/* PAGE_SHIFT determines the page size: 4K pages */
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE-1))

#define LARGE_PAGE_MASK (~(LARGE_PAGE_SIZE-1))
#define LARGE_PAGE_SIZE (1UL << PMD_SHIFT)

#ifdef __KERNEL__
#ifndef __ASSEMBLY__

#include <linux/string.h>

#define clear_page(page)	memset((void *)(page), 0, PAGE_SIZE)
#define copy_page(to, from)	memcpy((void *)(to), (void *)(from), PAGE_SIZE)

#define clear_user_page(page, vaddr, pg)	clear_page(page)
#define copy_user_page(to, from, vaddr, pg)	copy_page(to, from)

/*
 * Page-table entry types.  Without PAE an entry is one 32-bit word and
 * the pmd level is folded into the pgd (two levels, 1024 entries each);
 * with PAE entries are 64 bits and there are three levels.  The structs
 * keep the entry types apart in C.
 */
#ifdef CONFIG_X86_PAE
typedef struct { unsigned long pte_low, pte_high; } pte_t;
typedef struct { unsigned long long pmd; } pmd_t;
typedef struct { unsigned long long pgd; } pgd_t;
typedef struct { unsigned long long pgprot; } pgprot_t;

#define pte_val(x)	((x).pte_low | ((unsigned long long)(x).pte_high << 32))
#define __pte(x)	((pte_t) { .pte_low = (unsigned long)(x), \
				   .pte_high = (unsigned long)((unsigned long long)(x) >> 32) })
#define pmd_val(x)	((x).pmd)
#define __pmd(x)	((pmd_t) { (x) })
#define pgd_val(x)	((x).pgd)
#define __pgd(x)	((pgd_t) { (x) })
#define HPAGE_SHIFT	21
#include <asm-generic/pgtable-nopud.h>
#else
typedef struct { unsigned long pte_low; } pte_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define boot_pte_t	pte_t
#define pte_val(x)	((x).pte_low)
#define __pte(x)	((pte_t) { (x) })
#define pgd_val(x)	((x).pgd)
#define __pgd(x)	((pgd_t) { (x) })
#define HPAGE_SHIFT	22
#include <asm-generic/pgtable-nopmd.h>
#endif

#define pgprot_val(x)	((x).pgprot)
#define __pgprot(x)	((pgprot_t) { (x) })

#define HPAGE_SIZE	(1UL << HPAGE_SHIFT)
#define HPAGE_MASK	(~(HPAGE_SIZE - 1))

#endif /* !__ASSEMBLY__ */

/*
 * The kernel maps all of low memory at PAGE_OFFSET (3G with the usual
 * 3G/1G split).  Code that runs the kernel's page-table code in user
 * space may place "physical" memory elsewhere by predefining
 * __PAGE_OFFSET.
 */
#ifndef __PAGE_OFFSET
#define __PAGE_OFFSET		(0xC0000000UL)
#endif

#define PAGE_OFFSET		((unsigned long)__PAGE_OFFSET)
#define VMALLOC_RESERVE		((unsigned long)__VMALLOC_RESERVE)
#define __VMALLOC_RESERVE	(128 << 20)
#define MAXMEM			(-__PAGE_OFFSET - __VMALLOC_RESERVE)
#define __pa(x)			((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))
#define pfn_to_kaddr(pfn)	__va((pfn) << PAGE_SHIFT)
#define pfn_valid(pfn)		((pfn) < max_mapnr)
#define virt_addr_valid(kaddr)	pfn_valid(__pa(kaddr) >> PAGE_SHIFT)

#define VM_DATA_DEFAULT_FLAGS \
	(VM_READ | VM_WRITE | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

#ifndef __ASSEMBLY__
extern unsigned long max_mapnr;
#endif

#include <asm-generic/memory_model.h>
#include <asm-generic/page.h>

#endif /* __KERNEL__ */

#endif /* _ASM_I386_PAGE_H */
