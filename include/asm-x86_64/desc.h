#ifndef __ARCH_DESC_H
#define __ARCH_DESC_H

/*
 * Segment descriptors on x86_64: LDT and TSS descriptors are 16 bytes
 * (a 64-bit base).  Only what mmu_context.h needs.
 */

#include <asm/ldt.h>
#include <asm/mmu.h>
#include <asm/page.h>

#ifndef __ASSEMBLY__

struct ldttss_desc {
	unsigned short limit0;
	unsigned short base0;
	unsigned base1 : 8, type : 5, dpl : 2, p : 1;
	unsigned limit1 : 4, zero0 : 3, g : 1, base2 : 8;
	unsigned int base3;
	unsigned int zero1;
} __attribute__((packed));

#define GDT_ENTRY_TSS	8	/* two slots */
#define GDT_ENTRY_LDT	10	/* two slots */

static inline void load_cr3(void *pgd)
{
	__asm__ __volatile__("movq %0,%%cr3" : : "r" (__pa(pgd)) : "memory");
}

extern void set_ldt(void *addr, unsigned int entries);

static inline void load_LDT_nolock(mm_context_t *pc, int cpu)
{
	set_ldt(pc->ldt, pc->size);
}

#endif /* !__ASSEMBLY__ */

#endif /* __ARCH_DESC_H */
