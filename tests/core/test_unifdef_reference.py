"""The unifdef golden cases are what Debian's /usr/bin/unifdef does with them:
its exit status is ours, and where it succeeds its output is ours (that is
what "drop-in" means); with the options of tests/golden/unifdef_opts, its
stdout, stderr and every file it leaves are those of ``hdrtool unifdef
--compat``.  The cases themselves run in tests/test_golden_cases.py."""

from __future__ import annotations

import subprocess

import pytest

from golden_cases import SUITES, snapshot, unifdef_opts_inputs, words


def _read(path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


@pytest.mark.parametrize("name", SUITES["unifdef"].cases())
def test_golden_agrees_with_unifdef(name, unifdef):
    case = SUITES["unifdef"].root / name
    args = words(case)
    ref = subprocess.run([unifdef, *args, str(case / "input.h")], capture_output=True)
    assert ref.returncode == int((case / "expected.rc").read_text())
    if ref.returncode != 2:
        assert ref.stdout == (case / "expected.h").read_bytes()


@pytest.mark.parametrize("name", SUITES["unifdef_opts"].cases())
def test_option_golden_is_what_unifdef_does(name, tmp_path, unifdef):
    case = SUITES["unifdef_opts"].root / name
    stdin = unifdef_opts_inputs(case, tmp_path)
    args = words(case)
    # argv[0] "unifdef": getopt names the program by it
    ref = subprocess.run(["unifdef", *args], executable=unifdef, cwd=tmp_path, input=stdin,
                         capture_output=True)
    assert ref.returncode == int((case / "expected.rc").read_text())
    assert ref.stderr == _read(case / "expected.err")
    assert ref.stdout == _read(case / "expected.out")
    assert snapshot(tmp_path) == (case / "expected.files").read_bytes()
