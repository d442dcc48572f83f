"""headers_check with a source tree runs that release's own check.

The references are the releases' own scripts, run as their Makefiles run
them: 2.6.23 ``sh scripts/hdrcheck.sh INCDIR FILE STAMP`` per header
(scripts/Makefile.headersinst's cmd_check), 4.4.121 ``perl
scripts/headers_check.pl INCDIR SRCARCH FILES...``.  They are compared with
hdrtool header by header (pass/fail) and message by message, on

* the kernel's own install of each arch shipped in ../shared/linux-trees,
* hdrtool's own install of the same tree (byte-identical to the kernel's),
* a copy of the kernel's install broken in the ways each script's reading
  of a header differs from a compiler's (a tab after ``#``, an include in a
  comment, a greedy ``<...>``, the ``asm-ARCH/`` fallback, ...).

CI sets HDRTOOL_REQUIRE_LINUX=1: a missing tree (or perl) fails these.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest

from conftest import require_or_skip
from hdrtool.check import check_tree
from hdrtool.check.rules import read_check_rules
from hdrtool.cli import main

pytestmark = [pytest.mark.linux]

# What the kernel's own `make headers_check` of 2.6.23 visits on x86_64:
# measured with `make O=... ARCH=x86_64 headers_check` on the shared tree,
# 575 .check stamps, none under asm-i386/ or asm/ (the altarch-dir rule's
# output, which __headerscheck does not depend on).
UNCHECKED_2623 = {"x86_64": ("asm-i386/", "asm/"), "i386": (), "s390": ()}

Findings = Dict[str, Tuple[bool, List[Tuple[int, str]]]]   # rel -> (failed, [(line, msg)])


def _headers(inc: Path) -> List[str]:
    return sorted(p.relative_to(inc).as_posix() for p in inc.rglob("*.h"))


def _ours(result, only: Set[str], lines: bool = True) -> Findings:
    """hdrtool's findings per header; ``lines=False``: messages only
    (hdrcheck.sh names no line)."""
    out: Findings = {rel: (False, []) for rel in only}
    prefix = result.root.rstrip("/") + "/"
    for d in result.diagnostics:
        rel = d.path[len(prefix):]
        failed, msgs = out[rel]
        out[rel] = (failed or d.severity == "error",
                    msgs + [(d.line, d.message) if lines else d.message])
    return out


# ---------------------------------------------------------------------------
# The references.
# ---------------------------------------------------------------------------


def _hdrcheck_sh(src: Path, inc: Path, rels: List[str], stamp: Path) -> Findings:
    """Per header, as Makefile.headersinst's cmd_check: (exit status != 0, its message)."""
    def one(rel: str):
        proc = subprocess.run(["sh", str(src / "scripts/hdrcheck.sh"), str(inc), f"{inc}/{rel}",
                               str(stamp)], capture_output=True, text=True, cwd=stamp.parent)
        msgs = [line.split(" ", 1)[1] for line in proc.stdout.splitlines()]
        return rel, proc.returncode != 0, msgs
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(one, rels))
    return {rel: (failed, msgs) for rel, failed, msgs in done}


def _perl(src: Path, inc: Path, srcarch: str, rels: List[str], cwd: Path) -> Findings:
    """``perl headers_check.pl INC SRCARCH INC/FILES...`` once (as the kernel,
    per directory: one run here), then once per header it reported on, for
    that header's exit status."""
    if shutil.which("perl") is None:
        require_or_skip("NO PERL: the reference for headers_check.pl", linux=True)
    script = str(src / "scripts/headers_check.pl")

    def run(files):
        proc = subprocess.run(["perl", script, str(inc), srcarch] + [f"{inc}/{r}" for r in files],
                              capture_output=True, text=True, cwd=cwd)
        return proc
    out: Findings = {rel: (False, []) for rel in rels}
    proc = run(rels)
    prefix = f"{inc}/"
    for line in proc.stderr.splitlines():
        m = re.match(r"^(.+?):(\d+): (.*)$", line)
        assert m and m.group(1).startswith(prefix), line
        rel = m.group(1)[len(prefix):]
        out[rel][1].append((int(m.group(2)), m.group(3)))
    for rel, (_, msgs) in list(out.items()):
        if msgs:
            out[rel] = (run([rel]).returncode != 0, msgs)
    if not any(msgs for _, msgs in out.values()):
        assert proc.returncode == 0
    return out


