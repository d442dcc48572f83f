#ifndef _ASM_X86_64_PTRACE_ABI_H
#define _ASM_X86_64_PTRACE_ABI_H

/*
 * Byte offsets of the registers in the user area that PTRACE_PEEKUSR
 * and PTRACE_POKEUSR address: the order of struct pt_regs.  The
 * callee-saved registers are only saved on some entry paths, so they
 * come first.
 */
#define R15 0
#define R14 8
#define R13 16
#define R12 24
#define RBP 32
#define RBX 40
/* the rest are saved on every kernel entry */
#define R11 48
#define R10 56
#define R9 64
#define R8 72
#define RAX 80
#define RCX 88
#define RDX 96
#define RSI 104
#define RDI 112
#define ORIG_RAX 120	/* the system call number, or -1 */
/* what the CPU pushes */
#define RIP 128
#define CS 136
#define EFLAGS 144
#define RSP 152
#define SS 160
#define ARGOFFSET R11
#define FRAME_SIZE 168

/* x86_64 requests beyond the generic ones in linux/ptrace.h. */
#define PTRACE_GETREGS            12
#define PTRACE_SETREGS            13
#define PTRACE_GETFPREGS          14
#define PTRACE_SETFPREGS          15
#define PTRACE_GETFPXREGS         18
#define PTRACE_SETFPXREGS         19

#define PTRACE_OLDSETOPTIONS      21

#define PTRACE_GET_THREAD_AREA    25
#define PTRACE_SET_THREAD_AREA    26

#define PTRACE_ARCH_PRCTL	  30	/* arch_prctl on the tracee */

#endif /* _ASM_X86_64_PTRACE_ABI_H */
