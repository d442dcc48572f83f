#ifndef _ASM_I386_CURRENT_H
#define _ASM_I386_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

/*
 * The running task.  i386 kept it in a per-cpu variable read with %fs;
 * the core provides it here.
 */
extern struct task_struct *get_current(void);

#define current get_current()

#endif /* _ASM_I386_CURRENT_H */