def _compare(ours: Findings, theirs: Findings) -> None:
    assert sorted(ours) == sorted(theirs)
    bad = {rel: (ours[rel], theirs[rel]) for rel in theirs if ours[rel] != theirs[rel]}
    assert not bad, "\n".join(f"{rel}: ours {o} kernel {t}" for rel, (o, t) in sorted(bad.items()))


def _checked(rels: List[str], unchecked) -> List[str]:
    return [r for r in rels if not r.startswith(tuple(unchecked))]


# ---------------------------------------------------------------------------
# 2.6.23: scripts/hdrcheck.sh
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linux2623(shared_linux):
    return shared_linux("2.6.23")


def test_2623_reads_hdrcheck_sh(linux2623):
    src, _ = linux2623
    rules = read_check_rules(src, "x86_64")
    assert rules.kind == "hdrcheck.sh" and rules.perl is None and not rules.compile
    assert sorted(rules.unchecked) == ["asm", "asm-i386"]
    assert read_check_rules(src, "i386").unchecked == {}
    # grep's bracket holds space, backslash and 't': a tab is not in it.
    assert rules.shell.include_line.search(b"#\tinclude <linux/x.h>") is None
    assert rules.shell.include_line.search(b"#tinclude <linux/x.h>") is not None


@pytest.mark.parametrize("arch", ["i386", "x86_64", "s390"])
def test_2623_kernel_install_as_hdrcheck_sh(arch, linux2623, tmp_path):
    src, refs = linux2623
    inc = refs[arch]
    result = check_tree(inc, arch=arch, rules=read_check_rules(src, arch))
    rels = _checked(_headers(inc), UNCHECKED_2623[arch])
    assert sorted(set(result.headers) - set(result.unchecked)) == rels
    assert all(r.startswith(UNCHECKED_2623[arch]) for r in result.unchecked)
    theirs = _hdrcheck_sh(src, inc, rels, tmp_path / "stamp")
    _compare(_ours(result, set(rels), lines=False), theirs)
    assert result.errors == result.warnings == 0 and result.compiled == []


@pytest.mark.parametrize("arch", ["i386", "x86_64", "s390"])
def test_2623_hdrtool_install_checks_the_same(arch, linux2623, tmp_path, capsys):
    src, refs = linux2623
    out = tmp_path / "usr"
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(src), "headers_install", f"ARCH={arch}", f"INSTALL_HDR_PATH={out}",
              f"O={tmp_path / 'o'}"])
    assert exc.value.code == 0, capsys.readouterr().err
    ours = check_tree(out / "include", arch=arch, rules=read_check_rules(src, arch))
    kernels = check_tree(refs[arch], arch=arch, rules=read_check_rules(src, arch))
    assert ours.headers == kernels.headers and sorted(ours.unchecked) == sorted(kernels.unchecked)
    assert (ours.counts(), [d.message for d in ours.diagnostics]) == \
           (kernels.counts(), [d.message for d in kernels.diagnostics])


