/*
 * The libc half of the compiled simulator.  Everything else is kernel code
 * compiled with -nostdinc against the layout under test, so it cannot see
 * libc headers; this interface uses plain C types only.
 */
#ifndef _CSIM_HOST_H
#define _CSIM_HOST_H

/* A zeroed, page-aligned region of @bytes that is only backed when touched. */
void *host_arena(unsigned long bytes);
void *host_zalloc(unsigned long bytes);
void host_free(void *p);

/* One trace line (the format adds the newline). */
void host_emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The next input line without its newline; 0 at end of input. */
int host_read_line(char *buf, int size);

/* A broken invariant of the simulator or of the code under test: the
 * message goes to stderr after the trace is flushed; exit status 3. */
void host_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
