"""unifdef dialects against the real unifdefs they imitate.

References, built here (never copied into the repository: the kernel's
unifdef.c is GPL) from the trees on this machine:

* 1.171: linux-2.6.23/scripts/unifdef.c from ../shared/linux-trees;
* 2.5: linux-4.4.121's, Linux 6.1's (Debian linux-source-6.1) and 6.12's
  (linux-source-6.12);
* 2.10: Debian's /usr/bin/unifdef.

No local tree carries 1.190 (2.6.33) or 1.171 + eedc9d83eaa (2.6.31): those
two are checked by the hand-written cases below only, whose expected bytes
come from KERNEL-HEADERS.md E.2 and the releases' published source.

A missing reference skips loudly; with HDRTOOL_REQUIRE_LINUX=1 it fails.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from conftest import require_or_skip  # noqa: E402

from hdrtool.core.dialects import DIALECTS, dialect_for_source, get_dialect
from hdrtool.core.directives import Symbols, unifdef_changed, unifdef_exact
from hdrtool.core.errors import InputError
from test_unifdef_differential import SYMBOL_SETS, generated_cases, mutate, symbols_from_args

from conftest import SHARED_TREES as TREES  # noqa: E402
KERNEL_ARGS = ["-U__KERNEL__", "-D__EXPORTED_HEADERS__"]
KERNEL = Symbols({"__EXPORTED_HEADERS__": None}, frozenset({"__KERNEL__"}))

# name -> (dialect, where its unifdef.c comes from: tarball or tree, member)
SOURCES = {
    "linux-2.6.23": ("1.171", TREES / "linux-2.6.23/src.tar.xz"),
    "linux-4.4.121": ("2.5", TREES / "linux-4.4.121/src.tar.xz"),
    "linux-6.1": ("2.5", Path("/usr/src/linux-source-6.1.tar.xz")),
    "linux-6.12": ("2.5", Path("/usr/src/linux-source-6.12.tar.xz")),
}
# 1.171 declares its own getline(), which glibc's <stdio.h> also declares
# under _GNU_SOURCE/POSIX 2008: build it as C99 + POSIX.2 (getopt only).
CFLAGS = {"1.171": ["-std=c99", "-D_POSIX_C_SOURCE=2"], "2.5": []}


def _missing(what: str):
    msg = f"NO REFERENCE UNIFDEF: {what}"
    require_or_skip(msg, linux=True)


def _unifdef_source(name: str) -> Optional[bytes]:
    """scripts/unifdef.c of one tree: from an unpacked copy if there is one,
    else out of its tarball (read in memory, never unpacked to disk)."""
    if name == "linux-6.1":
        for tree in sorted(Path("/var/tmp/hdrtool-linux").glob("linux-source-6.1*")):
            if (tree / "scripts/unifdef.c").is_file():
                return (tree / "scripts/unifdef.c").read_bytes()
    tarball = SOURCES[name][1]
    if not tarball.is_file():
        return None
    proc = subprocess.run(["tar", "-xJf", str(tarball), "--wildcards", "*/scripts/unifdef.c",
                           "-O"], capture_output=True)
    return proc.stdout if proc.returncode == 0 and proc.stdout else None


@pytest.fixture(scope="session")
def kernel_sources() -> Dict[str, bytes]:
    """The unifdef.c bytes of every tree that is here."""
    out = {}
    for name in SOURCES:
        data = _unifdef_source(name)
        if data is not None:
            out[name] = data
    return out


@pytest.fixture(scope="session")
def references(kernel_sources, tmp_path_factory, cc) -> Dict[str, str]:
    """tree name (or "debian-2.10") -> a unifdef binary built from it."""
    build = tmp_path_factory.mktemp("unifdef-refs")
    out = {}
    for name, data in kernel_sources.items():
        dialect = SOURCES[name][0]
        src = build / f"{name}-unifdef.c"
        src.write_bytes(data)
        binary = build / f"{name}-unifdef"
        subprocess.run([*cc.split(), "-O2", "-w", *CFLAGS[dialect], "-o", str(binary), str(src)],
                       check=True, capture_output=True)
        out[name] = str(binary)
    debian = shutil.which("unifdef")
    if debian:
        out["debian-2.10"] = debian
    return out


def _reference(references, name: str) -> str:
    if name not in references:
        what = "Debian's unifdef package" if name == "debian-2.10" else \
            f"{name}'s scripts/unifdef.c (from {SOURCES[name][1]})"
        _missing(what)
    return references[name]


REFERENCE_DIALECT = {"linux-2.6.23": "1.171", "linux-4.4.121": "2.5", "linux-6.1": "2.5",
                     "linux-6.12": "2.5", "debian-2.10": "2.10"}


def run_reference(binary: str, args: List[str], path: Path):
    """(exit status, stdout or None on error, message); abort() (1.171 on a
    directive left open) counts as status 2."""
    p = subprocess.run([binary, *args, str(path)], capture_output=True)
    rc = 2 if p.returncode < 0 else p.returncode
    m = re.search(rb": \d+: ([^\n]*)", p.stderr)
    return rc, (p.stdout if rc != 2 else None), (m.group(1).decode() if m else "abort")


def run_ours(args: List[str], data: bytes, dialect: str, exact: bool = False):
    fn = unifdef_exact if exact else unifdef_changed
    try:
        out, changed = fn(data, symbols_from_args(args), "x.h", get_dialect(dialect))
        return int(changed), out, ""
    except InputError as exc:
        return 2, None, exc.message


def _corpus() -> List[bytes]:
    rnd = random.Random(11)
    cases = generated_cases() + generated_cases(clean=True)
    return cases + [mutate(rnd.choice(cases), rnd) for _ in range(len(cases) // 4)]


def _n(message: str) -> str:
    return re.sub(r"\d+", "N", message)


# ------------------------------------------------------------ differential


@pytest.mark.parametrize("tree", list(REFERENCE_DIALECT))
def test_generated_corpus_matches_the_real_unifdef(references, tmp_path, tree):
    """Every generated and mutated file, under each symbol set: the same
    bytes and exit status as the real unifdef of that dialect (and, on an
    error, the same message; 1.171's abort() is our error).  Fast and exact
    scanners agree for every dialect."""
    binary = _reference(references, tree)
    dialect = REFERENCE_DIALECT[tree]
    failures = []
    cases = _corpus()
    for i, data in enumerate(cases):
        args = SYMBOL_SETS[i % len(SYMBOL_SETS)]
        path = tmp_path / "case.h"
        path.write_bytes(data)
        ref = run_reference(binary, args, path)
        mine = run_ours(args, data, dialect)
        exact = run_ours(args, data, dialect, exact=True)
        if mine != exact:
            failures.append(f"case {i}: fast {mine[0]} vs exact {exact[0]}")
        elif mine[:2] != ref[:2] or (ref[2] != "abort" and mine[0] == 2
                                     and _n(mine[2]) != _n(ref[2])):
            failures.append(f"case {i} {args}: ours {mine[0]} {mine[2]!r} vs {ref[0]} "
                            f"{ref[2]!r}\n{data!r}")
    assert not failures, f"{len(failures)} of {len(cases)} differ; first:\n" + \
        "\n".join(failures[:3])


def test_dialects_really_differ_on_the_corpus():
    """The corpus exercises the flags: each kernel dialect gives another
    result than 2.10 on a fair number of files."""
    cases = _corpus()
    base = [run_ours(SYMBOL_SETS[i % len(SYMBOL_SETS)], d, "2.10") for i, d in enumerate(cases)]
    for name in ("2.5", "1.190", "1.171", "1.171-boolfix"):
        other = [run_ours(SYMBOL_SETS[i % len(SYMBOL_SETS)], d, name) for i, d in enumerate(cases)]
        differ = sum(a[:2] != b[:2] for a, b in zip(base, other))
        assert differ >= len(cases) // 50, (name, differ)


@pytest.mark.linux
@pytest.mark.slow
@pytest.mark.parametrize("tree", ["linux-6.1", "linux-2.6.23"])
def test_linux_uapi_matches_the_real_unifdef(references, linux_src, tree):
    """Every uapi header of Linux 6.1 with the kernel's symbols, through
    6.1's own unifdef (2.5) and 2.6.23's (1.171)."""
    binary = _reference(references, tree)
    headers = sorted(p for p in (linux_src / "include/uapi").glob("**/*.h") if p.is_file())
    headers += sorted(p for p in linux_src.glob("arch/*/include/uapi/**/*.h") if p.is_file())
    assert len(headers) > 900
    bad = []
    for path in headers:
        ref = run_reference(binary, KERNEL_ARGS, path)
        if run_ours(KERNEL_ARGS, path.read_bytes(), REFERENCE_DIALECT[tree])[:2] != ref[:2]:
            bad.append(str(path))
    assert not bad, bad[:5]


# ------------------------------------------------------------ hand-written
#
# One case per documented difference (KERNEL-HEADERS.md E.2): input, and
# per dialect the expected (exit status, output bytes or the error message).
# Written by hand, then checked against the real binary where there is one.

ALL = ("2.10", "2.5", "1.190", "1.171-boolfix", "1.171")
KERNELS = ("2.5", "1.190", "1.171-boolfix", "1.171")


CASES = {
    # E.2.1: a bare "#error" + newline; 2.10 misses the next line's #endif.
    "bare-error": (b"#ifndef __KERNEL__\n#error\n#endif\nint c;\n", dict(
        {k: (1, b"#error\nint c;\n") for k in KERNELS},
        **{"2.10": (2, "Premature EOF (#if line 1 depth 1)")})),
    # The same as in Linux 6.12 include/uapi/scsi/scsi_bsg_ufs.h: #else, #error, #endif.
    "else-error-endif": (b"#if defined(__LITTLE_ENDIAN_BITFIELD)\nint a;\n#else\n#error\n#endif\n"
                         b"#ifdef __KERNEL__\nint k;\n#endif\n", dict(
        {k: (1, b"#if defined(__LITTLE_ENDIAN_BITFIELD)\nint a;\n#else\n#error\n#endif\n")
         for k in KERNELS},
        **{"2.10": (2, "Premature EOF (#if line 1 depth 1)")})),
    # E.2.3: `defined X` without parentheses: 1.171 keeps line and block.
    "defined-no-parens": (b"#if !defined __KERNEL__\nint u;\n#endif\n", dict(
        {k: (1, b"int u;\n") for k in ("2.10", "2.5", "1.190")},
        **{k: (0, b"#if !defined __KERNEL__\nint u;\n#endif\n") for k in ("1.171",
                                                                           "1.171-boolfix")})),
    # E.2.4: && with one unknown side: 1.171 (<= 2.6.30) leaves it alone.
    "and-unknown": (b"#if defined(__KERNEL__) && !defined(__ASSEMBLY__)\nint k;\n#endif\nint u;\n",
                    dict({k: (1, b"int u;\n") for k in ALL if k != "1.171"},
                         **{"1.171": (0, b"#if defined(__KERNEL__) && !defined(__ASSEMBLY__)\n"
                                         b"int k;\n#endif\nint u;\n")})),
    "or-unknown": (b"#if !defined(__KERNEL__) || defined(X)\nint u;\n#endif\n",
                   dict({k: (1, b"int u;\n") for k in ALL if k != "1.171"},
                        **{"1.171": (0, b"#if !defined(__KERNEL__) || defined(X)\nint u;\n"
                                        b"#endif\n")})),
    # eedc9d83eaa keeps the left value when a true left meets a false right:
    # `defined(__EXPORTED_HEADERS__) && defined(__KERNEL__)` comes out true.
    "boolfix-slip": (b"#if defined(__EXPORTED_HEADERS__) && defined(__KERNEL__)\nint k;\n#endif\n",
                     dict({k: (1, b"") for k in ALL if k != "1.171-boolfix"},
                          **{"1.171-boolfix": (1, b"int k;\n")})),
    # E.2.5: CRLF directives: 1.171/1.190 see trailing junk, copy the file.
    "crlf": (b"#ifdef __KERNEL__\r\nint k;\r\n#endif\r\nint u;\r\n", dict(
        {k: (1, b"int u;\r\n") for k in ("2.10", "2.5")},
        **{k: (0, b"#ifdef __KERNEL__\r\nint k;\r\n#endif\r\nint u;\r\n")
           for k in ("1.190", "1.171", "1.171-boolfix")})),
    # E.2.9 (c): 1UL: 2.5 (and the older ones) skip the suffix, 2.10 stops.
    "suffix": (b"#if !defined(__KERNEL__) && 1UL\nint u;\n#endif\n", dict(
        {k: (1, b"int u;\n") for k in KERNELS},
        **{"2.10": (0, b"#if !defined(__KERNEL__) && 1UL\nint u;\n#endif\n")})),
    # E.2.9 (b): a continued #if: 2.5/1.190 decide it by its first line and
    # drop both lines; 2.10 calls it obfuscated; 1.171 abort()s.
    "continued-if": (b"#if !defined(__KERNEL__) \\\n && defined(X)\nint u;\n#endif\n", {
        "2.5": (1, b"int u;\n"), "1.190": (1, b"int u;\n"),
        "2.10": (2, "Obfuscated preprocessor control line"),
        "1.171": (2, "abort"), "1.171-boolfix": (2, "abort")}),
    # E.2.2: elif overwritten by "if  ", in every dialect.
    "elif-to-if": (b"#ifdef __KERNEL__\nk\n#elif defined(X)\nx\n#endif\n",
                   {k: (1, b"#if   defined(X)\nx\n#endif\n") for k in ALL}),
    # The #elif -> #else edit ends in the file's newline (2.5, 2.10: its
    # first line is CRLF) or in "\n" (1.190, 1.171: keywordedit("else\n")).
    "else-newline": (b"a\r\n#if X\nx\n#elif !defined(__KERNEL__)\nu\n#endif\n", dict(
        {k: (0, b"a\r\n#if X\nx\n#else\r\nu\n#endif\n") for k in ("2.10", "2.5")},
        **{k: (0, b"a\r\n#if X\nx\n#else\nu\n#endif\n") for k in ("1.190", "1.171",
                                                                   "1.171-boolfix")})),
    # -DFOO is FOO=1 in 2.5/2.10 but FOO="" (no number) in 1.190/1.171.
    "bare-define-value": (b"#if __EXPORTED_HEADERS__\nint e;\n#endif\n", dict(
        {k: (1, b"int e;\n") for k in ("2.10", "2.5")},
        **{k: (0, b"#if __EXPORTED_HEADERS__\nint e;\n#endif\n")
           for k in ("1.190", "1.171", "1.171-boolfix")})),
    # 1.171 abort()s on a directive on a last line without newline; the
    # others add the newline.
    "no-final-newline": (b"#ifdef __KERNEL__\nk\n#endif", dict(
        {k: (1, b"") for k in ("2.10", "2.5", "1.190")},
        **{k: (2, "abort") for k in ("1.171", "1.171-boolfix")})),
}

REAL = {"2.10": "debian-2.10", "2.5": "linux-6.1", "1.171": "linux-2.6.23"}


def _result(rc, out, message):
    if rc == 2:
        return 2, "abort" if message.startswith("unifdef 1.171 aborts") else message
    return rc, out


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("dialect", ALL)
def test_hand_written_difference(case, dialect):
    data, expected = CASES[case]
    assert _result(*run_ours(KERNEL_ARGS, data, dialect)) == expected[dialect]


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("dialect", list(REAL))
def test_hand_written_difference_is_what_the_real_unifdef_does(references, tmp_path, case,
                                                              dialect):
    binary = _reference(references, REAL[dialect])
    data, expected = CASES[case]
    path = tmp_path / "case.h"
    path.write_bytes(data)
    rc, out, message = run_reference(binary, KERNEL_ARGS, path)
    assert _result(rc, out, message) == expected[dialect]


def test_every_flag_has_a_case_that_shows_it():
    """Each case's expectations are not all alike (it shows a difference),
    except the one that shows the shared #elif rewrite."""
    for name, (_, expected) in CASES.items():
        assert set(expected) == set(ALL), name
        assert name == "elif-to-if" or len(set(expected.values())) > 1, name


# ------------------------------------------------------------ recognition


@pytest.mark.parametrize("tree", list(SOURCES))
def test_dialect_of_a_real_unifdef_c(kernel_sources, tree):
    if tree not in kernel_sources:
        _missing(f"{tree}'s scripts/unifdef.c")
    assert dialect_for_source(kernel_sources[tree], "scripts/unifdef.c").name == SOURCES[tree][0]


def test_dialect_from_identity_strings():
    """1.190's and 2.6.31's files are not here: their identity lines (and
    the bool fix's debug string) alone."""
    v1190 = b'    "$dotat: unifdef/unifdef.c,v 1.190 2009/11/27 17:21:26 fanf2 Exp $",\n'
    v1171 = b'__IDSTRING(dotat, "$dotat: things/unifdef.c,v 1.171 2005/03/08 12:38:48 fanf2 Exp $");\n'
    boolfix = v1171 + b'\t\t\tdebug("eval%d: and always false", ops - eval_ops);\n'
    assert dialect_for_source(v1190, "u.c").name == "1.190"
    assert dialect_for_source(v1171, "u.c").name == "1.171"
    assert dialect_for_source(boolfix, "u.c").name == "1.171-boolfix"


def test_unknown_unifdef_c_is_an_input_error():
    with pytest.raises(InputError) as info:
        dialect_for_source(b"/* some other unifdef */\n", "linux/scripts/unifdef.c")
    assert info.value.path == "linux/scripts/unifdef.c"
    assert "unknown unifdef.c" in str(info.value) and "unifdef-2.5" in str(info.value)


def test_dialect_names():
    assert list(DIALECTS) == ["2.10", "2.5", "1.190", "1.171", "1.171-boolfix"]
    assert get_dialect("2.5") is DIALECTS["2.5"]
    with pytest.raises(ValueError):
        get_dialect("2.6")
    # a name is accepted where a Dialect is
    assert unifdef_changed(b"#ifndef __KERNEL__\n#error\n#endif\n", KERNEL, "x", "2.5") == \
        (b"#error\n", True)


def test_cli_dialect_option(tmp_path):
    import sys
    repo = Path(__file__).resolve().parent.parent.parent
    (tmp_path / "t.h").write_bytes(CASES["bare-error"][0])
    env = dict(os.environ, PYTHONPATH=str(repo))
    run = [sys.executable, "-m", "hdrtool", "unifdef", *KERNEL_ARGS, "t.h"]
    kernel = subprocess.run(run[:4] + ["--dialect", "2.5"] + run[4:], cwd=tmp_path, env=env,
                            capture_output=True)
    debian = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True)
    assert (kernel.returncode, kernel.stdout) == (1, b"#error\nint c;\n")
    assert debian.returncode == 2 and b"Premature EOF" in debian.stderr


