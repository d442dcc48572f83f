#ifndef _I386_PGTABLE_3LEVEL_DEFS_H
#define _I386_PGTABLE_3LEVEL_DEFS_H

/*
 * PAE paging: a pgd of 4 entries (1G each), pmd tables of 512 8-byte
 * entries (2M each), pte tables of 512 8-byte entries.
 */
#define PGDIR_SHIFT	30
#define PTRS_PER_PGD	4

#define PMD_SHIFT	21
#define PTRS_PER_PMD	512

#define PTRS_PER_PTE	512

#endif /* _I386_PGTABLE_3LEVEL_DEFS_H */
