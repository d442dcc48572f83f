"""The generated syscall-number headers of every era, from the tree's own rules.

``hdrtool.install.syscalls.generated_headers`` reads the rules of a real tree (4.4's
arch/x86/entry/syscalls/Makefile, 6.1/6.12's per-arch syscalls Makefiles,
6.12's scripts/Makefile.asm-headers + arch/$A/kernel/Makefile.syscalls) and
either runs the generator script the rule names or, for a script it
recognises, computes the same bytes in Python.  Checked here:

* 4.4 x86: Python bytes == the tree's syscallhdr.sh output, and those bytes
  after the install steps (``rewrite``, ``unifdef``: 6.1's rules, which do
  not differ from 4.4's on these files) == the kernel's own install.
* 6.12: every generated-y and syscall-y header of every arch, Python bytes
  == the tree's script output; three arches also end to end against the
  kernel's own ``make headers_install``.
* 6.1: every generated-y header == the 6.1 table (:data:`SYSCALL_HEADERS`).

Trees: 4.4 from ../shared/linux-trees (unpacked into a tmp dir), 6.12 from
HDRTOOL_LINUX612_SRC or /var/tmp/hdrtool-linux612/linux-source-6.12*, 6.1
from HDRTOOL_LINUX_SRC or /var/tmp/hdrtool-linux/linux-source-6.1*.  With
HDRTOOL_REQUIRE_LINUX=1 a missing tree fails the test.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from conftest import require_or_skip  # noqa: E402

from hdrtool.install import syscalls
from hdrtool.core.errors import InputError
from hdrtool.install.sanitize import LINUX_STEPS, apply_steps

REPO = Path(__file__).resolve().parent.parent
from conftest import SHARED_TREES as SHARED  # noqa: E402


def _missing(msg: str):
    require_or_skip(msg, linux=True)


def _find(env: str, pattern: str) -> Path | None:
    cands = [os.environ[env]] if os.environ.get(env) else []
    cands += sorted(glob.glob(pattern))
    for c in cands:
        if (Path(c) / "Makefile").is_file() and (Path(c) / "arch").is_dir():
            return Path(c)
    return None


@pytest.fixture(scope="session")
def linux612() -> Path:
    path = _find("HDRTOOL_LINUX612_SRC", "/var/tmp/hdrtool-linux612/linux-source-6.12*")
    if path is None:
        _missing("NO LINUX 6.12 TREE: set HDRTOOL_LINUX612_SRC or unpack linux-source-6.12 "
                 "under /var/tmp/hdrtool-linux612")
    return path


@pytest.fixture(scope="session")
def linux61() -> Path:
    path = _find("HDRTOOL_LINUX_SRC", "/var/tmp/hdrtool-linux/linux-source-6.1*")
    if path is None:
        _missing("NO LINUX 6.1 TREE: set HDRTOOL_LINUX_SRC or unpack linux-source-6.1 "
                 "under /var/tmp/hdrtool-linux")
    return path


@pytest.fixture(scope="session")
def linux44(tmp_path_factory) -> tuple[Path, Path]:
    """(4.4.121 source tree, its kernel-made x86 install), unpacked into tmp."""
    src, ref = SHARED / "linux-4.4.121" / "src.tar.xz", SHARED / "linux-4.4.121" / "ref-x86.tar.xz"
    if not (src.is_file() and ref.is_file()):
        _missing(f"NO LINUX 4.4.121 TARBALLS under {SHARED / 'linux-4.4.121'}")
    work = tmp_path_factory.mktemp("linux44")
    for tb, dest in ((src, work), (ref, work / "ref-x86")):
        dest.mkdir(exist_ok=True)
        with tarfile.open(tb) as t:
            t.extractall(dest, filter="data") if hasattr(tarfile, "data_filter") \
                else t.extractall(dest)
    return work / "linux-4.4.121", work / "ref-x86" / "include"


def kbuild_lists(tree: Path, sarch: str) -> dict[str, list[str]]:
    """genhdr-y / generated-y / syscall-y of the arch's uapi Kbuild (plain ``+=`` lines)."""
    out: dict[str, list[str]] = {}
    kb = tree / "arch" / sarch / "include" / "uapi" / "asm" / "Kbuild"
    if kb.is_file():
        for m in re.finditer(r"^(genhdr-y|generated-y|syscall-y)\s*\+=\s*(.*)$",
                             kb.read_text(), re.M):
            out.setdefault(m.group(1), []).extend(m.group(2).split())
    return out


def _arches(tree: Path) -> list[str]:
    return sorted(p.name for p in (tree / "arch").iterdir() if p.is_dir())


def _timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


# -- 4.4: genhdr-y ----------------------------------------------------------

X86_44 = ["unistd_32.h", "unistd_64.h", "unistd_x32.h"]