# ------------------------------------------------------------ long lines
#
# Every unifdef reads 4095-byte pieces (fgets into 4096 bytes): a piece
# boundary starts a new "line" in the middle of a physical one.

LONG_LINES = {
    "plain": b"#ifdef __KERNEL__\nk\n#endif\nint " + b"x" * 5000 + b";\n",
    "hash-after-long-comment": b"/* " + b"x" * 4092 + b"*/#ifdef __KERNEL__\nk\n#endif\n",
    "comment-end-split": b"/* " + b"x" * 4091 + b"*/ */\n#ifdef __KERNEL__\nk\n#endif\n",
    "long-if": b"#if defined(__KERNEL__) " + b" " * 5000 + b"\nk\n#endif\nu\n",
    "directive-of-4095": b"#ifdef __KERNEL__" + b" " * 4078 + b"\nk\n#endif\nu\n",
    "long-first-line": b" " * 5000 + b"\n#ifdef __KERNEL__\nk\n#endif\n",
}


@pytest.mark.parametrize("shape", list(LONG_LINES))
@pytest.mark.parametrize("tree", list(REFERENCE_DIALECT))
def test_long_lines_are_read_in_pieces(references, tmp_path, shape, tree):
    binary = _reference(references, tree)
    data = LONG_LINES[shape]
    path = tmp_path / "long.h"
    path.write_bytes(data)
    ref = run_reference(binary, KERNEL_ARGS, path)
    dialect = REFERENCE_DIALECT[tree]
    mine = run_ours(KERNEL_ARGS, data, dialect)
    assert mine == run_ours(KERNEL_ARGS, data, dialect, exact=True)
    assert mine[:2] == ref[:2]


