#ifndef _ASM_I386_IPCBUF_H
#define _ASM_I386_IPCBUF_H

#include <linux/types.h>

/*
 * The permission block of a System V IPC object, as i386 passes it.
 * Room for growth: one 16-bit pad after mode and seq, two longs at the
 * end.
 */

struct ipc64_perm
{
	__kernel_key_t		key;
	__kernel_uid32_t	uid;
	__kernel_gid32_t	gid;
	__kernel_uid32_t	cuid;
	__kernel_gid32_t	cgid;
	__kernel_mode_t		mode;
	unsigned short		__pad1;
	unsigned short		seq;
	unsigned short		__pad2;
	unsigned long		__unused1;
	unsigned long		__unused2;
};

#endif /* _ASM_I386_IPCBUF_H */
