#ifndef _LINUX_PARTIAL_H
#define _LINUX_PARTIAL_H
#define PARTIAL_A 1
#endif
#define PARTIAL_B 2
