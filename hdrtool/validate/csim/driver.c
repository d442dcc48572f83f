/*
 * The compiled simulator's main loop: reads the op stream on stdin and runs
 * it (docs/validate.md, "The op stream"):
 *
 *	csim 1
 *	geometry ADDRESS_BITS
 *	level NAME SHIFT ENTRIES ENTRY_SIZE	(one per level, pgd first)
 *	set KEY VALUE				(scenario settings)
 *	step LOC OP ARG...			(the flattened steps, hdrtool sim steps)
 *	end
 *
 * and writes the event trace on stdout.  A malformed stream is our bug, not
 * the user's: exit status 3 with a message.
 */
#include "csim.h"

#define MAXTASKS 64
#define MAXARGS 4

struct task {
	char name[48];
	struct csim_mm *mm;
	int used;
};

static struct task tasks[MAXTASKS];
static struct task *current;
static const char *loc;

static int streq(const char *a, const char *b)
{
	return !__builtin_strcmp(a, b);
}

static csim_u64 number(const char *s)
{
	csim_u64 v = 0;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	if (!*s)
		host_die("%s: expected a number", loc);
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' :
			*s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : 99;

		if (d >= base)
			host_die("%s: bad number", loc);
		v = v * (csim_u64)base + (csim_u64)d;
	}
	return v;
}

/* Split @line at blanks, in place. */
static int split(char *line, char **words, int max)
{
	int n = 0;

	while (*line) {
		while (*line == ' ')
			*line++ = '\0';
		if (!*line)
			break;
		if (n == max)
			host_die("%s: too many words", loc);
		words[n++] = line;
		while (*line && *line != ' ')
			line++;
	}
	return n;
}

static struct task *task_named(const char *name)
{
	int i;

	for (i = 0; i < MAXTASKS; i++)
		if (tasks[i].used && streq(tasks[i].name, name))
			return &tasks[i];
	return 0;
}

static struct task *task_new(const char *name)
{
	int i;

	if (__builtin_strlen(name) >= sizeof(tasks[0].name))
		host_die("%s: task name too long", loc);
	for (i = 0; i < MAXTASKS; i++)
		if (!tasks[i].used) {
			__builtin_memcpy(tasks[i].name, name, __builtin_strlen(name) + 1);
			tasks[i].mm = 0;
			tasks[i].used = 1;
			return &tasks[i];
		}
	host_die("%s: too many tasks", loc);
}

static struct csim_mm *cur_mm(void)
{
	if (!current || !current->mm)
		host_die("%s: no current task with an mm", loc);
	return current->mm;
}

static csim_u64 arg(int argc, char **argv, int i, csim_u64 dflt)
{
	return i < argc ? number(argv[i]) : dflt;
}

static void step(int argc, char **argv)
{
	const char *op = argv[0];
	csim_u64 a1 = 0, a2 = 0;

	if (argc > 1 && argv[1][0] >= '0' && argv[1][0] <= '9')
		a1 = number(argv[1]);
	if (streq(op, "task")) {
		current = task_new(argv[1]);
	} else if (streq(op, "exec")) {
		struct csim_mm *new = csim_mm_alloc(current ? current->mm : 0), *old;

		if (new) {
			old = current->mm;
			current->mm = new;
			if (old)
				csim_mmput(old);
		}
	} else if (streq(op, "fork")) {
		struct csim_mm *child = csim_dup_mm(cur_mm());

		if (child)
			task_new(argv[1])->mm = child;
	} else if (streq(op, "switch")) {
		current = task_named(argv[1]);
		if (!current)
			host_die("%s: no task %s", loc, argv[1]);
	} else if (streq(op, "exit")) {
		if (current->mm)
			csim_mmput(current->mm);
		current->used = 0;
		current = 0;
	} else if (streq(op, "map") || streq(op, "fault") || streq(op, "apply")) {
		struct csim_mm *mm = cur_mm();
		int race = argc > 2 && streq(argv[2], "race");

		a2 = streq(op, "fault") ? PAGE_SIZE : arg(argc, argv, 2, PAGE_SIZE);
		csim_vma_add(mm, a1, a1 + a2);
		if (streq(op, "apply"))
			csim_apply(mm, a1, a1 + a2);
		else
			csim_populate(mm, a1, a1 + a2, race);
	} else if (streq(op, "unmap")) {
		csim_unmap(cur_mm(), a1, a1 + arg(argc, argv, 2, PAGE_SIZE));
	} else if (streq(op, "vmap")) {
		csim_kernel_map(a1, a1 + arg(argc, argv, 2, 0), argc > 3 && streq(argv[3], "race"));
	} else if (streq(op, "vunmap")) {
		csim_kernel_unmap(a1, a1 + arg(argc, argv, 2, 0));
	} else if (streq(op, "peek")) {
		if (csim_peek(cur_mm(), a1, argc > 2) < 0)
			host_die("%s: no pte table maps %#llx", loc, a1);
	} else if (streq(op, "enable_sie")) {
		struct csim_mm *mm = cur_mm(), *new;
		int unsupported = 0;

		new = arch_enable_sie(mm, &unsupported);
		if (unsupported)
			host_die("%s: this arch has no SIE", loc);
		if (new && new != mm) {
			current->mm = new;
			csim_mmput(mm);
		}
	} else if (streq(op, "sync_pgds")) {
		arch_sync_pgds();
	} else if (streq(op, "irq_disable")) {
		csim_irq_disable();
	} else if (streq(op, "irq_enable")) {
		csim_irq_enable();
	} else if (streq(op, "bh_disable")) {
		csim_bh_disable();
	} else if (streq(op, "bh_enable")) {
		csim_bh_enable();
	} else if (streq(op, "softirq_enter") || streq(op, "hardirq_enter")) {
		csim_irq_enter(op[0] == 'h');
	} else if (streq(op, "softirq_exit") || streq(op, "hardirq_exit")) {
		if (csim_irq_leave(op[0] == 'h') < 0)
			host_die("%s: not inside an interrupt", loc);
	} else if (streq(op, "lock")) {
		spin_lock_nested(csim_named_lock(argv[1]), (int)arg(argc, argv, 2, 0));
	} else if (streq(op, "unlock")) {
		csim_spin_unlock_nested(csim_named_lock(argv[1]), (int)arg(argc, argv, 2, 0));
	} else if (streq(op, "fail_alloc")) {
		csim_fail_nth((unsigned long)a1);
	} else if (!streq(op, "check")) {
		host_die("%s: unknown step %s", loc, op);
	}
}

