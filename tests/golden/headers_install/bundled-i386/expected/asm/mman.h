#ifndef _ASM_MMAN_H
#define _ASM_MMAN_H

/* mmap(2) protection and flags, as the x86 ABI numbers them. */

#define PROT_READ	0x1		/* readable */
#define PROT_WRITE	0x2		/* writable */
#define PROT_EXEC	0x4		/* executable */
#define PROT_SEM	0x8		/* usable for atomic operations */
#define PROT_NONE	0x0		/* no access at all */
#define PROT_GROWSDOWN	0x01000000	/* mprotect: down to the start of a grows-down area */
#define PROT_GROWSUP	0x02000000	/* mprotect: up to the end of a grows-up area */

#define MAP_SHARED	0x01		/* writes reach the file and other mappers */
#define MAP_PRIVATE	0x02		/* copy on write */
#define MAP_TYPE	0x0f		/* the sharing type bits */
#define MAP_FIXED	0x10		/* at exactly this address */
#define MAP_ANONYMOUS	0x20		/* no file behind it */
#define MAP_32BIT	0x40		/* below 4G (x86_64) */

#define MAP_GROWSDOWN	0x0100		/* grows down like a stack */
#define MAP_DENYWRITE	0x0800		/* ignored */
#define MAP_EXECUTABLE	0x1000		/* ignored */
#define MAP_LOCKED	0x2000		/* mlock the pages */
#define MAP_NORESERVE	0x4000		/* no swap reservation */
#define MAP_POPULATE	0x8000		/* fault everything in now */
#define MAP_NONBLOCK	0x10000		/* with MAP_POPULATE: no waiting for I/O */

#define MS_ASYNC	1		/* schedule the writes */
#define MS_INVALIDATE	2		/* drop other cached copies */
#define MS_SYNC		4		/* write and wait */

#define MCL_CURRENT	1		/* lock what is mapped now */
#define MCL_FUTURE	2		/* lock what gets mapped later */

#endif /* _ASM_MMAN_H */
