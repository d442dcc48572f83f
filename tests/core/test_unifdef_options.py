"""Differential: ``hdrtool unifdef --compat`` with random option sets
against Debian's /usr/bin/unifdef 2.10, on the generated corpus of
test_unifdef_differential.py.

Each case picks up to four of unifdef's processing options (-b -B -c -e
-k -K -n -s -S -t -x), sometimes makes a symbol an -iD/-iU one, sometimes
takes its symbols from a -f file or its input from stdin; exit status,
stdout and stderr must be byte-equal to unifdef's.  Without --compat the
exit status must be the same and an error must write nothing.  The options
path of the engine is also held to its exact scanner where it may use the
fast one.
"""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path
from typing import List, Tuple

import pytest

from hdrtool.commands.unifdef import main
from hdrtool.core.dialects import DEFAULT
from hdrtool.core.directives import (NO_OPTIONS, Options, _Context, _process_opts, _scan_exact,
                                unifdef_run, Symbols)

from test_unifdef_differential import CASES, SEED, SYMBOL_SETS, UNIFDEF, Gen, symbols_from_args

FLAGS = ["-b", "-B", "-c", "-e", "-k", "-K", "-n", "-s", "-S", "-t", "-x1", "-x2"]


def ours(args: List[str], stdin: bytes = b"", compat: bool = True) -> Tuple[int, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    rc = main((["--compat"] if compat else []) + args, io.BytesIO(stdin), out, err)
    return rc, out.getvalue(), err.getvalue()


def reference(args: List[str], cwd: Path, stdin: bytes = b"") -> Tuple[int, bytes, bytes]:
    p = subprocess.run(["unifdef", *args], executable=UNIFDEF, cwd=cwd, input=stdin,
                       capture_output=True)
    return p.returncode, p.stdout, p.stderr


def option_case(rnd: random.Random, i: int, path: Path) -> Tuple[List[str], bytes]:
    """(unifdef arguments, stdin) for case ``i`` whose input is at ``path``."""
    syms = list(SYMBOL_SETS[i % len(SYMBOL_SETS)])
    flags = rnd.sample(FLAGS, rnd.randrange(0, 5))
    if "-b" in flags and "-B" in flags:
        flags.remove("-B")
    if rnd.random() < 0.25:  # one symbol's groups become text
        k = rnd.randrange(len(syms))
        syms[k] = "-i" + syms[k][1:]
    if rnd.random() < 0.15:  # symbols from a -f file
        defs = path.with_suffix(".defs")
        lines = [f"#define {s[2:].replace('=', ' ')}" if s.startswith("-D") else
                 f"#undef {s[2:]}" for s in syms if not s.startswith("-i")]
        defs.write_bytes(("\n".join(lines) + "\n").encode())
        syms = [s for s in syms if s.startswith("-i")] + ["-f", str(defs)]
    args = flags + syms
    if rnd.random() < 0.15:
        return args, path.read_bytes()
    return args + [str(path)], b""


@pytest.mark.usefixtures("unifdef")
def test_random_option_sets_match_unifdef(tmp_path):
    rnd = random.Random(SEED + 17)
    failures = []
    seen = {0: 0, 1: 0, 2: 0}
    for i in range(CASES):
        data = Gen(rnd, clean=rnd.random() < 0.5).file()
        path = tmp_path / f"case{i:04d}.h"
        path.write_bytes(data)
        args, stdin = option_case(rnd, i, path)
        want = reference(args, tmp_path, stdin)
        got = ours(args, stdin)
        seen[want[0]] = seen.get(want[0], 0) + 1
        if got != want:
            failures.append(f"case {i} {args}:\n ours {got!r}\n ref  {want!r}\n{data!r}")
            continue
        plain = ours(args, stdin, compat=False)
        if plain[0] != want[0] or (plain[0] == 2 and plain[1] != b""):
            failures.append(f"case {i} {args}: without --compat {plain!r}")
    assert not failures, f"{len(failures)} of {CASES} differ; first:\n" + "\n".join(failures[:3])
    assert all(seen[k] >= CASES // 20 for k in (0, 1, 2)), seen


@pytest.mark.parametrize("opts", [
    Options(blank=True), Options(compress=True, line_directives=True, linefile="x.h"),
    Options(complement=True), Options(killconsts=True, strict=True, iocccok=True),
    Options(complement=True, blank=True, killconsts=True),
], ids=["b", "Bn", "c", "kKe", "cbk"])
def test_options_fast_scanner_equals_exact(opts):
    """Where the options path uses the fast scanner, the exact one must give
    the same output, change flag and error (no reference needed)."""
    rnd = random.Random(SEED + 3)
    for i in range(CASES):
        data = Gen(rnd, clean=True).file()
        lookup = symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)]).lookup
        try:
            fast = unifdef_run(data, lookup, "x.h", options=opts)[:2]
        except Exception as exc:  # noqa: BLE001 - compared below
            fast = repr(exc)
        ctx = _Context(0, False)
        try:
            exact = _process_opts(data, _scan_exact(data, lookup, "x.h", opts=opts, ctx=ctx),
                                  "x.h", DEFAULT, opts, ctx)
        except Exception as exc:  # noqa: BLE001
            exact = repr(exc)
        assert fast == exact, repr(data)


def test_no_options_is_the_default_engine():
    """unifdef_run without options is exactly unifdef_changed (the path
    headers_install takes)."""
    from hdrtool.core.directives import unifdef_changed
    rnd = random.Random(SEED + 5)
    for i in range(CASES // 4):
        data = Gen(rnd, clean=False).file()
        syms = symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)])
        try:
            want = unifdef_changed(data, syms, "x.h")
        except Exception as exc:  # noqa: BLE001
            want = repr(exc)
        try:
            got = unifdef_run(data, syms.lookup, "x.h", options=NO_OPTIONS)[:2]
        except Exception as exc:  # noqa: BLE001
            got = repr(exc)
        assert got == want


def test_symbols_lookup_is_accepted():
    out = unifdef_run(b"#ifdef A\na\n#else\nb\n#endif\n", Symbols({}, frozenset({"A"})).lookup,
                      options=Options(complement=True))
    assert out.output == b"#ifdef A\na\n#else\n#endif\n" and out.altered
