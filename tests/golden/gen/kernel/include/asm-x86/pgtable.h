#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H
#include <asm/page.h>
#ifdef CONFIG_X86_32
#include <asm-generic/pgtable-nopmd.h>
#endif
#define _PAGE_TABLE	0x067UL
#define set_pgd(p, v)	(*(p) = (v))
#define set_pud(p, v)	(*(p) = (v))
#define set_pmd(p, v)	(*(p) = (v))
struct page;
extern struct page *pfn_to_page(unsigned long pfn);
#define pmd_page(pmd)	pfn_to_page(pmd_val(pmd) >> PAGE_SHIFT)
#endif
