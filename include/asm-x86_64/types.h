#ifndef _ASM_X86_64_TYPES_H
#define _ASM_X86_64_TYPES_H

#ifndef __ASSEMBLY__

typedef unsigned short umode_t;

/*
 * The double-underscore names are reserved for the implementation, so
 * exported headers may use them without stepping on applications.
 */

typedef __signed__ char __s8;
typedef unsigned char __u8;

typedef __signed__ short __s16;
typedef unsigned short __u16;

typedef __signed__ int __s32;
typedef unsigned int __u32;

/* long long is 64 bits here too; long would do, but the ABI says long long. */
__extension__ typedef __signed__ long long __s64;
__extension__ typedef unsigned long long  __u64;

#endif /* __ASSEMBLY__ */

#ifdef __KERNEL__

#define BITS_PER_LONG 64

#ifndef __ASSEMBLY__

typedef signed char s8;
typedef unsigned char u8;

typedef signed short s16;
typedef unsigned short u16;

typedef signed int s32;
typedef unsigned int u32;

typedef signed long long s64;
typedef unsigned long long u64;

typedef u64 dma64_addr_t;
typedef u64 dma_addr_t;

#endif /* __ASSEMBLY__ */

#endif /* __KERNEL__ */

#endif /* _ASM_X86_64_TYPES_H */
