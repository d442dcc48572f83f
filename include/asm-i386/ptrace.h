#ifndef _ASM_I386_PTRACE_H
#define _ASM_I386_PTRACE_H

#include <asm/ptrace-abi.h>

/*
 * The registers of an interrupted context, as the entry code pushes
 * them on the kernel stack.  The segment slots are ints: the CPU pushes
 * 16-bit selectors padded to 32 bits.
 */
struct pt_regs {
	long ebx;
	long ecx;
	long edx;
	long esi;
	long edi;
	long ebp;
	long eax;
	int  xds;
	int  xes;
	int  xfs;
	/* the gs slot is saved lazily, not here */
	long orig_eax;
	long eip;
	int  xcs;
	long eflags;
	long esp;
	int  xss;
};

#ifdef __KERNEL__

#include <asm/processor-flags.h>

struct task_struct;
extern void send_sigtrap(struct task_struct *tsk, struct pt_regs *regs, int error_code);

/* The low two bits of a selector are its privilege level; user is 3. */
#define SEGMENT_RPL_MASK	0x3
#define USER_RPL		0x3

static inline int user_mode(struct pt_regs *regs)
{
	return (regs->xcs & SEGMENT_RPL_MASK) == USER_RPL;
}

#define instruction_pointer(regs)	((regs)->eip)
#define regs_return_value(regs)		((regs)->eax)

extern unsigned long profile_pc(struct pt_regs *regs);

#endif /* __KERNEL__ */

/* Virtual-8086 mode exists only in 32-bit kernels that build it in. */
#if defined(__KERNEL__) && defined(CONFIG_VM86)
static inline int v8086_mode(struct pt_regs *regs)
{
	return (regs->eflags & X86_EFLAGS_VM) != 0;
}
#elif defined(__KERNEL__)
static inline int v8086_mode(struct pt_regs *regs)
{
	return 0;
}
#endif

#if defined(__KERNEL__)
static inline int user_mode_vm(struct pt_regs *regs)
{
	return user_mode(regs) || v8086_mode(regs);
}
#endif

#endif /* _ASM_I386_PTRACE_H */
