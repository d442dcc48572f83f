/* Included at the end of the arch's page.h, after PAGE_SHIFT. */
#include <asm/page.h>

#ifndef _ASM_GENERIC_PAGE_H
#define _ASM_GENERIC_PAGE_H

#ifdef __KERNEL__
#ifndef __ASSEMBLY__

#include <linux/compiler.h>

/* The allocation order (log2 of pages) that holds @size bytes. */
static __inline__ __attribute_const__ int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> (PAGE_SHIFT - 1);
	while (size >>= 1)
		order++;
	return order;
}

#endif /* __ASSEMBLY__ */
#endif /* __KERNEL__ */

#endif /* _ASM_GENERIC_PAGE_H */
