#ifndef _ASM_X86_64_UCONTEXT_H
#define _ASM_X86_64_UCONTEXT_H

#include <asm/sigcontext.h>
#include <asm/signal.h>

/* What a SA_SIGINFO handler's third argument points at. */
struct ucontext {
	unsigned long	  uc_flags;
	struct ucontext  *uc_link;
	stack_t		  uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t	  uc_sigmask;	/* last: it may grow */
};

#endif /* _ASM_X86_64_UCONTEXT_H */
