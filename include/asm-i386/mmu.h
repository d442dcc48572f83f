#ifndef __i386_MMU_H
#define __i386_MMU_H

/*
 * The i386 part of an mm: the process's LDT (modify_ldt) and where its
 * vDSO is mapped.
 */
typedef struct {
	int size;		/* LDT entries in use */
	void *ldt;		/* the LDT, or NULL */
	void *vdso;		/* user address of the vDSO */
} mm_context_t;

#endif /* __i386_MMU_H */
