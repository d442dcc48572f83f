#ifndef _ASM_TYPES_H
#define _ASM_TYPES_H
/* i386 */
typedef unsigned int __u32;
#endif
