#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#ifdef __KERNEL__

#include <linux/gfp.h>
#include <linux/types.h>

/* General-purpose object allocation (mm/slab.c; the runtime here). */
extern void *kmalloc(size_t size, gfp_t flags);
extern void *kzalloc(size_t size, gfp_t flags);
extern void kfree(const void *objp);

#endif /* __KERNEL__ */

#endif /* _LINUX_SLAB_H */
