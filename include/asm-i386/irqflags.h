#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

/*
 * The interrupt flag (EFLAGS.IF): save, disable, restore.  Privileged
 * instructions: only kernel code may run them.
 */

#include <asm/processor-flags.h>

#ifndef __ASSEMBLY__

static inline unsigned long __raw_local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfl ; popl %0" : "=g" (flags) : );
	return flags;
}

static inline void raw_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("pushl %0 ; popfl" : : "g" (flags) : "memory", "cc");
}

static inline void raw_local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void raw_local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline unsigned long __raw_local_irq_save(void)
{
	unsigned long flags = __raw_local_save_flags();

	raw_local_irq_disable();
	return flags;
}

#define raw_local_save_flags(flags) \
		do { (flags) = __raw_local_save_flags(); } while (0)
#define raw_local_irq_save(flags) \
		do { (flags) = __raw_local_irq_save(); } while (0)

static inline int raw_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

#endif /* __ASSEMBLY__ */

#endif /* _ASM_IRQFLAGS_H */
