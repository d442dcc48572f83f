#ifndef _ASM_S390_MMU_H
#define _ASM_S390_MMU_H
#include <linux/list.h>
typedef struct {
	struct list_head pgtable_list;
	int noexec;
	int has_pgste;
	int alloc_pgste;
} mm_context_t;
#endif
