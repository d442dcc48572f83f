#ifndef __X86_64_MMU_CONTEXT_H
#define __X86_64_MMU_CONTEXT_H

#include <asm/desc.h>
#include <asm/atomic.h>
#include <asm/pgalloc.h>
#include <asm/pda.h>
#include <asm/tlbflush.h>

/*
 * Switching address spaces on x86_64.  The pda tracks whether this cpu
 * runs an mm lazily (a kernel thread borrowing it), so that TLB flush
 * IPIs for that mm can be skipped.
 */

struct task_struct;

extern int init_new_context(struct task_struct *tsk, struct mm_struct *mm);
extern void destroy_context(struct mm_struct *mm);

#define TLBSTATE_OK	1
#define TLBSTATE_LAZY	2

static inline void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk)
{
}

static inline void load_cr3_of(struct mm_struct *mm)
{
	load_cr3(mm->pgd);
}

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
	if (likely(prev != next)) {
		load_cr3_of(next);
		if (unlikely(next->context.ldt != prev->context.ldt))
			load_LDT_nolock(&next->context, 0);
	}
}

#define deactivate_mm(tsk, mm)	do { } while (0)

#define activate_mm(prev, next)	switch_mm((prev), (next), NULL)

#endif /* __X86_64_MMU_CONTEXT_H */