_SH_BREAKS = {
    # file: text appended; the comment says what hdrcheck.sh does with it
    "linux/a.out.h": "#include <linux/hdrtool_missing.h>\n",             # fails
    "linux/atm.h": "#\tinclude <linux/hdrtool_tab.h>\n",                   # tab: not seen
    "linux/auto_fs.h": "/*\n#include <asm/hdrtool_in_comment.h>\n */\n",   # fails: lines, not C
    "linux/cdrom.h": "#include <sys/hdrtool_libc.h>\n",                    # not linux|asm
    "linux/coda.h": '#include "linux/hdrtool_quoted.h"\n',                 # no '<'
    "linux/elf.h": "#include <asm-generic/hdrtool_gen.h>\n",               # ^asm: fails
    "linux/fb.h": "#include <linux/hdrtool_1.h>\n#include <linux/hdrtool_2.h>\n",  # the 1st
    "linux/fd.h": "#include<linux/hdrtool_nospace.h>\n",                   # fails
    "linux/fs.h": "#tinclude <linux/hdrtool_t.h>\n",                       # [ \t]: fails
    "linux/hdreg.h": "#include <linux/hdrtool_a.h linux/types.h>\n",       # words: fails
    "linux/if.h": "#include <linux/types.h> /* <linux/x> */\n",            # first '>' : ok
    "asm-i386/page.h": "#include <linux/hdrtool_unvisited.h>\n",           # x86_64: unvisited
}


@pytest.mark.parametrize("arch", ["x86_64", "s390"])
def test_2623_broken_copy_as_hdrcheck_sh(arch, linux2623, tmp_path):
    src, refs = linux2623
    inc = tmp_path / "include"
    shutil.copytree(refs[arch], inc)
    for rel, text in _SH_BREAKS.items():
        if (inc / rel).is_file():
            with open(inc / rel, "a") as fh:
                fh.write(text)
    result = check_tree(inc, arch=arch, rules=read_check_rules(src, arch))
    rels = _checked(_headers(inc), UNCHECKED_2623[arch])
    theirs = _hdrcheck_sh(src, inc, rels, tmp_path / "stamp")
    _compare(_ours(result, set(rels), lines=False), theirs)
    assert len([r for r, (failed, _) in theirs.items() if failed]) == 7
    assert result.exit_code() == 1


# ---------------------------------------------------------------------------
# 4.4.121: scripts/headers_check.pl
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linux44(shared_linux):
    return shared_linux("4.4.121")


def test_44_reads_headers_check_pl(linux44):
    src, _ = linux44
    rules = read_check_rules(src, "x86")
    assert rules.kind == "headers_check.pl" and rules.srcarch == "x86" and not rules.compile
    subs = [(s.name, s.error) for s in rules.perl.subs]
    # &check_config() is commented out ("Dropped for now. Too much noise").
    assert subs == [("check_include", True), ("check_asm_types", False),
                    ("check_sizetypes", False), ("check_declarations", False)]
    assert rules.unchecked == {}


@pytest.mark.parametrize("arch", ["x86", "s390", "arm64"])
def test_44_kernel_install_as_headers_check_pl(arch, linux44, tmp_path):
    src, refs = linux44
    inc = refs[arch]
    rules = read_check_rules(src, arch)
    result = check_tree(inc, arch=arch, rules=rules)
    rels = _headers(inc)
    theirs = _perl(src, inc, rules.srcarch, rels, tmp_path)
    _compare(_ours(result, set(rels)), theirs)
    assert result.errors == 0 and result.unchecked == {} and result.compiled == []


@pytest.mark.parametrize("arch", ["x86", "s390", "arm64"])
def test_44_hdrtool_install_checks_the_same(arch, linux44, tmp_path, capsys):
    src, refs = linux44
    out = tmp_path / "usr"
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(src), "headers_install", f"ARCH={arch}", f"INSTALL_HDR_PATH={out}",
              f"O={tmp_path / 'o'}"])
    assert exc.value.code == 0, capsys.readouterr().err
    rules = read_check_rules(src, arch)
    ours = check_tree(out / "include", arch=arch, rules=rules)
    theirs = _perl(src, out / "include", rules.srcarch, _headers(out / "include"), tmp_path)
    _compare(_ours(ours, set(ours.headers)), theirs)
    assert sorted(ours.headers) == _headers(refs[arch])


