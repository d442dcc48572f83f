#ifndef _PGTABLE_NOPMD_H
#define _PGTABLE_NOPMD_H
#include <asm-generic/pgtable-nopud.h>
typedef struct { pud_t pud; } pmd_t;
#define pmd_val(x)	(pud_val((x).pud))
#define __pmd(x)	((pmd_t) { { { (x) } } })
#define pud_populate(mm, pmd, pte)	do { } while (0)
#define pmd_alloc_one(mm, address)	NULL
#define pmd_free(mm, x)	do { } while (0)
#endif
