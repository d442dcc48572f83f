"""An output directory belongs to the source tree that made it.

merge, gen, validate and all record their tree in O/.hdrtool-srctree.  A
``build/`` in the current directory made from another tree (for instance
the checkout's own ``build/`` after ``hdrtool all``) is not the overlay of
the tree at hand: ignored as the default O, refused as an explicit one.
"""

from __future__ import annotations

import shutil

from hdrtool.core.srctree import OWNER, claim

from golden_cases import INSTALL_GOLDEN as GOLDEN, REPO, run_cli, tree_files


def _tree(root):
    shutil.copytree(GOLDEN / "legacy-i386" / "input", root)
    shutil.copytree(REPO / "arch", root / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    return root


def _foreign_build(cwd, other):
    """What `hdrtool all` of ``other`` leaves in cwd/build: a merged asm-x86
    whose Kbuild names headers this tree does not have."""
    merged = cwd / "build/include/asm-x86"
    merged.mkdir(parents=True)
    (merged / "Kbuild").write_text("include $(srctree)/include/asm-generic/Kbuild.asm\n"
                                   "header-y += auxvec.h\n")
    claim(str(cwd / "build"), str(other))


def test_foreign_default_build_is_ignored(tmp_path, capsys, monkeypatch):
    tree = _tree(tmp_path / "tree")
    _foreign_build(tmp_path, REPO)
    monkeypatch.chdir(tmp_path)
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=i386",
                            f"INSTALL_HDR_PATH={tmp_path / 'usr'}"], capsys)
    assert rc == 0, err
    assert tree_files(tmp_path / "usr/include") == tree_files(GOLDEN / "legacy-i386/expected")


def test_foreign_explicit_build_is_refused(tmp_path, capsys, monkeypatch):
    tree = _tree(tmp_path / "tree")
    _foreign_build(tmp_path, REPO)
    monkeypatch.chdir(tmp_path)
    for args in (["headers_install", "ARCH=i386", f"INSTALL_HDR_PATH={tmp_path / 'usr'}",
                  "O=build"],
                 ["merge", "O=build"], ["gen", "pgalloc", "O=build"], ["gen", "--check", "O=build"]):
        rc, out, err = run_cli(["-C", tree, *args], capsys)
        assert rc == 2, (args, err)
        assert f"{tmp_path / 'build'}: output directory was made from another source tree " \
               f"({REPO}, not {tree})" in err, args
    assert not (tmp_path / "usr").exists()
    assert sorted(p.name for p in (tmp_path / "build/include").iterdir()) == ["asm-x86"]


def test_merge_claims_its_output(tmp_path, capsys):
    tree = _tree(tmp_path / "tree")
    from merge_helpers import make_tree
    src = make_tree(tmp_path / "src")
    rc, _, err = run_cli(["-C", src, "merge", f"O={tmp_path / 'out'}"], capsys)
    assert rc == 0, err
    assert (tmp_path / "out" / OWNER).read_text() == f"{src}\n"
    # another tree's merge into the same O is refused, and the O is left alone
    before = tree_files(tmp_path / "out")
    rc, _, err = run_cli(["-C", tree, "merge", f"O={tmp_path / 'out'}"], capsys)
    assert rc == 2 and "made from another source tree" in err
    assert tree_files(tmp_path / "out") == before
