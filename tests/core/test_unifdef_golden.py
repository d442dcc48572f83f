"""Golden cases for ``hdrtool unifdef``: tests/golden/unifdef/<case>/.

Each case holds ``input.h``, ``args`` (the -D/-U words), and the expected
``expected.h`` (stdout), ``expected.err`` (stderr) and ``expected.rc``.
The command runs through the CLI's entry point, ``hdrtool.cli.main``, as
``hdrtool unifdef ARGS input.h`` in a scratch directory, with stdout and
stderr captured as bytes (test_unifdef_cli.py runs the real executable).  Every case is also run through Debian's
/usr/bin/unifdef: its exit status must be ours, and when it succeeds its
output must be ours (that is what "drop-in" means).

Regenerate the expected files after a reviewed change with
``python3 tests/regen.py tests/test_unifdef_golden.py`` and read
the diff before committing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from hdrtool.cli import main

from goldens import expect

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "unifdef"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.h").is_file())
UNIFDEF = shutil.which("unifdef")


class Result(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes


def run_ours(case: Path, work: Path, monkeypatch) -> Result:
    shutil.copy(case / "input.h", work / "input.h")
    args = (case / "args").read_text().split()
    monkeypatch.chdir(work)
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["unifdef", *args, "input.h"])
            rc = 0
        except SystemExit as exc:
            rc = exc.code
        return Result(rc, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("name", CASES)
def test_golden(name, tmp_path, monkeypatch):
    case = GOLDEN / name
    got = run_ours(case, tmp_path, monkeypatch)
    expect(case / "expected.rc", f"{got.returncode}\n")
    expect(case / "expected.h", got.stdout)
    expect(case / "expected.err", got.stderr)
    if got.returncode == 2:
        assert got.stdout == b"", "no output at all on an error"


@pytest.mark.usefixtures("unifdef")
@pytest.mark.parametrize("name", CASES)
def test_golden_agrees_with_unifdef(name):
    case = GOLDEN / name
    args = (case / "args").read_text().split()
    ref = subprocess.run([UNIFDEF, *args, str(case / "input.h")], capture_output=True)
    assert ref.returncode == int((case / "expected.rc").read_text())
    if ref.returncode != 2:
        assert ref.stdout == (case / "expected.h").read_bytes()


# ----------------------------------------------------------------- options
#
# tests/golden/unifdef_opts/<case>/: ``args`` (the whole command line after
# ``unifdef``), ``in/`` (the files of the scratch directory it runs in),
# ``stdin`` (optional); expected: ``expected.rc``, ``expected.out``,
# ``expected.err`` and ``expected.files`` (every file of the directory
# afterwards) from ``hdrtool unifdef --compat ARGS``, which must be exactly
# what /usr/bin/unifdef does with the same ARGS; ``hdrtool.err`` is the
# stderr without --compat (same exit status; on an error nothing written).

OPTS = GOLDEN.parent / "unifdef_opts"
OPT_CASES = sorted(p.name for p in OPTS.iterdir() if (p / "args").is_file())


def _prepare(case: Path, work: Path) -> bytes:
    if (case / "in").is_dir():
        for f in sorted((case / "in").iterdir()):
            shutil.copy(f, work / f.name)
    return (case / "stdin").read_bytes() if (case / "stdin").is_file() else b""


def snapshot(work: Path) -> bytes:
    """Every file below ``work``: ``== name`` and its bytes, sorted."""
    out = b""
    for f in sorted(p for p in work.rglob("*") if p.is_file()):
        out += b"== " + str(f.relative_to(work)).encode() + b"\n" + f.read_bytes()
    return out


def run_ours_opts(case: Path, work: Path, monkeypatch, extra) -> Result:
    stdin = _prepare(case, work)
    args = (case / "args").read_text().split()
    monkeypatch.chdir(work)
    with CliRunner().isolation(input=stdin) as (out, err, _):
        try:
            main(["unifdef", *extra, *args])
            rc = 0
        except SystemExit as exc:
            rc = exc.code
        return Result(rc, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("name", OPT_CASES)
def test_option_golden(name, tmp_path, monkeypatch):
    case = OPTS / name
    compat_dir, plain_dir = tmp_path / "compat", tmp_path / "plain"
    compat_dir.mkdir()
    plain_dir.mkdir()
    got = run_ours_opts(case, compat_dir, monkeypatch, ["--compat"])
    expect(case / "expected.rc", f"{got.returncode}\n")
    expect(case / "expected.out", got.stdout)
    expect(case / "expected.err", got.stderr)
    expect(case / "expected.files", snapshot(compat_dir))
    plain = run_ours_opts(case, plain_dir, monkeypatch, [])
    expect(case / "hdrtool.err", plain.stderr)
    assert plain.returncode == got.returncode
    if plain.returncode == 2:
        fresh = tmp_path / "fresh"
        fresh.mkdir()
        _prepare(case, fresh)
        assert plain.stdout == b"", "no output at all on an error"
        assert snapshot(plain_dir) == snapshot(fresh), "nothing written on an error"
        assert plain.stderr.startswith(b"hdrtool: error: ") or \
            plain.stderr.endswith(b"[file] ...\n"), plain.stderr
    else:
        assert (plain.stdout, snapshot(plain_dir)) == (got.stdout, snapshot(compat_dir))


@pytest.mark.usefixtures("unifdef")
@pytest.mark.parametrize("name", OPT_CASES)
def test_option_golden_is_what_unifdef_does(name, tmp_path):
    case = OPTS / name
    stdin = _prepare(case, tmp_path)
    args = (case / "args").read_text().split()
    # argv[0] "unifdef": getopt names the program by it
    ref = subprocess.run(["unifdef", *args], executable=UNIFDEF, cwd=tmp_path, input=stdin,
                         capture_output=True)
    assert ref.returncode == int((case / "expected.rc").read_text())
    assert ref.stderr == (case / "expected.err").read_bytes()
    assert ref.stdout == (case / "expected.out").read_bytes()
    assert snapshot(tmp_path) == (case / "expected.files").read_bytes()
