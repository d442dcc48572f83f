#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/mmzone.h>

struct page;

/*
 * Zone counters.  The core keeps them (mm/vmstat.c; the simulator's
 * runtime here); the zone is the one @page belongs to.
 */
extern void inc_zone_page_state(struct page *page, enum zone_stat_item item);
extern void dec_zone_page_state(struct page *page, enum zone_stat_item item);
extern unsigned long global_page_state(enum zone_stat_item item);

#endif /* _LINUX_VMSTAT_H */
