#ifndef __ASM_SPINLOCK_TYPES_H
#define __ASM_SPINLOCK_TYPES_H

/*
 * The i386 lock word: 1 is unlocked; taking the lock is an atomic
 * decrement that must reach zero, so a negative value means contended.
 */
typedef struct {
	unsigned int slock;
} raw_spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED	{ 1 }

typedef struct {
	unsigned int lock;
} raw_rwlock_t;

#define RW_LOCK_BIAS		 0x01000000
#define __RAW_RW_LOCK_UNLOCKED		{ RW_LOCK_BIAS }

#endif /* __ASM_SPINLOCK_TYPES_H */
