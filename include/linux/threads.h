#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

/*
 * How many CPUs and processes the kernel is built for.
 */

#ifdef CONFIG_NR_CPUS
#define NR_CPUS		CONFIG_NR_CPUS
#else
#define NR_CPUS		1
#endif

#define MIN_THREADS_LEFT_FOR_ROOT 4

/* The largest pid, plus one. */
#define PID_MAX_DEFAULT (0x8000)
#define PID_MAX_LIMIT (sizeof(long) > 4 ? 4 * 1024 * 1024 : PID_MAX_DEFAULT)

#endif /* _LINUX_THREADS_H */
