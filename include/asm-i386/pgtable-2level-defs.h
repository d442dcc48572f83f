#ifndef _I386_PGTABLE_2LEVEL_DEFS_H
#define _I386_PGTABLE_2LEVEL_DEFS_H

/*
 * Two-level paging: a pgd of 1024 4-byte entries, each mapping 4M
 * through a pte table of 1024 4-byte entries.
 */
#define PGDIR_SHIFT	22
#define PTRS_PER_PGD	1024

#define PTRS_PER_PTE	1024

#endif /* _I386_PGTABLE_2LEVEL_DEFS_H */
