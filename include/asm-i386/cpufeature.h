#ifndef __ASM_I386_CPUFEATURE_H
#define __ASM_I386_CPUFEATURE_H

/*
 * CPU feature bits: word 0 is CPUID 1 %edx, word 1 is CPUID 0x80000001
 * %edx (AMD), word 3 Linux-defined synthetic bits, word 4 CPUID 1 %ecx.
 * Shared by 32- and 64-bit x86 (the x86_64 tree includes this file).
 */

#define NCAPINTS	8	/* 32-bit words in x86_capability */

/* Intel-defined, CPUID level 0x00000001 (edx), word 0 */
#define X86_FEATURE_FPU		(0*32+ 0) /* x87 on chip */
#define X86_FEATURE_VME		(0*32+ 1) /* virtual-8086 extensions */
#define X86_FEATURE_DE		(0*32+ 2) /* debugging extensions */
#define X86_FEATURE_PSE		(0*32+ 3) /* 4M pages */
#define X86_FEATURE_TSC		(0*32+ 4) /* time stamp counter */
#define X86_FEATURE_MSR		(0*32+ 5) /* rdmsr/wrmsr */
#define X86_FEATURE_PAE		(0*32+ 6) /* physical address extension */
#define X86_FEATURE_MCE		(0*32+ 7) /* machine check exception */
#define X86_FEATURE_CX8		(0*32+ 8) /* cmpxchg8b */
#define X86_FEATURE_APIC	(0*32+ 9) /* local APIC */
#define X86_FEATURE_SEP		(0*32+11) /* sysenter/sysexit */
#define X86_FEATURE_MTRR	(0*32+12) /* memory type range registers */
#define X86_FEATURE_PGE		(0*32+13) /* global pages */
#define X86_FEATURE_CMOV	(0*32+15) /* cmov */
#define X86_FEATURE_PAT		(0*32+16) /* page attribute table */
#define X86_FEATURE_CLFLSH	(0*32+19) /* clflush */
#define X86_FEATURE_MMX		(0*32+23) /* MMX */
#define X86_FEATURE_FXSR	(0*32+24) /* fxsave/fxrstor */
#define X86_FEATURE_XMM		(0*32+25) /* SSE */
#define X86_FEATURE_XMM2	(0*32+26) /* SSE2 */
#define X86_FEATURE_HT		(0*32+28) /* hyper-threading */

/* AMD-defined, CPUID level 0x80000001 (edx), word 1 */
#define X86_FEATURE_SYSCALL	(1*32+11) /* syscall/sysret */
#define X86_FEATURE_NX		(1*32+20) /* no-execute */
#define X86_FEATURE_LM		(1*32+29) /* long mode */

/* Linux-defined, word 3 */
#define X86_FEATURE_CONSTANT_TSC (3*32+ 8) /* TSC ticks at a constant rate */
#define X86_FEATURE_REP_GOOD	(3*32+16) /* rep microcode works well */

/* Intel-defined, CPUID level 0x00000001 (ecx), word 4 */
#define X86_FEATURE_XMM3	(4*32+ 0) /* SSE3 */
#define X86_FEATURE_MWAIT	(4*32+ 3) /* monitor/mwait */

#define cpu_has(c, bit)		test_bit(bit, (unsigned long *)((c)->x86_capability))
#define boot_cpu_has(bit)	test_bit(bit, (unsigned long *)boot_cpu_data.x86_capability)

#define cpu_has_pae		boot_cpu_has(X86_FEATURE_PAE)
#define cpu_has_pge		boot_cpu_has(X86_FEATURE_PGE)
#define cpu_has_nx		boot_cpu_has(X86_FEATURE_NX)

#endif /* __ASM_I386_CPUFEATURE_H */
