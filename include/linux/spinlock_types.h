#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

/*
 * spinlock_t: the arch's raw lock word plus the name of the lock's class,
 * which lockdep-style checkers use to tell locks apart (the kernel keeps
 * a struct lockdep_map there under CONFIG_DEBUG_LOCK_ALLOC).
 */

#include <asm/spinlock_types.h>

typedef struct {
	raw_spinlock_t raw_lock;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname) \
	(spinlock_t) { .raw_lock = __RAW_SPIN_LOCK_UNLOCKED, .name = #lockname }

#define DEFINE_SPINLOCK(x) \
	spinlock_t x = { .raw_lock = __RAW_SPIN_LOCK_UNLOCKED, .name = #x }

#endif /* __LINUX_SPINLOCK_TYPES_H */