def test_44_x86_genhdr_equals_script_and_kernel_install(linux44):
    tree, ref = linux44
    assert kbuild_lists(tree, "x86")["genhdr-y"] == X86_44
    ours = syscalls.generated_headers(tree, "x86", X86_44, "genhdr-y")
    script = syscalls.generated_headers(tree, "x86", X86_44, "genhdr-y", run=True)
    for name in X86_44:
        assert ours[name] == script[name], name
        installed = apply_steps(ours[name], ("rewrite", "unifdef"), f"asm/{name}")
        assert installed == (ref / "asm" / name).read_bytes(), name
    assert b"#define _ASM_X86_UNISTD_X32_H 1\n" in ours["unistd_x32.h"]
    assert b"(__X32_SYSCALL_BIT + 0)" in ours["unistd_x32.h"]


def test_44_syscall_y_kind_is_not_in_the_tree(linux44):
    tree, _ = linux44
    with pytest.raises(InputError, match="no scripts/Makefile.asm-headers"):
        syscalls.generated_headers(tree, "x86", ["unistd_64.h"], "syscall-y")


# -- 6.12: every arch, both kinds --------------------------------------------

def test_612_every_header_equals_the_trees_script(linux612):
    compared, t_py, t_sh = 0, 0.0, 0.0
    seen = {"generated-y": set(), "syscall-y": set()}
    for sarch in _arches(linux612):
        for kind, names in kbuild_lists(linux612, sarch).items():
            assert kind in ("generated-y", "syscall-y"), (sarch, kind)
            ours, a = _timed(syscalls.generated_headers, linux612, sarch, names, kind)
            script, b = _timed(syscalls.generated_headers, linux612, sarch, names, kind,
                               run=True)
            t_py, t_sh = t_py + a, t_sh + b
            for name in names:
                assert ours[name] == script[name], (sarch, name)
                assert ours[name].startswith((b"#ifndef _UAPI_ASM_", b"/* SPDX")), (sarch, name)
                compared += 1
            seen[kind].add(sarch)
    assert seen["syscall-y"] == {"arc", "arm64", "csky", "hexagon", "loongarch", "nios2",
                                 "openrisc", "riscv"}
    assert seen["generated-y"] == {"alpha", "arm", "m68k", "microblaze", "mips", "parisc",
                                   "powerpc", "s390", "sh", "sparc", "x86", "xtensa"}
    print(f"\n6.12: {compared} headers; python {t_py * 1000 / compared:.1f} ms/header, "
          f"script {t_sh * 1000 / compared:.1f} ms/header")


def _kernel_install(tree: Path, work: Path, arch: str) -> Path:
    for tool in ("make", "gcc", "flex", "bison", "bc"):
        if shutil.which(tool) is None:
            _missing(f"NEEDED FOR THE KERNEL'S OWN BUILD: {tool}")
    out = work / f"ref-{arch}"
    subprocess.run(["make", "-s", "-C", str(tree), f"O={work / ('obj-' + arch)}", f"ARCH={arch}",
                    f"INSTALL_HDR_PATH={out}", "headers_install", "-j2"],
                   check=True, stdin=subprocess.DEVNULL, capture_output=True)
    return out / "include"


@pytest.mark.parametrize("arch", ["arm64", "riscv", "x86"])
def test_612_end_to_end_against_kernel_install(linux612, tmp_path_factory, arch):
    ref = _kernel_install(linux612, tmp_path_factory.mktemp("k612"), arch)
    for kind, names in kbuild_lists(linux612, arch).items():
        ours = syscalls.generated_headers(linux612, arch, names, kind)
        for name in names:
            installed = apply_steps(ours[name], LINUX_STEPS, f"asm/{name}")
            assert installed == (ref / "asm" / name).read_bytes(), (arch, name)


def test_612_arm64_reads_makefile_syscalls(linux612):
    cmd = syscalls.plan_commands(linux612, "arm64", ["unistd_64.h"], "syscall-y")["unistd_64.h"]
    assert cmd.script == "scripts/syscallhdr.sh"
    assert cmd.args[:3] == ("--emit-nr", "--abis", "common,64,renameat,rlimit,memfd_secret")
    assert cmd.args[3].endswith("arch/arm64/tools/syscall_64.tbl")


def test_612_compat_header_takes_the_prefix(linux612):
    """``unistd_compat_%.h`` (no arch lists one in 6.12) gets ``--prefix compat%_``."""
    cmd = syscalls.plan_commands(linux612, "riscv", ["unistd_compat_32.h"],
                                 "syscall-y")["unistd_compat_32.h"]
    assert "--prefix" in cmd.args and cmd.args[cmd.args.index("--prefix") + 1] == "compat32_"
    ours = syscalls.generate_command(linux612, cmd)
    assert ours == syscalls.generate_command(linux612, cmd, run=True)
    assert b"#define __NR_compat32_read 63\n" in ours


# -- 6.1: unchanged ------------------------------------------------------------

