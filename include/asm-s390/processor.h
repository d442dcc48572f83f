#ifndef __ASM_S390_PROCESSOR_H
#define __ASM_S390_PROCESSOR_H

#include <linux/types.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/setup.h>

/*
 * What the kernel knows about each CPU, the per-task CPU state, and the
 * size of user address spaces.
 */

struct cpuinfo_S390 {
	unsigned int	cpu_addr;	/* the CPU's address (SIGP target) */
	unsigned int	cpu_nr;
	unsigned long	loops_per_jiffy;
	unsigned long	*pgd_quick;
	unsigned long	*pmd_quick;
	unsigned long	pgtable_cache_sz;
};

extern struct cpuinfo_S390 boot_cpu_data;

/*
 * User space: 2G for 31-bit programs; s390x programs get 4T, what a
 * region-third table (2048 x 2G) maps.
 */
#ifndef __s390x__

#define TASK_SIZE		(1UL << 31)
#define TASK_UNMAPPED_BASE	(1UL << 30)

#else /* __s390x__ */

#define TASK_SIZE_OF(tsk)	(1UL << 42)
#define TASK_SIZE		(1UL << 42)
#define TASK_UNMAPPED_BASE	(TASK_SIZE / 2)

#endif /* __s390x__ */

#define STACK_TOP		TASK_SIZE
#define STACK_TOP_MAX		TASK_SIZE

#define HAVE_ARCH_PICK_MMAP_LAYOUT

typedef struct {
	__u32 ar4;
} mm_segment_t;

/* Per-task CPU state saved across a context switch. */
struct thread_struct {
	s390_fp_regs fp_regs;
	unsigned int  acrs[NUM_ACRS];
	unsigned long ksp;		/* kernel stack pointer */
	mm_segment_t mm_segment;
	unsigned long prot_addr;	/* address of the last protection fault */
	unsigned int trap_no;
	unsigned long per_info[12];	/* PER (program event recording) setup */
	unsigned long pfault_wait;	/* pseudo page fault pending */
};

/* Spin-wait hint: nothing to tell the machine. */
#define cpu_relax()	barrier()

/* The PSW a new user thread starts with. */
#ifndef __s390x__
#define PSW_USER_BITS	(PSW_MASK_DAT | PSW_MASK_IO | PSW_MASK_EXT | \
			 PSW_MASK_MCHECK | PSW_MASK_PSTATE)
#else
#define PSW_USER_BITS	(PSW_MASK_DAT | PSW_MASK_IO | PSW_MASK_EXT | \
			 PSW_MASK_MCHECK | PSW_MASK_PSTATE | 0x0000000180000000UL)
#endif

struct task_struct;
extern unsigned long thread_saved_pc(struct task_struct *t);

#endif /* __ASM_S390_PROCESSOR_H */
