#ifndef _LINUX_USER_H
#define _LINUX_USER_H
#include <linux/broken.h>
#endif
