#ifndef _ASM_X86_64_PRCTL_H
#define _ASM_X86_64_PRCTL_H 1

/* Codes of arch_prctl(2): the 64-bit fs and gs bases. */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

#endif /* _ASM_X86_64_PRCTL_H */
