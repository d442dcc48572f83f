#ifndef _ASM_I386_UNISTD_H
#define _ASM_I386_UNISTD_H

/*
 * System call numbers of the i386 ABI (int $0x80 / sysenter, number in
 * %eax).  Numbers are forever: a retired call keeps its slot.  This list
 * is the subset the tree uses; Linux 2.6.23 has 325 calls.
 */

#define __NR_restart_syscall	0
#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_creat		8
#define __NR_link		9
#define __NR_unlink		10
#define __NR_execve		11
#define __NR_chdir		12
#define __NR_time		13
#define __NR_mknod		14
#define __NR_chmod		15
#define __NR_lchown		16
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_mount		21
#define __NR_setuid		23
#define __NR_getuid		24
#define __NR_ptrace		26
#define __NR_alarm		27
#define __NR_pause		29
#define __NR_access		33
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
#define __NR_setpgid		57
#define __NR_umask		60
#define __NR_dup2		63
#define __NR_getppid		64
#define __NR_setsid		66
#define __NR_mmap		90
#define __NR_munmap		91
#define __NR_truncate		92
#define __NR_ftruncate		93
#define __NR_socketcall		102
#define __NR_wait4		114
#define __NR_ipc		117
#define __NR_fsync		118
#define __NR_sigreturn		119
#define __NR_clone		120
#define __NR_uname		122
#define __NR_modify_ldt		123
#define __NR_mprotect		125
#define __NR_nanosleep		162
#define __NR_mremap		163
#define __NR_poll		168
#define __NR_prctl		172
#define __NR_rt_sigreturn	173
#define __NR_rt_sigaction	174
#define __NR_rt_sigprocmask	175
#define __NR_pread64		180
#define __NR_pwrite64		181
#define __NR_vfork		190
#define __NR_mmap2		192
#define __NR_stat64		195
#define __NR_lstat64		196
#define __NR_fstat64		197
#define __NR_gettid		224
#define __NR_futex		240
#define __NR_set_thread_area	243
#define __NR_get_thread_area	244
#define __NR_exit_group		252
#define __NR_epoll_create	254
#define __NR_epoll_ctl		255
#define __NR_epoll_wait		256
#define __NR_set_tid_address	258
#define __NR_set_robust_list	311
#define __NR_get_robust_list	312
#define __NR_timerfd		322
#define __NR_eventfd		323
#define __NR_fallocate		324


#endif /* _ASM_I386_UNISTD_H */
