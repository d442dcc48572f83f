"""The stat-only up-to-date check of headers_install (hdrtool/install/uptodate.py).

Every test compares against the oracle that matters: after any change, the
incremental result must equal a clean install into a fresh directory.  And
each shows that the fast path was (or was not) taken, from the V=1 summary,
so that a check that always falls through to the full run cannot pass.

Trees are aged (mtimes set an hour back) before the first install; a change
stamps only the paths it touched, with another old time, as an editor a
while ago would have.  Fresh paths are racy and never trusted: that has its
own tests.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from hdrtool.install import uptodate
from hdrtool.core import deps as core_deps
from hdrtool.install.uptodate import MANIFEST

from golden_cases import INSTALL_GOLDEN as GOLDEN, REPO, run_cli, tree_files

HOUR = 3600 * 10**9
T0 = time.time_ns() - 3 * HOUR      # the tree as checked out
T1 = time.time_ns() - 2 * HOUR      # a change made since
FAST = "): up to date"


def age(root: Path, t: int = T0) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            os.utime(os.path.join(dirpath, name), ns=(t, t))
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        os.utime(dirpath, ns=(t, t))


def settle(*paths: Path) -> None:
    """Stamp what a change touched (files, and directories whose entries it
    added or removed) with T1: old enough to be trusted, unlike T0."""
    for p in paths:
        os.utime(p, ns=(T1, T1))


@pytest.fixture(autouse=True)
def tool(tmp_path, monkeypatch) -> Path:
    """hdrtool's own modules, as the check sees them: a stand-in package dir
    (the real one may have been edited a second ago, which is racy)."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "install.py").write_text("# rules\n")
    age(pkg)
    monkeypatch.setattr(core_deps, "TOOL_DIRS", (str(pkg),))
    return pkg