# ------------------------------------------------------- options per dialect

#: The processing options each real kernel unifdef has, as its getopt
#: spells them (1.171's -l is -b), that hdrtool imitates under its dialect.
KERNEL_OPTIONS = {"1.171": ["-c", "-e", "-k", "-l", "-n", "-t"],
                  "2.5": ["-b", "-B", "-c", "-e", "-K", "-k", "-n", "-t"]}


@pytest.mark.parametrize("tree", ["linux-2.6.23", "linux-4.4.121", "linux-6.1"])
def test_options_match_the_kernels_own_unifdef(references, tmp_path, tree):
    """Random sets of the options a kernel unifdef has, on the corpus:
    ``hdrtool unifdef --dialect D`` gives that binary's exit status and
    output (and, on an error, its message)."""
    import io
    from hdrtool.commands.unifdef import main as hdrtool_unifdef
    binary = _reference(references, tree)
    dialect = REFERENCE_DIALECT[tree]
    flags = KERNEL_OPTIONS[dialect]
    rnd = random.Random(17)
    failures = []
    cases = _corpus()[::3]
    for i, data in enumerate(cases):
        opts = rnd.sample(flags, rnd.randrange(1, 4))
        if "-b" in opts and "-B" in opts:
            opts.remove("-B")
        args = opts + SYMBOL_SETS[i % len(SYMBOL_SETS)]
        path = tmp_path / "case.h"
        path.write_bytes(data)
        ref = run_reference(binary, args, path)
        out, err = io.BytesIO(), io.BytesIO()
        rc = hdrtool_unifdef(["--dialect", dialect, "--compat", *args, str(path)], None, out, err)
        m = re.search(rb": \d+: ([^\n]*)", err.getvalue())
        mine = (rc, out.getvalue() if rc != 2 else None, m.group(1).decode() if m else "abort")
        if mine[:2] != ref[:2] or (ref[2] != "abort" and rc == 2 and _n(mine[2]) != _n(ref[2])):
            failures.append(f"case {i} {args}: ours {mine[0]} {mine[2]!r} vs {ref[0]} "
                            f"{ref[2]!r}\n{data!r}")
    assert not failures, f"{len(failures)} of {len(cases)} differ; first:\n" + \
        "\n".join(failures[:3])
