#ifndef _LINUX_INDIRECT_H
#define _LINUX_INDIRECT_H
#include <linux/via.h>
struct indirect { __u32 a; };
#endif
