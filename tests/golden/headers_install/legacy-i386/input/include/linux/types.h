#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
#include <asm/types.h>
#ifdef __KERNEL__
typedef _Bool bool;
#endif
#endif
