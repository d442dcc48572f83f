"""The ``hdrtool unifdef`` command's own behaviour: argument forms, files,
in-place rewriting, and that nothing is written on an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SRC = b"#ifdef A\na\n#else\nnot a\n#endif\nint x;\n"


def hdrtool(*args, cwd: Path, stdin: bytes = b""):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "hdrtool", "unifdef", *args], cwd=cwd,
                          env=env, input=stdin, capture_output=True)


@pytest.mark.parametrize("args", [["-DA"], ["-D", "A"], ["-DA=1"], ["-D", "A=1"],
                                  ["-UA", "-DA"]])
def test_define_forms(tmp_path, args):
    """-DSYM, -D SYM, -DSYM=VAL, -D SYM=VAL (not a make variable), last wins."""
    (tmp_path / "t.h").write_bytes(SRC)
    got = hdrtool(*args, "t.h", cwd=tmp_path)
    assert (got.returncode, got.stdout, got.stderr) == (1, b"a\nint x;\n", b"")


def test_undefine_and_stdin(tmp_path):
    got = hdrtool("-UA", cwd=tmp_path, stdin=SRC)
    assert (got.returncode, got.stdout) == (1, b"not a\nint x;\n")
    got = hdrtool("-UA", "-", cwd=tmp_path, stdin=SRC)
    assert (got.returncode, got.stdout) == (1, b"not a\nint x;\n")


def test_unchanged_exits_zero(tmp_path):
    (tmp_path / "t.h").write_bytes(SRC)
    got = hdrtool("-DOTHER", "t.h", cwd=tmp_path)
    assert (got.returncode, got.stdout) == (0, SRC)


def test_output_file(tmp_path):
    (tmp_path / "t.h").write_bytes(SRC)
    got = hdrtool("-DA", "-o", "out.h", "t.h", cwd=tmp_path)
    assert (got.returncode, got.stdout) == (1, b"")
    assert (tmp_path / "out.h").read_bytes() == b"a\nint x;\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.h", "t.h"]  # no temp left


@pytest.mark.parametrize("flag", ["--in-place", "-m"])
def test_in_place_rewrites_only_changed_files(tmp_path, flag):
    (tmp_path / "a.h").write_bytes(SRC)
    (tmp_path / "b.h").write_bytes(b"int b;\n")
    os.utime(tmp_path / "b.h", (1_000_000, 1_000_000))
    got = hdrtool("-DA", flag, "a.h", "b.h", cwd=tmp_path)
    assert got.returncode == 1
    assert (tmp_path / "a.h").read_bytes() == b"a\nint x;\n"
    assert (tmp_path / "b.h").stat().st_mtime == 1_000_000


def test_error_writes_nothing(tmp_path):
    (tmp_path / "bad.h").write_bytes(b"#ifdef A\nint a;\n")
    (tmp_path / "ok.h").write_bytes(SRC)
    got = hdrtool("-DA", "-o", "out.h", "bad.h", cwd=tmp_path)
    assert got.returncode == 2 and got.stdout == b""
    assert got.stderr == b"hdrtool: error: bad.h:3: Premature EOF (#if line 1 depth 1)\n"
    assert not (tmp_path / "out.h").exists()
    got = hdrtool("-DA", "--in-place", "ok.h", "bad.h", cwd=tmp_path)
    assert got.returncode == 2
    assert (tmp_path / "ok.h").read_bytes() == SRC  # all or nothing


@pytest.mark.parametrize("args,message", [
    (["-DA", "a.h", "b.h"], b"hdrtool: error: multiple input files require -m or -M\n"),
    (["-U", "A=1", "a.h"], b"hdrtool: error: bad usage"),
    (["-D", "A.B", "a.h"], b"hdrtool: error: bad usage"),
    (["-b", "-B", "a.h"], b"hdrtool: error: -B and -b are mutually exclusive\n"),
    (["-q", "a.h"], b"hdrtool: error: invalid option -- 'q'\n"),
    (["-m"], b"hdrtool: error: -m requires an input file\n"),
    (["-x3", "a.h"], b"hdrtool: error: bad usage"),
    # -f is read in every dialect (a.h is no list of #define lines)
    (["--dialect", "2.5", "-f", "a.h", "a.h"],
     b"hdrtool: error: a.h:1: unrecognized preprocessor directive\n"),
    (["--dialect", "1.171", "-K", "a.h"], b"hdrtool: error: -K: not an option of unifdef 1.171"),
])
def test_usage_errors(tmp_path, args, message):
    (tmp_path / "a.h").write_bytes(SRC)
    (tmp_path / "b.h").write_bytes(SRC)
    got = hdrtool(*args, cwd=tmp_path)
    assert got.returncode == 2 and got.stderr.startswith(message), got.stderr
    assert got.stdout == b""


def test_no_symbols_copies_the_file(tmp_path):
    # unifdef(1) with no -D/-U copies its input and exits 0
    (tmp_path / "t.h").write_bytes(SRC)
    got = hdrtool("t.h", cwd=tmp_path)
    assert (got.returncode, got.stdout, got.stderr) == (0, SRC, b"")


def test_in_place_compat_rewrites_every_file(tmp_path):
    # unifdef 2.10 -m replaces even an unchanged file (a new inode); by
    # default we leave it alone, with --compat we do as it does
    (tmp_path / "b.h").write_bytes(b"int b;\n")
    before = (tmp_path / "b.h").stat().st_ino
    assert hdrtool("-DA", "-m", "b.h", cwd=tmp_path).returncode == 0
    assert (tmp_path / "b.h").stat().st_ino == before
    assert hdrtool("--compat", "-DA", "-m", "b.h", cwd=tmp_path).returncode == 0
    assert (tmp_path / "b.h").stat().st_ino != before
    assert (tmp_path / "b.h").read_bytes() == b"int b;\n"


def test_backup_extension(tmp_path):
    (tmp_path / "a.h").write_bytes(SRC)
    os.chmod(tmp_path / "a.h", 0o640)
    got = hdrtool("-M.orig", "-DA", "a.h", cwd=tmp_path)
    assert got.returncode == 1
    assert (tmp_path / "a.h.orig").read_bytes() == SRC
    assert (tmp_path / "a.h").read_bytes() == b"a\nint x;\n"
    assert (tmp_path / "a.h").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.h", "a.h.orig"]


def test_missing_file(tmp_path):
    got = hdrtool("-DA", "nope.h", cwd=tmp_path)
    assert got.returncode == 2 and b"nope.h" in got.stderr


def test_output_into_a_missing_directory_is_refused(tmp_path):
    # unifdef(1): "can't create nodir/x.h: No such file or directory"; no mkdir -p
    (tmp_path / "t.h").write_bytes(SRC)
    got = hdrtool("-DA", "-o", "nodir/x.h", "t.h", cwd=tmp_path)
    assert got.returncode == 2
    assert got.stderr == b"hdrtool: error: can't create nodir/x.h: No such file or directory\n"
    assert not (tmp_path / "nodir").exists()
    got = hdrtool("--compat", "-DA", "-o", "nodir/x.h", "t.h", cwd=tmp_path)
    assert got.stderr == b"unifdef: can't create nodir/x.h: No such file or directory\n"
    assert got.returncode == 2 and not (tmp_path / "nodir").exists()
