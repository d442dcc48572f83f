"""The headers_install target's own CLI behaviour: variables, defaults, V=1."""

from __future__ import annotations

import os
import shutil

import pytest

from test_install_golden import GOLDEN, REPO, run_cli, tree_files


@pytest.fixture
def tree(tmp_path):
    t = tmp_path / "tree"
    shutil.copytree(GOLDEN / "legacy-i386" / "input", t)
    shutil.copytree(REPO / "arch", t / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    return t


def test_default_install_path_is_objdir_usr(tree, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=s390", "O=out"], capsys)
    assert (rc, out, err) == (0, "", "")
    assert tree_files(tmp_path / "out/usr/include") == tree_files(GOLDEN / "legacy-s390/expected")


def test_option_and_make_variable_are_the_same(tree, tmp_path, capsys):
    rc1, _, _ = run_cli(["-C", tree, "headers_install", "--arch", "i386",
                         "--install-hdr-path", tmp_path / "a"], capsys)
    rc2, _, _ = run_cli(["-C", tree, "headers_install", "ARCH=i386",
                         f"INSTALL_HDR_PATH={tmp_path / 'b'}"], capsys)
    assert rc1 == rc2 == 0
    assert tree_files(tmp_path / "a/include") == tree_files(tmp_path / "b/include")


def test_v1_lists_each_file_then_nothing_on_noop(tree, tmp_path, capsys):
    args = ["-C", tree, "headers_install", "ARCH=i386", f"INSTALL_HDR_PATH={tmp_path / 'd'}",
            "V=1", "-j", "1"]
    rc, out, err = run_cli(args, capsys)
    assert rc == 0 and out == ""
    lines = err.splitlines()
    assert "  INSTALL asm/ptrace.h" in lines
    assert sum(l.startswith("  INSTALL ") for l in lines) == 10
    assert lines[-1].startswith("  legacy layout, ARCH=i386: 10 headers in ")
    rc, out, err = run_cli(args, capsys)
    assert rc == 0 and "INSTALL " not in err and "(0 written, 10 unchanged, 0 removed)" in err


def test_arch_is_required(tree, capsys):
    rc, out, err = run_cli(["-C", tree, "headers_install"], capsys)
    assert rc == 2 and "hdrtool: error: missing ARCH=<arch>" in err


def test_no_progress_when_not_a_terminal(tree, tmp_path, capsys):
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=i386",
                            f"INSTALL_HDR_PATH={tmp_path}"], capsys)
    assert rc == 0 and err == ""
