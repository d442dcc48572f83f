"""An in-place merge in git is all or nothing, on a throwaway repository made
from the bundled tree: anything git would refuse is found before the first
move, and a failure after it puts the tree and the index back exactly."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hdrtool.cli import main

REPO = Path(__file__).resolve().parent.parent


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    r = tmp_path / "repo"
    for top in ("include", "arch"):
        shutil.copytree(REPO / top, r / top)
    _git(r, "init", "-q")
    _git(r, "add", "-A")
    _git(r, "commit", "-qm", "pre-merge")
    return r


def state(repo: Path) -> tuple:
    """Everything a failed merge must leave as it was: every file's bytes and
    mode, the index file's bytes, and what git status says."""
    files = {p.relative_to(repo).as_posix(): (p.read_bytes(), p.stat().st_mode)
             for p in sorted(repo.rglob("*")) if p.is_file() and ".git" not in p.parts}
    dirs = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*")
                  if p.is_dir() and ".git" not in p.parts)
    return files, dirs, (repo / ".git/index").read_bytes(), _git(repo, "status", "--porcelain")


def run(capsys, *args) -> tuple:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def _dirty(repo: Path) -> None:
    """A --force run's tree: an untracked file elsewhere, a staged and an
    unstaged change."""
    (repo / "include/linux/untracked.h").write_bytes(b"/* mine */\n")
    (repo / "include/asm-i386/page.h").write_bytes(
        (repo / "include/asm-i386/page.h").read_bytes() + b"/* staged */\n")
    _git(repo, "add", "include/asm-i386/page.h")
    p = repo / "include/asm-x86_64/page.h"
    p.write_bytes(p.read_bytes() + b"/* unstaged */\n")


def test_untracked_file_in_an_old_dir_is_refused_before_anything_moves(repo, capsys):
    _dirty(repo)
    (repo / "include/asm-i386/notes.h").write_bytes(b"/* not in git */\n")
    before = state(repo)
    rc, out, err = run(capsys, "-C", str(repo), "merge", "--in-place", "--force")
    assert rc == 2
    assert f"hdrtool: error: {repo}/include/asm-i386/notes.h: not tracked by git" in err
    assert state(repo) == before


def test_a_failure_midway_puts_tree_and_index_back(repo, capsys, monkeypatch):
    import hdrtool.merge.execute as mx
    _dirty(repo)
    before = state(repo)
    real, calls = mx._git, []

    def failing(srctree, *args):
        if args[0] == "mv":
            calls.append(args)
            if len(calls) == 20:
                raise mx.InputError("git mv failed: injected", srctree)
        return real(srctree, *args)

    monkeypatch.setattr(mx, "_git", failing)
    rc, out, err = run(capsys, "-C", str(repo), "merge", "--in-place", "--force")
    assert rc == 2 and "injected" in err and len(calls) == 20
    assert state(repo) == before


def test_a_lost_file_after_all_moves_puts_everything_back(repo, capsys, monkeypatch):
    import hdrtool.merge.execute as mx
    from hdrtool.core.errors import Diagnostic
    before = state(repo)
    monkeypatch.setattr(mx, "check_nothing_lost", lambda *a: [
        Diagnostic("include/asm-i386/page.h", None, "error", "merge-lost", "injected")])
    rc, out, err = run(capsys, "-C", str(repo), "merge", "--in-place")
    assert rc == 2 and "injected" in err
    assert state(repo) == before


def test_the_clean_merge_still_works_and_leaves_no_backup(repo, capsys):
    import tempfile
    backups = lambda: {p for p in Path(tempfile.gettempdir()).iterdir()  # noqa: E731
                       if p.name.startswith("hdrtool-merge-backup-")}
    had = backups()
    rc, out, err = run(capsys, "-C", str(repo), "merge", "--in-place")
    assert rc == 0, err
    assert (repo / "include/asm-x86").is_dir() and not (repo / "include/asm-i386").exists()
    assert _git(repo, "status", "--porcelain").strip() != ""      # staged, for the user to commit
    assert backups() <= had
