#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

#include <asm-generic/sections.h>

/* Exception tables of the kernel image, sorted at boot. */
extern char __start___ex_table[], __stop___ex_table[];

#endif /* _ASM_SECTIONS_H */
