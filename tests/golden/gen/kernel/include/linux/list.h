#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H
#include <linux/types.h>
struct list_head { struct list_head *next, *prev; };
#define list_entry(ptr, type, member) \
	((type *)((char *)(ptr) - (unsigned long)(&((type *)0)->member)))
static inline int list_empty(const struct list_head *h) { return h->next == h; }
static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{ next->prev = n; n->next = next; n->prev = prev; prev->next = n; }
static inline void list_add(struct list_head *n, struct list_head *h) { __list_add(n, h, h->next); }
static inline void list_add_tail(struct list_head *n, struct list_head *h) { __list_add(n, h->prev, h); }
static inline void list_del(struct list_head *e)
{ e->next->prev = e->prev; e->prev->next = e->next; e->next = e->prev = NULL; }
static inline void list_move(struct list_head *e, struct list_head *h)
{ e->next->prev = e->prev; e->prev->next = e->next; list_add(e, h); }
static inline void list_move_tail(struct list_head *e, struct list_head *h)
{ e->next->prev = e->prev; e->prev->next = e->next; list_add_tail(e, h); }
#endif
