#ifndef _ASM_GENERIC_BUG_H
#define _ASM_GENERIC_BUG_H

#include <linux/compiler.h>

/*
 * BUG(): the kernel is in a state it cannot continue from.  WARN_ON():
 * something is wrong but it can go on; the condition's value comes back
 * so callers can write "if (WARN_ON(x)) return;".
 *
 * An arch with its own trap instruction defines HAVE_ARCH_BUG; otherwise
 * BUG() reports through printk and panics.  Unlike Linux, BUG_ON() is
 * never compiled away: CONFIG_BUG is not consulted.
 */

#ifndef __ASSEMBLY__

extern void warn_on_slowpath(const char *file, int line);

#ifndef HAVE_ARCH_BUG
#define BUG() do {							\
	printk("kernel BUG at %s:%d!\n", __FILE__, __LINE__);		\
	panic("BUG!");							\
} while (0)
#endif

#ifndef HAVE_ARCH_BUG_ON
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)
#endif

#ifndef HAVE_ARCH_WARN_ON
#define WARN_ON(condition) ({						\
	int __warned = !!(condition);					\
	if (unlikely(__warned))						\
		warn_on_slowpath(__FILE__, __LINE__);			\
	__warned;							\
})
#endif

#define WARN_ON_ONCE(condition)	WARN_ON(condition)

#endif /* !__ASSEMBLY__ */

#endif /* _ASM_GENERIC_BUG_H */
