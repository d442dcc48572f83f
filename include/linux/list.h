#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#ifdef __KERNEL__

#include <linux/stddef.h>
#include <linux/poison.h>

/*
 * Circular doubly linked lists with the links embedded in the objects.
 *
 * A list is a struct list_head that serves as the head; an empty list
 * points to itself both ways.  list_entry() gets from an embedded link
 * back to the object that contains it.
 */

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

#define LIST_HEAD(name) \
	struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Link @entry between two entries that are known to be adjacent. */
static inline void __list_link(struct list_head *entry,
			       struct list_head *before,
			       struct list_head *after)
{
	after->prev = entry;
	entry->next = after;
	entry->prev = before;
	before->next = entry;
}

/* Insert @entry right after @head (stack order). */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
	__list_link(entry, head, head->next);
}

/* Insert @entry right before @head, i.e. at the tail (queue order). */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
	__list_link(entry, head->prev, head);
}

/* Make the two neighbours of a removed stretch point at each other. */
static inline void __list_unlink(struct list_head *before, struct list_head *after)
{
	after->prev = before;
	before->next = after;
}

/* Remove @entry; its links are poisoned, it is on no list afterwards. */
static inline void list_del(struct list_head *entry)
{
	__list_unlink(entry->prev, entry->next);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/* Remove @entry and make it an empty list of its own. */
static inline void list_del_init(struct list_head *entry)
{
	__list_unlink(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

/* Move @entry from wherever it is to the front of @head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	__list_unlink(entry->prev, entry->next);
	list_add(entry, head);
}

/* Move @entry from wherever it is to the tail of @head. */
static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	__list_unlink(entry->prev, entry->next);
	list_add_tail(entry, head);
}

static inline int list_is_last(const struct list_head *entry,
			       const struct list_head *head)
{
	return entry->next == head;
}

static inline int list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* The object of type @type whose member @member is the link @ptr. */
#define list_entry(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; pos != (head); \
	     pos = n, n = pos->next)

#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_entry((head)->next, __typeof__(*pos), member),	\
	     n = list_entry(pos->member.next, __typeof__(*pos), member); \
	     &pos->member != (head);					\
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

#endif /* __KERNEL__ */

#endif /* _LINUX_LIST_H */
