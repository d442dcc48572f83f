#ifndef _ASM_UNISTD_H
#define _ASM_UNISTD_H
#define __NR_exit 1
#ifdef __KERNEL__
#define NR_syscalls 1
#endif
#endif
