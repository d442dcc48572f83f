#ifndef _S390_IOCTL_H
#define _S390_IOCTL_H

#include <asm-generic/ioctl.h>

#endif /* _S390_IOCTL_H */
