#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

/*
 * Spinlocks.  The lock operations live out of line in the core (the
 * kernel's kernel/spinlock.c; the simulator's runtime here), so that one
 * place can do the accounting and the lock validation:
 *
 *   spin_lock_init(lock)              set up a lock, class named after the
 *                                     expression that names it
 *   spin_lock(lock) / spin_unlock(lock)
 *   spin_lock_irqsave(lock, flags)    save the irq state into @flags (an
 *                                     unsigned long lvalue), disable irqs,
 *                                     take the lock
 *   spin_unlock_irqrestore(lock, flags)
 */

#include <linux/compiler.h>
#include <linux/spinlock_types.h>

extern void __spin_lock_init(spinlock_t *lock, const char *name);
extern void spin_lock(spinlock_t *lock);
extern void spin_unlock(spinlock_t *lock);
extern int spin_trylock(spinlock_t *lock);
extern unsigned long __spin_lock_irqsave(spinlock_t *lock);
extern void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
extern void spin_lock_irq(spinlock_t *lock);
extern void spin_unlock_irq(spinlock_t *lock);

#define spin_lock_init(lock)	__spin_lock_init((lock), #lock)

#define spin_lock_irqsave(lock, flags)			\
	do {						\
		(flags) = __spin_lock_irqsave(lock);	\
	} while (0)

#define assert_spin_locked(lock)	do { (void)(lock); } while (0)

#endif /* __LINUX_SPINLOCK_H */
