#ifndef _ASM_RESOURCE_H
#define _ASM_RESOURCE_H

/* The generic rlimit numbering; x86 changes none of it. */
#include <asm-generic/resource.h>

#endif /* _ASM_RESOURCE_H */
