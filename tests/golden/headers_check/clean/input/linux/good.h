/* A clean header: guard, linux/types.h, a CONFIG_FOO only in a comment. */
#ifndef _LINUX_GOOD_H
#define _LINUX_GOOD_H
#include <linux/types.h>
#include <stddef.h>
struct good { __u32 a; };  /* __user in a comment is fine */
#endif
