#ifndef __ASM_I386_PROCESSOR_FLAGS_H
#define __ASM_I386_PROCESSOR_FLAGS_H

/*
 * Bits of EFLAGS and of the control registers, the same on 32- and
 * 64-bit x86 (the x86_64 tree includes this file).
 */

/* EFLAGS */
#define X86_EFLAGS_CF	0x00000001 /* carry */
#define X86_EFLAGS_PF	0x00000004 /* parity */
#define X86_EFLAGS_AF	0x00000010 /* auxiliary carry */
#define X86_EFLAGS_ZF	0x00000040 /* zero */
#define X86_EFLAGS_SF	0x00000080 /* sign */
#define X86_EFLAGS_TF	0x00000100 /* trap (single step) */
#define X86_EFLAGS_IF	0x00000200 /* interrupts enabled */
#define X86_EFLAGS_DF	0x00000400 /* direction */
#define X86_EFLAGS_OF	0x00000800 /* overflow */
#define X86_EFLAGS_IOPL	0x00003000 /* I/O privilege level, two bits */
#define X86_EFLAGS_NT	0x00004000 /* nested task */
#define X86_EFLAGS_RF	0x00010000 /* resume */
#define X86_EFLAGS_VM	0x00020000 /* virtual-8086 mode */
#define X86_EFLAGS_AC	0x00040000 /* alignment check */
#define X86_EFLAGS_VIF	0x00080000 /* virtual interrupt flag */
#define X86_EFLAGS_VIP	0x00100000 /* virtual interrupt pending */
#define X86_EFLAGS_ID	0x00200000 /* CPUID works */

/* CR0 */
#define X86_CR0_PE	0x00000001 /* protected mode */
#define X86_CR0_MP	0x00000002 /* monitor coprocessor */
#define X86_CR0_EM	0x00000004 /* emulate FPU */
#define X86_CR0_TS	0x00000008 /* task switched (lazy FPU) */
#define X86_CR0_ET	0x00000010 /* extension type */
#define X86_CR0_NE	0x00000020 /* native FPU errors */
#define X86_CR0_WP	0x00010000 /* write protect in ring 0 */
#define X86_CR0_AM	0x00040000 /* alignment mask */
#define X86_CR0_NW	0x20000000 /* not write-through */
#define X86_CR0_CD	0x40000000 /* cache disable */
#define X86_CR0_PG	0x80000000 /* paging */

/* CR3 */
#define X86_CR3_PWT	0x00000008 /* page-level write-through */
#define X86_CR3_PCD	0x00000010 /* page-level cache disable */

/* CR4 */
#define X86_CR4_VME	0x00000001 /* virtual-8086 extensions */
#define X86_CR4_PVI	0x00000002 /* protected-mode virtual interrupts */
#define X86_CR4_TSD	0x00000004 /* rdtsc only in ring 0 */
#define X86_CR4_DE	0x00000008 /* debugging extensions */
#define X86_CR4_PSE	0x00000010 /* 4M pages */
#define X86_CR4_PAE	0x00000020 /* physical address extension */
#define X86_CR4_MCE	0x00000040 /* machine check */
#define X86_CR4_PGE	0x00000080 /* global pages */
#define X86_CR4_PCE	0x00000100 /* rdpmc in any ring */
#define X86_CR4_OSFXSR	0x00000200 /* fxsave/fxrstor */
#define X86_CR4_OSXMMEXCPT 0x00000400 /* unmasked SSE exceptions */
#define X86_CR4_VMXE	0x00002000 /* VMX */

#endif /* __ASM_I386_PROCESSOR_FLAGS_H */
