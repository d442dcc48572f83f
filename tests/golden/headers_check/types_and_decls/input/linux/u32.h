#ifndef _LINUX_U32_H
#define _LINUX_U32_H
#include <asm/types.h>
struct u32 {
	__u32 a;	/* no linux/types.h */
	__u16 b;
};
#endif
