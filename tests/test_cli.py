"""The CLI frame's own behaviour: targets, make variables, exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from hdrtool import cli as cli_mod
from hdrtool.cli import MakeCommand, MakeOption, Settings, common_options
from hdrtool.commands import TARGETS
from hdrtool.core.errors import HdrError

REPO = Path(__file__).resolve().parent.parent


def run(argv, capsys):
    with pytest.raises(SystemExit) as info:
        cli_mod.main(list(argv))
    out, err = capsys.readouterr()
    return info.value.code, out, err


def test_help_lists_every_target_once(capsys):
    rc, out, _ = run(["help"], capsys)
    assert rc == 0
    lines = [l.split()[0] for l in out.split("Variables")[0].splitlines()[1:] if l.strip()]
    assert lines == list(TARGETS)
    for target in ("merge", "gen", "headers_install", "headers_check", "sim", "validate", "all"):
        assert target in lines


def test_unknown_target_suggests(capsys):
    rc, _, err = run(["headers_instal"], capsys)
    assert rc == 2
    assert "hdrtool: error: no rule to make target 'headers_instal'; did you mean 'headers_install'?" in err


def test_unknown_target_without_close_match(capsys):
    rc, _, err = run(["frobnicate"], capsys)
    assert rc == 2
    assert "no rule to make target 'frobnicate'" in err and "hdrtool help" in err


def test_unknown_variable_suggests(capsys):
    rc, _, err = run(["headers_install", "ARHC=x86"], capsys)
    assert rc == 2
    assert "unknown variable 'ARHC' for target 'headers_install'; did you mean 'ARCH'?" in err


def test_console_script_exit_codes():
    """The real entry point (python -m hdrtool) returns make-style statuses."""
    bad = subprocess.run([sys.executable, "-m", "hdrtool", "frobnicate"], capture_output=True)
    assert bad.returncode == 2
    good = subprocess.run([sys.executable, "-m", "hdrtool", "help"], capture_output=True)
    assert good.returncode == 0 and b"Targets:" in good.stdout


# A throw-away target to test the frame itself, independent of real targets.
@click.command("probe", cls=MakeCommand)
@click.option("--arch", cls=MakeOption, make_var="ARCH")
@click.option("--flag", cls=MakeOption, make_var="FLAG", is_flag=True)
@click.option("--fail", type=click.Choice(["none", "input", "internal", "findings"]), default="none")
@common_options
@click.argument("words", nargs=-1)
@click.pass_obj
def probe(settings: Settings, arch, flag, fail, words):
    click.echo(f"arch={arch} flag={flag} words={list(words)} O={settings.objtree} "
               f"V={settings.verbose} CC={settings.cc} j={settings.jobs}")
    if fail == "input":
        raise HdrError("bad thing", "include/x.h", 12)
    if fail == "internal":
        raise RuntimeError("boom")
    return 1 if fail == "findings" else 0


@pytest.fixture
def with_probe():
    cli_mod._register()
    cli_mod.cli.add_command(probe)
    yield
    cli_mod.cli.commands.pop("probe", None)


def test_make_variables_equal_options(with_probe, capsys, monkeypatch):
    monkeypatch.setattr(cli_mod, "_register", lambda: None)
    rc1, out1, _ = run(["probe", "ARCH=x86", "FLAG=1", "O=out", "V=2", "CC=clang", "a", "b"], capsys)
    rc2, out2, _ = run(["-O", "out", "probe", "--arch", "x86", "--flag", "-vv", "--cc", "clang", "a", "b"],
                       capsys)
    assert rc1 == rc2 == 0
    assert out1 == out2
    assert "arch=x86 flag=True words=['a', 'b'] O=out V=2 CC=clang" in out1


def test_words_after_double_dash_stay_words(with_probe, capsys, monkeypatch):
    monkeypatch.setattr(cli_mod, "_register", lambda: None)
    rc, out, _ = run(["probe", "--", "ARCH=x86"], capsys)
    assert rc == 0 and "arch=None" in out and "words=['ARCH=x86']" in out


@pytest.mark.parametrize("fail,code,text", [
    ("input", 2, "hdrtool: error: include/x.h:12: bad thing"),
    ("internal", 3, "hdrtool: internal error: RuntimeError: boom"),
    ("findings", 1, ""),
])
def test_exit_codes(with_probe, capsys, monkeypatch, fail, code, text):
    monkeypatch.setattr(cli_mod, "_register", lambda: None)
    rc, _, err = run(["probe", "--fail", fail], capsys)
    assert rc == code
    assert text in err


def test_shell_completion_lists_targets():
    env = {"_HDRTOOL_COMPLETE": "bash_complete", "COMP_WORDS": "hdrtool head", "COMP_CWORD": "1"}
    import os
    res = subprocess.run([sys.executable, "-c", "from hdrtool.cli import main; main()"],
                         env={**os.environ, **env}, capture_output=True, text=True)
    assert "headers_install" in res.stdout and "headers_check" in res.stdout


@pytest.mark.parametrize("argv", [
    ["all", "O="], ["merge", "O="], ["gen", "pgalloc", "O="], ["validate", "O="],
    ["-O", "", "all"], ["all", "--output", ""], ["merge", "-O", ""],
    ["headers_install", "ARCH=x86", "INSTALL_HDR_PATH="],
    ["headers_install", "ARCH=x86", "--install-hdr-path", ""],
    ["headers_check", "ARCH=x86", "INSTALL_HDR_PATH="], ["all", "CC="],
])
def test_an_empty_path_variable_is_an_error_never_the_source_tree(argv, tmp_path, capsys,
                                                                   monkeypatch):
    # `hdrtool all O=` in a clone took the current directory -- the source tree -- as O
    # and rewrote 132 tracked files
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "arch", tree / "arch", ignore=shutil.ignore_patterns("*.c", "mm"))
    shutil.copytree(REPO / "include", tree / "include")
    monkeypatch.chdir(tree)
    before = sorted(p.relative_to(tree) for p in tree.rglob("*"))
    rc, out, err = run(argv, capsys)
    assert rc == 2, err
    assert "needs a value" in err
    assert sorted(p.relative_to(tree) for p in tree.rglob("*")) == before
