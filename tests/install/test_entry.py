"""The quick path of the console entry point (hdrtool/entry.py).

An up-to-date headers_install is answered before click loads.  The oracle is
the full command: for every command line the quick path answers, its exit
status and output must equal the full command's; every other command line
must go to the full command; and the quick path must not import the CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hdrtool import cli, entry
from hdrtool.core import srctree
from hdrtool.install import uptodate

from golden_cases import REPO
from test_uptodate import FAST, age, install, legacy, linux, tool  # noqa: F401 (fixtures)


def quick(argv, capsys):
    """(answered, stderr) of the quick path alone (its stdout in quick.out)."""
    answered = entry.quick([str(a) for a in argv])
    cap = capsys.readouterr()
    quick.out = cap.out
    return answered, cap.err


def full(argv, capsys):
    """(status, stderr) of the full command, without the quick path (its
    stdout in full.out)."""
    with pytest.raises(SystemExit) as exc:
        cli.main([str(a) for a in argv])
    cap = capsys.readouterr()
    full.out = cap.out
    return exc.value.code, cap.err


@pytest.mark.parametrize("shape", [
    "plain", "V=1", "-v first", "-v after", "V=2", "-j", "-jN", "CC", "O=", "-O first"])
def test_quick_answer_equals_the_full_command(shape, legacy, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dest = tmp_path / "usr"
    install(legacy, dest, capsys, "i386")
    head, tail = ["-C", legacy], [f"INSTALL_HDR_PATH={dest}"]
    head, tail = {
        "plain": (head, tail),
        "V=1": (head, tail + ["V=1"]),
        "-v first": (head + ["-v"], tail),
        "-v after": (head, tail + ["-v"]),
        "V=2": (head, tail + ["V=2"]),
        "-j": (head + ["-j", "3"], tail),
        "-jN": (head, tail + ["-j2"]),
        "CC": (head, tail + ["CC=gcc"]),
        "O=": (head, tail + [f"O={tmp_path / 'out'}"]),
        "-O first": (head + ["-O", "out"], tail),
    }[shape]
    argv = [*head, "headers_install", "ARCH=i386", *tail]
    answered, err = quick(argv, capsys)
    assert answered
    assert (0, err) == full(argv, capsys)
    assert quick.out == full.out == (f"headers_install: 10 headers in {dest / 'include'} "
                                     "(0 written, 10 unchanged, 0 removed): up to date\n")
    if "V=" in shape or "-v" in shape:
        assert err.rstrip().endswith(FAST)


def test_quick_answer_with_the_tree_as_current_directory(linux, tmp_path, capsys, monkeypatch):
    # a Linux tree found from the current directory, as `make` in it would
    dest = tmp_path / "usr"
    install(linux, dest, capsys, "x86")
    monkeypatch.chdir(linux)
    argv = ["headers_install", "ARCH=x86", f"INSTALL_HDR_PATH={dest}", "V=1"]
    answered, err = quick(argv, capsys)
    assert answered and err.rstrip().endswith(FAST)
    assert (0, err) == full(argv, capsys)


def test_quick_answer_repeats_warnings(linux, tmp_path, capsys):
    from test_uptodate import header
    (linux / "arch/x86/include/uapi/asm/baz.h").write_text(header("_ASM_X86_BAZ_H"))
    age(linux)
    dest = tmp_path / "usr"
    first = install(linux, dest, capsys, "x86")
    argv = ["-C", linux, "headers_install", "ARCH=x86", f"INSTALL_HDR_PATH={dest}"]
    answered, err = quick(argv, capsys)
    assert answered and "duplicated header export" in err and "duplicated header export" in first
    assert (0, err) == full(argv, capsys)


def test_not_up_to_date_goes_to_the_full_command(legacy, tmp_path, capsys):
    dest = tmp_path / "usr"
    argv = ["-C", legacy, "headers_install", "ARCH=i386", f"INSTALL_HDR_PATH={dest}"]
    assert quick(argv, capsys) == (False, "")          # nothing installed yet
    install(legacy, dest, capsys, "i386")
    assert quick(argv, capsys)[0]
    os.utime(legacy / "include/linux/Kbuild", ns=(1, 1))
    assert quick(argv, capsys) == (False, "")
    argv[3] = "ARCH=s390"                               # another request
    assert quick(argv, capsys) == (False, "")
    afile = tmp_path / "afile"                          # bad input: the full command reports
    afile.write_bytes(b"x")
    assert quick(argv[:3] + ["ARCH=i386", f"INSTALL_HDR_PATH={afile}"], capsys) == (False, "")
    assert quick(["-C", tmp_path / "none"] + argv[2:], capsys) == (False, "")


@pytest.mark.parametrize("argv", [
    [],
    ["headers_install"],                                 # no ARCH
    ["headers_install", "ARCH="],
    ["headers_check", "ARCH=x86"],                       # another target
    ["headers_install", "headers_install", "ARCH=x86"],
    ["headers_install", "--arch", "x86"],                # another spelling
    ["headers_install", "ARHC=x86"],                     # a mistake: the full command explains
    ["ARCH=x86", "headers_install"],                     # a variable before the target
    ["headers_install", "ARCH=x86", "-C", "."],          # -C belongs before the target
    ["-C", ".", "-C", ".", "headers_install", "ARCH=x86"],
    ["-O", "a", "headers_install", "ARCH=x86", "O=b"],   # set twice
    ["headers_install", "ARCH=x86", "O="],               # empty means something else
    ["headers_install", "ARCH=x86", "-j", "0"],
    ["headers_install", "ARCH=x86", "-j"],
    ["headers_install", "ARCH=x86", "V=x"],
    ["headers_install", "ARCH=x86", "--"],
    ["headers_install", "ARCH=x86", "-h"],
    ["--version"],
])
def test_other_command_lines_go_to_the_full_command(argv):
    assert entry._parse(argv) is None


def test_parse_reads_the_plain_form():
    got = entry._parse(["-C", "t", "-v", "headers_install", "ARCH=x86", "INSTALL_HDR_PATH=u",
                        "O=o", "V=1", "-j4"])
    assert got == {"directory": "t", "arch": "x86", "install_hdr_path": "u", "objtree": "o",
                   "verbose": 2, "jobs": "4"}


def test_hdrtool_quick_0_turns_it_off(legacy, tmp_path, capsys, monkeypatch):
    dest = tmp_path / "usr"
    install(legacy, dest, capsys, "i386")
    argv = ["-C", str(legacy), "headers_install", "ARCH=i386", f"INSTALL_HDR_PATH={dest}"]
    calls = []
    monkeypatch.setattr(cli, "main", lambda a: calls.append(a))
    monkeypatch.setenv("HDRTOOL_QUICK", "0")
    entry.main(argv)
    assert calls == [argv]
    monkeypatch.setenv("HDRTOOL_QUICK", "1")
    with pytest.raises(SystemExit) as exc:
        entry.main(argv)
    assert exc.value.code == 0 and calls == [argv]


def test_quick_path_imports_neither_the_cli_nor_json(legacy, tmp_path, capsys, tool):  # noqa: F811
    dest = tmp_path / "usr"
    install(legacy, dest, capsys, "i386")
    script = f"""