@pytest.fixture
def legacy(tmp_path) -> Path:
    t = tmp_path / "legacy"
    shutil.copytree(GOLDEN / "legacy-i386" / "input", t)
    shutil.copytree(REPO / "arch", t / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    age(t)
    return t


SPDX = "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n"


def header(guard: str, body: str = "") -> str:
    return f"{SPDX}#ifndef {guard}\n#define {guard}\n{body}#endif\n"


#: The install machinery of a small 5.3+ tree, in hdrtool's own words: what
#: hdrtool reads from it is the per-file call, the sed program, the unifdef
#: symbols and the (empty) leak allow-list.
HEADERSINST = "# export every header below the uapi dirs, one call per file\n" \
              "cmd_install = $(CONFIG_SHELL) $(srctree)/scripts/headers_install.sh $< $@\n"
HEADERS_INSTALL_SH = """#!/bin/sh
sed -E -e '
	s/([[:space:](])(__user|__force|__iomem)[[:space:]]/\\1/g
	s/__attribute_const__([[:space:]]|$)/\\1/g
	s@^#include <linux/compiler(|_types).h>@@
	s/(^|[^a-zA-Z0-9])__packed([^a-zA-Z0-9_]|$)/\\1__attribute__((packed))\\2/g
	s/(^|[[:space:](])(inline|asm|volatile)([[:space:](]|$)/\\1__\\2__\\3/g
	s@#(ifndef|define|endif[[:space:]]*/[*])[[:space:]]*_UAPI@#\\1 @
' $1 > $2.tmp || exit 1
scripts/unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__ $2.tmp > $2
config_leak_ignores="
"
"""
VERSION_DEFINE = """define filechk_version.h
	echo \\#define LINUX_VERSION_CODE $(shell expr $(VERSION) \\* 65536 + $(PATCHLEVEL) \\* 256 + $(SUBLEVEL)); \\
	echo '#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))'
endef
"""


@pytest.fixture
def linux(tmp_path) -> Path:
    """A small tree in the Linux >= 3.7 layout."""
    t = tmp_path / "linux"
    files = {
        "Makefile": "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 7\nEXTRAVERSION =\n" + VERSION_DEFINE,
        "scripts/Makefile.headersinst": HEADERSINST,
        "scripts/headers_install.sh": HEADERS_INSTALL_SH,
        "include/uapi/linux/foo.h": header("_UAPI_LINUX_FOO_H", "#include <linux/types.h>\n"),
        "include/uapi/linux/types.h": header("_UAPI_LINUX_TYPES_H", "typedef int __s32;\n"),
        "include/uapi/asm-generic/Kbuild": "mandatory-y += bar.h\n",
        "include/uapi/asm-generic/bar.h": header("_ASM_GENERIC_BAR_H"),
        "include/uapi/asm-generic/baz.h": header("_ASM_GENERIC_BAZ_H"),
        "arch/x86/include/uapi/asm/Kbuild": "generic-y += baz.h\n",
        "arch/x86/include/uapi/asm/thing.h": header("_ASM_X86_THING_H"),
    }
    for rel, text in files.items():
        (t / rel).parent.mkdir(parents=True, exist_ok=True)
        (t / rel).write_text(text)
    age(t)
    return t


def install(tree: Path, dest: Path, capsys, arch: str = "i386", *extra) -> str:
    rc, out, err = run_cli(["-C", tree, "headers_install", f"ARCH={arch}",
                            f"INSTALL_HDR_PATH={dest}", "V=1", *extra], capsys)
    assert rc == 0, err
    return err


def assert_like_fresh(tree: Path, dest: Path, tmp_path: Path, capsys, arch: str = "i386") -> None:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    install(tree, fresh, capsys, arch)
    got, want = tree_files(dest / "include"), tree_files(fresh / "include")
    got.pop(MANIFEST, None)
    want.pop(MANIFEST, None)
    assert got == want


def mtimes(root: Path) -> dict:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*")}


# --------------------------------------------------------------------------
# A no-op is answered from stat alone and writes nothing.
# --------------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["legacy", "linux"])
def test_noop_is_up_to_date_and_writes_nothing(layout, request, tmp_path, capsys):
    tree = request.getfixturevalue(layout)
    arch = "i386" if layout == "legacy" else "x86"
    dest = tmp_path / "usr"
    assert FAST not in install(tree, dest, capsys, arch)
    before = mtimes(dest)
    err = install(tree, dest, capsys, arch)
    assert err.rstrip().endswith(FAST), err
    assert mtimes(dest) == before
    doc = json.loads((dest / "include" / MANIFEST).read_text())
    # what the answer rests on: sources, lists, directories, probes, the tool
    deps = doc["deps"]
    assert str(tree / "include") in deps
    assert any(p.endswith("/Kbuild") for p in deps)
    assert str(Path(core_deps.TOOL_DIRS[0]) / "install.py") in deps
    assert all(v is None or isinstance(v, list) for v in deps.values()), "nothing racy"


# --------------------------------------------------------------------------
# Any change that can change the result is noticed.
# --------------------------------------------------------------------------

def _edit_same_size(tree: Path, dest: Path) -> None:
    p = tree / "include/asm-i386/ptrace.h"
    data = p.read_bytes()
    i = data.index(b"long")
    p.write_bytes(data[:i] + b"LONG" + data[i + 4:])
    settle(p)


def _edit_longer(tree: Path, dest: Path) -> None:
    p = tree / "include/linux/kernel.h"
    p.write_bytes(p.read_bytes() + b"/* more */\n")
    settle(p)


def _new_export(tree: Path, dest: Path) -> None:
    kb = tree / "include/linux/Kbuild"
    kb.write_bytes(kb.read_bytes() + b"header-y += added.h\n")
    new = tree / "include/linux/added.h"
    new.write_text("#ifndef _LINUX_ADDED_H\n#define _LINUX_ADDED_H\n#endif\n")
    settle(kb, new, new.parent)


def _dropped_export(tree: Path, dest: Path) -> None:
    kb = tree / "include/linux/Kbuild"
    lines = [l for l in kb.read_bytes().splitlines(keepends=True) if b"kernel.h" not in l]
    kb.write_bytes(b"".join(lines))
    settle(kb)


def _new_kbuild_dir(tree: Path, dest: Path) -> None:
    d = tree / "include/sound"
    d.mkdir()
    (d / "Kbuild").write_text("header-y += asound.h\n")
    (d / "asound.h").write_text("#ifndef _SOUND_ASOUND_H\n#define _SOUND_ASOUND_H\n#endif\n")
    settle(d / "Kbuild", d / "asound.h", d, d.parent)


def _arch_toml(tree: Path, dest: Path) -> None:
    p = tree / "arch/x86/arch.toml"
    p.write_bytes(p.read_bytes() + b"\n")
    settle(p)


def _installed_file_edited(tree: Path, dest: Path) -> None:
    p = dest / "include/asm/ptrace.h"
    p.write_bytes(p.read_bytes() + b"/* local edit */\n")
    settle(p)


def _installed_file_removed(tree: Path, dest: Path) -> None:
    (dest / "include/linux/types.h").unlink()


def _tool_changed(tree: Path, dest: Path) -> None:
    p = Path(core_deps.TOOL_DIRS[0]) / "install.py"
    p.write_text("# new rules\n")
    settle(p)


def _tool_module_added(tree: Path, dest: Path) -> None:
    p = Path(core_deps.TOOL_DIRS[0]) / "sanitize.py"
    p.write_text("# new\n")
    settle(p, p.parent)


@pytest.mark.parametrize("change", [
    _edit_same_size, _edit_longer, _new_export, _dropped_export, _new_kbuild_dir, _arch_toml,
    _installed_file_edited, _installed_file_removed, _tool_changed, _tool_module_added,
], ids=lambda f: f.__name__.strip("_"))
def test_legacy_change_is_noticed(change, legacy, tmp_path, capsys):
    dest = tmp_path / "usr"
    install(legacy, dest, capsys)
    assert install(legacy, dest, capsys).rstrip().endswith(FAST)
    change(legacy, dest)
    err = install(legacy, dest, capsys)
    assert FAST not in err, "the change went unnoticed"
    assert_like_fresh(legacy, dest, tmp_path, capsys)
    assert install(legacy, dest, capsys).rstrip().endswith(FAST), "not up to date after"


def _l_new_header(tree: Path, dest: Path) -> None:
    p = tree / "include/uapi/linux/new.h"
    p.write_text(header("_UAPI_LINUX_NEW_H"))
    settle(p, p.parent)


def _l_new_subdir(tree: Path, dest: Path) -> None:
    d = tree / "include/uapi/linux/sub"
    d.mkdir()
    (d / "x.h").write_text(header("_UAPI_LINUX_SUB_X_H"))
    settle(d / "x.h", d, d.parent)


def _l_removed_header(tree: Path, dest: Path) -> None:
    p = tree / "include/uapi/linux/foo.h"
    p.unlink()
    settle(p.parent)


def _l_makefile(tree: Path, dest: Path) -> None:
    p = tree / "Makefile"
    p.write_text(p.read_text().replace("SUBLEVEL = 7", "SUBLEVEL = 8"))
    settle(p)


def _l_mandatory(tree: Path, dest: Path) -> None:
    p = tree / "include/uapi/asm-generic/Kbuild"
    p.write_text("mandatory-y += bar.h\nmandatory-y += baz.h\n")
    settle(p)


def _l_arch_kbuild_appears(tree: Path, dest: Path) -> None:
    # an arch header that now shadows the generic-y wrapper
    p = tree / "arch/x86/include/uapi/asm/bar.h"
    p.write_text(header("_ASM_X86_BAR_H"))
    settle(p, p.parent)


@pytest.mark.parametrize("change", [
    _l_new_header, _l_new_subdir, _l_removed_header, _l_makefile, _l_mandatory,
    _l_arch_kbuild_appears,
], ids=lambda f: f.__name__.strip("_"))
def test_linux_change_is_noticed(change, linux, tmp_path, capsys):
    dest = tmp_path / "usr"
    install(linux, dest, capsys, "x86")
    assert install(linux, dest, capsys, "x86").rstrip().endswith(FAST)
    change(linux, dest)
    assert FAST not in install(linux, dest, capsys, "x86"), "the change went unnoticed"
    assert_like_fresh(linux, dest, tmp_path, capsys, "x86")
    assert install(linux, dest, capsys, "x86").rstrip().endswith(FAST)


def test_another_request_is_not_up_to_date(legacy, tmp_path, capsys, monkeypatch):
    dest = tmp_path / "usr"
    install(legacy, dest, capsys, "i386")
    assert FAST not in install(legacy, dest, capsys, "s390")          # another arch
    assert_like_fresh(legacy, dest, tmp_path, capsys, "s390")
    # merge/gen output in O/include (the overlay) appearing: another request
    monkeypatch.chdir(tmp_path)
    assert install(legacy, dest, capsys, "s390").rstrip().endswith(FAST)
    (tmp_path / "build/include").mkdir(parents=True)
    # a build/ that no hdrtool run of this tree made is not its overlay
    assert install(legacy, dest, capsys, "s390").rstrip().endswith(FAST)
    from hdrtool.core.srctree import claim
    claim(str(tmp_path / "build"), str(legacy))      # as merge/gen O=build record it
    assert FAST not in install(legacy, dest, capsys, "s390")


def test_warnings_are_repeated_on_a_noop(linux, tmp_path, capsys):
    p = linux / "arch/x86/include/uapi/asm/baz.h"        # also a generic-y wrapper
    p.write_text(header("_ASM_X86_BAZ_H"))
    age(linux)
    dest = tmp_path / "usr"
    first = install(linux, dest, capsys, "x86")
    second = install(linux, dest, capsys, "x86")
    assert second.rstrip().endswith(FAST)
    warn = [l for l in first.splitlines() if "duplicated header export" in l]
    assert warn and warn == [l for l in second.splitlines() if "duplicated header export" in l]


# --------------------------------------------------------------------------
# Racy paths, and what is trusted.
# --------------------------------------------------------------------------

def test_racy_source_is_never_trusted(tmp_path, capsys):
    # A tree written just now: a same-size edit that keeps its mtime (a
    # coarse clock ticks rarely) must still be installed.
    tree = tmp_path / "legacy"
    shutil.copytree(GOLDEN / "legacy-i386" / "input", tree)
    shutil.copytree(REPO / "arch", tree / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    age(tree, time.time_ns())
    dest = tmp_path / "usr"
    install(tree, dest, capsys)
    p = tree / "include/asm-i386/ptrace.h"
    st = p.stat()
    data = p.read_bytes()
    i = data.index(b"long")
    p.write_bytes(data[:i] + b"LONG" + data[i + 4:])
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    err = install(tree, dest, capsys)
    assert FAST not in err
    assert b"LONG" in (dest / "include/asm/ptrace.h").read_bytes()


def test_touch_r_on_an_old_file_is_trusted_like_make(legacy, tmp_path, capsys):
    # The documented limit, kept visible: an aged file rewritten with the
    # same size and its old mtime put back is taken as unchanged.  This is
    # also the proof that the fast path really answers from stat alone.
    dest = tmp_path / "usr"
    install(legacy, dest, capsys)
    p = legacy / "include/asm-i386/ptrace.h"
    data = p.read_bytes()
    i = data.index(b"long")
    p.write_bytes(data[:i] + b"LONG" + data[i + 4:])
    os.utime(p, ns=(T0, T0))
    assert install(legacy, dest, capsys).rstrip().endswith(FAST)
    assert b"LONG" not in (dest / "include/asm/ptrace.h").read_bytes()


@pytest.mark.parametrize("damage", ["garbage", "no-deps", "other-format", "missing"])
def test_unusable_manifest_means_a_full_run(damage, legacy, tmp_path, capsys):
    dest = tmp_path / "usr"
    install(legacy, dest, capsys)
    m = dest / "include" / MANIFEST
    doc = json.loads(m.read_text())
    if damage == "garbage":
        m.write_bytes(b"{not json")
    elif damage == "no-deps":          # as an older hdrtool wrote it
        del doc["deps"]
        m.write_text(json.dumps(doc))
    elif damage == "other-format":
        doc["format"] = "hdrtool-headers-install/0"
        m.write_text(json.dumps(doc))
    else:
        m.unlink()
    assert uptodate.check(dest / "include", doc["request"]) is None
    assert FAST not in install(legacy, dest, capsys)
    assert_like_fresh(legacy, dest, tmp_path, capsys)
    assert install(legacy, dest, capsys).rstrip().endswith(FAST)
