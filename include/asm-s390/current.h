#ifndef _S390_CURRENT_H
#define _S390_CURRENT_H

#ifdef __KERNEL__

struct task_struct;

/*
 * The running task.  s390 keeps it in the lowcore (the CPU's prefix
 * page); the core provides it here.
 */
extern struct task_struct *get_current(void);

#define current get_current()

#endif /* __KERNEL__ */

#endif /* _S390_CURRENT_H */
