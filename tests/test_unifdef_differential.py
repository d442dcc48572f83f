"""Differential test: our unifdef against Debian's /usr/bin/unifdef 2.10.

Inputs: generated files (a seeded generator: nested groups, #elif chains,
compound expressions, comments and literals in odd places, continuations,
CRLF, missing final newline, malformed structure), every header of the
bundled include/ tree and every uapi header of the real Linux tree.  For
each input and symbol set the output bytes and the exit status must equal
unifdef's; on an error both must fail (status 2) with the same message.
The fast scanner is also checked against the exact one on every input, and
on mutated files (generated or real headers with awkward bytes inserted:
comment and quote marks, continuations, stray directives).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import List, Tuple

import pytest

from hdrtool.core.directives import Symbols, _scan_fast, unifdef_changed, unifdef_exact
from hdrtool.core.errors import InputError

UNIFDEF = shutil.which("unifdef") or "/usr/bin/unifdef"
SEED = int(os.environ.get("HDRTOOL_DIFF_SEED", "20260101"))
CASES = int(os.environ.get("HDRTOOL_DIFF_CASES", "400"))

pytestmark = pytest.mark.usefixtures("unifdef")

# Symbol sets as unifdef arguments; the kernel's own set comes first.
SYMBOL_SETS: List[List[str]] = [
    ["-U__KERNEL__", "-D__EXPORTED_HEADERS__"],
    ["-DA", "-UB"],
    ["-DA=2", "-DB=0", "-UC", "-DE=0x10"],
    ["-UA", "-UB", "-UC", "-DD"],
    ["-D__KERNEL__", "-DCONFIG_X86_64", "-UCONFIG_X86_32", "-U__EXPORTED_HEADERS__"],
]


def symbols_from_args(args: List[str]) -> Symbols:
    defined, undefined = {}, set()
    for arg in args:
        name, eq, value = arg[2:].partition("=")
        if arg.startswith("-D"):
            undefined.discard(name)
            defined[name] = value.encode() if eq else None
        else:
            defined.pop(name, None)
            undefined.add(name)
    return Symbols(defined, frozenset(undefined))


def reference(args: List[str], path: Path) -> Tuple[int, bytes, bytes]:
    p = subprocess.run([UNIFDEF, *args, str(path)], capture_output=True)
    return p.returncode, p.stdout, p.stderr


def ours(args: List[str], data: bytes, path: str, exact: bool = False):
    fn = unifdef_exact if exact else unifdef_changed
    try:
        out, changed = fn(data, symbols_from_args(args), path)
        return int(changed), out, None
    except InputError as exc:
        return 2, None, exc


_REF_MSG = re.compile(rb": \d+: ([^\n]*)")


def _digits(message: str) -> str:
    return re.sub(r"\d+", "N", message)


def check(args: List[str], path: Path, data: bytes) -> None:
    rc, out, err = reference(args, path)
    mine_rc, mine_out, exc = ours(args, data, str(path))
    exact = ours(args, data, str(path), exact=True)
    assert (mine_rc, mine_out, str(exc)) == (exact[0], exact[1], str(exact[2])), \
        f"fast and exact scanners disagree on {path} {args}"
    assert mine_rc == rc, f"{path} {args}: exit {mine_rc} vs unifdef {rc}: {exc} / {err!r}"
    if rc == 2:
        # unifdef does not count a physical line that it glued onto a
        # directive, so its line numbers drift; we report real ones.  The
        # message itself must be the same one.
        m = _REF_MSG.search(err)
        assert m and exc is not None
        assert _digits(exc.message) == _digits(m.group(1).decode()), f"{path} {args}: {exc} vs {err!r}"
        return
    assert mine_out == out, f"{path} {args}: output differs from unifdef"


# ---------------------------------------------------------------- generator

NAMES = ["A", "B", "C", "D", "E", "X", "__KERNEL__", "__EXPORTED_HEADERS__", "CONFIG_X86_64"]


class Gen:
    """A random C-ish header; every choice comes from one seeded Random."""

    def __init__(self, rnd: random.Random, clean: bool = False):
        self.r = rnd
        self.clean = clean  # only forms the fast scanner accepts (mostly)

    def comment(self) -> str:
        r = self.r
        if self.clean:
            return r.choice(["/* c */", "/**/", "// line c", "/* ' \" */"])
        return r.choice(["/* c */", "/**/", "// line c", "/* multi\n line */", "/* ' \" */",
                         "/* a */ /* b */", "/*\\\n*/", "/* x *\\\n/"])

    def atom(self, depth: int) -> str:
        r = self.r
        k = r.randrange(12 if depth < 3 else 6)
        name = r.choice(NAMES)
        if k == 0:
            return f"defined({name})"
        if k == 1:
            return f"defined {name}"
        if k == 2:
            return name
        if k == 3:
            return r.choice(["0", "1", "2", "0x10", "010", "1UL", "08", "-1", "~0"])
        if k == 4:
            return f"!{self.atom(depth + 1)}"
        if k == 5:
            return f"{name}(x)"
        op = r.choice(["&&", "||", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%",
                       "<<", ">>", "&", "|", "^", "&&", "||"])
        sp = r.choice(["", " ", "  ", " /* o */ "])
        e = f"{self.atom(depth + 1)}{sp}{op}{sp}{self.atom(depth + 1)}"
        return f"({e})" if r.random() < 0.5 else e

    def tail(self) -> str:
        r = self.r
        k = r.randrange(14)
        if self.clean and k in (2, 3):
            return ""
        if k == 0:
            return " " + self.comment()
        if k == 1:
            return " garbage"
        if k == 2:
            return " \\\n  && B"
        if k == 3:
            return " /* hanging\n comment */"
        return ""

    def hash(self) -> str:
        if self.clean:
            return self.r.choice(["#", "#", "#", " #", "# ", "\t#  "])
        return self.r.choice(["#", "#", "#", " #", "# ", "\t#  ", "/* p */ #", "#/* k */"])

    def cond(self) -> str:
        r = self.r
        k = r.randrange(4)
        if k == 0:
            return f"{self.hash()}ifdef {r.choice(NAMES)}{self.tail()}"
        if k == 1:
            return f"{self.hash()}ifndef {r.choice(NAMES)}{self.tail()}"
        return f"{self.hash()}if {self.atom(0)}{self.tail()}"

    def plain(self) -> str:
        r = self.r
        if self.clean:
            return r.choice(["int x;", "", "  ", "struct s { int a; }; /* trailing */",
                             "#define M(x) ((x) + 1)", "#define L \\\n  2",
                             "char *s = \"#if A\";", "char c = '\"';", "/* #if A */",
                             "// #endif", "#include <linux/types.h>", "x = a / b;",
                             "#  pragma once", "#", "/* open\n#if B\n*/", "#undef A"])
        return r.choice(["int x;", "", "  ", "struct s { int a; }; /* trailing */",
                         "#define M(x) ((x) + 1)", "#define L \\\n  2", "char *s = \"#if A\";",
                         "char c = '\"';", "/* #if A */", "// #endif", "#include <linux/types.h>",
                         "x = a / b;", "#error don't", "#  pragma once", "#", "/* open\n#if B\n*/",
                         "int y; /* spans\n  lines */ int z;", "#undef A", "#ifdefX",
                         "\\", "??=if A", "#line 3", "char *s = \"a\\\nb\";",
                         "// c \\\n continued #if A", "/\\\n* split open */", "#foo",
                         "\f#if A", "#define Q '\\''", "  \\\n#if A", "#pragma\t"])

    def group(self, depth: int) -> List[str]:
        r = self.r
        out = [self.cond()]
        out += self.body(depth + 1)
        for _ in range(r.choice([0, 0, 1, 2, 3])):
            out.append(f"{self.hash()}elif {self.atom(0)}{self.tail()}")
            out += self.body(depth + 1)
        if r.random() < 0.5:
            out.append(f"{self.hash()}else{self.tail()}")
            out += self.body(depth + 1)
        out.append(f"{self.hash()}endif{self.tail()}")
        return out

    def body(self, depth: int) -> List[str]:
        r = self.r
        out: List[str] = []
        for _ in range(r.randrange(4)):
            if depth < 3 and r.random() < 0.25:
                out += self.group(depth)
            else:
                out.append(self.plain())
        return out

    def file(self) -> bytes:
        r = self.r
        lines = self.body(0) + self.group(0) + self.body(0)
        if not self.clean and r.random() < 0.08:  # break the structure
            victim = r.randrange(len(lines))
            lines.insert(victim, r.choice(["#endif", "#else", "#elif A", "#if A", "/* open"]))
        text = "\n".join(lines)
        if r.random() < 0.85:
            text += "\n"
        data = text.encode()
        if r.random() < 0.15:
            data = data.replace(b"\n", b"\r\n")
        return data


def generated_cases(clean: bool = False) -> List[bytes]:
    rnd = random.Random(SEED + clean)
    return [Gen(rnd, clean).file() for _ in range(CASES)]


@pytest.mark.parametrize("clean", [False, True], ids=["odd", "clean"])
def test_generated_inputs_match_unifdef(tmp_path, clean):
    failures = []
    for i, data in enumerate(generated_cases(clean)):
        path = tmp_path / f"case{i:04d}.h"
        path.write_bytes(data)
        args = SYMBOL_SETS[i % len(SYMBOL_SETS)]
        try:
            check(args, path, data)
        except AssertionError as exc:
            failures.append(f"case {i}: {exc}\n{data!r}")
    assert not failures, f"{len(failures)} of {CASES} differ; first:\n" + "\n".join(failures[:3])


def test_generator_covers_the_interesting_forms():
    """The generated set is not trivially all-unchanged or all-errors."""
    outcomes = {0: 0, 1: 0, 2: 0}
    for i, data in enumerate(generated_cases()):
        outcomes[ours(SYMBOL_SETS[i % len(SYMBOL_SETS)], data, "-")[0]] += 1
    assert all(count >= CASES // 20 for count in outcomes.values()), outcomes


def test_clean_inputs_take_the_fast_path():
    """The clean set exercises the fast scanner, not only the exact one."""
    fast = sum(_scan_fast(data, symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)]).lookup, "-")
               is not None for i, data in enumerate(generated_cases(clean=True)))
    assert fast >= CASES * 3 // 4, f"only {fast} of {CASES} clean cases took the fast path"


def _headers(root: Path, pattern: str) -> List[Path]:
    return sorted(p for p in root.glob(pattern) if p.is_file())


def test_bundled_tree_matches_unifdef(srctree):
    headers = _headers(srctree / "include", "**/*.h")
    assert len(headers) > 150, "the bundled include/ tree lost its headers"
    for path in headers:
        for args in SYMBOL_SETS[:1] + SYMBOL_SETS[4:]:
            check(args, path, path.read_bytes())


@pytest.mark.linux
@pytest.mark.slow
def test_linux_uapi_matches_unifdef(linux_src):
    headers = _headers(linux_src / "include/uapi", "**/*.h")
    headers += _headers(linux_src / "arch", "*/include/uapi/**/*.h")
    assert len(headers) > 900
    for path in headers:
        for args in (SYMBOL_SETS[0], SYMBOL_SETS[4]):
            check(args, path, path.read_bytes())


# ----------------------------------------------------------- mutation fuzzing

PIECES = [b"/*", b"*/", b"//", b"'", b'"', b"\\\n", b"\\", b"\n", b"#", b"#if A\n", b"#endif\n",
          b"#else\n", b"#ifdef __KERNEL__\n", b" ", b"\r\n", b"/", b"*", b"#elif B\n", b"\n#",
          b"#foo\n", b"\t#  if 0\n", b"\\\r\n", b"#elif defined(__KERNEL__)\n",
          b"#if !defined(__EXPORTED_HEADERS__)\n"]


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """Insert one to three lexically awkward pieces at random offsets."""
    buf = bytearray(data)
    for _ in range(rnd.randrange(1, 4)):
        at = rnd.randrange(len(buf) + 1)
        buf[at:at] = rnd.choice(PIECES)
    return bytes(buf)


def test_mutated_inputs_fast_scanner_equals_exact():
    """Where the fast scanner accepts a mutated file, it must agree with the
    exact scanner (no reference binary needed, so many cases)."""
    rnd = random.Random(SEED)
    bases = generated_cases(clean=True)
    fast = 0
    for i in range(CASES * 3):
        data = mutate(rnd.choice(bases), rnd)
        args = SYMBOL_SETS[i % len(SYMBOL_SETS)]
        if _scan_fast(data, symbols_from_args(args).lookup, "-") is None:
            continue
        fast += 1
        a, b = ours(args, data, "x"), ours(args, data, "x", exact=True)
        assert (a[0], a[1], str(a[2])) == (b[0], b[1], str(b[2])), repr(data)
    assert fast > CASES, "the mutations should mostly stay on the fast path"


@pytest.mark.linux
@pytest.mark.slow
def test_mutated_linux_headers_match_unifdef(linux_src, tmp_path):
    headers = _headers(linux_src / "include/uapi/linux", "*.h")
    rnd = random.Random(SEED)
    for i in range(CASES // 2):
        data = mutate(rnd.choice(headers).read_bytes(), rnd)
        path = tmp_path / f"m{i}.h"
        path.write_bytes(data)
        check(rnd.choice([SYMBOL_SETS[0], SYMBOL_SETS[4], SYMBOL_SETS[1]]), path, data)


@pytest.mark.linux
@pytest.mark.slow
def test_linux_uapi_matches_the_kernels_own_unifdef(linux_src, cc, tmp_path):
    """make headers_install runs the kernel's scripts/unifdef.c (2.5), not
    Debian's 2.10: on every uapi header, with the kernel's symbols, we must
    equal that one too (built here from the read-only tree)."""
    binary = tmp_path / "unifdef-kernel"
    subprocess.run([*cc.split(), "-O2", "-o", str(binary), str(linux_src / "scripts/unifdef.c")],
                   check=True, capture_output=True)
    headers = _headers(linux_src / "include/uapi", "**/*.h")
    headers += _headers(linux_src / "arch", "*/include/uapi/**/*.h")
    args = SYMBOL_SETS[0]
    for path in headers:
        ref = subprocess.run([str(binary), *args, str(path)], capture_output=True)
        rc, out, exc = ours(args, path.read_bytes(), str(path))
        assert (rc, out) == (ref.returncode, ref.stdout if rc != 2 else None), path
