"""Golden tests for ``hdrtool sim``: every lockdep report kind with its exact
text, traces, the compare table, JSON, and errors.

Each directory under tests/golden/sim holds ``args`` (the words after
``hdrtool``), ``expected.out``, ``expected.rc`` and, where the command
fails, ``expected.err``; an optional ``input/`` is the working directory.
After a reviewed change, regenerate with::

    python3 tests/regen.py tests/test_sim_golden.py
"""

import shlex
from pathlib import Path

import pytest

from hdrtool import cli

from goldens import expect

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "sim"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "args").is_file())


def _run(case: Path, capsys, monkeypatch):
    args = shlex.split((case / "args").read_text())
    if (case / "input").is_dir():
        monkeypatch.chdir(case / "input")
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    out, err = capsys.readouterr()
    return out, err, exc.value.code


@pytest.mark.parametrize("name", CASES)
def test_golden(name, capsys, monkeypatch):
    case = GOLDEN / name
    out, err, rc = _run(case, capsys, monkeypatch)
    expect(case / "expected.out", out)
    expect(case / "expected.rc", f"{rc}\n")
    expect(case / "expected.err", err or None)


# The seed notes quote lockdep on 2.6.24 (x86_64, pgd_lock taken with plain
# spin_lock in mm_init); these are its lines the model must reproduce.
SEED_LINES = [
    "=================================",
    "[ INFO: inconsistent lock state ]",
    "inconsistent {in-softirq-W} -> {softirq-on-W} usage.",
    "(pgd_lock){-+..}, at:",
]


def test_seed_report_matches_the_seed(capsys, monkeypatch):
    out, err, rc = _run(GOLDEN / "seed-pgd-lock", capsys, monkeypatch)
    lines = [line.strip() for line in out.splitlines()]
    assert rc == 1
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
