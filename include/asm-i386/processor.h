#ifndef __ASM_I386_PROCESSOR_H
#define __ASM_I386_PROCESSOR_H

#include <linux/types.h>
#include <asm/page.h>
#include <asm/processor-flags.h>
#include <asm/cpufeature.h>

/*
 * What the kernel knows about each CPU, and the per-task CPU state that
 * a context switch saves and restores.
 */
struct cpuinfo_x86 {
	__u8	x86;		/* family */
	__u8	x86_vendor;
	__u8	x86_model;
	__u8	x86_mask;	/* stepping */
	char	wp_works_ok;	/* supervisor-mode write protection */
	char	hard_math;
	char	rfu;
	char	fdiv_bug;
	int	cpuid_level;	/* highest CPUID level, -1 without CPUID */
	unsigned long	x86_capability[NCAPINTS];
	char	x86_vendor_id[16];
	char	x86_model_id[64];
	int	x86_cache_size;	/* in KB */
	int	x86_clflush_size;
	unsigned long loops_per_jiffy;
} __attribute__((__aligned__(16)));

#define X86_VENDOR_INTEL 0
#define X86_VENDOR_CYRIX 1
#define X86_VENDOR_AMD 2
#define X86_VENDOR_UNKNOWN 0xff

extern struct cpuinfo_x86 boot_cpu_data;

/*
 * User space is the low 3G: TASK_SIZE is where the kernel mapping
 * starts.
 */
#define TASK_SIZE	(PAGE_OFFSET)

/* Where mmap() starts looking for room when the caller gives no address. */
#define TASK_UNMAPPED_BASE	(PAGE_ALIGN(TASK_SIZE / 3))
#define PAGE_ALIGN(addr)	(((addr)+PAGE_SIZE-1)&PAGE_MASK)

#define HAVE_ARCH_PICK_MMAP_LAYOUT

struct thread_struct {
	unsigned long	esp0;		/* kernel stack top, for the TSS */
	unsigned long	sysenter_cs;
	unsigned long	eip;
	unsigned long	esp;
	unsigned long	fs;
	unsigned long	gs;
	unsigned long	debugreg[8];	/* %%db0-7 */
	unsigned long	cr2, trap_no, error_code;
	unsigned long	screen_bitmap;	/* vm86 */
	unsigned long	v86flags, v86mask, saved_esp0;
	unsigned int	saved_fs, saved_gs;
	unsigned long	*io_bitmap_ptr;	/* ioperm() bitmap, or NULL */
	unsigned long	iopl;
	unsigned long	io_bitmap_max;
};

/* Spin-wait hint: "rep; nop" is the pause instruction. */
static inline void rep_nop(void)
{
	__asm__ __volatile__("rep;nop": : :"memory");
}

#define cpu_relax()	rep_nop()

static inline void native_cpuid(unsigned int *eax, unsigned int *ebx,
				unsigned int *ecx, unsigned int *edx)
{
	__asm__("cpuid"
		: "=a" (*eax), "=b" (*ebx), "=c" (*ecx), "=d" (*edx)
		: "0" (*eax), "2" (*ecx));
}

struct task_struct;
extern unsigned long thread_saved_pc(struct task_struct *tsk);

#endif /* __ASM_I386_PROCESSOR_H */
