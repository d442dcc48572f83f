#ifndef _ASM_S390_UCONTEXT_H
#define _ASM_S390_UCONTEXT_H

#include <asm/sigcontext.h>
#include <asm/signal.h>

/* What a SA_SIGINFO handler's third argument points at. */
struct ucontext {
	unsigned long	  uc_flags;
	struct ucontext  *uc_link;
	stack_t		  uc_stack;
	_sigregs          uc_mcontext;
	sigset_t	  uc_sigmask;	/* last: it may grow */
};

#endif /* _ASM_S390_UCONTEXT_H */
