#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H
struct pt_regs { long x; } __attribute__((packed));
#define PTRACE_EXPORTED 1
#endif
