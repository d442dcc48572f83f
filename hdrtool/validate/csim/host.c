/*
 * The libc half of the compiled simulator (see host.h): memory, the trace
 * on stdout, the op stream on stdin.  Compiled with the host's headers.
 *
 * The trace is buffered by hand and flushed from the signal handler too, so
 * that a crash inside the code under test still leaves every event before
 * it for the comparison.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host.h"

static char obuf[1 << 16];
static size_t olen;

static void flush(void)
{
	size_t off = 0;

	while (off < olen) {
		ssize_t n = write(1, obuf + off, olen - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	olen = 0;
}

static void on_signal(int sig)
{
	static const char msg[] = "csim: fatal signal in the code under test\n";

	flush();
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(128 + sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

__attribute__((constructor)) static void host_init(void)
{
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGFPE, on_signal);
	atexit(flush);
}

void *host_arena(unsigned long bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		host_die("cannot map %lu bytes of simulated memory", bytes);
	return p;
}

void *host_zalloc(unsigned long bytes)
{
	void *p = calloc(1, bytes);

	if (!p)
		host_die("out of memory");
	return p;
}

void host_free(void *p)
{
	free(p);
}

void host_emit(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (olen > sizeof(obuf) - 512)
		flush();
	va_start(ap, fmt);
	n = vsnprintf(obuf + olen, sizeof(obuf) - olen - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(obuf) - olen - 1)
		host_die("trace line too long");
	olen += (size_t)n;
	obuf[olen++] = '\n';
}

int host_read_line(char *buf, int size)
{
	size_t n;

	if (!fgets(buf, size, stdin))
		return 0;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(stdin))
		host_die("input line too long");
	return 1;
}

void host_die(const char *fmt, ...)
{
	va_list ap;

	flush();
	fputs("csim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}
