#ifndef _ASM_X86_64_STATFS_H
#define _ASM_X86_64_STATFS_H

#include <linux/types.h>

/*
 * statfs on x86_64: every counter is a long.  statfs64 is the same
 * structure; compat_statfs64 (4-byte packed) serves 32-bit programs.
 */

#ifndef __KERNEL_STRICT_NAMES
typedef __kernel_fsid_t	fsid_t;
#endif

struct statfs {
	long f_type;
	long f_bsize;
	long f_blocks;
	long f_bfree;
	long f_bavail;
	long f_files;
	long f_ffree;
	__kernel_fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_spare[5];
};

struct statfs64 {
	long f_type;
	long f_bsize;
	long f_blocks;
	long f_bfree;
	long f_bavail;
	long f_files;
	long f_ffree;
	__kernel_fsid_t f_fsid;
	long f_namelen;
	long f_frsize;
	long f_spare[5];
};

struct compat_statfs64 {
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
} __attribute__((packed));

#endif /* _ASM_X86_64_STATFS_H */
