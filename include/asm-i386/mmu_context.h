#ifndef __I386_MMU_CONTEXT_H
#define __I386_MMU_CONTEXT_H

#include <asm/desc.h>
#include <asm/atomic.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>

/*
 * Switching address spaces on i386: load the new pgd into %cr3 (which
 * flushes the non-global TLB entries) and, if the LDTs differ, the new
 * LDT.
 */

struct task_struct;

extern int init_new_context(struct task_struct *tsk, struct mm_struct *mm);
extern void destroy_context(struct mm_struct *mm);

static inline void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk)
{
}

static inline void switch_mm(struct mm_struct *prev,
			     struct mm_struct *next,
			     struct task_struct *tsk)
{
	if (likely(prev != next)) {
		load_cr3(next->pgd);
		if (unlikely(prev->context.ldt != next->context.ldt))
			load_LDT_nolock(&next->context);
	}
}

#define deactivate_mm(tsk, mm)	do { } while (0)

#define activate_mm(prev, next)	switch_mm((prev), (next), NULL)

#endif /* __I386_MMU_CONTEXT_H */
