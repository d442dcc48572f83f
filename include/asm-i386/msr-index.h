#ifndef __ASM_MSR_INDEX_H
#define __ASM_MSR_INDEX_H

/*
 * Model-specific register numbers, shared by 32- and 64-bit x86 (the
 * x86_64 tree includes this file).  Architectural ones first, then the
 * vendors'.
 */

/* x86-64 specific MSRs */
#define MSR_EFER		0xc0000080 /* extended features */
#define MSR_STAR		0xc0000081 /* legacy-mode syscall target */
#define MSR_LSTAR		0xc0000082 /* long-mode syscall target */
#define MSR_CSTAR		0xc0000083 /* compat-mode syscall target */
#define MSR_SYSCALL_MASK	0xc0000084 /* EFLAGS mask for syscall */
#define MSR_FS_BASE		0xc0000100 /* 64-bit fs base */
#define MSR_GS_BASE		0xc0000101 /* 64-bit gs base */
#define MSR_KERNEL_GS_BASE	0xc0000102 /* swapgs gs shadow */

/* EFER bits */
#define _EFER_SCE		0  /* syscall/sysret */
#define _EFER_LME		8  /* long mode enable */
#define _EFER_LMA		10 /* long mode active (read-only) */
#define _EFER_NX		11 /* no-execute enable */

#define EFER_SCE		(1<<_EFER_SCE)
#define EFER_LME		(1<<_EFER_LME)
#define EFER_LMA		(1<<_EFER_LMA)
#define EFER_NX			(1<<_EFER_NX)

/* Intel MSRs, also in some AMD CPUs */
#define MSR_IA32_APICBASE		0x0000001b
#define MSR_IA32_TSC			0x00000010
#define MSR_IA32_SYSENTER_CS		0x00000174
#define MSR_IA32_SYSENTER_ESP		0x00000175
#define MSR_IA32_SYSENTER_EIP		0x00000176
#define MSR_IA32_MCG_CAP		0x00000179
#define MSR_IA32_MCG_STATUS		0x0000017a
#define MSR_IA32_MCG_CTL		0x0000017b
#define MSR_IA32_MISC_ENABLE		0x000001a0
#define MSR_IA32_CR_PAT			0x00000277
#define MSR_IA32_MC0_CTL		0x00000400
#define MSR_IA32_MC0_STATUS		0x00000401

/* AMD K8 */
#define MSR_K8_SYSCFG			0xc0010010
#define MSR_K8_TOP_MEM1			0xc001001a
#define MSR_K8_TOP_MEM2			0xc001001d

#endif /* __ASM_MSR_INDEX_H */
