#ifndef _ASM_I386_BOOT_H
#define _ASM_I386_BOOT_H

/* Where the boot loader puts things, in 16-byte real-mode paragraphs. */
#define DEF_INITSEG	0x9000
#define DEF_SYSSEG	0x1000
#define DEF_SETUPSEG	0x9020
#define DEF_SYSSIZE	0x7F00

/* Video modes the setup code understands (vga= on the command line). */
#define NORMAL_VGA	0xffff		/* 80x25 */
#define EXTENDED_VGA	0xfffe		/* 80x50 */
#define ASK_VGA		0xfffd		/* ask at boot */

/* Physical address the protected-mode kernel is loaded at. */
#define LOAD_PHYSICAL_ADDR	0x100000

#endif /* _ASM_I386_BOOT_H */
