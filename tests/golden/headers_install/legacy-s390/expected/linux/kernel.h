#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#define SI_LOAD_SHIFT	16
extern int x __attribute_const__;
#endif /* _LINUX_KERNEL_H */ ÿþ
