"""headers_check against Linux 6.1 itself (x86).

The reference is the kernel's own compile test (usr/include/Makefile's HDRTEST
rules, run through kbuild by tests/kernel_hdrtest.py) on the tree the kernel's
own ``make headers_install`` produced.  CI sets HDRTOOL_REQUIRE_LINUX=1, so
these run there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hdrtool.check import check_tree
from hdrtool.check.data import arch_profile, config_leak_ignores, load_exclusions
from hdrtool.check.compile import SHADOWED, UAPI_CFLAGS
from hdrtool.check.rules import read_check_rules
from hdrtool.core.lines import fast_directives
from hdrtool.core.directives import logical_lines
from kernel_hdrtest import KernelHdrtest

pytestmark = [pytest.mark.linux, pytest.mark.slow]

GOLDEN = Path(__file__).parent / "golden" / "headers_check"


@pytest.fixture(scope="session")
def linux_install(tmp_path_factory, linux_src) -> Path:
    """Linux 6.1 x86 headers, installed by the kernel's make headers_install."""
    if shutil.which("make") is None:
        pytest.fail("make is needed to install the Linux headers")
    top = tmp_path_factory.mktemp("linux-x86")
    subprocess.run(["make", "-s", "-C", str(linux_src), f"O={top / 'o'}", "ARCH=x86",
                    "headers_install", f"INSTALL_HDR_PATH={top / 'usr'}"], check=True)
    return top / "usr" / "include"


@pytest.fixture(scope="session")
def kernel_reference(tmp_path_factory, linux_src, linux_install, cc):
    """The kernel's compile test on that tree (x86_64: -m64): which headers pass."""
    ref = KernelHdrtest.prepare(linux_src, linux_install, tmp_path_factory.mktemp("kref"),
                                "x86", ["-m64"], cc=cc)
    proc = ref.run(jobs=2)
    return ref.headers(), ref.passed(), proc


@pytest.fixture(scope="session")
def ours(linux_install, cc):
    return check_tree(linux_install, arch="x86", cc=cc, jobs=2)


def _makefile_exclusions(linux_src: Path):
    """(pattern, srcarch or None) of every no-header-test line in usr/include/Makefile."""
    out, arch = set(), None
    for line in (linux_src / "usr/include/Makefile").read_text().splitlines():
        m = re.match(r"ifeq \(\$\(SRCARCH\),(\w+)\)", line)
        if m:
            arch = m.group(1)
        elif line.startswith("endif"):
            arch = None
        m = re.match(r"no-header-test \+= (\S+)", line)
        if m:
            out.add((m.group(1).replace("%", "*"), arch))
    return out


def test_exclusion_list_is_the_kernels(linux_src):
    ours = set()
    for e in load_exclusions():
        for arch in e.arches or (None,):
            ours.add((e.pattern, arch))
    assert ours == _makefile_exclusions(linux_src)


def test_config_allow_list_is_the_kernels(linux_src):
    text = (linux_src / "scripts/headers_install.sh").read_text()
    block = text.split('config_leak_ignores="', 1)[1].split('"', 1)[0]
    theirs = set()
    for entry in block.split():
        path, sym = entry.split(":")
        installed = re.sub(r"^(arch/[^/]+/)?include/uapi/", "", path)
        theirs.add((installed, sym))
    assert config_leak_ignores(None) == frozenset(theirs)
    assert ("asm/auxvec.h", "CONFIG_X86_64") in config_leak_ignores("x86")
    assert ("asm/page.h", "CONFIG_ARC_PAGE_SIZE_4K") not in config_leak_ignores("x86")


def test_linux_install_has_no_errors(ours):
    assert ours.errors == 0, "\n".join(d.render() for d in ours.diagnostics
                                       if d.severity == "error")
    assert len(ours.headers) == 972


