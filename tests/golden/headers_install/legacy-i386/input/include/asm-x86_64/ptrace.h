#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H
struct pt_regs { long x; } __packed;
#if defined(__KERNEL__) && defined(CONFIG_SMP)
extern void smp_thing(void);
#elif defined(__EXPORTED_HEADERS__)
#define PTRACE_EXPORTED 1
#else
#define PTRACE_NEVER 1
#endif
#endif
