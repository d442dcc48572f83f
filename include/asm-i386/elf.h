#ifndef __ASMi386_ELF_H
#define __ASMi386_ELF_H

/*
 * ELF register definitions and what an i386 ELF binary must look like.
 */

#include <asm/ptrace.h>
#include <asm/user.h>
#include <asm/auxvec.h>

#define R_386_NONE	0
#define R_386_32	1
#define R_386_PC32	2
#define R_386_GOT32	3
#define R_386_PLT32	4
#define R_386_COPY	5
#define R_386_GLOB_DAT	6
#define R_386_JMP_SLOT	7
#define R_386_RELATIVE	8
#define R_386_GOTOFF	9
#define R_386_GOTPC	10
#define R_386_NUM	11

typedef unsigned long elf_greg_t;

#define ELF_NGREG (sizeof (struct user_regs_struct) / sizeof(elf_greg_t))
typedef elf_greg_t elf_gregset_t[ELF_NGREG];

typedef struct user_i387_struct elf_fpregset_t;
typedef struct user_fxsr_struct elf_fpxregset_t;

/* Is this an ELF binary this machine can run? */
#define elf_check_arch(x) \
	(((x)->e_machine == EM_386) || ((x)->e_machine == EM_486))

#define ELF_CLASS	ELFCLASS32
#define ELF_DATA	ELFDATA2LSB
#define ELF_ARCH	EM_386

#define EM_386		3
#define EM_486		6	/* an old alias of EM_386 */
#define ELFCLASS32	1
#define ELFDATA2LSB	1

#define USE_ELF_CORE_DUMP
#define ELF_EXEC_PAGESIZE	4096

/*
 * Where an ET_DYN program (the dynamic linker run directly) is loaded:
 * two thirds of the way up, out of the way of the program it loads.
 */
#define ELF_ET_DYN_BASE		(TASK_SIZE / 3 * 2)

#define ELF_HWCAP	(boot_cpu_data.x86_capability[0])
#define ELF_PLATFORM	(utsname()->machine)

#ifdef __KERNEL__
#define SET_PERSONALITY(ex, ibcs2) do { } while (0)

#define ARCH_DLINFO						\
do {								\
	NEW_AUX_ENT(AT_SYSINFO,	VDSO_ENTRY);			\
	NEW_AUX_ENT(AT_SYSINFO_EHDR, VDSO_CURRENT_BASE);	\
} while (0)
#endif /* __KERNEL__ */

#endif /* __ASMi386_ELF_H */
