#ifndef __ASM_SPINLOCK_TYPES_H
#define __ASM_SPINLOCK_TYPES_H

/*
 * The s390 lock word holds the owning CPU's id (its address, inverted so
 * that CPU 0 is not 0), or 0 when free.
 */
typedef struct {
	volatile unsigned int owner_cpu;
} __attribute__ ((aligned (4))) raw_spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED	{ 0 }

typedef struct {
	volatile unsigned int lock;
	volatile unsigned int owner_pc;
} raw_rwlock_t;

#define __RAW_RW_LOCK_UNLOCKED		{ 0, 0 }

#endif /* __ASM_SPINLOCK_TYPES_H */
