#ifndef _ASM_X86_64_AUXVEC_H
#define _ASM_X86_64_AUXVEC_H

/* x86_64 entries of the ELF auxiliary vector: the vDSO image. */
#define AT_SYSINFO_EHDR		33

#endif /* _ASM_X86_64_AUXVEC_H */
