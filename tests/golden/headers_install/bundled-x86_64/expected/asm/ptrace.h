#ifndef _ASM_X86_64_PTRACE_H
#define _ASM_X86_64_PTRACE_H

#include <asm/ptrace-abi.h>

#ifndef __ASSEMBLY__

/*
 * The registers of an interrupted context, as the entry code pushes
 * them.  r15-rbx are only saved where the kernel needs them (fork,
 * signal delivery, ptrace).
 */
struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long rbp;
	unsigned long rbx;
/* saved on every entry from here on */
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long rax;
	unsigned long rcx;
	unsigned long rdx;
	unsigned long rsi;
	unsigned long rdi;
	unsigned long orig_rax;
/* pushed by the CPU */
	unsigned long rip;
	unsigned long cs;
	unsigned long eflags;
	unsigned long rsp;
	unsigned long ss;
};

#endif /* !__ASSEMBLY__ */


#endif /* _ASM_X86_64_PTRACE_H */
