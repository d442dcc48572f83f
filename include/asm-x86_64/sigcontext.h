#ifndef _ASM_X86_64_SIGCONTEXT_H
#define _ASM_X86_64_SIGCONTEXT_H

#include <linux/types.h>
#include <linux/compiler.h>

/*
 * The machine state saved on the user stack at signal delivery.  The FPU
 * state is in the fxsave layout (512 bytes); fpstate is NULL if the task
 * never used the FPU.
 */
struct _fpstate {
	__u16	cwd;
	__u16	swd;
	__u16	twd;	/* abridged tag word: one bit per register */
	__u16	fop;
	__u64	rip;
	__u64	rdp;
	__u32	mxcsr;
	__u32	mxcsr_mask;
	__u32	st_space[32];	/* 8 x87 registers, 16 bytes each */
	__u32	xmm_space[64];	/* 16 SSE registers, 16 bytes each */
	__u32	reserved2[24];
};

struct sigcontext {
	unsigned long r8;
	unsigned long r9;
	unsigned long r10;
	unsigned long r11;
	unsigned long r12;
	unsigned long r13;
	unsigned long r14;
	unsigned long r15;
	unsigned long rdi;
	unsigned long rsi;
	unsigned long rbp;
	unsigned long rbx;
	unsigned long rdx;
	unsigned long rax;
	unsigned long rcx;
	unsigned long rsp;
	unsigned long rip;
	unsigned long eflags;		/* RFLAGS */
	unsigned short cs;
	unsigned short gs;
	unsigned short fs;
	unsigned short __pad0;
	unsigned long err;
	unsigned long trapno;
	unsigned long oldmask;
	unsigned long cr2;
	struct _fpstate __user *fpstate;	/* NULL: no FPU state */
	unsigned long reserved1[8];
};

/*
 * The FPU state of a 64-bit signal frame is always in fxsave format;
 * 32-bit compat frames use the i386 layout (asm-i386/sigcontext.h).
 */
#if !defined(__KERNEL__) || defined(__x86_64__)
#define X86_FXSR_MAGIC		0x0000
#endif

#endif /* _ASM_X86_64_SIGCONTEXT_H */
