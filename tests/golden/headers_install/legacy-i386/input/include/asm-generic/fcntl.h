#ifndef _ASM_GENERIC_FCNTL_H
#define _ASM_GENERIC_FCNTL_H
#ifdef __KERNEL__
extern int kernel_only;
#endif
#define O_RDONLY 0
#endif