import sys
from hdrtool.core import deps
deps.TOOL_DIRS = ({str(tool)!r},)
before = set(sys.modules)
from hdrtool import entry
ok = entry.quick(["-C", {str(legacy)!r}, "headers_install", "ARCH=i386",
                  "INSTALL_HDR_PATH={dest}"])
print(ok, " ".join(sorted(set(sys.modules) - before)))
"""
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=REPO, check=True)
    summary, last = res.stdout.splitlines()
    assert summary.startswith("headers_install: 10 headers in ") and summary.endswith("up to date")
    ok, *new = last.split()
    assert ok == "True", res.stderr
    assert set(new) <= {"hdrtool.entry", "hdrtool.core.srctree", "hdrtool.install",
                        "hdrtool.install.uptodate", "hdrtool.install.request",
                        "hdrtool.core.lazy", "_json"}, new


def test_manifest_parser_equals_json(legacy, tmp_path, capsys):
    import json
    dest = tmp_path / "usr"
    install(legacy, dest, capsys, "i386")
    raw = (dest / "include" / uptodate.MANIFEST).read_bytes()
    assert uptodate._parse_json(raw) == json.loads(raw)
    assert uptodate._parse_json(b' {"a": [1, null, "\\u00e9"]}\n') == {"a": [1, None, "\u00e9"]}
    for bad in [b"", b"{", b'{"a": 1} x', b'{"a": NaN}', b"\xff{}", b"[1,"]:
        with pytest.raises(ValueError):
            uptodate._parse_json(bad)


def test_srctree_finds_linux_and_hdrtool_trees(linux, legacy, tmp_path):
    assert srctree.find(cwd=linux) == os.path.realpath(linux)
    assert srctree.find(cwd=legacy) == os.path.realpath(legacy)
    assert srctree.find(cwd=tmp_path) == srctree.BUNDLED       # not a tree
    assert srctree.find(tmp_path / "none") is None
    old = tmp_path / "old"                                      # header-y lists, before 3.7
    (old / "include/linux").mkdir(parents=True)
    (old / "include/linux/Kbuild").write_text("header-y += a.h\n")
    assert srctree.find(cwd=old) == os.path.realpath(old)