def test_61_generated_y_equals_the_61_table(linux61):
    n = 0
    for sarch in _arches(linux61):
        lists = kbuild_lists(linux61, sarch)
        assert "syscall-y" not in lists
        names = lists.get("generated-y")
        if not names:
            continue
        ours = syscalls.generated_headers(linux61, sarch, names, "generated-y")
        rules = {h.name: h for h in syscalls.SYSCALL_HEADERS[sarch]}
        for name in names:
            hdr = rules[name]
            table = (linux61 / hdr.table).read_bytes()
            assert ours[name] == syscalls.generate(table, hdr, hdr.table), (sarch, name)
            n += 1
    assert n == 22


def test_61_syscall_y_has_no_rule(linux61):
    with pytest.raises(InputError, match="no scripts/Makefile.asm-headers") as e:
        syscalls.generated_headers(linux61, "arm64", ["unistd_64.h"], "syscall-y")
    assert e.value.path == "arch/arm64/include/uapi/asm/Kbuild"


# -- errors and the fallback, on small trees made here ------------------------

def _mini(tmp: Path, script: bytes | None, rule: str) -> Path:
    (tmp / "arch/foo/kernel/syscalls").mkdir(parents=True)
    (tmp / "arch/foo/include/uapi/asm").mkdir(parents=True)
    (tmp / "arch/foo/include/uapi/asm/Kbuild").write_text(
        "generated-y += unistd_32.h\ngenerated-y += unistd_99.h\n")
    (tmp / "arch/foo/Makefile").write_text(
        "archheaders:\n\t$(Q)$(MAKE) $(build)=arch/foo/kernel/syscalls all\n")
    (tmp / "arch/foo/kernel/syscalls/syscall.tbl").write_text(
        "# nr abi name\n0\tcommon\tread\tsys_read\n1\tcommon\twrite\tsys_write\n")
    (tmp / "arch/foo/kernel/syscalls/Makefile").write_text(
        "uapi := arch/$(SRCARCH)/include/generated/uapi/asm\n"
        "$(shell mkdir -p $(uapi))\n"
        "syshdr := $(srctree)/scripts/gen.sh\n"
        "quiet_cmd_syshdr = SYSHDR  $@\n"
        "      cmd_syshdr = $(CONFIG_SHELL) $(syshdr) --emit-nr --abis $(abis) $< $@\n"
        "$(uapi)/unistd_32.h: abis := common\n" + rule)
    if script is not None:
        (tmp / "scripts").mkdir()
        (tmp / "scripts/gen.sh").write_bytes(script)
    return tmp


RULE = "$(uapi)/unistd_32.h: $(src)/syscall.tbl $(syshdr) FORCE\n\t$(call if_changed,syshdr)\n"


def test_missing_generator_is_named(tmp_path):
    tree = _mini(tmp_path, None, RULE)
    with pytest.raises(InputError, match="names generator scripts/gen.sh but does not carry") as e:
        syscalls.generated_headers(tree, "foo", ["unistd_32.h"], "generated-y")
    assert (e.value.path, e.value.line) == ("arch/foo/kernel/syscalls/Makefile", 8)


def test_header_without_rule_is_named(tmp_path):
    tree = _mini(tmp_path, b"exit 0\n", RULE)
    with pytest.raises(InputError, match="unistd_99.h: the tree has no rule") as e:
        syscalls.generated_headers(tree, "foo", ["unistd_99.h"], "generated-y")
    assert (e.value.path, e.value.line) == ("arch/foo/include/uapi/asm/Kbuild", 2)


def test_unknown_kind_and_no_archheaders(tmp_path):
    with pytest.raises(InputError, match="unknown generated-header kind"):
        syscalls.generated_headers(tmp_path, "foo", ["a.h"], "header-y")
    (tmp_path / "arch/foo").mkdir(parents=True)
    (tmp_path / "arch/foo/Makefile").write_text("all:\n")
    with pytest.raises(InputError, match="no archheaders: rule"):
        syscalls.generated_headers(tmp_path, "foo", ["unistd_32.h"], "generated-y")


def test_unrecognised_script_is_run(tmp_path, linux612):
    """A script hdrtool does not know (here 6.12's with one more comment
    line, copied at test time) is run, and writes the same bytes."""
    script = (linux612 / "scripts/syscallhdr.sh").read_bytes() + b"# changed\n"
    tree = _mini(tmp_path, script, RULE)
    out = syscalls.generated_headers(tree, "foo", ["unistd_32.h"], "generated-y")["unistd_32.h"]
    assert out == (b"#ifndef _UAPI_ASM_UNISTD_32_H\n#define _UAPI_ASM_UNISTD_32_H\n\n"
                   b"#define __NR_read 0\n#define __NR_write 1\n\n#ifdef __KERNEL__\n"
                   b"#define __NR_syscalls 2\n#endif\n\n#endif /* _UAPI_ASM_UNISTD_32_H */\n")


def test_failing_script_is_an_input_error(tmp_path):
    tree = _mini(tmp_path, b"echo broken >&2; exit 3\n", RULE)
    with pytest.raises(InputError, match="scripts/gen.sh failed making unistd_32.h: broken"):
        syscalls.generated_headers(tree, "foo", ["unistd_32.h"], "generated-y")