def test_compiles_every_header_not_excluded_by_the_kernel(ours, linux_src):
    excluded = {p for p, arch in _makefile_exclusions(linux_src) if arch in (None, "x86")}
    expect = [h for h in ours.headers
              if not any(re.fullmatch(p.replace("*", ".*"), h) for p in excluded)]
    assert ours.compiled == expect
    assert sorted(ours.skipped) == sorted(set(ours.headers) - set(expect))
    notes = [d for d in ours.diagnostics if d.code == "HC012"]
    assert len(notes) == len(ours.skipped) > 0


def test_pass_fail_matches_the_kernels_compile_test(ours, kernel_reference):
    headers, passed, proc = kernel_reference
    assert headers == sorted(ours.headers)
    theirs_failed = sorted(set(ours.compiled) - passed)
    assert ours.failed == theirs_failed, proc.stderr[-3000:]


# With the source tree (hdrtool -C SRC headers_check): 6.1's own checks, read
# from usr/include/Makefile: its compile test with its no-header-test list,
# and the usr/include/headers_check.pl its cmd_hdrtest runs.
_PERL_MESSAGE = re.compile(r"^usr/include/([^\s:]+):(\d+): (.*)$", re.M)


def test_source_tree_checks_are_the_kernels_hdrtest(linux_install, linux_src, kernel_reference,
                                                    ours, cc):
    headers, passed, proc = kernel_reference
    rules = read_check_rules(linux_src, "x86")
    assert rules.kind == "hdrtest" and rules.compile and rules.perl_needs_compile
    # The compile flags and shadowed libc headers the Makefile names are hdrtool's defaults.
    assert rules.uapi_cflags == UAPI_CFLAGS and rules.shadowed == tuple(sorted(SHADOWED))
    assert [s.name for s in rules.perl.subs] == ["check_include", "check_asm_types",
                                                 "check_sizetypes", "check_declarations"]
    result = check_tree(linux_install, arch="x86", cc=cc, jobs=2, rules=rules)
    assert sorted(result.headers) == headers
    assert result.skipped.keys() == ours.skipped.keys()      # the Makefile's list = the data file
    # A header fails (no .hdrtest stamp) if it does not compile or perl fails it.
    assert result.failing() == sorted(set(headers) - passed), proc.stderr[-3000:]
    theirs = sorted((m.group(1), int(m.group(2)), m.group(3))
                    for m in _PERL_MESSAGE.finditer(proc.stderr))
    prefix = f"{result.root}/"
    mine = sorted((d.path[len(prefix):], d.line, d.message) for d in result.diagnostics
                  if d.code not in ("HC010", "HC011", "HC012"))
    assert mine == theirs


def test_i386_compile_flags(linux_install, cc):
    result = check_tree(linux_install, arch="i386", cc=cc, jobs=2)
    assert arch_profile("i386").cflags == ("-m32",)
    assert result.errors == 0
    assert len(result.passed) == len(result.compiled) > 900


def test_fast_directive_lines_equal_the_engines(linux_install):
    paths = sorted(linux_install.rglob("*.h"))
    declined = 0
    for path in paths:
        data = path.read_bytes()
        fast = fast_directives(data)
        if fast is None:
            declined += 1
            continue
        engine = [line for line in logical_lines(data) if line.is_directive]
        assert [(d.lineno, d.start, d.end, d.keyword, d.args.split()) for d in fast] == \
               [(d.lineno, d.start, d.end, d.keyword, d.args.split()) for d in engine], path
    assert declined < len(paths) // 20, "the fast path should serve most headers"


@pytest.mark.parametrize("case", ["compile_error", "missing_guard", "clean", "excluded"])
def test_golden_trees_pass_and_fail_as_in_the_kernel(case, tmp_path, linux_src, cc):
    """The kernel's compile test and ours agree header by header on the
    deliberately broken golden trees, too."""
    tree = GOLDEN / case / "input"
    ref = KernelHdrtest.prepare(linux_src, tree, tmp_path / "k", "x86", ["-m64"], cc=cc)
    ref.run(jobs=2)
    result = check_tree(tree, arch="x86_64", cc=cc, jobs=2)
    kernel_failed = sorted(set(ref.headers()) - ref.passed())
    assert result.failed == kernel_failed
    assert set(result.passed) | set(result.skipped) == ref.passed()


