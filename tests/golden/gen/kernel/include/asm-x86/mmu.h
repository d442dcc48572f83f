#ifndef _ASM_X86_MMU_H
#define _ASM_X86_MMU_H
typedef struct { void *ldt; } mm_context_t;
#endif
