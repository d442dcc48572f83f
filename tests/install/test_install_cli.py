"""The headers_install target's own CLI behaviour: variables, defaults, V=1."""

from __future__ import annotations

import os
import shutil

import pytest

from hdrtool.core.srctree import claim

from golden_cases import INSTALL_GOLDEN as GOLDEN, REPO, run_cli, tree_files


@pytest.fixture
def tree(tmp_path):
    t = tmp_path / "tree"
    shutil.copytree(GOLDEN / "legacy-i386" / "input", t)
    shutil.copytree(REPO / "arch", t / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    return t


def test_default_install_path_is_objdir_usr(tree, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=s390", "O=out"], capsys)
    assert (rc, err) == (0, "")
    assert out == (f"headers_install: 10 headers in {tmp_path / 'out/usr/include'} "
                   "(10 written, 0 unchanged, 0 removed)\n")
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
    assert rc == 0 and out.startswith("headers_install: 10 headers in ")
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


def test_merge_output_in_objdir_is_installed(tree, tmp_path, capsys, monkeypatch):
    # What `hdrtool merge` leaves in O/include: the unified asm-x86 with its Kbuild.
    monkeypatch.chdir(tmp_path)
    merged = tmp_path / "build/include/asm-x86"
    merged.mkdir(parents=True)
    (merged / "Kbuild").write_text("include $(srctree)/include/asm-generic/Kbuild.asm\n"
                                   "header-y += unistd_32.h\n")
    (merged / "types.h").write_text("#ifndef _ASM_X86_TYPES_H\n#define _ASM_X86_TYPES_H\n#endif\n")
    (merged / "errno.h").write_text("#include <asm-generic/errno.h>\n")
    (merged / "unistd_32.h").write_text("static inline int f(void);\n")
    claim(str(tmp_path / "build"), str(tree))        # as merge records it
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=x86", "V=1"], capsys)
    assert rc == 0, err
    assert "reading " in err
    got = tree_files(tmp_path / "build/usr/include")
    assert sorted(k for k in got if k.startswith("asm/")) == [
        "asm/errno.h", "asm/types.h", "asm/unistd_32.h"]
    assert got["asm/unistd_32.h"] == b"static __inline__ int f(void);\n"
    assert "linux/types.h" in got and "asm-generic/fcntl.h" in got   # from the tree


def test_progress_only_on_a_terminal_and_when_slow(monkeypatch, capsys):
    import sys
    from hdrtool.commands import headers_install as cmd
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    quick = cmd._Progress()
    quick(32, 972)                         # not slow yet: nothing
    monkeypatch.setattr(cmd, "PROGRESS_AFTER", 0.0)
    slow = cmd._Progress()
    slow(32, 972)
    slow(972, 972)
    slow.close()
    quick.close()
    assert capsys.readouterr().err == "\r  HDRINST 32/972\r  HDRINST 972/972\n"


def test_unwritable_destination_message(tree, tmp_path, capsys):
    if os.geteuid() == 0:
        dest = "/proc/hdrtool-cannot-write-here"       # root ignores permission bits
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        dest = str(ro / "usr")
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=i386",
                            f"INSTALL_HDR_PATH={dest}"], capsys)
    assert rc == 2 and out == ""
    assert err.startswith(f"hdrtool: error: {dest}")
    assert "cannot create directory" in err or "not writable" in err
    assert not os.path.exists(dest)


@pytest.mark.parametrize("rel", ["usr", "./usr", "usr2/x"])
def test_relative_install_path_that_does_not_exist_yet(tree, tmp_path, rel):
    # The README's `hdrtool -C build headers_install ARCH=x86 INSTALL_HDR_PATH=usr`: the
    # directory-creation loop walked os.path.dirname("usr") -> "" forever.
    import subprocess
    import sys
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-m", "hdrtool", "-C", str(tree), "headers_install",
                        "ARCH=i386", f"INSTALL_HDR_PATH={rel}"],
                       cwd=work, env=env, capture_output=True, text=True, timeout=20)
    assert r.returncode == 0, r.stderr
    assert tree_files(work / rel / "include") == tree_files(GOLDEN / "legacy-i386/expected")


def test_install_into_the_source_tree_is_exit_2_and_changes_nothing(tree, capsys):
    before = tree_files(tree)
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=i386",
                            f"INSTALL_HDR_PATH={tree}"], capsys)
    assert rc == 2 and out == ""
    assert err == (f"hdrtool: error: {tree / 'include'}: install directory is inside the "
                   f"source tree's include/ ({tree / 'include'}); give another "
                   "INSTALL_HDR_PATH\n")
    assert tree_files(tree) == before


def test_a_kbuild_that_includes_itself_is_reported_at_the_include_line(tree, tmp_path, capsys):
    # was reported at line 1 of the Kbuild, not the offending include
    kbuild = tree / "include/asm-generic/Kbuild.asm"
    lines = kbuild.read_bytes().splitlines(keepends=True)
    lines.insert(2, b"include include/asm-generic/Kbuild.asm\n")
    kbuild.write_bytes(b"".join(lines))
    rc, out, err = run_cli(["-C", tree, "headers_install", "ARCH=i386",
                            f"INSTALL_HDR_PATH={tmp_path / 'usr'}"], capsys)
    assert (rc, out) == (2, "")
    assert err.startswith("hdrtool: error: include/asm-generic/Kbuild.asm:3: "), err
    assert "include itself" in err
    assert not (tmp_path / "usr").exists()
