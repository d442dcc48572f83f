#ifndef _ASM_X86_64_VSYSCALL_H_
#define _ASM_X86_64_VSYSCALL_H_

/*
 * The vsyscall page: a page of kernel code mapped at a fixed address in
 * every process, so that gettimeofday(), time() and getcpu() need no
 * system call.  Each entry point is 1024 bytes apart.
 */

enum vsyscall_num {
	__NR_vgettimeofday,
	__NR_vtime,
	__NR_vgetcpu,
};

#define VSYSCALL_START (-10UL << 20)
#define VSYSCALL_SIZE 1024
#define VSYSCALL_END (-2UL << 20)
#define VSYSCALL_MAPPED_PAGES 1
#define VSYSCALL_ADDR(vsyscall_nr) (VSYSCALL_START+VSYSCALL_SIZE*(vsyscall_nr))

#ifdef __KERNEL__
#include <linux/compiler.h>

#define __section_vgetcpu_mode	__attribute__ ((unused, __section__ (".vgetcpu_mode"), aligned(16)))
#define __section_jiffies	__attribute__ ((unused, __section__ (".jiffies"), aligned(16)))

/* Data the vsyscall code reads, in sections the linker places in the page. */
#define __section_vsyscall_gtod_data __attribute__ \
	((unused, __section__ (".vsyscall_gtod_data"),aligned(16)))
#define __vsyscall_fn __attribute__ ((unused,__section__(".vsyscall_fn")))

#define VGETCPU_RDTSCP	1
#define VGETCPU_LSL	2

extern int __vgetcpu_mode;
extern volatile unsigned long __jiffies;

/* The HPET counter, mapped for the vsyscall page's readers. */
extern void __iomem *vsyscall_hpet;

extern int vgetcpu_mode;
extern int sysctl_vsyscall;

extern void vsyscall_init(void);
extern void vsyscall_set_cpu(int cpu);

#endif /* __KERNEL__ */

#endif /* _ASM_X86_64_VSYSCALL_H_ */
