#ifndef _ASM_S390_UNISTD_H_
#define _ASM_S390_UNISTD_H_

/*
 * System call numbers of s390 (svc instruction, number in the svc code or
 * in %r1).  31-bit and 64-bit share most numbers; the 16-bit uid calls
 * and the *64 calls exist on 31-bit only, s390x has the 32-bit uid calls
 * at the old numbers' places.  This list is the subset the tree uses.
 */

#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_restart_syscall	7
#define __NR_creat		8
#define __NR_link		9
#define __NR_unlink		10
#define __NR_execve		11
#define __NR_chdir		12
#define __NR_mknod		14
#define __NR_chmod		15
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_mount		21
#define __NR_umount		22
#define __NR_ptrace		26
#define __NR_alarm		27
#define __NR_pause		29
#define __NR_utime		30
#define __NR_access		33
#define __NR_nice		34
#define __NR_sync		36
#define __NR_kill		37
#define __NR_rename		38
#define __NR_mkdir		39
#define __NR_rmdir		40
#define __NR_dup		41
#define __NR_pipe		42
#define __NR_times		43
#define __NR_brk		45
#define __NR_ioctl		54
#define __NR_fcntl		55
#define __NR_mmap		90
#define __NR_munmap		91
#define __NR_socketcall		102
#define __NR_wait4		114
#define __NR_ipc		117
#define __NR_fsync		118
#define __NR_sigreturn		119
#define __NR_clone		120
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_nanosleep		162
#define __NR_mremap		163
#define __NR_poll		168
#define __NR_prctl		172
#define __NR_rt_sigreturn	173
#define __NR_rt_sigaction	174
#define __NR_rt_sigprocmask	175
#define __NR_vfork		190
#define __NR_gettid		236
#define __NR_tkill		237
#define __NR_futex		238
#define __NR_exit_group		248
#define __NR_set_tid_address	252
#define __NR_fallocate		314

/* 31-bit only */
#ifndef __s390x__
#define __NR_time		13
#define __NR_lchown		16
#define __NR_setuid		23
#define __NR_getuid		24
#define __NR_mmap2		192
#define __NR_stat64		195
#define __NR_lstat64		196
#define __NR_fstat64		197
#else
/* s390x: 32-bit uids at the traditional names */
#define __NR_lchown		198
#define __NR_getuid		199
#define __NR_setuid		213
#define __NR_stat		106
#define __NR_lstat		107
#define __NR_fstat		108
#endif /* __s390x__ */

#define NR_syscalls 315


#endif /* _ASM_S390_UNISTD_H_ */
