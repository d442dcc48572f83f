#ifndef _X86_64_CURRENT_H
#define _X86_64_CURRENT_H

#if !defined(__ASSEMBLY__)
struct task_struct;

/*
 * The running task, from the per-processor data area (%gs:pcurrent) in
 * the kernel; the core provides it here.
 */
extern struct task_struct *get_current(void);

#define current get_current()

#else

#define GET_CURRENT(reg) movq %gs:(pda_pcurrent),reg

#endif

#endif /* _X86_64_CURRENT_H */
