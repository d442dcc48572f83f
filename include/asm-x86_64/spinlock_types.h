#ifndef __ASM_SPINLOCK_TYPES_H
#define __ASM_SPINLOCK_TYPES_H

/* The x86_64 lock word: 1 is unlocked, zero or less is held. */
typedef struct {
	volatile unsigned int slock;
} raw_spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED	{ 1 }

typedef struct {
	volatile unsigned int lock;
} raw_rwlock_t;

#define RW_LOCK_BIAS		 0x01000000
#define __RAW_RW_LOCK_UNLOCKED		{ RW_LOCK_BIAS }

#endif /* __ASM_SPINLOCK_TYPES_H */