_PL_BREAKS = {
    "linux/a.out.h": "#include <linux/hdrtool_missing.h>\n",               # error
    "linux/atm.h": "#include <asm/hdrtool_fallback.h>\n",                  # asm-x86/: found
    "linux/auto_fs.h": "#include <asm/hdrtool_nowhere.h>\n",               # error, as asm-x86/
    "linux/cdrom.h": "#include <linux/types.h> /* <greedy> */\n",          # greedy .*: error
    "linux/coda.h": "/*\n#include <linux/hdrtool_in_comment.h>\n */\n",    # error
    "linux/elf.h": "\tint hdrtool_decl;\nint hdrtool_decl2;\n",            # one warning
    "linux/fd.h": "#include <asm/types.h>\n#include <asm/types.h>\n",      # one warning
    "linux/fs.h": "void seqbuf_dump(void);\nextern \"C\" {\n",             # 2nd warns in 4.4
    "linux/hdreg.h": "#if CONFIG_HDRTOOL\n#endif\n",                       # check_config is off
    "linux/if.h": "#include <sys/hdrtool_libc.h>\n",                       # not checked
}
# Headers whose own text decides check_sizetypes (no linux/types.h at all):
_PL_NEW = {
    "linux/hdrtool_sized.h": "struct s { __u32 a; };\n__s8 b;\n",           # first one warns
    "linux/hdrtool_via.h": '#include "hdrtool_inc.h"\n__u64 x;\n',          # found via dirname
    "linux/hdrtool_inc.h": "#include <linux/types.h>\n",
    "linux/hdrtool_cycle.h": "#include <linux/hdrtool_cycle.h>\n__u16 y;\n",  # cycle: warns
    "linux/hdrtool_types_ok.h": "#include <linux/hdrtool_inc.h> /* __u8 */\n",  # same line: warns
    "asm-x86/hdrtool_fallback.h": "\n",
}


@pytest.mark.parametrize("arch", ["x86", "arm64"])
def test_44_broken_copy_as_headers_check_pl(arch, linux44, tmp_path):
    src, refs = linux44
    inc = tmp_path / "include"
    shutil.copytree(refs[arch], inc)
    for rel, text in _PL_BREAKS.items():
        with open(inc / rel, "a") as fh:
            fh.write(text)
    for rel, text in _PL_NEW.items():
        (inc / rel).parent.mkdir(exist_ok=True)
        (inc / rel).write_text(text)
    rules = read_check_rules(src, arch)
    result = check_tree(inc, arch=arch, rules=rules)
    rels = _headers(inc)
    theirs = _perl(src, inc, rules.srcarch, rels, tmp_path)
    _compare(_ours(result, set(rels)), theirs)
    failed = sorted(r for r, (f, _) in theirs.items() if f)
    assert len(failed) == (4 if arch == "x86" else 5), failed
    # one message per failing header, and six warnings (elf, fd, fs, cycle, sized, types_ok)
    assert sum(len(m) for _, m in theirs.values()) == len(failed) + 6


def test_44_check_config_runs_where_the_script_calls_it(linux44, tmp_path):
    """A tree whose headers_check.pl calls &check_config() (as 2.6.27's did)
    gets it: hdrtool reads the call, not the release number."""
    src, refs = linux44
    tree = tmp_path / "src"
    for rel in ("Makefile", "scripts/Makefile.headersinst", "scripts/headers_install.sh",
                "scripts/headers_check.pl"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src / rel, tree / rel)
    script = tree / "scripts/headers_check.pl"
    text = script.read_text()
    assert "# Dropped for now. Too much noise &check_config();" in text
    script.write_text(text.replace("# Dropped for now. Too much noise &check_config();",
                                   "&check_config();"))
    rules = read_check_rules(tree, "x86")
    assert [s.name for s in rules.perl.subs][-1] == "check_config"
    inc = tmp_path / "include"
    (inc / "linux").mkdir(parents=True)
    (inc / "linux/c.h").write_text("#if CONFIG_HDRTOOL_X\n#endif\n#ifdef  CONFIG_Y \n#endif\n"
                                   "CONFIG_AT_START\n")
    result = check_tree(inc, arch="x86", rules=rules)
    theirs = _perl(tree, inc, "x86", ["linux/c.h"], tmp_path)
    _compare(_ours(result, {"linux/c.h"}), theirs)
    assert [m for _, m in theirs["linux/c.h"][1]] == [
        "leaks CONFIG_HDRTOOL_X to userspace where it is not valid",
        "leaks CONFIG_Y to userspace where it is not valid"]


