#ifndef _BAD_H
#define _BAD_H
#ifdef __KERNEL__
int x;
#endif
