#ifndef _ASM_GENERIC_SECTIONS_H_
#define _ASM_GENERIC_SECTIONS_H_

/*
 * Symbols the linker script defines at the edges of the kernel image's
 * sections.  Only their addresses mean anything.
 */

extern char _text[], _stext[], _etext[];
extern char _data[], _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char __init_begin[], __init_end[];
extern char _sinittext[], _einittext[];
extern char _end[];

#endif /* _ASM_GENERIC_SECTIONS_H_ */
