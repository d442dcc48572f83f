"""Conformance against the real kernel (Linux 6.1).

* The kernel's own ``make headers_install`` and ours, into two directories:
  the trees must be byte-identical with the same file set (our manifest is
  the only extra file).  ARCH=x86, s390, arm (no cross compiler needed;
  HDRTOOL_ALL_ARCHES=1 for every arch).
* The kernel's own ``scripts/headers_install.sh`` against our per-file steps
  on generated headers (rewrites, licence and CONFIG_ checks, unifdef).

Needs the `linux_src` fixture (skipped loudly without a tree; CI sets
HDRTOOL_REQUIRE_LINUX=1 so there it must run) and gcc, make, flex, bison, bc.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from hdrtool.core.errors import InputError
from hdrtool.install.plan import plan_install
from hdrtool.install.installer import MANIFEST, install
from hdrtool.install.sanitize import LINUX_STEPS, apply_steps

from conftest import require_or_skip
from golden_cases import run_cli, tree_files

pytestmark = pytest.mark.linux


def _need(*tools):
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        msg = f"NEEDED FOR THE KERNEL'S OWN BUILD: {' '.join(missing)} not installed"
        require_or_skip(msg, linux=True)


def kernel_headers_install(src: Path, work: Path, arch: str) -> Path:
    _need("make", "gcc", "flex", "bison", "bc")
    out = work / f"kernel-{arch}"
    subprocess.run(["make", "-s", "-C", str(src), f"O={work / ('obj-' + arch)}", f"ARCH={arch}",
                    "headers_install", f"INSTALL_HDR_PATH={out}", "-j2"],
                   check=True, stdin=subprocess.DEVNULL, capture_output=True)
    return out


#: x86 and s390 as the issue asks, arm for the other syscall-header form (two
#: ABIs, an offset, no __NR_syscalls); each costs a kernel build, so the rest
#: only with HDRTOOL_ALL_ARCHES=1: every arch of the tree but um (all 21
#: matched when this was written).
CONFORMANCE_ARCHES = ["x86", "s390", "arm"]
if os.environ.get("HDRTOOL_ALL_ARCHES") == "1":
    CONFORMANCE_ARCHES = ["x86", "s390", "alpha", "arc", "arm", "arm64", "csky", "hexagon", "ia64",
                          "loongarch", "m68k", "microblaze", "mips", "nios2", "openrisc",
                          "parisc", "powerpc", "riscv", "sh", "sparc", "xtensa"]


def assert_installs_like_the_kernel(src: Path, tmp_path: Path, arch: str, capsys,
                                    at_least: int) -> None:
    """The kernel's own make headers_install and ours: same file set, same
    bytes; and a second run of ours writes nothing."""
    theirs = kernel_headers_install(src, tmp_path, arch)
    ours = tmp_path / f"hdrtool-{arch}"
    rc, _, err = run_cli(["-C", src, "headers_install", f"ARCH={arch}",
                          f"INSTALL_HDR_PATH={ours}", "-j", "2"], capsys)
    assert (rc, err) == (0, "")
    want = tree_files(theirs)
    got = tree_files(ours)
    assert (ours / "include" / MANIFEST).is_file()
    got.pop(f"include/{MANIFEST}", None)
    assert sorted(set(want) ^ set(got)) == [], "file sets differ"
    differing = sorted(k for k in want if want[k] != got[k])
    assert differing == [], f"{len(differing)} files differ, first: {differing[:5]}"
    assert len(want) > at_least, "suspiciously few headers"
    again = install(plan_install(src, arch), ours, jobs=2)
    assert again.written == [] and not again.manifest_written


@pytest.mark.slow
@pytest.mark.parametrize("arch", CONFORMANCE_ARCHES)
def test_byte_identical_to_kernel(linux_src, tmp_path, arch, capsys):
    assert_installs_like_the_kernel(linux_src, tmp_path, arch, capsys, 900)


# --------------------------------------------------------------------------
# The kernel's script, one file at a time, against apply_steps().
# --------------------------------------------------------------------------

_FRAGMENTS = [
    "int", " ", "\t", "(", ")", "*", ";", ",", "x", "_", "__user", "__force", "__iomem",
    "__attribute_const__", "inline", "asm", "volatile", "__packed", "___packed", "__packed_",
    "_UAPI", "/*", "*/", "**", "CONFIG_FOO", "XCONFIG_BAR", "CONFIG_", "\r", "\"/*\"", "//",
    "__inline__", "struct s", "{", "}", "#", "\v", "\f",
]
_LINES = [
    "#ifndef _UAPI_LINUX_FOO_H", "#define _UAPI_LINUX_FOO_H", "#endif /* _UAPI_LINUX_FOO_H */",
    "#endif\t/*_UAPI_X */", "#include <linux/compiler.h>", "#include <linux/compiler_types.h> x",
    "#ifdef __KERNEL__", "#ifndef __KERNEL__", "#else", "#endif", "#if defined(__EXPORTED_HEADERS__)",
    "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */", "/* a\n CONFIG_IN_COMMENT */",
    "static inline int f(void __user *p) { asm volatile(\"\"); return 0; }",
    "struct a { int b; } __packed;", "  x = ( __force int) y;", "#define X inline",
    "#define _UAPI_A #define _UAPI_B", "x #ifndef\t_UAPI_C #endif /*_UAPI_D", "asm volatile asm",
    "inline inline(inline\r", "(asm)(volatile(", "__packed__packed __packed,__packed",
]


def _random_header(rng: random.Random) -> bytes:
    lines = []
    depth = 0
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.4:
            line = rng.choice(_LINES)
        else:
            line = "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 10)))
            line = line.replace("/*", "/* */") if rng.random() < 0.7 else line
        if line.startswith("#if"):
            depth += 1
        if line in ("#else", "#endif") and depth == 0:
            continue
        if line == "#endif":
            depth -= 1
        lines.append(line)
    lines += ["#endif"] * depth
    text = "\n".join(lines) + ("\n" if rng.random() < 0.9 else "")
    return text.encode()


def _kernel_script(src: Path, work: Path, data: bytes):
    """(ok, output) of the kernel's headers_install.sh on ``data``."""
    scripts = work / "scripts"
    if not scripts.exists():
        scripts.mkdir()
        (scripts / "unifdef").symlink_to(shutil.which("unifdef") or "/usr/bin/unifdef")
    infile, outfile = work / "in.h", work / "out.h"
    infile.write_bytes(data)
    p = subprocess.run(["sh", str(src / "scripts/headers_install.sh"), "in.h", "out.h"],
                       cwd=work, capture_output=True, env={**os.environ, "LC_ALL": "C"})
    return p.returncode == 0, (outfile.read_bytes() if p.returncode == 0 else p.stderr)


