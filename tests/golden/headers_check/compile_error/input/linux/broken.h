#ifndef _LINUX_BROKEN_H
#define _LINUX_BROKEN_H
#include <linux/types.h>
struct broken {
	__u32 a;
	unknown_t b;
};
#endif
