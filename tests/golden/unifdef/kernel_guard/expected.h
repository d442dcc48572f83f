/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_LINUX_FOO_H
#define _UAPI_LINUX_FOO_H

#include <linux/types.h>

struct user_view { int u; };


#endif /* _UAPI_LINUX_FOO_H */
