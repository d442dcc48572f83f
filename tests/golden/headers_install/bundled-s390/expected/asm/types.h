#ifndef _S390_TYPES_H
#define _S390_TYPES_H

#ifndef __ASSEMBLY__

typedef unsigned short umode_t;

/* The double-underscore names may appear in exported headers. */

typedef __signed__ char __s8;
typedef unsigned char __u8;

typedef __signed__ short __s16;
typedef unsigned short __u16;

typedef __signed__ int __s32;
typedef unsigned int __u32;

#ifndef __s390x__
__extension__ typedef __signed__ long long __s64;
__extension__ typedef unsigned long long __u64;
#else /* __s390x__ */
typedef __signed__ long __s64;
typedef unsigned long __u64;
#endif

/* A 64-bit value addressed as two 32-bit halves (31-bit code uses it). */
typedef union {
	unsigned long long pair;
	struct {
		unsigned long even;
		unsigned long odd;
	} subreg;
} register_pair;

#endif /* __ASSEMBLY__ */


#endif /* _S390_TYPES_H */
