"""The per-file rewrite read from each tree's own script, against the real tools.

For each real tree (2.6.23, 4.4.121, 6.1, 6.12) its own program runs over its
headers through hdrtool.install.scriptrules and through the real ``sed`` (``perl``
for era B) called with exactly the script's arguments; the outputs must be
byte-identical.  400 headers per tree (fixed seed) by default, every header
in the slow-marked test.  Era B has no local tree: its script is written
below from the substitutions quoted in KERNEL-HEADERS.md B.2 and run with
perl.  A missing tree skips loudly, or fails under HDRTOOL_REQUIRE_LINUX=1.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import require_or_skip  # noqa: E402

from hdrtool.install import scriptrules as sr
from hdrtool.core.errors import InputError

from conftest import SHARED_TREES as SHARED  # noqa: E402
ENV_C = dict(os.environ, LC_ALL="C")


def _missing(msg: str):
    """Skip loudly; fail instead under HDRTOOL_REQUIRE_LINUX=1 (as CI runs)."""
    require_or_skip(msg, linux=True)


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        _missing(f"NEEDED FOR THE DIFFERENTIAL TEST: {tool} not installed")
    return path


@pytest.fixture(scope="session")
def shared_trees(tmp_path_factory):
    """The shared 2.6.23 and 4.4.121 tarballs, unpacked once per session."""
    out, got = tmp_path_factory.mktemp("linux"), {}
    for rel in ("2.6.23", "4.4.121"):
        tar = SHARED / f"linux-{rel}" / "src.tar.xz"
        if tar.is_file():
            with tarfile.open(tar) as t:
                t.extractall(out, filter="data")
            got[rel] = out / f"linux-{rel}"
    return got


def _debian(env: str, glob: str):
    cands = [os.environ[env]] if os.environ.get(env) else []
    cands += sorted(str(p) for p in Path(glob).parent.glob(Path(glob).name))
    for c in cands:
        if (Path(c) / "scripts/headers_install.sh").is_file():
            return Path(c)
    return None


@pytest.fixture(scope="session")
def trees(shared_trees):
    return {**shared_trees,
            "6.1": _debian("HDRTOOL_LINUX_SRC", "/var/tmp/hdrtool-linux/linux-source-6.1*"),
            "6.12": _debian("HDRTOOL_LINUX612_SRC",
                            "/var/tmp/hdrtool-linux612/linux-source-6.12*")}


def tree(trees, rel: str) -> Path:
    if trees.get(rel) is None:
        _missing(f"NO LINUX TREE: Linux {rel} (see tests/test_scriptrules.py for where it "
                 "is looked for)")
    return trees[rel]


def program_of(root: Path, rel: str) -> sr.Program:
    if rel == "2.6.23":
        f = root / "scripts/Makefile.headersinst"
        return sr.hdrsed_from_headersinst(f.read_bytes(), str(f))
    f = root / "scripts/headers_install.sh"
    return sr.sed_from_headers_install_sh(f.read_bytes(), str(f))


def headers(root: Path, rel: str):
    dirs = [root / "include"] + ([] if rel == "2.6.23" else sorted(root.glob("arch/*/include")))
    return sorted(p for d in dirs for p in d.rglob("*.h") if p.is_file() and not p.is_symlink())


def real_sed(program: sr.Program, files):
    sed = _need("sed")
    return [subprocess.run([sed, *map(os.fsdecode, program.argv), str(f)], env=ENV_C,
                           capture_output=True, check=True).stdout for f in files]


def _compare(program: sr.Program, files, want):
    bad = []
    for f, w in zip(files, want):
        data = f.read_bytes()
        got = program.apply(data)
        slow = sr.general(program).apply(data)
        if got != w or slow != w:
            bad.append(str(f))
    return bad


RELEASES = ["2.6.23", "4.4.121", "6.1", "6.12"]


@pytest.mark.parametrize("rel", RELEASES)
def test_sed_matches_real_sed_sample(trees, rel):
    root = tree(trees, rel)
    program = program_of(root, rel)
    files = headers(root, rel)
    files = random.Random(13).sample(files, min(400, len(files)))
    assert _compare(program, files, real_sed(program, files)) == []


@pytest.mark.slow
@pytest.mark.parametrize("rel", RELEASES)
def test_sed_matches_real_sed_all(trees, rel):
    root = tree(trees, rel)
    program = program_of(root, rel)
    files = headers(root, rel)
    assert _compare(program, files, real_sed(program, files)) == []


# --------------------------------------------------------------------------
# Era B: a headers_install.pl written from KERNEL-HEADERS.md B.2 (2.6.29+
# substitutions), run by perl itself over real headers.
# --------------------------------------------------------------------------

PERL_SUBS = [
    r"s/([\s(])__user\s/$1/g;",
    r"s/([\s(])__force\s/$1/g;",
    r"s/([\s(])__iomem\s/$1/g;",
    r"s/\s__attribute_const__\s/ /g;",
    r"s/\s__attribute_const__$//g;",
    r"s/^#include <linux\/compiler.h>//;",
    r"s/(^|\s)(inline)\b/$1__$2__/g;",
    r"s/(^|\s)(asm)\b(\s|[(]|$)/$1__$2__$3/g;",
    r"s/(^|\s|[(])(volatile)\b(\s|[(]|$)/$1__$2__$3/g;",
]


#: 3.7-style additions (the __packed and _UAPI rewrites in perl form).
PERL_SUBS_UAPI = PERL_SUBS + [
    r"s/(^|[^a-zA-Z0-9])__packed([^a-zA-Z0-9_]|$)/$1__attribute__((packed))$2/g;",
    r"s/#(ifndef|define|endif[ \t]*\/[*])[ \t]*_UAPI/#$1 /;",
]


def perl_script(subs=PERL_SUBS) -> bytes:
    body = "".join(f"\t\t$line =~ {s}\n" for s in subs)
    return ("#!/usr/bin/perl -w\n# test stand-in for an era-B headers_install.pl\n"
            "use strict;\nmy ($indir, $outdir, @files) = @ARGV;\n"
            "foreach my $file (@files) {\n\tlocal *IN; local *OUT;\n"
            "\topen(IN, \"<$indir/$file\") or die;\n\topen(OUT, \">$outdir/$file\") or die;\n"
            "\twhile (my $line = <IN>) {\n" + body +
            "\t\tprintf OUT \"%s\", $line;\n\t}\n\tclose OUT; close IN;\n}\n").encode()


def real_perl(tmp: Path, inputs: dict, script: bytes = b"") -> dict:
    perl = _need("perl")
    src, out = tmp / "in", tmp / "out"
    src.mkdir()
    out.mkdir()
    (tmp / "headers_install.pl").write_bytes(script or perl_script())
    names = []
    for i, data in enumerate(inputs.values()):
        (src / f"{i}.h").write_bytes(data)
        names.append(f"{i}.h")
    for k in range(0, len(names), 500):
        subprocess.run([perl, str(tmp / "headers_install.pl"), str(src), str(out),
                        *names[k:k + 500]], env=ENV_C, check=True)
    return {key: (out / n).read_bytes() for key, n in zip(inputs, names)}


def test_perl_extractor_reads_the_substitutions():
    p = sr.perl_from_headers_install_pl(perl_script(), "headers_install.pl")
    assert p.dialect == "perl"
    assert [r.text for r in p.rules] == [s.rstrip(";").encode() for s in PERL_SUBS]
    assert [r.line for r in p.rules] == list(range(10, 19))


@pytest.mark.parametrize("rel", ["2.6.23", "4.4.121"])
def test_perl_matches_real_perl(trees, rel, tmp_path):
    root = tree(trees, rel)
    files = headers(root, rel)
    files = random.Random(13).sample(files, min(400, len(files)))
    inputs = {str(f): f.read_bytes() for f in files}
    inputs.update(HAND_CASES)
    want = real_perl(tmp_path, inputs)
    p = sr.perl_from_headers_install_pl(perl_script(), "headers_install.pl")
    assert [k for k, v in inputs.items() if p.apply(v) != want[k]] == []


# --------------------------------------------------------------------------
# Hand cases for the traps, each through the real tools and ours.
# --------------------------------------------------------------------------

HAND_CASES = {
    "asm-volatile": b"static inline void f(void) { asm volatile(\"nop\"); }\n",
    "paren-volatile": b"#define rd(p) (*(volatile int *)(p))\n",
    "compiler-h": b"#include <linux/compiler.h>\nint a;\n",
    "compiler-types-h": b"#include <linux/compiler_types.h>\nint a;\n",
    "user-newline": b"extern long f(char __user\n\t*p);\nint x;\n",
    "crlf": b"int f(void __user *p);\r\nstatic inline int g(void)\r\n__attribute_const__\r\n",
    "no-final-newline": b"int f(void __iomem *p);\nstatic inline int g(void)",
    "no-final-newline-compiler": b"int a;\n#include <linux/compiler.h>",
    "only-compiler": b"#include <linux/compiler.h>\n",
    "empty": b"",
    "blank-lines": b"\n\n\n",
    "non-utf8": b"/* caf\xe9 \xff\xfe */ int f(int \xe9__user *p, char (__user *q));\n",
    "latin1-packed": b"struct s { int a; } \xe9__packed;\n__packed\n",
    "attr-const": b"int f(void) __attribute_const__;\nint g(void) __attribute_const__\n"
                  b"int h(void)\t__attribute_const__  \t;\n",
    "uapi-guard": b"#ifndef _UAPI_LINUX_X_H\n#define _UAPI_LINUX_X_H\n#endif /* _UAPI_LINUX_X_H */\n"
                  b"#endif\t/*\t_UAPI_X */ #define _UAPI_Y\n",
    "many-spaces": b"int f(int  __user   \t*p, int (__user\t\t*q));\nvoid __iomem*r;\n",
    "keywords-edges": b"inline\nasm(\"x\")\n(volatile)\nvolatile_t inlined asm_x\n",
    "vt-ff": b"int f(int\v__user\f*p);\n",
}


@pytest.mark.parametrize("rel", RELEASES)
def test_hand_cases_match_real_sed(trees, rel, tmp_path):
    program = program_of(tree(trees, rel), rel)
    files = []
    for name, data in HAND_CASES.items():
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    want = real_sed(program, files)
    got = {f.name: (program.apply(f.read_bytes()), w) for f, w in zip(files, want)}
    assert {k: v for k, v in got.items() if v[0] != v[1]} == {}


def test_traps_by_era(trees, tmp_path):
    """The documented differences, pinned (each also checked against the
    real tool by the tests above)."""
    perl = sr.perl_from_headers_install_pl(perl_script(), "headers_install.pl")
    asm = b"asm volatile(\"nop\");\n"
    assert perl.apply(asm) == b"__asm__ __volatile__(\"nop\");\n"
    assert perl.apply(b"char __user\n*p;\n") == b"char *p;\n"          # \s ate the newline
    assert perl.apply(b"#include <linux/compiler.h>\nx\n") == b"\nx\n"  # emptied
    era_a = program_of(tree(trees, "2.6.23"), "2.6.23")
    assert era_a.apply(b"#include <linux/compiler.h>\nx\n") == b"x\n"  # deleted
    assert era_a.apply(b"x\n#include <linux/compiler.h>") == b"x\n"
    for rel in ("4.4.121", "6.1"):
        sh = program_of(tree(trees, rel), rel)
        assert sh.apply(asm) == b"__asm__ volatile(\"nop\");\n"
        assert sh.apply(b"#include <linux/compiler.h>\nx") == b"\nx"


# --------------------------------------------------------------------------
# Extractors on the real scripts.
# --------------------------------------------------------------------------

def _script(trees, rel):
    return (tree(trees, rel) / "scripts/headers_install.sh").read_bytes()


def test_allowlists(trees):
    a61 = sr.config_allowlist_from_sh(_script(trees, "6.1"), "6.1")
    a612 = sr.config_allowlist_from_sh(_script(trees, "6.12"), "6.12")
    assert len(a61) == 17 and len(a612) == 8 and a612 < a61
    assert ("include/uapi/linux/atmdev.h", "CONFIG_COMPAT") in a61
    assert ("arch/x86/include/uapi/asm/auxvec.h", "CONFIG_X86_64") in a612
    assert sr.config_allowlist_from_sh(_script(trees, "4.4.121"), "4.4") is None
    assert sr.leak_allowed(a61, "include/uapi/linux/atmdev.h", "CONFIG_COMPAT")
    assert sr.leak_allowed(a61, "./include/uapi/linux/atmdev.h", "CONFIG_COMPAT")
    assert not sr.leak_allowed(a612, "include/uapi/linux/atmdev.h", "CONFIG_COMPAT")
    from hdrtool.install.sanitize import CONFIG_LEAK_IGNORES
    assert {f"{f}:{s}" for f, s in a61} == set(CONFIG_LEAK_IGNORES)


def test_spdx_check(trees):
    assert sr.has_spdx_check(_script(trees, "6.1"))
    assert sr.has_spdx_check(_script(trees, "6.12"))
    assert not sr.has_spdx_check(_script(trees, "4.4.121"))
    assert not sr.has_spdx_check(b"# SPDX-License-Identifier: GPL-2.0\nsed -e p x > y\n")


def test_program_shapes(trees):
    a = program_of(tree(trees, "2.6.23"), "2.6.23")
    assert a.dialect == "bre" and [r.kind for r in a.rules] == ["s"] * 9 + ["d"]
    assert a.rules[0].line == 13 and a.fast is None
    c = program_of(tree(trees, "4.4.121"), "4.4.121")
    assert c.dialect == "ere" and c.argv[0] == b"-r" and len(c.rules) == 6 and c.fast is None
    for rel in ("6.1", "6.12"):
        d = program_of(tree(trees, rel), rel)
        assert d.argv[0] == b"-E" and len(d.rules) == 6 and d.fast is not None
        assert d.rules[0].line == 33


# --------------------------------------------------------------------------
# Refusals: what the readers do not understand is an error with its line.
# --------------------------------------------------------------------------

@pytest.mark.parametrize("cmd, what", [
    (b"y/abc/xyz/", "unsupported sed command 'y'"),
    (b"s/a/b/w out", "unsupported flags"),
    (b"s/a/b/I", "unsupported flags"),
    (b"s/\\(a\\)\\1/b/", "unsupported escape"),
    (b"s/\\w/b/", "unsupported escape '\\w'"),
    (b"s/a/\\U&/", "unsupported replacement escape '\\U'"),
    (b"s/a/\\2/", "reference \\2"),
    (b"s/[[:foo:]]/b/", "character class [:foo:]"),
    (b"/a/p", "unsupported command 'p'"),
    (b"s/a/b", "unterminated"),
    (b"sxaxbx", "unsupported delimiter"),
    (b"s//b/", "empty regular expression"),
])
def test_sed_refusals(cmd, what):
    with pytest.raises(InputError) as e:
        sr.read_sed([(b"\n" + cmd, 7)], "bre", "x.sh")
    assert what in str(e.value) and str(e.value).startswith("x.sh:8: ")


def test_ere_ambiguity_refused():
    with pytest.raises(InputError, match="leftmost-longest"):
        sr.read_sed([(b"s/(a|ab)(c|bcd)(d*)/x/", 1)], "ere", "x.sh")
    with pytest.raises(InputError, match="matches empty"):
        sr.read_sed([(b"s/(a*)*/x/", 1)], "ere", "x.sh")
    # unique or greedy-equals-longest: accepted
    sr.read_sed([(b"s/ab|a/x/g", 1), (b"s/x[ab]*/y/2g", 2), (b"s/(a|ab)(c|bcd)/x/", 3)],
                "ere", "x.sh")


def test_perl_refusals():
    for stmt, what in [(rb"s/$foo/x/g;", "interpolation"), (rb"s/a/$x/;", "interpolation"),
                       (rb"s/a(?=b)/x/;", "extended group"), (rb"s/a/b/e;", "flags")]:
        src = b"while (my $line = <IN>) {\n\t$line =~ " + stmt + b"\n}\n"
        with pytest.raises(InputError) as e:
            sr.perl_from_headers_install_pl(src, "h.pl")
        assert what in str(e.value) and str(e.value).startswith("h.pl:2: ")
    with pytest.raises(InputError, match="chomp"):
        sr.perl_from_headers_install_pl(b"chomp $line;\n$line =~ s/a/b/;\n", "h.pl")


# Flags and commands the real scripts do not use, against the real sed.
EXTRA_PROGRAMS = [
    ("bre", [b"s/a/X/2", b"s/b/Y/2g", b"/^zz/d", b"s|/|\\||g"]),
    ("ere", [b"s/x*/-/g", b"s/(^|b)c/[\\1]/g", b"s/[^a-c\\t]+$/E/", b"s/q/&&\\n/"]),
    ("bre", [b"s/^*a\\{2\\}/S/;s/\\(x\\|y\\)\\+/<&>/g", b"s/[\\.]/D/g", b"s/a\\?b$/AB/"]),
    ("bre", [b"s|a\\|b|P|g", b"s.b\\.c.Q.", b"/\\(a\\|ab\\)b/d"]),
    ("ere", [b"s|b\\|c|P|g", b"s*a\\*b*S*", b"/(a|ab)b/d", b"s/(b)(.)?$/\\2\\1/"]),
]


@pytest.mark.parametrize("dialect, cmds", EXTRA_PROGRAMS)
def test_other_constructs_match_real_sed(dialect, cmds, tmp_path):
    program = sr.read_sed([(c, i + 1) for i, c in enumerate(cmds)], dialect, "t",
                          ([b"-E"] if dialect == "ere" else []) +
                          [x for c in cmds for x in (b"-e", c)])
    f = tmp_path / "in"
    f.write_bytes(b"aaba bab abbb\n*aa xyyxz a/b/c\nzz del\nxx\tcq d\\. b\n"
                  b"ab\r\nzzz last\nabcab")
    (want,) = real_sed(program, [f])
    assert program.apply(f.read_bytes()) == want


# --------------------------------------------------------------------------
# Random lines: the bounded-word path, the general interpreter and the real
# sed (and perl) on text dense in the words, separators and edge bytes.
# --------------------------------------------------------------------------

TOKENS = [b" ", b"\t", b"\r", b"\v", b"\f", b"(", b")", b"_", b"a", b"b", b"c", b"d", b"x",
          b"ab", b"cd", b"inline", b"asm", b"volatile", b"__user", b"__force", b"__iomem",
          b"__packed", b"__attribute_const__", b"#ifndef", b"#define", b"#endif", b"/*",
          b"_UAPI", b"#include <linux/compiler.h>", b"#include <linux/compiler_types.h>",
          b"\xe9", b";", b"*", b"0"]


def random_text(seed: int, lines: int = 3000) -> bytes:
    rnd = random.Random(seed)
    out = [b"".join(rnd.choice(TOKENS) for _ in range(rnd.randrange(0, 12)))
           for _ in range(lines)]
    return b"\n".join(out) + rnd.choice([b"", b"\n"])


#: Separator-bounded words, the shape of most sh-era rewrites, in variants.
BOUNDED = [b"s/(^|[ a])(ab|cd)([b ]|$)/\\1X\\2Y\\3/g", b"s/(ab|cd)([b ]|$)/Z\\2/g",
           b"s/([ a(])(ab|cd)[b ]/\\1/g", b"s/(^|[^a-z])inline([^a-z_]|$)/\\1I\\2/g"]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("rel", RELEASES + ["bounded"])
def test_random_lines_match_real_sed(trees, rel, seed, tmp_path):
    if rel == "bounded":
        program = sr.read_sed([(c, i) for i, c in enumerate(BOUNDED)], "ere", "t",
                              [b"-E"] + [x for c in BOUNDED for x in (b"-e", c)])
    else:
        program = program_of(tree(trees, rel), rel)
    f = tmp_path / "in.h"
    f.write_bytes(random_text(seed))
    (want,) = real_sed(program, [f])
    assert program.apply(f.read_bytes()) == want
    assert sr.general(program).apply(f.read_bytes()) == want
    plain = program._replace(rules=tuple(r._replace(needles=None)
                                         for r in program.rules), fast=None)
    assert plain.apply(f.read_bytes()) == want


PERL_DELIMS = [r"s|ab\|cd|X|g;", r"s.a\.b.Y.;", r"s#(__user)\s#<$1>#g;"]


@pytest.mark.parametrize("subs", [PERL_SUBS, PERL_SUBS_UAPI, PERL_DELIMS],
                         ids=["2.6.29", "uapi", "delims"])
def test_random_lines_match_real_perl(tmp_path, subs):
    inputs = {str(s): random_text(s, 1000) for s in (1, 2, 3)}
    inputs.update(HAND_CASES)
    script = perl_script(subs)
    want = real_perl(tmp_path, inputs, script)
    p = sr.perl_from_headers_install_pl(script, "headers_install.pl")
    assert len(p.rules) == len(subs)
    assert [k for k, v in inputs.items() if p.apply(v) != want[k]] == []


def test_missing_tree_fails_under_require(monkeypatch):
    monkeypatch.setenv("HDRTOOL_REQUIRE_LINUX", "1")
    with pytest.raises(pytest.fail.Exception, match="NO LINUX TREE"):
        tree({"6.1": None}, "6.1")
    monkeypatch.delenv("HDRTOOL_REQUIRE_LINUX")
    monkeypatch.delenv("HDRTOOL_REQUIRE_REFS", raising=False)   # .ci/run sets both
    with pytest.raises(pytest.skip.Exception, match="NO LINUX TREE"):
        tree({"6.1": None}, "6.1")


def _random_ere(rnd: random.Random, depth: int = 0) -> str:
    """A small ERE over a, b, c: groups, alternation, quantifiers, anchors."""
    def atom():
        r = rnd.random()
        if r < 0.25 and depth < 2:
            return "(" + _random_ere(rnd, depth + 1) + ")"
        return rnd.choice(["a", "b", "c", "[ab]", "[^a]", ".", "ab"])
    parts = []
    for _ in range(rnd.randrange(1, 4)):
        parts.append(atom() + rnd.choice(["", "", "*", "+", "?", "{1,2}"]))
    branch = "".join(parts)
    if rnd.random() < 0.3:
        branch += "|" + "".join(atom() for _ in range(rnd.randrange(1, 3)))
    if depth == 0 and rnd.random() < 0.2:
        branch = rnd.choice(["^", "(^|c)"]) + branch
    if depth == 0 and rnd.random() < 0.2:
        branch += rnd.choice(["$", "(c|$)"])
    return branch


@pytest.mark.parametrize("seed", range(7, 11))
def test_random_patterns_accepted_match_real_sed(tmp_path, seed):
    """Every random ERE the leftmost-longest check accepts gives sed's
    output on random lines (with groups and & in the replacement); and the
    check accepts a fair share of them."""
    rnd = random.Random(seed)
    text = b"\n".join(b"".join(rnd.choice([b"a", b"b", b"c", b"d"])
                               for _ in range(rnd.randrange(0, 9))) for _ in range(300))
    f = tmp_path / "in"
    f.write_bytes(text + b"\n")
    accepted = refused = 0
    for _ in range(150):
        pat = _random_ere(rnd).encode()
        groups = pat.count(b"(")
        repl = b"<&" + b"".join(b"|\\%d" % g for g in range(1, min(groups, 3) + 1)) + b">"
        cmd = b"s/" + pat + b"/" + repl + b"/" + rnd.choice([b"g", b"", b"2"])
        try:
            program = sr.read_sed([(cmd, 1)], "ere", "t", [b"-E", b"-e", cmd])
        except InputError as e:
            assert "leftmost" in str(e) or "matches empty" in str(e) or "anchor" in str(e), e
            refused += 1
            continue
        accepted += 1
        (want,) = real_sed(program, [f])
        assert program.apply(text + b"\n") == want, cmd
    assert accepted > 40, (accepted, refused)
