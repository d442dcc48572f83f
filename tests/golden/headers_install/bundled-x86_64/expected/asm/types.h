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


#endif /* _ASM_X86_64_TYPES_H */
