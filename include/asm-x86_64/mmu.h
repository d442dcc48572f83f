#ifndef __x86_64_MMU_H
#define __x86_64_MMU_H

/*
 * The x86_64 part of an mm: the process's LDT (used by 32-bit programs
 * and Wine) and the vDSO mapping.
 */
typedef struct {
	void *ldt;		/* the LDT, or NULL */
	int size;		/* LDT entries in use */
	void *vdso;		/* user address of the vDSO */
} mm_context_t;

#endif /* __x86_64_MMU_H */
