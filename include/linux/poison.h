#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/*
 * Values that no valid pointer has, stored into freed or unlinked objects
 * so that a use after free faults or is recognisable in a dump.
 */

/* list_del() leaves these in the unlinked entry (chosen to fault). */
#define LIST_POISON1	((void *) 0x00100100)
#define LIST_POISON2	((void *) 0x00200200)

/* Slab and page allocator fill patterns. */
#define POISON_INUSE	0x5a
#define POISON_FREE	0x6b
#define POISON_END	0xa5

#endif /* _LINUX_POISON_H */
