"""The executor writes only what the merge changes and hard-links the rest.

An output that is an input file unchanged (a moved only32 header, every
file outside the old directories that names neither of them) is a hard link
to the file that was read; the nothing-lost audit accepts a link only when
it is that very file (same device and inode) unchanged since it was read
(same size and mtime), and reads back everything else.  The bytes of O are
the same either way (``link=False`` writes every file).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from hdrtool.core.errors import InputError
from hdrtool.merge.execute import MergeConflict, load_input, write_objdir
from hdrtool.merge.plan import plan_merge

from merge_helpers import make_tree, x86


def _tree_bytes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def merged(tmp_path):
    src = make_tree(tmp_path / "src")
    inp = load_input(src, x86())
    plan = plan_merge(inp)
    write_objdir(plan, inp, tmp_path / "o")
    return src, inp, plan, tmp_path / "o"


def _same_file(a: Path, b: Path) -> bool:
    sa, sb = a.stat(), b.stat()
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def test_unchanged_outputs_are_links_and_changed_ones_are_new_files(merged):
    src, inp, plan, o = merged
    unchanged = [out for out in plan.outputs.values() if out.data is None and not out.edits]
    changed = [out for out in plan.outputs.values() if out.data is not None or out.edits]
    assert unchanged and changed
    for out in unchanged:
        assert _same_file(o / out.path, src / out.origin), out.path
    for out in changed:
        assert not any(_same_file(o / out.path, src / p) for p in inp.files), out.path
    # the ones this tree is made to have, by name
    assert _same_file(o / "include/asm-x86/vsyscall.h", src / "include/asm-x86_64/vsyscall.h")
    assert _same_file(o / "include/asm-x86/mach-default/apm.h",
                      src / "include/asm-i386/mach-default/apm.h")
    assert not _same_file(o / "include/linux/foo.h", src / "include/linux/foo.h")


def test_linking_and_writing_give_the_same_bytes(merged, tmp_path):
    src, inp, plan, o = merged
    write_objdir(plan, inp, tmp_path / "copied", link=False)
    assert _tree_bytes(o) == _tree_bytes(tmp_path / "copied")
    assert not any(_same_file(tmp_path / "copied" / out.path, src / out.origin)
                   for out in plan.outputs.values() if out.origin)


def test_a_source_file_changed_after_it_was_read_is_caught(tmp_path):
    # the link is the changed file: the audit sees its identity is not the
    # one it read, reads it back, and finds the bytes are not the planned ones
    src = make_tree(tmp_path / "src")
    inp = load_input(src, x86())
    plan = plan_merge(inp)
    victim = src / "include/asm-x86_64/vsyscall.h"
    victim.write_bytes(victim.read_bytes() + b"/* edited while merging */\n")
    with pytest.raises(MergeConflict) as exc:
        write_objdir(plan, inp, tmp_path / "o")
    assert exc.value.path == "include/asm-x86_64/vsyscall.h"
    assert "include/asm-x86/vsyscall.h does not hold this file's bytes" in str(exc.value)
    assert not (tmp_path / "o" / "include").exists()      # nothing written


def test_a_source_file_replaced_by_the_same_bytes_is_read_back_and_accepted(tmp_path,
                                                                           monkeypatch):
    # same bytes, but another file (a new inode): not the file that was read,
    # so the audit reads it back instead of trusting the link, and its bytes
    # are the planned ones
    src = make_tree(tmp_path / "src")
    inp = load_input(src, x86())
    plan = plan_merge(inp)
    victim = src / "include/asm-x86_64/vsyscall.h"
    data = victim.read_bytes()
    victim.unlink()
    victim.write_bytes(data)
    import hdrtool.merge.execute as mx
    read = []
    real = mx._read_or_none
    monkeypatch.setattr(mx, "_read_or_none", lambda p: read.append(str(p)) or real(p))
    write_objdir(plan, inp, tmp_path / "o")
    assert (tmp_path / "o/include/asm-x86/vsyscall.h").read_bytes() == data
    assert any(p.endswith("/include/asm-x86/vsyscall.h") for p in read)
    # a link that is the file read is not read back
    assert not any(p.endswith("/include/asm-x86/mach-default/apm.h") for p in read)


def test_a_file_that_cannot_be_linked_is_written(tmp_path, monkeypatch):
    # a link refused (EMLINK, EPERM under fs.protected_hardlinks, a file
    # system without links) cannot be arranged in a temporary directory;
    # os.link fails the way the kernel does instead, for every file
    src = make_tree(tmp_path / "src")
    inp = load_input(src, x86())
    plan = plan_merge(inp)
    write_objdir(plan, inp, tmp_path / "want", link=False)
    calls = []

    def refused(*args, **kw):
        calls.append(args)
        raise OSError(errno.EMLINK, os.strerror(errno.EMLINK))

    monkeypatch.setattr(os, "link", refused)
    write_objdir(plan, inp, tmp_path / "o")
    assert len(calls) == sum(1 for o in plan.outputs.values() if o.data is None and not o.edits)
    assert _tree_bytes(tmp_path / "o") == _tree_bytes(tmp_path / "want")


def test_a_file_on_another_file_system_is_written_without_trying_a_link(tmp_path,
                                                                        monkeypatch):
    # O on another file system than the tree cannot be arranged in one
    # temporary directory either: the input says its files' device is another
    import dataclasses
    src = make_tree(tmp_path / "src")
    inp = load_input(src, x86())
    other = {p: (st[0] + 1,) + st[1:] for p, st in inp.stats.items()}
    inp = dataclasses.replace(inp, stats=other)
    plan = plan_merge(inp)
    monkeypatch.setattr(os, "link", lambda *a, **k: pytest.fail("link tried across devices"))
    write_objdir(plan, inp, tmp_path / "o")
    monkeypatch.undo()
    write_objdir(plan, inp, tmp_path / "want", link=False)
    assert _tree_bytes(tmp_path / "o") == _tree_bytes(tmp_path / "want")


def test_another_link_error_is_bad_input_and_writes_nothing(tmp_path, monkeypatch):
    src = make_tree(tmp_path / "src")
    inp = load_input(src, x86())
    plan = plan_merge(inp)

    def enospc(*args, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), args[1])

    monkeypatch.setattr(os, "link", enospc)
    with pytest.raises(InputError) as exc:
        write_objdir(plan, inp, tmp_path / "o")
    assert "cannot write the merged tree: No space left on device" in str(exc.value)
    assert not (tmp_path / "o" / "include").exists()


# ---------------------------------------------------------------- --in-place

def _git(repo: Path, *args: str) -> str:
    import subprocess
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    src = make_tree(tmp_path / "repo")
    _git(src, "init", "-q")
    _git(src, "add", "-A")
    _git(src, "commit", "-qm", "pre-merge")
    return src


def _state(repo: Path) -> tuple:
    files = {p.relative_to(repo).as_posix(): (p.read_bytes(), p.stat().st_mode)
             for p in sorted(repo.rglob("*")) if p.is_file() and ".git" not in p.parts}
    return files, (repo / ".git/index").read_bytes(), _git(repo, "status", "--porcelain")


def test_in_place_audit_reads_back_a_moved_file_that_is_no_longer_the_one_read(
        repo, monkeypatch):
    # the moves are renames (same inode, mtime): the audit takes a moved file's
    # identity as proof; one replaced after the moves is not the file read, is
    # read back, fails, and the backup (hard links of the original files)
    # puts the tree and the index back exactly
    import hdrtool.merge.execute as mx
    before = _state(repo)
    inp = load_input(repo, x86())
    plan = plan_merge(inp)
    real = mx._git_apply

    def apply_then_replace(plan, inp, srctree):
        real(plan, inp, srctree)
        moved = srctree / "include/asm-x86/vsyscall.h"
        data = moved.read_bytes()
        moved.unlink()
        moved.write_bytes(data + b"/* not the file that was read */\n")

    monkeypatch.setattr(mx, "_git_apply", apply_then_replace)
    with pytest.raises(MergeConflict) as exc:
        mx.write_in_place(plan, inp, repo)
    assert "include/asm-x86/vsyscall.h does not hold this file's bytes" in str(exc.value)
    assert _state(repo) == before


def test_in_place_merge_gives_the_index_of_one_git_mv_per_file(repo, tmp_path):
    # files keeping their name move in one git mv per directory; the index
    # is the one a git mv per file gives (same tree), renames recorded
    import hdrtool.merge.execute as mx
    inp = load_input(repo, x86())
    plan = plan_merge(inp)
    mx.write_in_place(plan, inp, repo)
    status = _git(repo, "status", "--porcelain")
    assert "R  include/asm-x86_64/vsyscall.h -> include/asm-x86/vsyscall.h" in status
    assert "R  include/asm-i386/mach-default/apm.h -> include/asm-x86/mach-default/apm.h" \
        in status
    tree = _git(repo, "write-tree").strip()
    # the same merge by one git mv per moved file, by hand
    ref = make_tree(tmp_path / "ref")
    _git(ref, "init", "-q")
    _git(ref, "add", "-A")
    _git(ref, "commit", "-qm", "pre-merge")
    old = ("include/asm-i386/", "include/asm-x86_64/")
    for out in plan.outputs.values():
        if out.rename and out.origin != out.path and out.origin.startswith(old):
            (ref / out.path).parent.mkdir(parents=True, exist_ok=True)
            _git(ref, "mv", "--", out.origin, out.path)
    _git(ref, "rm", "-q", "--", *[d.path for d in plan.drops])
    for out in plan.outputs.values():
        if out.data is not None or out.edits:
            (ref / out.path).write_bytes(plan.render(out, inp.files))
            _git(ref, "add", "--", out.path)
    assert _git(ref, "write-tree").strip() == tree


def test_copying_a_tree_onto_an_o_of_links_to_it_is_no_error(merged):
    # merge_into copies a tree that is merged already into O as it is; onto
    # an O whose files are links to that tree's own files (an earlier merge
    # of it made them), such a file is already itself: not an error
    from hdrtool.merge.execute import copy_top
    src, inp, plan, o = merged
    copy_top(src / "include", o / "include")
    for rel, data in _tree_bytes(src / "include").items():
        assert (o / "include" / rel).read_bytes() == data, rel


def test_in_place_rollback_puts_back_a_replaced_top_level_file(repo, monkeypatch):
    # the Makefile gets the SRCARCH block (replaced by rename); a failure
    # after that links the backed-up original back over the new one, and
    # COPYING, which is still the file backed up, is left as it is
    import hdrtool.merge.execute as mx
    (repo / "Makefile").write_bytes(b"VERSION = 2\nARCH ?= i386\nUTS_MACHINE := $(ARCH)\n")
    (repo / "COPYING").write_bytes(b"kept as it is\n")   # a top-level file the merge keeps
    _git(repo, "add", "Makefile", "COPYING")
    _git(repo, "commit", "-qm", "a Makefile")
    before = _state(repo)
    inp = load_input(repo, x86())
    plan = plan_merge(inp)
    assert plan.outputs["Makefile"].edits                 # the merge changes it
    real = mx._git_apply

    def apply_then_fail(plan, inp, srctree):
        real(plan, inp, srctree)
        assert b"SRCARCH" in (srctree / "Makefile").read_bytes()
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(srctree / "Makefile"))

    monkeypatch.setattr(mx, "_git_apply", apply_then_fail)
    with pytest.raises(OSError):
        mx.write_in_place(plan, inp, repo)
    assert _state(repo) == before
