/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_LINUX_FOO_H
#define _UAPI_LINUX_FOO_H

#include <linux/types.h>

#ifdef __KERNEL__
struct kernel_only { int k; };
#else
struct user_view { int u; };
#endif /* __KERNEL__ */

#if defined(__KERNEL__) || !defined(__EXPORTED_HEADERS__)
int hidden;
#endif

#endif /* _UAPI_LINUX_FOO_H */
