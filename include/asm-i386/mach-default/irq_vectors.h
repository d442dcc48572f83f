#ifndef _ASM_IRQ_VECTORS_H
#define _ASM_IRQ_VECTORS_H

/*
 * The IDT layout of a standard PC: vectors 0-31 are CPU exceptions,
 * external interrupts start at 0x20, the system call gate is 0x80, and
 * the local APIC's own interrupts sit at the top.
 */

#define SYSCALL_VECTOR		0x80

#define FIRST_EXTERNAL_VECTOR	0x20

#define SPURIOUS_APIC_VECTOR	0xff
#define ERROR_APIC_VECTOR	0xfe
#define INVALIDATE_TLB_VECTOR	0xfd
#define RESCHEDULE_VECTOR	0xfc
#define CALL_FUNCTION_VECTOR	0xfb

#define THERMAL_APIC_VECTOR	0xf0
#define LOCAL_TIMER_VECTOR	0xef

#define FIRST_DEVICE_VECTOR	0x31
#define FIRST_SYSTEM_VECTOR	0xef

#define TIMER_IRQ 0

/* 16 legacy ISA interrupts, more with IO-APICs. */
#define NR_IRQS			224
#define NR_IRQ_VECTORS		NR_IRQS

#define FPU_IRQ			13

#endif /* _ASM_IRQ_VECTORS_H */
