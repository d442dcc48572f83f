#ifndef _S390_PAGE_H
#define _S390_PAGE_H

#include <asm/types.h>

/* 4K pages. */
#define PAGE_SHIFT      12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE-1))
#define PAGE_DEFAULT_ACC	0
#define PAGE_DEFAULT_KEY	(PAGE_DEFAULT_ACC << 4)

#define HPAGE_SHIFT	20
#define HPAGE_SIZE	(1UL << HPAGE_SHIFT)
#define HPAGE_MASK	(~(HPAGE_SIZE - 1))

#ifdef __KERNEL__
#ifndef __ASSEMBLY__

#include <linux/string.h>

static inline void clear_page(void *page)
{
	memset(page, 0, PAGE_SIZE);
}

static inline void copy_page(void *to, void *from)
{
	memcpy(to, from, PAGE_SIZE);
}

#define clear_user_page(page, vaddr, pg)	clear_page(page)
#define copy_user_page(to, from, vaddr, pg)	copy_page(to, from)

/*
 * Page-table entry types.  An entry is one word: 4 bytes on 31-bit, 8 on
 * s390x.  31-bit has two levels (segment table, page table) and folds
 * pud and pmd; s390x has three (region-third, segment and page table)
 * and folds pud.
 */
typedef struct { unsigned long pgprot; } pgprot_t;
typedef struct { unsigned long pte; } pte_t;

#define pte_val(x)	((x).pte)
#define pgprot_val(x)	((x).pgprot)

#ifndef __s390x__

typedef struct { unsigned long pgd; } pgd_t;

#define pgd_val(x)	((x).pgd)

#else /* __s390x__ */

typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pgd; } pgd_t;

#define pmd_val(x)	((x).pmd)
#define pgd_val(x)	((x).pgd)
#define __pmd(x)	((pmd_t) { (x) } )

#endif /* __s390x__ */

#define __pte(x)	((pte_t) { (x) } )
#define __pgd(x)	((pgd_t) { (x) } )
#define __pgprot(x)	((pgprot_t) { (x) } )

/*
 * Storage keys: four access-control bits, fetch protection, referenced
 * and changed bits per 4K frame, kept by the machine outside memory.
 */
#define _PAGE_CHANGED	0x02
#define _PAGE_REFERENCED	0x04

#endif /* !__ASSEMBLY__ */

/*
 * The kernel maps all memory 1:1: virtual and real addresses are the
 * same.  (__PAGE_OFFSET may be predefined, as on x86, but 0 is the only
 * value that matches __pa/__va here.)
 */
#ifndef __PAGE_OFFSET
#define __PAGE_OFFSET		0x0UL
#endif
#define PAGE_OFFSET		__PAGE_OFFSET
#define __pa(x)			(unsigned long)(x)
#define __va(x)			(void *)(unsigned long)(x)
#define pfn_to_kaddr(pfn)	__va((pfn) << PAGE_SHIFT)
#define pfn_valid(pfn)		((pfn) < max_mapnr)
#define virt_addr_valid(kaddr)	pfn_valid(__pa(kaddr) >> PAGE_SHIFT)

#define VM_DATA_DEFAULT_FLAGS	(VM_READ | VM_WRITE | VM_EXEC | \
				 VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

#ifndef __ASSEMBLY__
extern unsigned long max_mapnr;
#endif

#include <asm-generic/memory_model.h>
#include <asm-generic/page.h>

#endif /* __KERNEL__ */

#endif /* _S390_PAGE_H */
