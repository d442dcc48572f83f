#ifndef __ASM_MEMORY_MODEL_H
#define __ASM_MEMORY_MODEL_H

/*
 * From a page frame number to its struct page and back.
 *
 * With FLATMEM these are arithmetic on mem_map; Linux 2.6.23 let an arch
 * choose out-of-line versions instead (CONFIG_OUT_OF_LINE_PFN_TO_PAGE).
 * This tree always uses the out-of-line form, so that the core (the
 * simulator's runtime) decides where struct pages live.
 */

#ifndef __ASSEMBLY__

struct page;

extern struct page *pfn_to_page(unsigned long pfn);
extern unsigned long page_to_pfn(struct page *page);

#define page_to_phys(page)	((unsigned long)page_to_pfn(page) << PAGE_SHIFT)

#endif /* __ASSEMBLY__ */

#endif /* __ASM_MEMORY_MODEL_H */
