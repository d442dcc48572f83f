"""The CLI frame's own behaviour: targets, make variables, exit codes."""

from __future__ import annotations

import re
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


# --------------------------------------------------------------------------
# What a new user meets: hdrtool alone, hdrtool help, each target's --help.
# --------------------------------------------------------------------------

def test_no_target_prints_the_usage_once(capsys):
    rc, out, err = run([], capsys)
    assert rc == 2 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith("Usage: hdrtool [OPTIONS] TARGET [VAR=value ...]")
    assert lines[1:] == ["hdrtool: error: no target given; 'hdrtool help' lists the targets "
                         "and variables, 'hdrtool TARGET --help' shows one"]
    assert err.count("Usage:") == 1


def test_help_says_where_install_hdr_path_puts_headers(capsys):
    rc, out, _ = run(["help"], capsys)
    assert rc == 0
    line = next(l for l in out.splitlines() if l.strip().startswith("INSTALL_HDR_PATH"))
    assert "INSTALL_HDR_PATH/include/" in line and "usr/include" not in line.split("so ")[0]


def target_help(name: str, capsys) -> str:
    rc, out, _ = run([name, "--help"], capsys)
    assert rc == 0
    return out


#: The shared settings, and whether each target uses them (its code reads
#: settings.objtree / verbose / cc / jobs): the --help must show just those.
USES = {
    "all": {"O", "V", "CC", "j"}, "merge": {"O", "V", "CC", "j"}, "gen": {"O", "V"},
    "headers_install": {"O", "V", "j"}, "headers_check": {"O", "V", "CC", "j"},
    "sim": set(), "validate": {"O", "V", "CC"}, "unifdef": set(), "help": set(),
}
SHOWN = {"O": "O=DIR, -O, --output DIR", "V": "V=1, -v, --verbose", "CC": "CC=CC, --cc CC",
         "j": "-j, --jobs N"}


@pytest.mark.parametrize("name", TARGETS)
def test_each_target_shows_only_the_settings_it_takes(name, capsys):
    text = target_help(name, capsys)
    shown = {k for k, spelling in SHOWN.items() if spelling in text}
    assert shown == USES[name]
    # and the settings it does not show are not accepted either (except CC=
    # for headers_install, which make accepts there too)
    cmd = cli_mod.cli.get_command(None, name)
    key = lambda p: "j" if p.name == "jobs_opt" else getattr(p, "make_var", None)
    declared = {key(p) for p in cmd.params if key(p) in SHOWN}
    hidden = {key(p) for p in cmd.params if key(p) in SHOWN and p.hidden}
    assert declared - hidden == USES[name]
    assert hidden <= ({"CC"} if name == "headers_install" else set())


@pytest.mark.parametrize("name", TARGETS)
def test_each_target_documents_its_exit_status(name, capsys):
    text = " ".join(target_help(name, capsys).split())
    assert "Exit status: 0" in text
    if name not in ("help",):
        assert "2 " in text.split("Exit status:", 1)[1][:200]


@pytest.mark.parametrize("name", TARGETS)
def test_each_make_variable_is_shown_as_make_spells_it(name, capsys):
    text = target_help(name, capsys)
    cmd = cli_mod.cli.get_command(None, name)
    # unifdef parses its command line as unifdef(1) does: no make variables
    for var, opt in getattr(cmd, "make_vars", dict)().items():
        if not opt.hidden:
            assert re.search(rf"^  {var}=\S+, ", text, re.M), (var, text)


def test_gen_help_shows_its_syntax_and_variables(capsys):
    text = target_help("gen", capsys)
    assert text.splitlines()[0] == "Usage: hdrtool gen [VAR=value ...] [OPTIONS] [pgalloc|stubs]"
    for var in ("PAGE_SIZE=BYTES", "LEVELS=N", "TEMPLATES=DIR", "ARCH=ARCH"):
        assert var in text


def test_unifdef_help_has_one_output_option(capsys):
    # unifdef(1)'s own help (-opath), plus hdrtool's spelling of it
    text = target_help("unifdef", capsys)
    assert "\t-opath\toutput file name" in text and "--out-file F: -o F" in text
    assert "-O" not in text and "--output" not in text and "--cc" not in text


def test_a_setting_a_target_does_not_take_is_refused(capsys):
    rc, _, err = run(["sim", "list", "-j", "2"], capsys)
    assert rc == 2 and "No such option '-j'" in err
    rc, _, err = run(["gen", "CC=gcc"], capsys)
    assert rc == 2 and "unknown variable 'CC' for target 'gen'" in err


def test_headers_install_still_accepts_cc_as_make_does(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, _, err = run(["-C", str(REPO), "headers_install", "ARCH=i386", "CC=gcc",
                      f"INSTALL_HDR_PATH={tmp_path / 'usr'}"], capsys)
    assert rc == 0, err


def test_help_names_the_arches_and_variants_of_the_tree(capsys, tmp_path):
    from hdrtool.core.config import load_arches
    from hdrtool.core.tree import BUNDLED_TREE
    cfgs = load_arches(BUNDLED_TREE)
    rc, out, _ = run(["help"], capsys)
    variant_line = next(l for l in out.splitlines() if l.strip().startswith("VARIANT"))
    assert variant_line.endswith("(" + ", ".join(v.name for c in cfgs for v in c.variants) + ")")
    # a tree with one arch (and variants of its own) shows that one
    tree = tmp_path / "tree"
    (tree / "include").mkdir(parents=True)
    shutil.copytree(BUNDLED_TREE / "arch/s390", tree / "arch/s390",
                    ignore=shutil.ignore_patterns("mm"))
    rc, out, _ = run(["-C", str(tree), "help"], capsys)
    arch_line = next(l for l in out.splitlines() if l.strip().startswith("ARCH"))
    assert "architecture: s390," in arch_line and "x86" not in arch_line
