#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_OFFSET	0UL
#ifdef __KERNEL__
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pgd; } pgd_t;
#define pgd_val(x)	((x).pgd)
#define __pgd(x)	((pgd_t) { (x) })
#ifdef CONFIG_X86_64
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pmd; } pmd_t;
#define pud_val(x)	((x).pud)
#define __pud(x)	((pud_t) { (x) })
#define pmd_val(x)	((x).pmd)
#define __pmd(x)	((pmd_t) { (x) })
#endif
#define __pa(x)	((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)	((void *)((unsigned long)(x) + PAGE_OFFSET))
#endif
#endif
