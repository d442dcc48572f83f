#ifndef _ASM_X86_64_UNISTD_H_
#define _ASM_X86_64_UNISTD_H_

/*
 * System call numbers of the x86_64 ABI (syscall instruction, number in
 * %rax).  Each number comes with the kernel function that serves it, so
 * that the system call table can be generated from this file by
 * defining __SYSCALL.  This list is the subset the tree uses; Linux
 * 2.6.23 has 286 calls.
 */

#ifndef __SYSCALL
#define __SYSCALL(a,b)
#endif

#define __NR_read		0
__SYSCALL(__NR_read, sys_read)
#define __NR_write		1
__SYSCALL(__NR_write, sys_write)
#define __NR_open		2
__SYSCALL(__NR_open, sys_open)
#define __NR_close		3
__SYSCALL(__NR_close, sys_close)
#define __NR_stat		4
__SYSCALL(__NR_stat, sys_newstat)
#define __NR_fstat		5
__SYSCALL(__NR_fstat, sys_newfstat)
#define __NR_lstat		6
__SYSCALL(__NR_lstat, sys_newlstat)
#define __NR_poll		7
__SYSCALL(__NR_poll, sys_poll)
#define __NR_lseek		8
__SYSCALL(__NR_lseek, sys_lseek)
#define __NR_mmap		9
__SYSCALL(__NR_mmap, sys_mmap)
#define __NR_mprotect		10
__SYSCALL(__NR_mprotect, sys_mprotect)
#define __NR_munmap		11
__SYSCALL(__NR_munmap, sys_munmap)
#define __NR_brk		12
__SYSCALL(__NR_brk, sys_brk)
#define __NR_rt_sigaction	13
__SYSCALL(__NR_rt_sigaction, sys_rt_sigaction)
#define __NR_rt_sigprocmask	14
__SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask)
#define __NR_rt_sigreturn	15
__SYSCALL(__NR_rt_sigreturn, stub_rt_sigreturn)
#define __NR_ioctl		16
__SYSCALL(__NR_ioctl, sys_ioctl)
#define __NR_pread64		17
__SYSCALL(__NR_pread64, sys_pread64)
#define __NR_pwrite64		18
__SYSCALL(__NR_pwrite64, sys_pwrite64)
#define __NR_readv		19
__SYSCALL(__NR_readv, sys_readv)
#define __NR_writev		20
__SYSCALL(__NR_writev, sys_writev)
#define __NR_access		21
__SYSCALL(__NR_access, sys_access)
#define __NR_pipe		22
__SYSCALL(__NR_pipe, sys_pipe)
#define __NR_select		23
__SYSCALL(__NR_select, sys_select)
#define __NR_sched_yield	24
__SYSCALL(__NR_sched_yield, sys_sched_yield)
#define __NR_mremap		25
__SYSCALL(__NR_mremap, sys_mremap)
#define __NR_msync		26
__SYSCALL(__NR_msync, sys_msync)
#define __NR_mincore		27
__SYSCALL(__NR_mincore, sys_mincore)
#define __NR_madvise		28
__SYSCALL(__NR_madvise, sys_madvise)
#define __NR_shmget		29
__SYSCALL(__NR_shmget, sys_shmget)
#define __NR_shmat		30
__SYSCALL(__NR_shmat, sys_shmat)
#define __NR_shmctl		31
__SYSCALL(__NR_shmctl, sys_shmctl)
#define __NR_dup		32
__SYSCALL(__NR_dup, sys_dup)
#define __NR_dup2		33
__SYSCALL(__NR_dup2, sys_dup2)
#define __NR_pause		34
__SYSCALL(__NR_pause, sys_pause)
#define __NR_nanosleep		35
__SYSCALL(__NR_nanosleep, sys_nanosleep)
#define __NR_getitimer		36
__SYSCALL(__NR_getitimer, sys_getitimer)
#define __NR_alarm		37
__SYSCALL(__NR_alarm, sys_alarm)
#define __NR_setitimer		38
__SYSCALL(__NR_setitimer, sys_setitimer)
#define __NR_getpid		39
__SYSCALL(__NR_getpid, sys_getpid)
#define __NR_sendfile		40
__SYSCALL(__NR_sendfile, sys_sendfile)
#define __NR_socket		41
__SYSCALL(__NR_socket, sys_socket)
#define __NR_connect		42
__SYSCALL(__NR_connect, sys_connect)
#define __NR_accept		43
__SYSCALL(__NR_accept, sys_accept)
#define __NR_sendto		44
__SYSCALL(__NR_sendto, sys_sendto)
#define __NR_recvfrom		45
__SYSCALL(__NR_recvfrom, sys_recvfrom)
#define __NR_sendmsg		46
__SYSCALL(__NR_sendmsg, sys_sendmsg)
#define __NR_recvmsg		47
__SYSCALL(__NR_recvmsg, sys_recvmsg)
#define __NR_shutdown		48
__SYSCALL(__NR_shutdown, sys_shutdown)
#define __NR_bind		49
__SYSCALL(__NR_bind, sys_bind)
#define __NR_listen		50
__SYSCALL(__NR_listen, sys_listen)
#define __NR_getsockname	51
__SYSCALL(__NR_getsockname, sys_getsockname)
#define __NR_getpeername	52
__SYSCALL(__NR_getpeername, sys_getpeername)
#define __NR_socketpair		53
__SYSCALL(__NR_socketpair, sys_socketpair)
#define __NR_setsockopt		54
__SYSCALL(__NR_setsockopt, sys_setsockopt)
#define __NR_getsockopt		55
__SYSCALL(__NR_getsockopt, sys_getsockopt)
#define __NR_clone		56
__SYSCALL(__NR_clone, stub_clone)
#define __NR_fork		57
__SYSCALL(__NR_fork, stub_fork)
#define __NR_vfork		58
__SYSCALL(__NR_vfork, stub_vfork)
#define __NR_execve		59
__SYSCALL(__NR_execve, stub_execve)
#define __NR_exit		60
__SYSCALL(__NR_exit, sys_exit)
#define __NR_wait4		61
__SYSCALL(__NR_wait4, sys_wait4)
#define __NR_kill		62
__SYSCALL(__NR_kill, sys_kill)
#define __NR_uname		63
__SYSCALL(__NR_uname, sys_uname)
#define __NR_fcntl		72
__SYSCALL(__NR_fcntl, sys_fcntl)
#define __NR_fsync		74
__SYSCALL(__NR_fsync, sys_fsync)
#define __NR_truncate		76
__SYSCALL(__NR_truncate, sys_truncate)
#define __NR_ftruncate		77
__SYSCALL(__NR_ftruncate, sys_ftruncate)
#define __NR_getcwd		79
__SYSCALL(__NR_getcwd, sys_getcwd)
#define __NR_chdir		80
__SYSCALL(__NR_chdir, sys_chdir)
#define __NR_rename		82
__SYSCALL(__NR_rename, sys_rename)
#define __NR_mkdir		83
__SYSCALL(__NR_mkdir, sys_mkdir)
#define __NR_rmdir		84
__SYSCALL(__NR_rmdir, sys_rmdir)
#define __NR_unlink		87
__SYSCALL(__NR_unlink, sys_unlink)
#define __NR_arch_prctl		158
__SYSCALL(__NR_arch_prctl, sys_arch_prctl)
#define __NR_gettid		186
__SYSCALL(__NR_gettid, sys_gettid)
#define __NR_futex		202
__SYSCALL(__NR_futex, sys_futex)
#define __NR_set_tid_address	218
__SYSCALL(__NR_set_tid_address, sys_set_tid_address)
#define __NR_clock_gettime	228
__SYSCALL(__NR_clock_gettime, sys_clock_gettime)
#define __NR_exit_group		231
__SYSCALL(__NR_exit_group, sys_exit_group)
#define __NR_epoll_wait		232
__SYSCALL(__NR_epoll_wait, sys_epoll_wait)
#define __NR_epoll_ctl		233
__SYSCALL(__NR_epoll_ctl, sys_epoll_ctl)
#define __NR_set_robust_list	273
__SYSCALL(__NR_set_robust_list, sys_set_robust_list)
#define __NR_get_robust_list	274
__SYSCALL(__NR_get_robust_list, sys_get_robust_list)
#define __NR_timerfd		283
__SYSCALL(__NR_timerfd, sys_timerfd)
#define __NR_eventfd		284
__SYSCALL(__NR_eventfd, sys_eventfd)
#define __NR_fallocate		285
__SYSCALL(__NR_fallocate, sys_fallocate)


#endif /* _ASM_X86_64_UNISTD_H_ */
