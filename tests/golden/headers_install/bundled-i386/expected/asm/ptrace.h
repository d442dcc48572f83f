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


/* Virtual-8086 mode exists only in 32-bit kernels that build it in. */


#endif /* _ASM_I386_PTRACE_H */
