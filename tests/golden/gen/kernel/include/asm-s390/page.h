#ifndef _ASM_S390_PAGE_H
#define _ASM_S390_PAGE_H
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#ifdef __KERNEL__
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pgd; } pgd_t;
#define pte_val(x)	((x).pte)
#define __pte(x)	((pte_t) { (x) })
#define pgd_val(x)	((x).pgd)
#ifdef CONFIG_64BIT
typedef struct { unsigned long pmd; } pmd_t;
#define pmd_val(x)	((x).pmd)
#endif
#define __pa(x)	((unsigned long)(x))
#define __va(x)	((void *)(unsigned long)(x))
#endif
#endif
