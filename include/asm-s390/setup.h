#ifndef _ASM_S390_SETUP_H
#define _ASM_S390_SETUP_H

/* What boot found out about the machine, and the s390 boot options. */

#define COMMAND_LINE_SIZE	896

#define IPL_DEVICE		(*(unsigned long *)  (0x10404))
#define INITRD_START		(*(unsigned long *)  (0x1040C))
#define INITRD_SIZE		(*(unsigned long *)  (0x10414))

#ifndef __ASSEMBLY__

extern unsigned long machine_flags;

#define MACHINE_IS_VM		(machine_flags & 1)
#define MACHINE_IS_P390		(machine_flags & 4)
#define MACHINE_HAS_MVPG	(machine_flags & 16)
#define MACHINE_HAS_IDTE	(machine_flags & 128)
#define MACHINE_HAS_DIAG9C	(machine_flags & 256)

#ifndef __s390x__
#define MACHINE_HAS_IEEE	(machine_flags & 2)
#define MACHINE_HAS_CSP		(machine_flags & 8)
#else /* __s390x__ */
#define MACHINE_HAS_IEEE	(1)
#define MACHINE_HAS_CSP		(1)
#endif /* __s390x__ */

/* noexec=on on the command line: every mm gets shadow tables. */
extern int s390_noexec;

#endif /* __ASSEMBLY__ */

#endif /* _ASM_S390_SETUP_H */
