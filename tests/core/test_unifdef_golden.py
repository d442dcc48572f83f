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
