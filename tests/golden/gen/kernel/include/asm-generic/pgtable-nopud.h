#ifndef _PGTABLE_NOPUD_H
#define _PGTABLE_NOPUD_H
typedef struct { pgd_t pgd; } pud_t;
#define pud_val(x)	(pgd_val((x).pgd))
#define __pud(x)	((pud_t) { __pgd(x) })
#define pgd_populate(mm, pgd, pud)	do { } while (0)
#define pud_alloc_one(mm, address)	NULL
#define pud_free(mm, x)	do { } while (0)
#endif
