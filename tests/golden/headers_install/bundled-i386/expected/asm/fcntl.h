#ifndef _ASM_FCNTL_H
#define _ASM_FCNTL_H

/* x86 uses the generic open(2) flags and struct flock unchanged. */
#include <asm-generic/fcntl.h>

#endif /* _ASM_FCNTL_H */