@pytest.mark.slow
def test_steps_match_kernel_script(linux_src, tmp_path):
    _need("unifdef")
    rng = random.Random(20261126)
    mismatches = []
    for n in range(300):
        data = _random_header(rng)
        ok, theirs = _kernel_script(linux_src, tmp_path, data)
        try:
            ours, our_ok = apply_steps(data, LINUX_STEPS, "in.h"), True
        except InputError as exc:
            ours, our_ok = str(exc).encode(), False
        if our_ok != ok or (ok and ours != theirs):
            mismatches.append((data, theirs, ours))
    assert mismatches == []


# --------------------------------------------------------------------------
# The syscall-header generators against the kernel's own scripts.
# --------------------------------------------------------------------------

_TABLE = (b"# a comment line\n"
          b"0\tcommon\tread\tsys_read\n"
          b"2\t64\topen\tsys_open\n"
          b"1\tcommon\twrite\tsys_write\tcompat_sys_write\n"
          b"\n"
          b"3   x32     x32_only   compat_sys_x\n"
          b"5\t32\topen32\tsys_open\tcompat_sys_open\n"
          b"4\ti386\told\tsys_old\n"
          b"0x10\t64\thexnr\tsys_hex\n"
          b"7\tcommon64\tprefix_abi\tsys_p\n")


@pytest.mark.parametrize("abis,offset,prefix,emit_nr", [
    (("common", "64"), None, "", True), (("common", "x32"), "__X32_SYSCALL_BIT", "", True),
    (("i386",), None, "", True), (("x32",), None, "x32_", True),
    ((), "__NR_Linux", "", False), (("common", "oabi"), "__NR_SYSCALL_BASE", "", False)])
def test_syscallhdr_matches_kernel_script(linux_src, tmp_path, abis, offset, prefix, emit_nr):
    from hdrtool.install.syscalls import SyscallHeader, syscallhdr
    (tmp_path / "t.tbl").write_bytes(_TABLE + b"8\toabi\tarm_only\tsys_a\n")
    cmd = ["sh", str(linux_src / "scripts/syscallhdr.sh")]
    cmd += ["--abis", ",".join(abis)] if abis else []
    cmd += ["--emit-nr"] if emit_nr else []
    cmd += ["--offset", offset] if offset else []
    cmd += ["--prefix", prefix] if prefix else []
    subprocess.run(cmd + ["t.tbl", "unistd-test.h"], cwd=tmp_path, check=True)
    hdr = SyscallHeader("unistd-test.h", "t.tbl", abis, offset=offset, prefix=prefix,
                        emit_nr=emit_nr)
    table = (tmp_path / "t.tbl").read_bytes()
    assert syscallhdr(table, hdr, "t.tbl") == (tmp_path / "unistd-test.h").read_bytes()


