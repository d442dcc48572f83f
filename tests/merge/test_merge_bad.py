"""Bad input to hdrtool merge: a clear error, exit 2, nothing written.

Each case is a directory tests/golden/merge/bad/<case>/ holding
``expected.err`` (the tree's path written ``$TREE``) and ``expected.rc``,
which must hold for all three ways to run (``O=``, ``--in-place``,
``--dry-run``); the broken tree itself is made by the function of the same
name below (symlink loops and unreadable files do not live well in git).
Regenerate with python3 tests/regen.py tests/test_merge_bad.py
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from hdrtool.cli import main

from goldens import expect
from merge_helpers import make_tree

BAD = Path(__file__).parent.parent / "golden" / "merge" / "bad"


def collision(t: Path) -> None:
    (t / "include/asm-i386/page_32.h").write_bytes(b"/* an older page_32.h */\n")


def unreadable(t: Path) -> None:
    # readable by nobody, root included: reading /proc/self/mem at 0 is EIO
    (t / "include/asm-x86_64/mem.h").symlink_to("/proc/self/mem")


def symlink_loop(t: Path) -> None:
    (t / "include/asm-i386/mach-default/loop").symlink_to("..", target_is_directory=True)


def only_one_dir(t: Path) -> None:
    import shutil
    shutil.rmtree(t / "include/asm-x86_64")


def kbuild_unknown(t: Path) -> None:
    (t / "include/asm-x86_64/Kbuild").write_bytes(b"header-y += a.h\nEXPORTS := b.h\n")


def stub_loop(t: Path) -> None:
    (t / "include/asm-i386/loop.h").write_bytes(b"#include <asm-x86_64/loop.h>\n")
    (t / "include/asm-x86_64/loop.h").write_bytes(b"#include <asm-i386/loop.h>\n")


def partly_merged(t: Path) -> None:
    (t / "include/asm-x86").mkdir()
    (t / "include/asm-x86/page.h").write_bytes(b"\n")


def kbuild_syntax(t: Path) -> None:
    (t / "include/asm-x86_64/Kbuild").write_bytes(b"header-y += a.h\nall: b.h\n")


def dangling_link(t: Path) -> None:
    (t / "include/linux/nowhere.h").symlink_to("does-not-exist.h")


CASES = [collision, unreadable, symlink_loop, stub_loop, partly_merged, kbuild_syntax,
         kbuild_unknown, dangling_link, only_one_dir]


def _snapshot(root: Path) -> dict:
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(dirpath) / name
            out[str(p.relative_to(root))] = (p.is_symlink(), os.readlink(p) if p.is_symlink()
                                             else hashlib.sha256(p.read_bytes()).hexdigest()
                                             if p.is_file() and not name.startswith("mem") else "")
        dirs[:] = [d for d in dirs if not (Path(dirpath) / d).is_symlink()]
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("mode", ["objdir", "in-place", "dry-run"])
def test_bad_input(case, mode, tmp_path, capsys):
    tree = make_tree(tmp_path / "src")
    case(tree)
    out = tmp_path / "out"
    before = _snapshot(tree)
    extra = {"objdir": [f"O={out}"], "in-place": ["--in-place"], "dry-run": ["--dry-run"]}[mode]
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(tree), "merge", *extra])
    _, err = capsys.readouterr()
    err = err.replace(str(tree), "$TREE")
    gold = BAD / case.__name__
    # every mode gives the same message and status
    expect(gold / "expected.err", err)
    expect(gold / "expected.rc", f"{exc.value.code}\n")
    assert exc.value.code == 2
    assert not out.exists(), "nothing written"
    assert _snapshot(tree) == before, "source tree untouched"
