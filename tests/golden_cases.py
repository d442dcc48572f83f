"""The golden cases under tests/golden/<suite>/<case>/, and the one way they run.

Every case is a command line of ``hdrtool`` run in a scratch directory
(``$WORK``), through the CLI's entry point in this process, with stdout and
stderr captured as bytes, and its results compared through
:func:`goldens.expect` with the case's expected files:

  expected.rc    the exit status
  expected.out   stdout (headers_check: ``expected/<format>``, one per --format)
  expected.err   stderr (headers_install: its scratch paths written as $TREE/$DEST);
                 absent when stderr is empty
  expected/      headers_install: the installed include/ tree

Every run also holds to the rule for bad input: exit status 2 prints nothing
on stdout and leaves ``$WORK`` as it was (except under ``unifdef --compat``,
which copies unifdef's partial output on purpose).

What differs between the suites is only how a case's directory becomes
command lines -- its input files and its argument words; that is the
:class:`Suite` table at the end.  The runner is tests/test_golden_cases.py;
regeneration after a reviewed change is ``python3 tests/regen.py
tests/test_golden_cases.py [-k SUITE]``.
"""

from __future__ import annotations

import os
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, NamedTuple, Optional

from click.testing import CliRunner

from hdrtool.check.render import FORMATS
from hdrtool.cli import main
from hdrtool.install.installer import MANIFEST

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLDEN = HERE / "golden"
INSTALL_GOLDEN = GOLDEN / "headers_install"


# ------------------------------------------------------------------ running

