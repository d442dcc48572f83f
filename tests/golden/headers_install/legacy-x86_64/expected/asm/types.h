#ifndef _ASM_TYPES_H
#define _ASM_TYPES_H
/* x86_64 */
typedef unsigned int __u32;
#endif
