"""hdrtool.core.make: the make subset export lists are written in, table-driven.

Every construct below occurs in a real release's Kbuild files (named in the
case); the expected values are what GNU make gives for the same text (the
last test runs make itself on each case where it is installed).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import require_or_skip

from hdrtool.core.errors import InputError
from hdrtool.core.make import Make

FILES = {"/t/arch/x86/include/uapi/asm/kvm.h", "/t/arch/x86/include/asm/a.out.h"}

CASES = [
    # (name, text, variable, expected words)
    ("append", "header-y += a.h\nheader-y += b.h c.h\n", "header-y", ["a.h", "b.h", "c.h"]),
    ("simple", "ALTARCH := i386\n", "ALTARCH", ["i386"]),                       # 2.6.23 x86_64
    ("biarch-def", "ARCHDEF := defined __x86_64__\n", "ARCHDEF",
     ["defined", "__x86_64__"]),
    ("recursive", "x = a\nx += b\n", "x", ["a", "b"]),
    ("conditional-set", "x := a\nx ?= b\ny ?= c\n", "y", ["c"]),
    ("continuation", "x += a \\\n\t  b \\\n   c\n", "x", ["a", "b", "c"]),
    ("comment", "x += a # b\n# x += c\n", "x", ["a"]),
    ("escaped-hash", "x := a\\#b\n", "x", ["a#b"]),
    ("ifeq-wildcard",                                                           # 6.1 include/uapi/Kbuild
     "ifeq ($(wildcard $(srctree)/arch/$(SRCARCH)/include/uapi/asm/a.out.h),)\n"
     "no-export-headers += linux/a.out.h\nendif\n"
     "ifeq ($(wildcard $(srctree)/arch/$(SRCARCH)/include/uapi/asm/kvm.h),)\n"
     "no-export-headers += linux/kvm.h\nendif\n", "no-export-headers", ["linux/a.out.h"]),
    ("ifneq-wildcard-2",                                                        # 4.4 Kbuild.asm
     "ifneq ($(wildcard $(srctree)/arch/$(SRCARCH)/include/uapi/asm/a.out.h \\\n"
     "\t\t  $(srctree)/arch/$(SRCARCH)/include/asm/a.out.h),)\nheader-y += a.out.h\nendif\n",
     "header-y", ["a.out.h"]),
    ("foreach-if",                                                              # 4.4 Kbuild.asm
     "opt-header += kvm.h a.out.h setup.h\nheader-y += $(foreach hdr,$(opt-header), \\\n"
     "\t      $(if \\\n\t\t$(wildcard \\\n"
     "\t\t\t$(srctree)/arch/$(SRCARCH)/include/uapi/asm/$(hdr) \\\n"
     "\t\t\t$(srctree)/arch/$(SRCARCH)/include/asm/$(hdr) \\\n\t\t), \\\n"
     "\t\t$(hdr) \\\n\t\t))\n", "header-y", ["kvm.h", "a.out.h"]),
    ("else-branch", "ifeq (a,b)\nx += 1\nelse\nx += 2\nendif\n", "x", ["2"]),
    ("else-if", "ifeq (a,b)\nx += 1\nelse ifeq (c,c)\nx += 2\nelse\nx += 3\nendif\n",
     "x", ["2"]),
    ("nested-false", "ifeq (a,b)\nifeq (c,c)\nx += 1\nendif\nelse\nx += 2\nendif\n",
     "x", ["2"]),
    ("ifdef", "y := 1\nifdef y\nx += a\nendif\nifndef z\nx += b\nendif\n", "x", ["a", "b"]),
    ("quoted-ifeq", 'ifeq "$(SRCARCH)" "x86"\nx += a\nendif\n', "x", ["a"]),
    ("undefined-is-empty", "x += $(NOPE)a\n", "x", ["a"]),
    ("config-list", "generic-$(CONFIG_X) += checksum.h\ngeneric-y += a.h\n",   # kbuild idiom
     "generic-", ["checksum.h"]),
    ("mips-typo", "generic-(CONFIG_GENERIC_CSUM) += checksum.h\n",             # 4.4 mips
     "generic-(CONFIG_GENERIC_CSUM)", ["checksum.h"]),
    ("functions", "x := $(sort b a b) $(patsubst %.h,%_32.h,c.h) $(filter-out a%,ab cd) "
     "$(addprefix p/,q) $(notdir d/e.h) $(subst -,_,f-g)\n",
     "x", ["a", "b", "c_32.h", "cd", "p/q", "e.h", "f_g"]),
    ("substitution-ref", "y := a.h b.h\nx := $(y:.h=_64.h)\n", "x", ["a_64.h", "b_64.h"]),
    ("dollar-dollar", "x := $$a\n", "x", ["$a"]),
]


def _make(text: str) -> Make:
    mk = Make({"srctree": "/t", "SRCARCH": "x86"}, exists=lambda p: p in FILES)
    mk.read(text.encode(), "Kbuild")
    return mk


@pytest.mark.parametrize("name,text,var,expected", CASES, ids=[c[0] for c in CASES])
def test_value(name, text, var, expected):
    assert _make(text).words(var) == expected


def test_words_carry_their_line():
    mk = _make("x += a\n\nx += b \\\n  c\n")
    assert [(w.text, w.path, w.line) for w in mk.entries("x")] == [
        ("a", "Kbuild", 1), ("b", "Kbuild", 3), ("c", "Kbuild", 3)]


def test_include_is_followed_and_named():
    files = {"inc/a": b"x += from-a\ninclude inc/b\n", "inc/b": b"x += from-b\nbad line\n"}
    mk = Make({}, find=lambda p: p if p in files else None, read_file=lambda p: files[p])
    with pytest.raises(InputError) as exc:
        mk.read(b"include inc/a\n", "Kbuild")
    assert (exc.value.path, exc.value.line) == ("inc/b", 2)


def test_optional_include_of_a_missing_file():
    mk = Make({}, find=lambda p: None)
    mk.read(b"-include nowhere\nx += a\n", "K")
    assert mk.words("x") == ["a"]


def test_self_include_is_reported_at_the_include_line():
    files = {"K": b"x += a\ninclude K\n"}
    mk = Make({}, find=lambda p: p if p in files else None, read_file=lambda p: files[p])
    with pytest.raises(InputError) as exc:
        mk.read(files["K"], "K")
    assert exc.value.line == 2 and "include itself" in str(exc.value)


BAD = [
    ("rule", "all: a.h\n", 1, "unsupported make construct"),
    ("define", "define X\nendef\n", 1, "unsupported make directive in an export list: define"),
    ("export", "export ALTARCH\n", 1, "export"),
    ("shell", "x := $(shell ls)\n", 1, "unsupported make function $(shell"),
    ("missing-endif", "x := 1\nifeq (a,a)\nx += 2\n", 2, "missing endif"),
    ("stray-endif", "endif\n", 1, "endif without"),
    ("stray-else", "else\n", 1, "else without"),
    ("unterminated", "x := $(foo\n", 1, "unterminated"),
    ("not-utf8", "x := a\n# \xff\n", 2, "not UTF-8"),
]


@pytest.mark.parametrize("name,text,line,message", BAD, ids=[b[0] for b in BAD])
def test_bad(name, text, line, message):
    mk = Make({})
    with pytest.raises(InputError) as exc:
        mk.read(text.encode("latin-1"), "Kbuild")
    assert exc.value.line == line
    assert message in str(exc.value)


@pytest.mark.parametrize("name,text,var,expected",
                         [c for c in CASES if "wildcard" not in c[1] and "(" not in c[2]],
                         ids=[c[0] for c in CASES if "wildcard" not in c[1] and "(" not in c[2]])
def test_gnu_make_agrees(tmp_path, name, text, var, expected):
    """The same text through GNU make: the value of ``var`` must be the same."""
    if shutil.which("make") is None:
        require_or_skip("GNU make not installed")
    mk = tmp_path / "Makefile"
    mk.write_text(f"srctree := /t\nSRCARCH := x86\n{text}\n"
                  f"show:\n\t@printf '%s\\n' '$({var})'\n")
    out = subprocess.run(["make", "-s", "-f", str(mk), "show"], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == expected


# -- rules=True: whole makefiles (the syscall header rules) -------------------

RULES_MK = """\
uapi := out/uapi
$(shell mkdir -p $(uapi))
comma := ,
cmd_gen = sh $(gen) --abis $(abis) $(if $(offset),--offset $(offset)) $< $@
gen := scripts/gen.sh
$(uapi)/a_32.h: abis := common$(comma)32
$(uapi)/a_32.h: offset := BASE
$(uapi)/a_32.h: tbl.tbl $(gen) FORCE
\t$(call if_changed,gen)
$(uapi)/p-%.h: tbl_%.tbl
\t@$(call cmd,gen)
all: $(uapi)/a_32.h
\t@:
"""


def test_rules_mode_records_rules_target_vars_and_defers():
    shells = []
    mk = Make({}, rules=True, shell=lambda c, p, l: shells.append((c, l)) or "")
    mk.read(RULES_MK.encode(), "Makefile")
    assert shells == [("mkdir -p out/uapi", 2)]
    assert [(r.targets, r.prereqs, [t for t, _ in r.recipe]) for r in mk.rules] == [
        (["out/uapi/a_32.h"], ["tbl.tbl", "scripts/gen.sh", "FORCE"],
         ["$(call if_changed,gen)"]),
        (["out/uapi/p-%.h"], ["tbl_%.tbl"], ["@$(call cmd,gen)"]),
        (["all"], ["out/uapi/a_32.h"], ["@:"]),
    ]
    assert [(tv.name, tv.op, tv.value, tv.line) for tv in mk.target_vars] == [
        ("abis", ":=", "common,32", 6), ("offset", ":=", "BASE", 7)]
    # cmd_gen was defined before $(gen): recursive, so expanded when used
    got = mk.expand_with("$(call cmd_gen)", "Makefile", 9,
                         {"@": "out/uapi/a_32.h", "<": "tbl.tbl", "abis": "common,32",
                          "offset": "BASE"})
    assert got.split() == ["sh", "scripts/gen.sh", "--abis", "common,32", "--offset", "BASE",
                           "tbl.tbl", "out/uapi/a_32.h"]


def test_rules_mode_errors():
    with pytest.raises(InputError, match="unsupported make function \\$\\(shell") as e:
        Make({}, rules=True).read(b"$(shell ls)\n", "M")
    assert e.value.line == 1
    with pytest.raises(InputError, match="double-colon"):
        Make({}, rules=True).read(b"a:: b\n", "M")
    with pytest.raises(InputError, match=r"\$\(error stop\)") as e:
        Make({}, rules=True).read(b"x := 1\n$(error stop)\n", "M")
    assert e.value.line == 2
    mk = Make({}, rules=True)
    mk.read(b"$(warning careful)\nx = $(x) y\n", "M")
    assert mk.messages == [("warning", "careful", "M", 1)]
    with pytest.raises(InputError, match="references itself"):
        mk.words("x")
