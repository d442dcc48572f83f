#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
#define NULL ((void *)0)
typedef unsigned int gfp_t;
typedef unsigned long size_t;
#endif
