#ifndef __MMU_H
#define __MMU_H

#include <linux/list.h>

/*
 * The s390 part of an mm.
 *
 * Page tables are smaller than a page (256 entries: 1K on 31-bit, 2K on
 * s390x), so several share a page; the pages that hold this mm's tables
 * are on pgtable_list, the region and segment tables (crst: combined
 * region and segment tables) on crst_list.  asce_bits and asce_limit
 * describe the address-space-control element: the table type and length
 * bits and the highest address the tables reach.
 *
 * noexec: the mm runs with a shadow set of tables without execute
 * permission (every table has a twin).  has_pgste: the mm's page tables
 * carry a page-status table entry behind each pte (needed for the SIE
 * instruction, i.e. the mm is a KVM guest).  alloc_pgste: mms cloned
 * from this one get pgstes too.
 */
typedef struct {
	struct list_head crst_list;
	struct list_head pgtable_list;
	unsigned long asce_bits;
	unsigned long asce_limit;
	int noexec;
	int has_pgste;
	int alloc_pgste;
} mm_context_t;

#endif /* __MMU_H */
