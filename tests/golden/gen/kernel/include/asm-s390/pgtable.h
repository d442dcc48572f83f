#ifndef _ASM_S390_PGTABLE_H
#define _ASM_S390_PGTABLE_H
#include <asm/page.h>
#ifdef CONFIG_64BIT
#include <asm-generic/pgtable-nopud.h>
#else
#include <asm-generic/pgtable-nopmd.h>
#endif
#define _PAGE_TYPE_EMPTY	0x400UL
#define _SEGMENT_ENTRY	0UL
#define _SEGMENT_ENTRY_EMPTY	0x20UL
#define _REGION3_ENTRY	0x04UL
#define _REGION3_ENTRY_EMPTY	0x24UL
#endif