static void header(int argc, char **argv)
{
	if (streq(argv[0], "geometry") && argc == 2) {
		csim.address_bits = (unsigned int)number(argv[1]);
	} else if (streq(argv[0], "level") && argc == 5) {
		struct csim_level *l = &csim.levels[csim.nlevels];

		if (csim.nlevels == 5 || __builtin_strlen(argv[1]) > 3)
			host_die("bad level %s", argv[1]);
		__builtin_memcpy(l->name, argv[1], __builtin_strlen(argv[1]) + 1);
		l->shift = (unsigned int)number(argv[2]);
		l->entries = (unsigned long)number(argv[3]);
		l->entry_size = (unsigned int)number(argv[4]);
		csim.nlevels++;
	} else if (streq(argv[0], "set") && argc == 3) {
		if (streq(argv[1], "noexec"))
			csim.noexec = streq(argv[2], "1");
		else if (streq(argv[1], "pgste"))
			csim.pgste_all = streq(argv[2], "1");
		else
			host_die("unknown setting %s", argv[1]);
	} else if (!streq(argv[0], "csim") && !streq(argv[0], "scenario")) {
		host_die("bad header line %s", argv[0]);
	}
}

/* The compiled entry sizes must be arch.toml's: otherwise every address in
 * the trace would differ, so say it once, clearly. */
static void check_geometry(void)
{
	unsigned int sizes[] = { sizeof(pgd_t), sizeof(pud_t), sizeof(pmd_t), sizeof(pte_t) };
	const char *names[] = { "pgd", "pud", "pmd", "pte" };
	int i, j;

	if (csim.nlevels < 2)
		host_die("no geometry in the op stream");
	for (i = 0; i < csim.nlevels; i++)
		for (j = 0; j < 4; j++)
			if (streq(csim.levels[i].name, names[j]) &&
			    sizes[j] != csim.levels[i].entry_size)
				host_die("geometry: sizeof(%s_t) is %u in the compiled layout, "
					 "arch.toml says %u", names[j], sizes[j],
					 csim.levels[i].entry_size);
	/* the generic mm handles entries as unsigned long */
	for (i = 0; i < csim.nlevels; i++)
		if (csim.levels[i].entry_size != sizeof(unsigned long))
			host_die("geometry: %s entries are %u bytes, unsigned long is %u: the "
				 "simulator's generic mm cannot walk them", csim.levels[i].name,
				 csim.levels[i].entry_size, (unsigned int)sizeof(unsigned long));
}

/* "# step LOC OP ARGS", as the model writes it. */
static void emit_step(int argc, char **argv)
{
	static char buf[512];
	int i, len = 0;

	for (i = 0; i < argc; i++) {
		int w = (int)__builtin_strlen(argv[i]);

		if (len + w + 2 >= (int)sizeof(buf))
			break;
		if (i)
			buf[len++] = ' ';
		__builtin_memcpy(buf + len, argv[i], (unsigned long)w);
		len += w;
	}
	buf[len] = '\0';
	host_emit("# step %s", buf);
}

int main(void)
{
	static char line[512];
	char *words[MAXARGS + 4];
	int started = 0, n;

	csim.next_mm = 1;
	host_emit("# hdrtool-trace 1");
	while (host_read_line(line, sizeof(line))) {
		n = split(line, words, MAXARGS + 4);
		if (!n)
			continue;
		if (streq(words[0], "end"))
			break;
		if (!streq(words[0], "step")) {
			header(n, words);
			continue;
		}
		if (!started) {
			check_geometry();
			/* 128 MiB of simulated memory on 32-bit hosts, 1 GiB on 64-bit */
			csim_runtime_init(sizeof(long) == 4 ? 1UL << 15 : 1UL << 18);
			arch_csim_init();
			started = 1;
		}
		if (n < 3)
			host_die("bad step line");
		loc = words[1];
		emit_step(n - 1, words + 1);
		step(n - 2, words + 2);
	}
	return 0;
}
