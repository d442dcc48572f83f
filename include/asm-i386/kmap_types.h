#ifndef _ASM_I386_KMAP_TYPES_H
#define _ASM_I386_KMAP_TYPES_H

/*
 * Slots of the per-cpu atomic kmap window: each user of kmap_atomic()
 * has its own, so that an interrupt mapping a page does not clobber the
 * mapping of the code it interrupted.  KM_PTE0/KM_PTE1 map page tables
 * that CONFIG_HIGHPTE put in high memory.
 */

enum km_type {
	KM_BOUNCE_READ,
	KM_SKB_SUNRPC_DATA,
	KM_SKB_DATA_SOFTIRQ,
	KM_USER0,
	KM_USER1,
	KM_BIO_SRC_IRQ,
	KM_BIO_DST_IRQ,
	KM_PTE0,
	KM_PTE1,
	KM_IRQ0,
	KM_IRQ1,
	KM_SOFTIRQ0,
	KM_SOFTIRQ1,
	KM_TYPE_NR
};

#endif /* _ASM_I386_KMAP_TYPES_H */
