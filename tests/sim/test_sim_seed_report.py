"""The seed's lockdep report, line by line, as ``hdrtool sim run seed-pgd-lock``
prints it (its whole output is the golden case tests/golden/sim/seed-pgd-lock)."""

from golden_cases import GOLDEN, SUITES, execute

# The seed notes quote lockdep on 2.6.24 (x86_64, pgd_lock taken with plain
# spin_lock in mm_init); these are its lines the model must reproduce.
SEED_LINES = [
    "=================================",
    "[ INFO: inconsistent lock state ]",
    "inconsistent {in-softirq-W} -> {softirq-on-W} usage.",
    "(pgd_lock){-+..}, at:",
]


def test_seed_report_matches_the_seed(tmp_path, monkeypatch):
    run, = SUITES["sim"].prepare(GOLDEN / "sim" / "seed-pgd-lock", tmp_path)
    res = execute(run, monkeypatch)
    out = res.stdout.decode()
    lines = [line.strip() for line in out.splitlines()]
    assert res.returncode == 1
    assert lines[0:2] == SEED_LINES[0:2]
    assert lines[4] == SEED_LINES[2]
    assert lines[5] == "swapper/1 [HC0[0]:SC0[0]:HE1:SE1] takes:"
    assert lines[6].startswith(SEED_LINES[3])
    trace = lines[lines.index("Call Trace:") + 1:]
    # the generated header's pgd_list_add (a frame of the compiled chain
    # too), then the seed's chain
    assert [t.split("] ")[1] for t in trace[:6]] == [
        "pgd_list_add", "pgd_alloc", "mm_init", "mm_alloc", "bprm_mm_init", "do_execve"]
    # side by side: the fixed layout, clean
    assert out.splitlines()[-1].split() == [
        "x86_64,", "fixed", "layout", "(gen", "PGD_LOCK=spin_lock_irqsave)", "clean"]
