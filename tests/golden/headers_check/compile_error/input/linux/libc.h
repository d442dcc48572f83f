#ifndef _LINUX_LIBC_H
#define _LINUX_LIBC_H
#include <stdlib.h>
#endif
