#ifndef __ASM_X86_64_ELF_H
#define __ASM_X86_64_ELF_H

/*
 * ELF register definitions and what an x86_64 ELF binary must look like.
 */

#include <asm/ptrace.h>
#include <asm/user.h>
#include <asm/auxvec.h>

/* x86_64 relocation types */
#define R_X86_64_NONE		0	/* none */
#define R_X86_64_64		1	/* S + A, 64 bits */
#define R_X86_64_PC32		2	/* S + A - P, 32 bits */
#define R_X86_64_GOT32		3	/* G + A, 32 bits */
#define R_X86_64_PLT32		4	/* L + A - P, 32 bits */
#define R_X86_64_COPY		5	/* copy the symbol at run time */
#define R_X86_64_GLOB_DAT	6	/* set a GOT entry */
#define R_X86_64_JUMP_SLOT	7	/* set a PLT GOT entry */
#define R_X86_64_RELATIVE	8	/* B + A */
#define R_X86_64_GOTPCREL	9	/* G + GOT + A - P */
#define R_X86_64_32		10	/* S + A, zero-extended */
#define R_X86_64_32S		11	/* S + A, sign-extended */
#define R_X86_64_16		12
#define R_X86_64_PC16		13
#define R_X86_64_8		14
#define R_X86_64_PC8		15

#define R_X86_64_NUM		16

typedef unsigned long elf_greg_t;

#define ELF_NGREG (sizeof (struct user_regs_struct) / sizeof(elf_greg_t))
typedef elf_greg_t elf_gregset_t[ELF_NGREG];

typedef struct user_i387_struct elf_fpregset_t;

#define ELF_CLASS	ELFCLASS64
#define ELF_DATA	ELFDATA2LSB
#define ELF_ARCH	EM_X86_64

#define EM_X86_64	62
#define ELFCLASS64	2
#define ELFDATA2LSB	1

#define elf_check_arch(x) \
	((x)->e_machine == EM_X86_64)

#define USE_ELF_CORE_DUMP
#define ELF_EXEC_PAGESIZE	4096

/* Where an ET_DYN program run directly is loaded: two thirds up. */
#define ELF_ET_DYN_BASE		(2 * TASK_SIZE / 3)

#define ELF_HWCAP	(boot_cpu_data.x86_capability[0])
#define ELF_PLATFORM	("x86_64")

#ifdef __KERNEL__
extern void set_personality_64bit(void);
#define SET_PERSONALITY(ex, ibcs2) set_personality_64bit()

#define ARCH_DLINFO						\
do {								\
	NEW_AUX_ENT(AT_SYSINFO_EHDR, (unsigned long)current->mm->context.vdso); \
} while (0)
#endif /* __KERNEL__ */

#endif /* __ASM_X86_64_ELF_H */
