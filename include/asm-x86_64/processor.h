#ifndef __ASM_X86_64_PROCESSOR_H
#define __ASM_X86_64_PROCESSOR_H

#include <linux/types.h>
#include <asm/page.h>
#include <asm-i386/processor-flags.h>
#include <asm/cpufeature.h>

/*
 * What the kernel knows about each CPU, and the per-task CPU state that
 * a context switch saves.  The flag bits are the 32-bit ones
 * (asm-i386/processor-flags.h).
 */
struct cpuinfo_x86 {
	__u8	x86;		/* family */
	__u8	x86_vendor;
	__u8	x86_model;
	__u8	x86_mask;	/* stepping */
	int	cpuid_level;	/* highest CPUID level */
	__u32	x86_capability[NCAPINTS];
	char	x86_vendor_id[16];
	char	x86_model_id[64];
	int	x86_cache_size;	/* in KB */
	int	x86_clflush_size;
	int	x86_cache_alignment;
	int	x86_tlbsize;	/* TLB entries */
	__u8	x86_virt_bits, x86_phys_bits;
	__u8	x86_max_cores;	/* cores per package */
	__u32	x86_power;
	__u32	extended_cpuid_level;	/* highest 0x8000xxxx level */
	unsigned long loops_per_jiffy;
	__u8	apicid;
	__u8	booted_cores;
} __attribute__((__aligned__(64)));

#define X86_VENDOR_INTEL 0
#define X86_VENDOR_CYRIX 1
#define X86_VENDOR_AMD 2
#define X86_VENDOR_UNKNOWN 0xff

extern struct cpuinfo_x86 boot_cpu_data;

/*
 * User space of a 64-bit task: the low half of the 48-bit address space
 * minus a guard page.  32-bit tasks get 4G.
 */
#define TASK_SIZE64	(0x800000000000UL - 4096)
#define IA32_PAGE_OFFSET 0xffffe000
#define TASK_SIZE	TASK_SIZE64

#define PAGE_ALIGN(addr)	(((addr)+PAGE_SIZE-1)&PAGE_MASK)
#define TASK_UNMAPPED_BASE	PAGE_ALIGN(TASK_SIZE/3)

struct thread_struct {
	unsigned long	rsp0;		/* kernel stack top, for the TSS */
	unsigned long	rsp;
	unsigned long	userrsp;	/* user rsp, saved at syscall entry */
	unsigned long	fs;
	unsigned long	gs;
	unsigned short	es, ds, fsindex, gsindex;
	unsigned long	debugreg0, debugreg1, debugreg2, debugreg3;
	unsigned long	debugreg6, debugreg7;
	unsigned long	cr2, trap_no, error_code;
	int		ioperm;
	unsigned long	*io_bitmap_ptr;
	unsigned	io_bitmap_max;
	__u64		tls_array[3];	/* TLS descriptors for 32-bit tasks */
} __attribute__((aligned(16)));

/* Spin-wait hint (pause). */
static inline void rep_nop(void)
{
	__asm__ __volatile__("rep;nop": : :"memory");
}

#define cpu_relax()	rep_nop()

static inline void cpuid(unsigned int op, unsigned int *eax, unsigned int *ebx,
			 unsigned int *ecx, unsigned int *edx)
{
	__asm__("cpuid"
		: "=a" (*eax), "=b" (*ebx), "=c" (*ecx), "=d" (*edx)
		: "0" (op), "c" (0));
}

#define ARCH_HAS_PREFETCH
static inline void prefetch(const void *x)
{
	__asm__ volatile("prefetcht0 (%0)" :: "r" (x));
}

#endif /* __ASM_X86_64_PROCESSOR_H */
