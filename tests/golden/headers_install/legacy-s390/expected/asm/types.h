#ifndef _ASM_TYPES_H
#define _ASM_TYPES_H
/* s390 */
typedef unsigned int __u32;
#endif
