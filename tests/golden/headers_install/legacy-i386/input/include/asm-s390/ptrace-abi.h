#ifndef _ASM_PTRACE_ABI_H
#define _ASM_PTRACE_ABI_H
static inline int peek(int __user *p) { asm volatile("nop"); return 0; }
#endif
