#ifndef _ASM_TYPES_H
#define _ASM_TYPES_H
/* i386 */
typedef unsigned int __u32;
#ifdef __KERNEL__
typedef __u32 u32;
#define BITS_PER_LONG 32
#endif /* __KERNEL__ */
#endif
