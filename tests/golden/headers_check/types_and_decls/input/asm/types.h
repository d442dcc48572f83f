#ifndef _ASM_TYPES_H
#define _ASM_TYPES_H
#endif
