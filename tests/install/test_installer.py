"""The install executor: incremental writes, the manifest, stale files, atomicity."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from hdrtool.core.errors import InputError
from hdrtool.install.plan import plan_install
from hdrtool.install.installer import MANIFEST, MANIFEST_FORMAT, install
from hdrtool.core.kbuild import legacy_exports

from golden_cases import INSTALL_GOLDEN as GOLDEN, REPO, tree_files

BASE = GOLDEN / "legacy-i386" / "input"


@pytest.fixture
def tree(tmp_path) -> Path:
    t = tmp_path / "tree"
    shutil.copytree(BASE, t)
    shutil.copytree(REPO / "arch", t / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    return t


def mtimes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns
            for p in root.rglob("*") if p.is_file()}


def test_export_list_is_reusable(tree):
    # The legacy export list, as headers_check / validate would ask for it.
    exports = {e.dst: e for e in legacy_exports(tree, "asm-i386")}
    assert sorted(exports) == [
        "asm-generic/errno-base.h", "asm-generic/fcntl.h", "asm/errno.h", "asm/ptrace-abi.h",
        "asm/ptrace.h", "asm/types.h", "asm/unistd.h", "linux/kernel.h",
        "linux/netfilter/nf_conntrack_common.h", "linux/types.h"]
    assert exports["asm/unistd.h"].unifdef            # unifdef-y wins over header-y
    assert not exports["asm/ptrace-abi.h"].unifdef
    assert exports["asm/types.h"].kbuild == "include/asm-generic/Kbuild.asm"
    assert exports["asm/types.h"].src == "include/asm-i386/types.h"


def test_noop_rewrites_nothing(tree, tmp_path):
    dest = tmp_path / "usr"
    first = install(plan_install(tree, "i386"), dest)
    assert len(first.written) == 10 and first.manifest_written
    before = mtimes(dest)
    again = install(plan_install(tree, "i386"), dest)
    assert again.written == [] and again.removed == [] and not again.manifest_written
    assert len(again.unchanged) == 10
    assert mtimes(dest) == before


def test_changed_source_rewrites_only_that_file(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    before = mtimes(dest / "include")
    src = tree / "include/asm-i386/ptrace-abi.h"
    src.write_bytes(src.read_bytes() + b"#define NEW 1\n")
    res = install(plan_install(tree, "i386"), dest)
    assert res.written == ["asm/ptrace-abi.h"]
    after = mtimes(dest / "include")
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {"asm/ptrace-abi.h", MANIFEST}
    assert (dest / "include/asm/ptrace-abi.h").read_bytes().endswith(b"#define NEW 1\n")


def test_touched_source_with_same_output_is_not_rewritten(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    before = mtimes(dest / "include")
    os.utime(tree / "include/linux/types.h", ns=(1, 1))
    res = install(plan_install(tree, "i386"), dest)
    assert res.written == [] and "linux/types.h" in res.unchanged
    after = mtimes(dest / "include")
    assert {k for k in after if after[k] != before[k]} == {MANIFEST}


def test_edited_install_is_repaired(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    good = (dest / "include/asm/types.h").read_bytes()
    (dest / "include/asm/types.h").write_bytes(b"garbage\n")
    res = install(plan_install(tree, "i386"), dest)
    assert res.written == ["asm/types.h"]
    assert (dest / "include/asm/types.h").read_bytes() == good


def test_stale_files_removed_foreign_files_kept(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    foreign = dest / "include/linux/netfilter/local.h"
    foreign.write_bytes(b"mine\n")
    (dest / "include/mine.txt").write_bytes(b"mine too\n")
    kb = tree / "include/linux/Kbuild"
    kb.write_text(kb.read_text().replace("header-y += netfilter/\n", ""))
    res = install(plan_install(tree, "i386"), dest)
    assert res.removed == ["linux/netfilter/nf_conntrack_common.h"]
    assert foreign.read_bytes() == b"mine\n"            # never touched
    assert (dest / "include/mine.txt").is_file()
    manifest = json.loads((dest / "include" / MANIFEST).read_text())
    assert manifest["format"] == MANIFEST_FORMAT
    assert "linux/netfilter/nf_conntrack_common.h" not in manifest["files"]
    assert foreign.parent.is_dir()                       # still holds the foreign file


def test_a_stale_file_edited_since_the_install_is_kept_with_a_warning(tree, tmp_path):
    # removing it anyway (no check of its size and mtime against the
    # manifest) left the default suite green
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    edited = dest / "include/linux/netfilter/nf_conntrack_common.h"
    edited.write_bytes(edited.read_bytes() + b"/* my note */\n")
    kb = tree / "include/linux/Kbuild"
    kb.write_text(kb.read_text().replace("header-y += netfilter/\n", ""))
    res = install(plan_install(tree, "i386"), dest)
    assert res.removed == []
    assert edited.read_bytes().endswith(b"/* my note */\n")
    assert [(d.path, d.severity, d.code) for d in res.diagnostics] == [
        (str(edited), "warning", "stale-modified")]
    manifest = json.loads((dest / "include" / MANIFEST).read_text())
    assert "linux/netfilter/nf_conntrack_common.h" not in manifest["files"]


def test_directory_emptied_by_removal_goes(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    kb = tree / "include/linux/Kbuild"
    kb.write_text(kb.read_text().replace("header-y += netfilter/\n", ""))
    install(plan_install(tree, "i386"), dest)
    assert not (dest / "include/linux/netfilter").exists()
    assert (dest / "include/linux/types.h").is_file()


def test_switching_arch_removes_the_other_archs_files(tree, tmp_path):
    dest = tmp_path / "usr"
    (tree / "include/asm-s390/s390only.h").write_bytes(b"#define S390 1\n")
    kb = tree / "include/asm-s390/Kbuild"
    kb.write_text(kb.read_text() + "header-y += s390only.h\n")
    install(plan_install(tree, "s390"), dest)
    assert (dest / "include/asm/s390only.h").is_file()
    res = install(plan_install(tree, "i386"), dest)
    assert res.removed == ["asm/s390only.h"]
    assert tree_files(dest / "include") == tree_files(GOLDEN / "legacy-i386" / "expected")


def test_failure_leaves_previous_install_intact(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    before = tree_files(dest)
    stamps = mtimes(dest)
    # one good change and one broken file: nothing of the run may land
    (tree / "include/asm-i386/types.h").write_bytes(b"#define CHANGED 1\n")
    (tree / "include/asm-i386/unistd.h").write_bytes(b"#ifdef __KERNEL__\nint x;\n")
    with pytest.raises(InputError) as exc:
        install(plan_install(tree, "i386"), dest)
    assert exc.value.path == "include/asm-i386/unistd.h"
    assert tree_files(dest) == before and mtimes(dest) == stamps
    assert not [p for p in dest.rglob("*") if "hdrtool-tmp" in p.name]


def test_write_failure_cleans_up(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    before = tree_files(dest)
    # a new header whose directory cannot be created (a file is in the way)
    (tree / "include/linux/Kbuild").write_text("header-y += kernel.h\nheader-y += netfilter/\n"
                                               "unifdef-y += types.h\nheader-y += sub/\n")
    (tree / "include/linux/sub").mkdir()
    (tree / "include/linux/sub/Kbuild").write_text("header-y += x.h\n")
    (tree / "include/linux/sub/x.h").write_text("#define X 1\n")
    (dest / "include/linux/sub").write_text("in the way\n")
    (tree / "include/asm-i386/types.h").write_bytes(b"#define CHANGED 1\n")
    with pytest.raises(InputError, match="not a directory"):
        install(plan_install(tree, "i386"), dest)
    after = tree_files(dest)
    assert after == {**before, "include/linux/sub": b"in the way\n"}
    assert not [p for p in dest.rglob("*") if "hdrtool-tmp" in p.name]


def test_unwritable_destination(tree, tmp_path):
    if os.geteuid() == 0:
        dest = Path("/proc/hdrtool-cannot-write-here")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        dest = ro / "usr"
    with pytest.raises(InputError) as exc:
        install(plan_install(tree, "i386"), dest)
    assert exc.value.path is not None
    assert not dest.exists()


def test_parallel_equals_serial(tree, tmp_path, monkeypatch):
    import hdrtool.install.installer as installer
    monkeypatch.setattr(installer, "PARALLEL_MIN", 1)
    install(plan_install(tree, "i386"), tmp_path / "a", jobs=1)
    install(plan_install(tree, "i386"), tmp_path / "b", jobs=2)
    assert tree_files(tmp_path / "a/include") == tree_files(tmp_path / "b/include")


def test_parallel_error_keeps_path_and_line(tree, tmp_path, monkeypatch):
    import hdrtool.install.installer as installer
    monkeypatch.setattr(installer, "PARALLEL_MIN", 1)
    (tree / "include/linux/kernel.h").write_bytes(b"/* SPDX-License-Identifier: GPL-2.0 */\n")
    with pytest.raises(InputError) as exc:
        install(plan_install(tree, "i386"), tmp_path / "a", jobs=2)
    assert (exc.value.path, exc.value.line) == ("include/linux/kernel.h", 1)
    assert not (tmp_path / "a").exists()


def test_tampered_manifest_cannot_delete_outside(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    victim = tmp_path / "victim.h"
    victim.write_bytes(b"keep me\n")
    mpath = dest / "include" / MANIFEST
    doc = json.loads(mpath.read_text())
    st = victim.stat()
    doc["files"]["../../victim.h"] = [st.st_size, st.st_mtime_ns, "x"]
    mpath.write_text(json.dumps(doc))
    res = install(plan_install(tree, "i386"), dest)
    assert victim.read_bytes() == b"keep me\n"
    assert [d.code for d in res.diagnostics] == ["bad-manifest"]


# --------------------------------------------------------------------------
# A clean install (no include/ yet) is built in a staging directory and
# renamed into place; an update is staged too and switched in at once
# (tests/test_install_kill.py kills both at many points).
# --------------------------------------------------------------------------

def leftovers(root: Path) -> list:
    return [p for p in root.rglob("*") if "hdrtool-tmp" in p.name]


def test_staged_clean_install_equals_per_file_install(tree, tmp_path):
    staged, per_file = tmp_path / "a", tmp_path / "b"
    (per_file / "include").mkdir(parents=True)          # exists: the per-file path
    ra = install(plan_install(tree, "i386"), staged)
    rb = install(plan_install(tree, "i386"), per_file)
    assert tree_files(staged / "include") == tree_files(per_file / "include")
    assert len(tree_files(staged / "include")) == 10
    assert (ra.written, ra.unchanged, ra.removed) == (rb.written, rb.unchanged, rb.removed)
    assert ra.manifest_written and rb.manifest_written
    ma = json.loads((staged / "include" / MANIFEST).read_text())
    mb = json.loads((per_file / "include" / MANIFEST).read_text())
    assert {k: v[2] for k, v in ma["files"].items()} == {k: v[2] for k, v in mb["files"].items()}
    assert {k: v for k, v in ma.items() if k != "files"} == \
        {k: v for k, v in mb.items() if k != "files"}
    # the manifest holds what is on disk: the next run is a no-op
    for rel, (size, mtime, _) in ma["files"].items():
        st = (staged / "include" / rel).stat()
        assert (st.st_size, st.st_mtime_ns) == (size, mtime)
    again = install(plan_install(tree, "i386"), staged)
    assert again.written == [] and not again.manifest_written
    assert os.listdir(staged) == ["include"]


@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_staged_failure_midway_leaves_nothing(tree, tmp_path, monkeypatch, exc):
    import hdrtool.install.installer as installer
    real, calls = installer._write_new, []

    def failing(path, data, *args):
        calls.append(path)
        if len(calls) == 6:
            raise exc
        return real(path, data, *args)

    monkeypatch.setattr(installer, "_write_new", failing)
    dest = tmp_path / "deep" / "usr"
    with pytest.raises((InputError, KeyboardInterrupt)) as info:
        install(plan_install(tree, "i386"), dest)
    assert len(calls) == 6 and ".include.hdrtool-tmp" in calls[0]
    if isinstance(exc, OSError):
        assert "No space left" in info.value.message
        assert info.value.path == str(dest / "include" / plan_install(tree, "i386").items[5].dst)
    assert not (tmp_path / "deep").exists()          # nor the directories made for it


def test_staged_failure_keeps_an_existing_destination(tree, tmp_path, monkeypatch):
    import hdrtool.install.installer as installer
    dest = tmp_path / "usr"
    dest.mkdir()
    (dest / "foreign").write_bytes(b"not ours\n")
    monkeypatch.setattr(installer, "_write_new", lambda *a: (_ for _ in ()).throw(
        OSError(5, "Input/output error")))
    with pytest.raises(InputError, match="Input/output error"):
        install(plan_install(tree, "i386"), dest)
    assert os.listdir(dest) == ["foreign"]


def test_include_appearing_during_a_clean_install_is_not_touched(tree, tmp_path, monkeypatch):
    import hdrtool.install.installer as installer
    dest = tmp_path / "usr"
    real = installer._manifest_bytes

    def racing(plan, files):              # someone else fills include/ meanwhile
        (dest / "include").mkdir()
        (dest / "include" / "theirs.h").write_bytes(b"theirs\n")
        return real(plan, files)

    monkeypatch.setattr(installer, "_manifest_bytes", racing)
    with pytest.raises(InputError) as info:
        install(plan_install(tree, "i386"), dest)
    assert info.value.path == str(dest / "include")
    assert tree_files(dest) == {"include/theirs.h": b"theirs\n"}
    assert leftovers(dest) == []


def test_a_leftover_staging_directory_is_removed_by_the_next_run(tree, tmp_path):
    # a clean install killed before its rename: the stage holds only files of ours
    dest = tmp_path / "usr"
    old = dest / ".include.hdrtool-tmp999999"
    (old / "asm").mkdir(parents=True)
    (old / "asm" / "x.h").write_bytes(b"from a killed run\n")
    (dest / "mine").write_bytes(b"the user's\n")
    install(plan_install(tree, "i386"), dest)
    assert sorted(os.listdir(dest)) == ["include", "mine"]
    assert len(tree_files(dest / "include")) == 10


# --------------------------------------------------------------------------
# Never into the source tree, never over a file hdrtool did not write.
# --------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["tree", "tree/include", "tree/include/linux",
                                   "tree/arch/x86", "parent", "overlay"])
def test_install_into_the_source_tree_is_refused(tree, tmp_path, where):
    overlay = tmp_path / "build"
    (overlay / "include").mkdir(parents=True)
    if where == "parent":               # the install directory contains the tree
        shutil.move(tree, tmp_path / "usr/include/src")
        tree = tmp_path / "usr/include/src"
    dest = {"tree": tree, "tree/include": tree / "include",
            "tree/include/linux": tree / "include/linux", "tree/arch/x86": tree / "arch/x86",
            "parent": tmp_path / "usr", "overlay": overlay}[where]
    before = tree_files(tmp_path)
    with pytest.raises(InputError) as info:
        install(plan_install(tree, "i386"), dest, overlay=overlay)
    assert "source tree" in info.value.message
    assert tree_files(tmp_path) == before


def test_a_tree_subdirectory_outside_include_and_arch_is_allowed(tree):
    # the kernel's own default: INSTALL_HDR_PATH=$(objtree)/usr, inside an in-tree build
    res = install(plan_install(tree, "i386"), tree / "usr")
    assert len(res.written) == 10


def test_a_file_hdrtool_did_not_write_is_never_overwritten(tree, tmp_path):
    dest = tmp_path / "usr"
    (dest / "include/linux").mkdir(parents=True)
    (dest / "include/linux/types.h").write_bytes(b"the user's own\n")
    (dest / "include/linux/kernel.h").write_bytes(b"also theirs\n")
    before = tree_files(dest)
    with pytest.raises(InputError) as info:
        install(plan_install(tree, "i386"), dest)
    assert info.value.path == str(dest / "include/linux/kernel.h")
    assert "not installed by hdrtool" in info.value.message
    assert tree_files(dest) == before and not (dest / "include" / MANIFEST).exists()


def test_a_file_identical_to_the_export_is_adopted(tree, tmp_path):
    # e.g. over the kernel's own install: same bytes, nothing overwritten
    ref = tmp_path / "ref"
    install(plan_install(tree, "i386"), ref)
    dest = tmp_path / "usr"
    shutil.copytree(ref / "include", dest / "include",
                    ignore=shutil.ignore_patterns(MANIFEST))
    res = install(plan_install(tree, "i386"), dest)
    assert res.written == [] and len(res.unchanged) == 10 and res.manifest_written


# --------------------------------------------------------------------------
# One install at a time per INSTALL_HDR_PATH.
# --------------------------------------------------------------------------

def test_a_second_install_into_the_same_directory_stops(tree, tmp_path):
    # Two processes: the first holds the install's lock (as a running install does),
    # the second is a real `hdrtool headers_install` into the same directory.
    import subprocess
    import sys
    dest = tmp_path / "usr"
    dest.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from hdrtool.install.installer import _locked\n"
         f"with _locked({str(dest)!r}):\n    print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline() == "locked\n"
        second = subprocess.run([sys.executable, "-m", "hdrtool", "-C", str(tree),
                                 "headers_install", "ARCH=i386", f"INSTALL_HDR_PATH={dest}"],
                                capture_output=True, text=True, env=env, timeout=60)
        assert second.returncode == 2
        assert second.stderr == (f"hdrtool: error: {dest}: another hdrtool "
                                 "headers_install is writing to this directory (it holds "
                                 "the lock); run again when it has finished\n")
        assert os.listdir(dest) == []                      # nothing written
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0
    res = install(plan_install(tree, "i386"), dest)
    assert len(res.written) == 10 and os.listdir(dest) == ["include"]   # nothing of the lock's


def test_the_lock_leaves_no_trace(tree, tmp_path):
    dest = tmp_path / "usr"
    install(plan_install(tree, "i386"), dest)
    st = dest.stat()
    again = install(plan_install(tree, "i386"), dest)
    assert again.written == [] and os.listdir(dest) == ["include"]
    assert dest.stat().st_mtime_ns == st.st_mtime_ns        # a no-op does not touch it
