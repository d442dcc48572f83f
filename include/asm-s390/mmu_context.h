#ifndef __S390_MMU_CONTEXT_H
#define __S390_MMU_CONTEXT_H

#include <linux/mm_types.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>

/*
 * Address spaces on s390: an mm is installed by loading its ASCE (table
 * origin plus the asce_bits of mm->context) into the user control
 * register; the core does that on the way back to user space.
 */

struct task_struct;

static inline int init_new_context(struct task_struct *tsk,
				   struct mm_struct *mm)
{
	mm->context.asce_bits = _ASCE_TABLE_LENGTH | _ASCE_USER_BITS;
#ifdef CONFIG_64BIT
	mm->context.asce_bits |= _ASCE_TYPE_REGION3;
#endif
	mm->context.noexec = s390_noexec;
	mm->context.has_pgste = 0;
	mm->context.alloc_pgste = 0;
	mm->context.asce_limit = STACK_TOP_MAX;
	return 0;
}

#define destroy_context(mm)             do { } while (0)

/* Load the user ASCE (and the shadow one with noexec) for the next return to user space. */
extern void set_user_asce(unsigned long asce, unsigned long shadow_asce);

static inline void update_mm(struct mm_struct *mm, struct task_struct *tsk)
{
	pgd_t *pgd = mm->pgd;
	pgd_t *shadow_pgd = get_shadow_table(pgd);

	set_user_asce(mm->context.asce_bits | __pa(pgd),
		      shadow_pgd ? mm->context.asce_bits | __pa(shadow_pgd) : 0);
}

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next,
			     struct task_struct *tsk)
{
	if (unlikely(prev == next))
		return;
	update_mm(next, tsk);
}

#define enter_lazy_tlb(mm, tsk)	do { } while (0)
#define deactivate_mm(tsk, mm)	do { } while (0)

static inline void activate_mm(struct mm_struct *prev, struct mm_struct *next)
{
	switch_mm(prev, next, NULL);
}

#endif /* __S390_MMU_CONTEXT_H */
