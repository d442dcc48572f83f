#ifndef _ASM_IOCTL_H
#define _ASM_IOCTL_H

#include <asm-generic/ioctl.h>

#endif /* _ASM_IOCTL_H */
