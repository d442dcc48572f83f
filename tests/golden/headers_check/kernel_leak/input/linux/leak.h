#ifndef _LINUX_LEAK_H
#define _LINUX_LEAK_H
#include <linux/types.h>
#ifdef __KERNEL__
int kernel_only;
#endif
#if defined(__KERNEL__) || defined(__linux__)
/* undecided without knowing __linux__: what Linux ships, not a finding */
#endif
struct leak { char __user *buf; };
#endif
