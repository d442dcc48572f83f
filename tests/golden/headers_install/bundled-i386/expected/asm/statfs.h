#ifndef _ASM_I386_STATFS_H
#define _ASM_I386_STATFS_H

#include <linux/types.h>

/*
 * statfs on i386: 32-bit counters in struct statfs, 64-bit ones in
 * statfs64, which is packed to 4 bytes so that the layout is the same
 * for 64-bit kernels running 32-bit programs.
 */

typedef __kernel_fsid_t	fsid_t;

struct statfs {
	__u32 f_type;
	__u32 f_bsize;
	__u32 f_blocks;
	__u32 f_bfree;
	__u32 f_bavail;
	__u32 f_files;
	__u32 f_ffree;
	__kernel_fsid_t f_fsid;
	__u32 f_namelen;
	__u32 f_frsize;
	__u32 f_spare[5];
};

struct statfs64 {
	__u32 f_type;
	__u32 f_bsize;
	__u64 f_blocks;
	__u64 f_bfree;
	__u64 f_bavail;
	__u64 f_files;
	__u64 f_ffree;
	__kernel_fsid_t f_fsid;
	__u32 f_namelen;
	__u32 f_frsize;
	__u32 f_spare[5];
} __attribute__ ((packed,aligned(4)));

#endif /* _ASM_I386_STATFS_H */
