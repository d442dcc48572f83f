#ifndef _X86_64_USER_H
#define _X86_64_USER_H

#include <asm/types.h>
#include <asm/page.h>

/*
 * The register sets of a core dump and of PTRACE_GETREGS and
 * PTRACE_GETFPREGS on x86_64.  user_regs_struct follows pt_regs and adds
 * the segment bases.
 */

struct user_i387_struct {
	unsigned short	cwd;
	unsigned short	swd;
	unsigned short	twd;	/* abridged tag word */
	unsigned short	fop;
	__u64	rip;
	__u64	rdp;
	__u32	mxcsr;
	__u32	mxcsr_mask;
	__u32	st_space[32];	/* 8 registers of 16 bytes */
	__u32	xmm_space[64];	/* 16 registers of 16 bytes */
	__u32	padding[24];
};

struct user_regs_struct {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10;
	unsigned long r9, r8, rax, rcx, rdx, rsi, rdi, orig_rax;
	unsigned long rip, cs, eflags;
	unsigned long rsp, ss;
	unsigned long fs_base, gs_base;
	unsigned long ds, es, fs, gs;
};

#define NBPG PAGE_SIZE
#define UPAGES 1
#define HOST_TEXT_START_ADDR (u.start_code)
#define HOST_STACK_END_ADDR (u.start_stack + u.u_ssize * NBPG)

#endif /* _X86_64_USER_H */
