#ifndef _ASM_S390_BUG_H
#define _ASM_S390_BUG_H

/*
 * With verbose BUG reports s390 executes an illegal opcode (0x0000) and
 * finds file and line in __bug_table; otherwise the generic BUG().
 */
#if defined(CONFIG_BUG) && defined(CONFIG_DEBUG_BUGVERBOSE)
#define HAVE_ARCH_BUG
#define BUG() do {						\
	asm volatile("0:	j	0b+2\n"			\
		     ".section __bug_table,\"a\"\n"		\
		     "	.long	0b\n"				\
		     ".previous" : : : "memory");		\
	for (;;);						\
} while (0)
#endif

#include <asm-generic/bug.h>

#endif /* _ASM_S390_BUG_H */
