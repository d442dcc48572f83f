#ifndef _S390_SIGINFO_H
#define _S390_SIGINFO_H

#include <linux/types.h>


/*
 * siginfo_t for s390: 128 bytes.  On s390x the union is 8-byte aligned, so
 * the preamble is four ints there (one of padding), three on 31-bit.
 */

#ifdef __s390x__
#define __ARCH_SI_PREAMBLE_SIZE	(4 * sizeof(int))
#else
#define __ARCH_SI_PREAMBLE_SIZE	(3 * sizeof(int))
#endif

#define SI_MAX_SIZE	128
#define SI_PAD_SIZE	((SI_MAX_SIZE - __ARCH_SI_PREAMBLE_SIZE) / sizeof(int))

typedef union sigval {
	int sival_int;
	void *sival_ptr;
} sigval_t;

typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;

	union {
		int _pad[SI_PAD_SIZE];

		/* kill() */
		struct {
			__kernel_pid_t _pid;	/* sender's pid */
			__kernel_uid32_t _uid;	/* sender's uid */
		} _kill;

		/* SIGCHLD */
		struct {
			__kernel_pid_t _pid;	/* which child */
			__kernel_uid32_t _uid;	/* its uid */
			int _status;		/* exit code */
			__kernel_clock_t _utime;
			__kernel_clock_t _stime;
		} _sigchld;

		/* SIGILL, SIGFPE, SIGSEGV, SIGBUS */
		struct {
			void *_addr;	/* the faulting address */
		} _sigfault;
	} _sifields;
} siginfo_t;

#define si_pid		_sifields._kill._pid
#define si_uid		_sifields._kill._uid
#define si_status	_sifields._sigchld._status
#define si_addr		_sifields._sigfault._addr

/* si_code values for SIGILL on s390: the program-check codes */
#define ILL_ILLOPC	1	/* illegal opcode */
#define ILL_PRVOPC	5	/* privileged opcode */

/* si_code values for SIGSEGV */
#define SEGV_MAPERR	1	/* nothing mapped there */
#define SEGV_ACCERR	2	/* mapped, but not with this access */

#endif /* _S390_SIGINFO_H */
