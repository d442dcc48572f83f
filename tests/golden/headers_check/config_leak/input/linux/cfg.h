#ifndef _LINUX_CFG_H
#define _LINUX_CFG_H
/* CONFIG_IN_COMMENT is fine */
#ifdef CONFIG_SMP
#define CFG_SMP 1
#endif
#define NOT_A_LEAK_CONFIG_X 2
#endif
