#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
typedef unsigned int __u32;
typedef unsigned short __u16;
#endif /* _LINUX_TYPES_H */
