#ifndef _ASM_GENERIC_INT_H
#define _ASM_GENERIC_INT_H
this would not compile;
#endif
