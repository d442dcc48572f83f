#ifndef _ASM_I386_BUG_H
#define _ASM_I386_BUG_H

/*
 * With verbose BUG reports the kernel traps with ud2 and finds file and
 * line in the __bug_table section; otherwise the generic BUG() reports
 * through printk.
 */
#if defined(CONFIG_BUG) && defined(CONFIG_DEBUG_BUGVERBOSE)
#define HAVE_ARCH_BUG
#define BUG()								\
	do {								\
		__asm__ __volatile__("1:\tud2\n"			\
			".pushsection __bug_table,\"a\"\n"		\
			"2:\t.long 1b, %c0\n"				\
			"\t.word %c1, 0\n"				\
			"\t.org 2b+%c2\n"				\
			".popsection"					\
			: : "i" (__FILE__), "i" (__LINE__),		\
			    "i" (8));					\
		for (;;) ;						\
	} while (0)
#endif

#include <asm-generic/bug.h>

#endif /* _ASM_I386_BUG_H */
