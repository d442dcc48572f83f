#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H
typedef struct { int locked; const char *name; } spinlock_t;
extern void spin_lock(spinlock_t *lock);
extern void spin_unlock(spinlock_t *lock);
extern unsigned long __spin_lock_irqsave(spinlock_t *lock);
extern void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#define spin_lock_irqsave(lock, flags) ((flags) = __spin_lock_irqsave(lock))
#endif
