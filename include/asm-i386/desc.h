#ifndef __ARCH_DESC_H
#define __ARCH_DESC_H

/*
 * Segment descriptors: the GDT, the LDT, and loading them.  Only what
 * mmu_context.h needs.
 */

#include <asm/ldt.h>
#include <asm/page.h>
#include <asm/mmu.h>

#ifndef __ASSEMBLY__

struct desc_struct {
	unsigned long a, b;
};

#define GDT_ENTRY_LDT	13		/* the task's LDT descriptor slot */
#define GDT_ENTRY_TSS	16

static inline void load_cr3(void *pgdir)
{
	__asm__ __volatile__("movl %0,%%cr3" : : "r" (__pa(pgdir)) : "memory");
}

extern void set_ldt(void *addr, unsigned int entries);

static inline void load_LDT_nolock(mm_context_t *pc)
{
	set_ldt(pc->ldt, pc->size);
}

#endif /* !__ASSEMBLY__ */

#endif /* __ARCH_DESC_H */
