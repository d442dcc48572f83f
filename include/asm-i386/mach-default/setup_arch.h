#ifndef _MACH_SETUP_ARCH_H
#define _MACH_SETUP_ARCH_H

/*
 * Hooks a subarchitecture may fill in at boot; a standard PC needs none
 * of them.
 */
#define ARCH_SETUP	do { } while (0)

#endif /* _MACH_SETUP_ARCH_H */
