#ifndef _LINUX_VIA_H
#define _LINUX_VIA_H
#include <linux/types.h>
#endif
