#ifndef _ASM_X8664_PROTO_H
#define _ASM_X8664_PROTO_H 1

/*
 * Prototypes of x86_64 functions that have no better home: boot-time
 * setup, the system call entry points, early printk.
 */

struct cpuinfo_x86;
struct pt_regs;
struct task_struct;

extern void start_kernel(void);
extern void pda_init(int cpu);

extern void early_idt_handler(void);

extern void mcheck_init(struct cpuinfo_x86 *c);
extern void init_memory_mapping(unsigned long start, unsigned long end);

extern void system_call(void);
extern int kernel_syscall(void);
extern void syscall_init(void);

extern void ia32_syscall(void);
extern void ia32_cstar_target(void);
extern void ia32_sysenter_target(void);

extern void config_acpi_tables(void);

extern unsigned long table_start, table_end;

extern int exception_trace;
extern unsigned cpu_khz;
extern unsigned tsc_khz;

extern void setup_node_bootmem(int nodeid, unsigned long start, unsigned long end);

extern void early_quirks(void);
extern void check_efer(void);

extern int unhandled_signal(struct task_struct *tsk, int sig);

extern void select_idle_routine(const struct cpuinfo_x86 *c);

extern unsigned long end_pfn_map;

extern void syscall32_cpu_init(void);

#define round_up(x,y) (((x) + (y) - 1) & ~((y)-1))
#define round_down(x,y) ((x) & ~((y)-1))

#endif /* _ASM_X8664_PROTO_H */
