"""Golden cases for ``hdrtool headers_install``: tests/golden/headers_install/<case>/.

A case directory holds:
  input/        a source tree (only include/; arch/ is the repository's), or
  input.ref     the name of another case whose input/ to use, or "@repo" for the
                bundled tree itself (used read-only, in place);
  args          the command line after ``hdrtool -C $TREE`` ($DEST = INSTALL_HDR_PATH);
  setup         optional lines ``file PATH``: create PATH as a plain file first;
  requires      optional tree-relative paths that must exist, else the case is
                skipped loudly (for the bundled tree while parts of it are missing);
  expected/     the installed include/ tree (without the manifest), when rc is 0;
  expected.err  stderr, with $TREE and $DEST for the temporary paths;
  expected.rc   exit status.
A case that fails must leave no output at all (no partial install).

Regenerate after a reviewed change: python3 tests/regen.py tests/test_install_golden.py
(and look at the diff before committing it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hdrtool.cli import main
from hdrtool.install.installer import MANIFEST

from goldens import expect, expect_tree

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "headers_install"
REPO = HERE.parent

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "args").is_file())


def tree_files(root: Path) -> dict:
    """posix relative path -> bytes of every file below root (manifest excluded)."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = Path(dirpath) / n
            rel = p.relative_to(root).as_posix()
            if rel != MANIFEST:
                out[rel] = p.read_bytes()
    return out


def run_cli(args, capsys) -> tuple:
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    cap = capsys.readouterr()
    return exc.value.code, cap.out, cap.err


def _input_ref(case: Path) -> str:
    ref = case / "input.ref"
    return ref.read_text().strip() if ref.is_file() else ""


def _prepare(case: Path, tmp: Path) -> tuple:
    ref = _input_ref(case)
    if ref == "@repo":
        tree = REPO
    else:
        tree = tmp / "tree"
        shutil.copytree(GOLDEN / ref / "input" if ref else case / "input", tree)
        if not (tree / "arch").exists():
            shutil.copytree(REPO / "arch", tree / "arch",
                            ignore=shutil.ignore_patterns("*.c", "mm"))
    dest = tmp / "dest"
    subst = {"$TREE": str(tree), "$DEST": str(dest)}
    if (case / "setup").is_file():
        for line in (case / "setup").read_text().splitlines():
            kind, path = line.split()
            path = Path(_expand(path, subst))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("i am a file\n")
    args = [_expand(w, subst) for w in (case / "args").read_text().split()]
    return tree, dest, subst, ["-C", str(tree)] + args


def _expand(word: str, subst: dict) -> str:
    for k, v in subst.items():
        word = word.replace(k, v)
    return word


def _unexpand(text: str, subst: dict) -> str:
    for k, v in sorted(subst.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(v, k)
    return text


@pytest.mark.parametrize("name", CASES)
def test_golden(name, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)          # the default O=build must not be the repository's
    case = GOLDEN / name
    if (case / "requires").is_file() and _input_ref(case) == "@repo":
        missing = [r for r in (case / "requires").read_text().split() if not (REPO / r).exists()]
        assert not missing, f"the bundled tree lost {', '.join(missing)}"
    tree, dest, subst, argv = _prepare(case, tmp_path)
    before = tree_files(dest) if dest.is_dir() else None
    rc, out, err = run_cli(argv, capsys)
    err = _unexpand(err, subst)
    got = tree_files(dest / "include") if rc == 0 else None
    expect(case / "expected.rc", f"{rc}\n")
    expect(case / "expected.err", err)
    expect_tree(case / "expected", got, tree_files)
    if rc == 0:
        assert (dest / "include" / MANIFEST).is_file()
    else:
        # no partial output: the destination is as it was before the run
        after = tree_files(dest) if dest.is_dir() else None
        assert after == before