@pytest.mark.parametrize("abis", [("common", "32"), ("common", "64")])
def test_s390_syscalltbl_matches_kernel_script(linux_src, tmp_path, abis):
    from hdrtool.install.syscalls import SyscallHeader, s390_syscall_header
    table = _TABLE.replace(b"0x10", b"16")    # the s390 script takes decimal numbers only
    script = linux_src / "arch/s390/kernel/syscalls/syscalltbl"
    p = subprocess.run(["sh", str(script), "-H", "-a", ",".join(abis), "-f",
                        "arch/s390/include/generated/uapi/asm/unistd_x.h"],
                       input=table, capture_output=True, check=True)
    hdr = SyscallHeader("unistd_x.h", "t.tbl", abis, style="s390")
    assert s390_syscall_header(table, hdr, "t.tbl") == p.stdout


def _kernel_leak_sed(src: Path) -> str:
    """The sed program of the kernel's CONFIG_ check, read from its script at test time."""
    text = (src / "scripts/headers_install.sh").read_text()
    start = text.index("configs=$(sed -e '") + len("configs=$(sed -e '")
    return text[start:text.index("' $OUTFILE)", start)]


@pytest.mark.slow
def test_config_check_matches_kernel_sed(linux_src, tmp_path):
    from hdrtool.install.sanitize import config_leaks
    program = _kernel_leak_sed(linux_src)
    rng = random.Random(4711)
    frags = [b"/*", b"*/", b"*", b"/", b" ", b"\n", b"CONFIG_A", b"x", b"CONFIG_B_1", b"**",
             b"/**", b"*/*", b"/*/", b"\t", b"_", b"XCONFIG_C", b"/* */"]
    mismatches = []
    for n in range(600):
        data = b"".join(rng.choice(frags) for _ in range(rng.randint(1, 18)))
        p = subprocess.run(["sed", "-e", program], input=data, capture_output=True,
                           env={**os.environ, "LC_ALL": "C"}, check=True)
        want = [w.decode("latin-1") for w in p.stdout.split()]
        if config_leaks(data) != want:
            mismatches.append((data, want, config_leaks(data)))
    assert mismatches == []


def test_arch_names_map_to_srcarch_like_the_kernel(linux_src):
    x86 = plan_install(linux_src, "x86")
    for alias in ("i386", "x86_64"):
        other = plan_install(linux_src, alias)
        assert [(i.dst, i.label) for i in other.items] == [(i.dst, i.label) for i in x86.items]
    assert x86.layout == "linux"
    dsts = {i.dst for i in x86.items}
    assert {"asm/unistd_64.h", "asm/unistd_x32.h", "linux/version.h", "asm/errno.h"} <= dsts
    assert "linux/a.out.h" in dsts                   # x86 has asm/a.out.h
    assert "linux/a.out.h" not in {i.dst for i in plan_install(linux_src, "s390").items}
    with pytest.raises(InputError, match="UML"):
        plan_install(linux_src, "um")


def _kernel_rewrite_sed(src: Path) -> str:
    """The sed -E program of the kernel's line rewrites, read from its script at test time."""
    text = (src / "scripts/headers_install.sh").read_text()
    start = text.index("sed -E -e '") + len("sed -E -e '")
    return text[start:text.index("' $INFILE > $TMPFILE", start)]


@pytest.mark.parametrize("arch", ["i386", "x86_64", "s390"])
def test_bundled_legacy_install_matches_kernel_tools(linux_src, srctree, arch):
    """Each bundled export equals the kernel's own rewrite sed (+ Debian's unifdef for
    unifdef-y), an oracle independent of the goldens."""
    _need("unifdef", "sed")
    from hdrtool.install.plan import render
    plan = plan_install(srctree, arch)        # an InputError here is a failure, not a skip
    program = _kernel_rewrite_sed(linux_src)
    assert plan.layout == "legacy" and len(plan.items) > 20
    for item in plan.items:
        data = Path(item.src).read_bytes()
        want = subprocess.run(["sed", "-E", "-e", program], input=data, capture_output=True,
                              env={**os.environ, "LC_ALL": "C"}, check=True).stdout
        if "unifdef" in item.steps:
            p = subprocess.run(["unifdef", "-U__KERNEL__", "-D__EXPORTED_HEADERS__"],
                               input=want, capture_output=True)
            assert p.returncode in (0, 1), p.stderr
            want = p.stdout
        assert render(item) == want, item.dst