# A copy of the Linux install with some headers broken in the ways the
# compile test exists to catch (and one way it must not catch): the kernel's
# compile test and ours, whichever way ours compiles, agree header by header.
_BREAKS = (
    ("syntax", lambda text: text + "int hdrtool_broken = ;\n"),
    ("implicit", lambda text: text + "static int hdrtool_f(void) { return hdrtool_g(); }\n"),
    ("libc", lambda text: "#include <stdlib.h>\n" + text),
    ("no-types", lambda text: text.replace("#include <linux/types.h>", "")),
    ("no-guard", lambda text: re.sub(r"^#define _\w+_H\w*\s*$", "", text, count=1, flags=re.M)),
    ("warning-only", lambda text: text + "static void hdrtool_unused(void) { }\n"),
)


@pytest.fixture(scope="module")
def broken_linux(tmp_path_factory, linux_install):
    import random
    tree = tmp_path_factory.mktemp("broken") / "include"
    shutil.copytree(linux_install, tree)
    rng = random.Random(20261126)
    candidates = sorted(p for p in tree.rglob("*.h")
                        if not p.relative_to(tree).as_posix().startswith("asm-generic/"))
    broken = {}
    for path in rng.sample(candidates, 90):
        name, change = rng.choice(_BREAKS)
        text = path.read_text(errors="surrogateescape")
        new = change(text)
        if new != text:
            path.write_text(new, errors="surrogateescape")
            broken[path.relative_to(tree).as_posix()] = name
    return tree, broken


def test_broken_copy_fails_as_in_the_kernel(broken_linux, linux_src, tmp_path, cc):
    tree, broken = broken_linux
    ref = KernelHdrtest.prepare(linux_src, tree, tmp_path / "k", "x86", ["-m64"], cc=cc)
    ref.run(jobs=2)
    result = check_tree(tree, arch="x86", cc=cc, jobs=2)
    assert result.compiler == "cc1 fork servers: 2"
    kernel_failed = sorted(set(result.compiled) - ref.passed())
    assert (sorted(set(result.failed) - set(kernel_failed)),
            sorted(set(kernel_failed) - set(result.failed))) == ([], [])
    assert len(result.failed) > 30 and len(set(broken.values())) == len(_BREAKS)


def test_broken_copy_same_findings_either_way(broken_linux, cc, monkeypatch):
    tree, _ = broken_linux
    served = check_tree(tree, arch="x86", cc=cc, jobs=2)
    monkeypatch.setenv("HDRTOOL_CC1_SERVER", "0")
    runs = check_tree(tree, arch="x86", cc=cc, jobs=2)
    assert runs.compiler.startswith("compiler runs")
    assert (served.failed, served.diagnostics) == (runs.failed, runs.diagnostics)


def test_broken_copy_with_source_tree_as_the_kernels_hdrtest(broken_linux, linux_src, tmp_path,
                                                              cc):
    """The broken copy, checked with 6.1's own rules: the headers without a
    .hdrtest stamp (compile or headers_check.pl failed) and perl's messages."""
    tree, _ = broken_linux
    ref = KernelHdrtest.prepare(linux_src, tree, tmp_path / "k", "x86", ["-m64"], cc=cc)
    proc = ref.run(jobs=2)
    result = check_tree(tree, arch="x86", cc=cc, jobs=2, rules=read_check_rules(linux_src, "x86"))
    assert result.failing() == sorted(set(ref.headers()) - ref.passed())
    theirs = sorted((m.group(1), int(m.group(2)), m.group(3))
                    for m in _PERL_MESSAGE.finditer(proc.stderr))
    prefix = f"{result.root}/"
    mine = sorted((d.path[len(prefix):], d.line, d.message) for d in result.diagnostics
                  if d.code not in ("HC010", "HC011", "HC012"))
    assert mine == theirs and theirs    # (most broken headers fail to compile: no perl)
