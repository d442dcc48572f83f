#ifndef _LINUX_ATMDEV_H
#define _LINUX_ATMDEV_H
#ifdef CONFIG_COMPAT
#define ATM_ALLOWED 1
#endif
#endif