# ---------------------------------------------------------------------------
# The command.
# ---------------------------------------------------------------------------


def test_cli_with_source_tree(linux2623, linux44, capsys):
    src, refs = linux2623
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(src), "headers_check", "ARCH=x86_64", "--tree", str(refs["x86_64"])])
    out, err = capsys.readouterr()
    assert (exc.value.code, out) == (0, "")
    assert "665 headers: 575 checked (575 passed, 0 failed), 90 not visited" in err
    # Without the source tree: hdrtool's own (Linux 6.1-style) checks, as before.
    with pytest.raises(SystemExit) as exc:
        main(["headers_check", "ARCH=x86_64", "--no-compile", "--tree", str(refs["x86_64"])])
    assert exc.value.code == 1
    capsys.readouterr()
    src, refs = linux44
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(src), "headers_check", "ARCH=s390", "--tree", str(refs["s390"]),
              "--format", "json"])
    out, _ = capsys.readouterr()
    assert exc.value.code == 0
    assert '"rules": "scripts/headers_check.pl: check_include, check_asm_types' in out


# ---------------------------------------------------------------------------
# The reader on small trees of our own (no kernel text): what it refuses.
# ---------------------------------------------------------------------------


def _fake_tree(root: Path, files: Dict[str, str]) -> Path:
    (root / "include/uapi").mkdir(parents=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


_PER_FILE = {"scripts/Makefile.headersinst": "cmd_install = $(srctree)/scripts/headers_install.sh $< $@\n",
             "scripts/headers_install.sh": "#!/bin/sh\n"}


def test_a_noop_headers_check_runs_nothing(tmp_path):
    tree = _fake_tree(tmp_path / "src", {**_PER_FILE, "Makefile": "headers_check:\n\t@:\n"})
    rules = read_check_rules(tree, "x86")
    assert (rules.kind, rules.describe()) == ("none", "Makefile headers_check (a no-op): no checks")
    inc = tmp_path / "inc"
    (inc / "linux").mkdir(parents=True)
    (inc / "linux/x.h").write_text("#include <linux/missing.h>\nextern int x;\n")
    result = check_tree(inc, arch="x86", rules=rules)
    assert result.diagnostics == [] and result.counts()["checked"] == 1


def test_a_check_hdrtool_does_not_model_is_an_input_error(tmp_path):
    from hdrtool.core.errors import InputError
    perl = ("my @files;\nforeach my $f (@files) {\n\twhile ($line = <$fh>) {\n"
            "\t\t&check_include();\n\t\t&check_spelling();\n\t}\n}\n"
            "sub check_include\n{\n\tif ($line =~ m/^#include <(linux.*)>/) {\n"
            "\t\tprintf STDERR \"$filename:$lineno: no $inc\\n\";\n\t\t$ret = 1;\n\t}\n}\n"
            "sub check_spelling\n{\n}\n")
    tree = _fake_tree(tmp_path / "src", {
        "scripts/Makefile.headersinst": "cmd_check = $(PERL) $< $(INSTALL_HDR_PATH)/include\n"
                                        "$(check-file): scripts/headers_check.pl\n"
                                        "cmd_install = scripts/headers_install.sh header-y\n",
        "scripts/headers_install.sh": "", "scripts/headers_check.pl": perl})
    with pytest.raises(InputError, match="check_spelling: a check hdrtool does not model"):
        read_check_rules(tree, "x86")
    (tree / "scripts/headers_check.pl").write_text(perl.replace("\t\t&check_spelling();\n", ""))
    rules = read_check_rules(tree, "x86")
    assert [(s.name, s.error, s.message) for s in rules.perl.subs] == [
        ("check_include", True, "no $inc")]
