// SPDX-License-Identifier: MIT
/*
 * hdrtool headers_check: a fork server inside GCC's cc1.
 *
 * Loaded with LD_PRELOAD into a cc1 whose main file is a one-line
 * translation unit that includes a placeholder header.  cc1 starts as it
 * always does (options, target and builtin initialisation, reading the main
 * file); when its preprocessor opens the placeholder, this library takes
 * over that one open() call and becomes a server:
 *
 *   for each request (a u32 length and that many bytes of C text):
 *     fork; the child gets an in-memory file with the text as the
 *     placeholder's contents, its stderr on a pipe, and carries on as cc1:
 *     it preprocesses and parses the text and exits with cc1's status;
 *     the parent collects the child's stderr and replies with
 *     u32 status, u32 length, and the messages.
 *
 * Every request is thus compiled by its own process in the state a fresh
 * cc1 has reached just before the first token of the included text, without
 * paying again for exec, dynamic linking and initialisation (~80% of a
 * small header's compile).  End of input on the request pipe ends the
 * server.
 *
 * HDRTOOL_CC1_SERVE="<request fd>,<reply fd>,<placeholder path>" engages it;
 * without it, or if the placeholder is never opened, cc1 runs unchanged
 * (the placeholder's own text is an #error that says so).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char *placeholder;
static int req_fd = -1, reply_fd = -1;

static int read_full(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n) {
		ssize_t r = read(fd, p, n);

		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static void write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t r = write(fd, p, n);

		if (r <= 0)
			_exit(120);
		p += r;
		n -= (size_t)r;
	}
}

static void *grow(void *buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return buf;
	*cap = need * 2;
	buf = realloc(buf, *cap);
	if (!buf)
		_exit(121);
	return buf;
}

/* In the child: the fd of its text.  The parent never returns. */
static int serve(void)
{
	char *text = NULL, *out = NULL;
	size_t text_cap = 0, out_cap = 0;

	for (;;) {
		uint32_t len, reply[2];
		int errpipe[2], status, fd;
		size_t olen = 0;
		pid_t pid;

		if (read_full(req_fd, &len, sizeof(len)))
			_exit(0);			/* no more requests */
		text = grow(text, &text_cap, (size_t)len + 1);
		if (read_full(req_fd, text, len))
			_exit(0);
		if (pipe(errpipe))
			_exit(122);
		pid = fork();
		if (pid < 0)
			_exit(123);
		if (pid == 0) {
			close(req_fd);
			close(reply_fd);
			close(errpipe[0]);
			dup2(errpipe[1], 2);
			close(errpipe[1]);
			fd = memfd_create("hdrtool-tu", 0);
			if (fd < 0)
				_exit(124);
			write_full(fd, text, len);
			lseek(fd, 0, SEEK_SET);
			return fd;
		}
		close(errpipe[1]);
		for (;;) {
			ssize_t r;

			out = grow(out, &out_cap, olen + 4096);
			r = read(errpipe[0], out + olen, out_cap - olen);
			if (r <= 0)
				break;
			olen += (size_t)r;
		}
		close(errpipe[0]);
		if (waitpid(pid, &status, 0) < 0)
			_exit(125);
		reply[0] = WIFEXITED(status) ? (uint32_t)WEXITSTATUS(status)
					     : 128u + (uint32_t)WTERMSIG(status);
		reply[1] = (uint32_t)olen;
		write_full(reply_fd, reply, sizeof(reply));
		write_full(reply_fd, out, olen);
	}
}

static int take_over(const char *path)
{
	if (placeholder && strcmp(path, placeholder) == 0) {
		free(placeholder);
		placeholder = NULL;		/* children open it for real */
		return serve();
	}
	return -2;
}

#define FORWARD(name)							\
int name(const char *path, int flags, ...)				\
{									\
	static int (*real)(const char *, int, ...);			\
	mode_t mode = 0;						\
	int fd = take_over(path);					\
									\
	if (fd != -2)							\
		return fd;						\
	if (flags & (O_CREAT | O_TMPFILE)) {				\
		va_list ap;						\
		va_start(ap, flags);					\
		mode = va_arg(ap, mode_t);				\
		va_end(ap);						\
	}								\
	if (!real)							\
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name); \
	return real(path, flags, mode);					\
}

FORWARD(open)
FORWARD(open64)

__attribute__((constructor)) static void engage(void)
{
	const char *spec = getenv("HDRTOOL_CC1_SERVE");
	char *end;

	if (!spec)
		return;
	req_fd = (int)strtol(spec, &end, 10);
	if (*end != ',')
		return;
	reply_fd = (int)strtol(end + 1, &end, 10);
	if (*end != ',')
		return;
	placeholder = strdup(end + 1);
	unsetenv("HDRTOOL_CC1_SERVE");
	unsetenv("LD_PRELOAD");
}
