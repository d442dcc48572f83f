#ifndef __ASM_X8664_BUG_H
#define __ASM_X8664_BUG_H 1

/*
 * With verbose BUG reports x86_64 traps with ud2 and keeps a table of
 * (address, file, line) in __bug_table; otherwise the generic BUG().
 */
#if defined(CONFIG_BUG) && defined(CONFIG_DEBUG_BUGVERBOSE)
#define HAVE_ARCH_BUG
#define BUG()								\
	do {								\
		__asm__ __volatile__("1:\tud2\n"			\
			".pushsection __bug_table,\"a\"\n"		\
			"2:\t.quad 1b, %c0\n"				\
			"\t.word %c1, 0\n"				\
			"\t.org 2b+%c2\n"				\
			".popsection"					\
			: : "i" (__FILE__), "i" (__LINE__),		\
			    "i" (24));					\
		for (;;) ;						\
	} while (0)
#endif

#include <asm-generic/bug.h>

#endif /* __ASM_X8664_BUG_H */
