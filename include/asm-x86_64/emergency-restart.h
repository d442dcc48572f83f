#ifndef _ASM_EMERGENCY_RESTART_H
#define _ASM_EMERGENCY_RESTART_H

/* x86 can reboot through the keyboard controller or a triple fault. */
extern void machine_emergency_restart(void);

#endif /* _ASM_EMERGENCY_RESTART_H */