class Result(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes


def run_main(argv, stdin: bytes = b"") -> Result:
    """``hdrtool ARGV`` in this process: exit status, stdout, stderr (bytes)."""
    with CliRunner().isolation(input=stdin) as (out, err, _):
        try:
            main([str(a) for a in argv])
            rc = 0
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return Result(rc, out.getvalue(), err.getvalue())


def run_cli(args, capsys) -> tuple:
    """(exit status, stdout, stderr) as text through pytest's capsys, for the
    tests that drive the CLI themselves."""
    import pytest
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    cap = capsys.readouterr()
    return exc.value.code, cap.out, cap.err


def tree_files(root: Path) -> Dict[str, bytes]:
    """posix relative path -> bytes of every file below root (manifest excluded)."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = Path(dirpath) / n
            rel = p.relative_to(root).as_posix()
            if rel != MANIFEST:
                out[rel] = p.read_bytes()
    return out


def snapshot(work: Path) -> bytes:
    """Every file below ``work``: ``== name`` and its bytes, sorted."""
    out = b""
    for f in sorted(p for p in work.rglob("*") if p.is_file()):
        out += b"== " + str(f.relative_to(work)).encode() + b"\n" + f.read_bytes()
    return out


# ------------------------------------------------------------------- a case

@dataclass
class Run:
    """One command line of a case and where its results go."""
    argv: List[str]
    work: Path                       # the scratch directory it runs in
    stdin: bytes = b""
    env: Dict[str, str] = field(default_factory=dict)
    out: Optional[str] = "expected.out"   # the expected file for stdout (None: not kept)
    err: Optional[str] = "expected.err"
    files: Optional[str] = None      # the expected file for snapshot(work) afterwards
    err_only_on_error: bool = False  # stderr is ``err`` on exit 2, else nothing at all
    compat: bool = False             # unifdef --compat: partial output on error is unifdef's
    subst: Dict[str, str] = field(default_factory=dict)   # $NAME -> the path it stands for in stderr


def _unexpand(data: bytes, subst: Dict[str, str]) -> bytes:
    for name, path in sorted(subst.items(), key=lambda kv: -len(kv[1])):   # longest path first
        data = data.replace(path.encode(), name.encode())
    return data


def execute(run: Run, monkeypatch) -> Result:
    """Run ``run`` in its scratch directory; hold it to the bad-input rule."""
    monkeypatch.chdir(run.work)
    for k, v in run.env.items():
        monkeypatch.setenv(k, v)
    before = snapshot(run.work)
    res = run_main(run.argv, run.stdin)
    if res.returncode == 2 and not run.compat:
        assert res.stdout == b"", "exit status 2 prints nothing on stdout"
        assert snapshot(run.work) == before, "exit status 2 writes nothing"
    return Result(res.returncode, res.stdout, _unexpand(res.stderr, run.subst))


# ----------------------------------------------------------------- suites

Prepare = Callable[[Path, Path], List[Run]]


@dataclass(frozen=True)
class Suite:
    name: str          # tests/golden/<name>
    marker: str        # a directory holding this file is a case
    prepare: Prepare   # (case dir, scratch dir) -> its runs, inputs in place
    needs_cc: bool = False

    @property
    def root(self) -> Path:
        return GOLDEN / self.name

    def cases(self) -> List[str]:
        return sorted(p.name for p in self.root.iterdir() if (p / self.marker).is_file())


def _copy_input(case: Path, work: Path, name: str = "input") -> None:
    if (case / name).is_dir():
        shutil.copytree(case / name, work / name)


def words(case: Path) -> List[str]:
    """The shell words of a case's ``args``."""
    return shlex.split((case / "args").read_text())


def _check_runs(case: Path, tmp: Path) -> List[Run]:
    # once per output format, and with and without the cc1 server (the same
    # findings whichever way the headers are compiled)
    _copy_input(case, tmp)
    argv = words(case)
    if "--tree" not in argv:
        argv = ["--tree", "input", "ARCH=x86_64"] + argv
    return [Run(["headers_check", "-j2", *argv, "--format", fmt], tmp,
                env={"HDRTOOL_CC1_SERVER": server}, out=f"expected/{fmt}",
                err_only_on_error=fmt != "text")
            for server in ("1", "0") for fmt in FORMATS]


def _install_runs(case: Path, tmp: Path) -> List[Run]:
    ref = (case / "input.ref").read_text().strip() if (case / "input.ref").is_file() else ""
    if ref == "@repo":           # the bundled tree itself, read-only, in place
        missing = [r for r in (case / "requires").read_text().split()
                   if not (REPO / r).exists()] if (case / "requires").is_file() else []
        assert not missing, f"the bundled tree lost {', '.join(missing)}"
        tree = REPO
    else:
        tree = tmp / "tree"
        shutil.copytree(INSTALL_GOLDEN / ref / "input" if ref else case / "input", tree)
        if not (tree / "arch").exists():
            shutil.copytree(REPO / "arch", tree / "arch",
                            ignore=shutil.ignore_patterns("*.c", "mm"))
    subst = {"$TREE": str(tree), "$DEST": str(tmp / "dest")}
    expand = lambda w: w.replace("$TREE", subst["$TREE"]).replace("$DEST", subst["$DEST"])
    if (case / "setup").is_file():
        for line in (case / "setup").read_text().splitlines():
            _, path = line.split()
            path = Path(expand(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("i am a file\n")
    # the default O=build lands in $WORK, never in the repository
    return [Run(["-C", str(tree), *map(expand, words(case))], tmp, out=None, subst=subst)]


def _sim_runs(case: Path, tmp: Path) -> List[Run]:
    _copy_input(case, tmp)
    work = tmp / "input" if (case / "input").is_dir() else tmp
    return [Run(words(case), work)]


def _unifdef_runs(case: Path, tmp: Path) -> List[Run]:
    shutil.copy(case / "input.h", tmp / "input.h")
    return [Run(["unifdef", *words(case), "input.h"], tmp, out="expected.h")]


def _stdin(case: Path) -> bytes:
    return (case / "stdin").read_bytes() if (case / "stdin").is_file() else b""


def unifdef_opts_inputs(case: Path, work: Path) -> bytes:
    """Put the case's in/ files into ``work``; its stdin."""
    work.mkdir(exist_ok=True)
    if (case / "in").is_dir():
        for f in sorted((case / "in").iterdir()):
            shutil.copy(f, work / f.name)
    return _stdin(case)


def _unifdef_opts_runs(case: Path, tmp: Path) -> List[Run]:
    # --compat must be what /usr/bin/unifdef does; without it only stderr
    # may differ (test_golden_cases.py compares the two runs' outputs)
    runs = []
    for sub, extra, err in (("compat", ["--compat"], "expected.err"), ("plain", [], "hdrtool.err")):
        stdin = unifdef_opts_inputs(case, tmp / sub)
        runs.append(Run(["unifdef", *extra, *words(case)], tmp / sub, stdin=stdin,
                        out="expected.out" if extra else None, err=err,
                        files="expected.files" if extra else None, compat=bool(extra)))
    return runs


SUITES = {s.name: s for s in (
    Suite("headers_check", "args", _check_runs, needs_cc=True),
    Suite("headers_install", "args", _install_runs),
    Suite("sim", "args", _sim_runs),
    Suite("unifdef", "input.h", _unifdef_runs),
    Suite("unifdef_opts", "args", _unifdef_opts_runs),
)}

#: (suite, case) of every golden case, for parametrize.
ALL_CASES = [(s.name, c) for s in SUITES.values() for c in s.cases()]
