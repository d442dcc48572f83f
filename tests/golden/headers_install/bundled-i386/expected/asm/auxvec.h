#ifndef _ASM_I386_AUXVEC_H
#define _ASM_I386_AUXVEC_H

/*
 * i386 entries of the ELF auxiliary vector: where the vsyscall entry
 * point and the vDSO image are.
 */
#define AT_SYSINFO		32
#define AT_SYSINFO_EHDR		33

#endif /* _ASM_I386_AUXVEC_H */
