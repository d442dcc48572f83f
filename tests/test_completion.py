"""Shell completion (hdrtool/completion.py): targets, options, each target's
``VAR=`` names and their known values, through the real entry point and
click's protocol (``_HDRTOOL_COMPLETE=<shell>_complete``), then in the real
shells: an interactive bash and zsh on a pty with TAB pressed, and fish's
own ``complete -C``.

Expected values come from the data they are read from (the commands' own
make variables, the tree's arch.toml, the shipped scenarios), never from a
list written here.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import require_or_skip
from hdrtool.commands import TARGETS, load
from hdrtool.core.config import load_arches
from hdrtool.sim import scenarios
from hdrtool.core.tree import BUNDLED_TREE

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(REPO), "LC_ALL": "C"}


def complete(line: str, cwd: Path = REPO) -> list:
    """The candidates hdrtool gives bash for the command ``line`` (cursor at
    its end), as the bash script asks for them: in this process (the
    protocol's own class), to keep the many cases quick;
    :func:`complete_process` goes through the real entry point."""
    from hdrtool import cli as cli_mod
    from hdrtool.completion import HdrBashComplete
    here, saved = os.getcwd(), os.environ.get("HDRTOOL_COMP_LINE")
    os.chdir(cwd)
    os.environ["HDRTOOL_COMP_LINE"] = line
    try:
        text = HdrBashComplete(cli_mod.cli, {}, "hdrtool", "_HDRTOOL_COMPLETE").complete()
    finally:
        os.chdir(here)
        if saved is None:
            del os.environ["HDRTOOL_COMP_LINE"]
        else:
            os.environ["HDRTOOL_COMP_LINE"] = saved
    return _values(text)


def _values(text: str) -> list:
    out = []
    for item in filter(None, text.splitlines()):
        kind, _, value = item.partition(",")
        assert kind == "plain", item
        out.append(value)
    return out


def complete_process(line: str, cwd: Path = REPO) -> list:
    """:func:`complete` through ``python -m hdrtool``: exit 0, nothing on stderr."""
    r = subprocess.run([sys.executable, "-m", "hdrtool"], cwd=cwd, capture_output=True,
                       text=True, env={**ENV, "_HDRTOOL_COMPLETE": "bash_complete",
                                       "HDRTOOL_COMP_LINE": line})
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return _values(r.stdout)


def vars_of(target: str) -> set:
    cmd = load(target)
    # unifdef takes unifdef(1)'s command line, no make variables
    return {f"{v}=" for v, opt in getattr(cmd, "make_vars", dict)().items() if not opt.hidden}


def arch_names(tree: Path) -> set:
    names = set()
    for cfg in load_arches(tree):
        names.add(cfg.name)
        for v in cfg.variants:
            names.update((v.name, v.old_arch))
    return names


def test_targets():
    assert complete_process("hdrtool ") == complete("hdrtool ") == list(TARGETS)
    assert complete("hdrtool head") == [t for t in TARGETS if t.startswith("head")]


@pytest.mark.parametrize("target", [t for t in TARGETS if t != "help"])
def test_each_target_offers_exactly_its_own_variables(target):
    got = {c for c in complete(f"hdrtool {target} ") if c.endswith("=")}
    assert got == vars_of(target)


def test_gen_offers_its_words_and_its_make_variables_not_cc():
    got = complete("hdrtool gen ")
    assert got[:2] == ["pgalloc", "stubs"]
    assert {"PAGE_SIZE=", "LEVELS=", "TEMPLATES=", "ARCH=", "O="} <= set(got)
    assert "CC=" not in got           # gen compiles nothing
    assert complete("hdrtool gen LEV") == ["LEVELS="]
    assert complete("hdrtool gen LEVELS=") == ["LEVELS=2", "LEVELS=3", "LEVELS=4"]


def test_a_variable_given_is_not_offered_again():
    got = complete("hdrtool validate ARCH=x86 ")
    assert "ARCH=" not in got and "SCENARIO=" in got


def test_arch_values_come_from_the_tree():
    got = complete("hdrtool sim run workload ARCH=")
    assert {c.split("=", 1)[1] for c in got} == arch_names(BUNDLED_TREE)
    assert complete("hdrtool validate ARCH=s3") == sorted(
        f"ARCH={n}" for n in arch_names(BUNDLED_TREE) if n.startswith("s3"))


def test_arch_values_of_a_linux_tree_are_its_arch_directories(tmp_path):
    tree = tmp_path / "linux"
    (tree / "include/uapi").mkdir(parents=True)
    for arch in ("arm64", "riscv", "x86"):
        (tree / "arch" / arch / "include/uapi").mkdir(parents=True)
    (tree / "Makefile").write_text("VERSION = 6\n")
    got = complete(f"hdrtool -C {tree} headers_install ARCH=")
    assert got == ["ARCH=arm64", "ARCH=riscv", "ARCH=x86"]


def test_variant_values():
    want = sorted(v.name for cfg in load_arches(BUNDLED_TREE) for v in cfg.variants)
    assert sorted(complete("hdrtool validate VARIANT=")) == [f"VARIANT={v}" for v in want]


def test_scenario_names_for_sim_and_validate():
    names = scenarios.names()
    assert names, "no shipped scenarios"
    got = complete("hdrtool sim run ")
    assert got[:len(names)] == names
    assert complete("hdrtool sim run seed-pgd") == [n for n in names if n.startswith("seed-pgd")]
    assert complete("hdrtool validate SCENARIO=lo") == [
        f"SCENARIO={n}" for n in names if n.startswith("lo")]


def test_options_and_choices():
    got = complete("hdrtool all --")
    assert {"--format", "--output", "--jobs", "--cc", "--help"} <= set(got)
    assert complete("hdrtool all --format ") == ["text", "json"]
    assert "--jobs" not in complete("hdrtool sim --")      # sim runs nothing in parallel


def test_directories_for_o(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "bin").mkdir()
    (tmp_path / "afile").write_text("")
    shutil.copytree(BUNDLED_TREE / "arch", tmp_path / "arch", ignore=shutil.ignore_patterns("mm"))
    (tmp_path / "include").mkdir()
    assert complete("hdrtool all O=b", cwd=tmp_path) == ["O=bin/", "O=build/"]
    assert complete(f"hdrtool all O={tmp_path}/bu") == [f"O={tmp_path}/build/"]


@pytest.mark.parametrize("line", [
    "hdrtool frobnicate ARCH=", "hdrtool gen NOSUCH=", "hdrtool gen PAGE_SIZE= ",
    "hdrtool -C /nonexistent gen ARCH=", 'hdrtool sim run "unterminated',
])
def test_a_broken_line_completes_quietly(line):
    complete_process(line)      # exit 0, nothing on stderr


def test_click_protocol_still_works_without_the_line():
    # COMP_WORDS/COMP_CWORD: what click's own bash script sends
    r = subprocess.run([sys.executable, "-m", "hdrtool"], capture_output=True, text=True,
                       env={**ENV, "_HDRTOOL_COMPLETE": "bash_complete",
                            "COMP_WORDS": "hdrtool head", "COMP_CWORD": "1"})
    assert r.stdout.splitlines() == ["plain,headers_install", "plain,headers_check"]


def source(shell: str) -> str:
    r = subprocess.run([sys.executable, "-m", "hdrtool"], capture_output=True, text=True,
                       env={**ENV, "_HDRTOOL_COMPLETE": f"{shell}_source"})
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("shell,marker", [
    ("bash", "complete -o nosort -F _hdrtool_completion hdrtool"),
    ("zsh", "compdef _hdrtool_completion hdrtool"),
    ("fish", "complete --no-files --command hdrtool"),
])
def test_scripts_name_the_protocol(shell, marker):
    text = source(shell)
    assert marker in text
    assert f"_HDRTOOL_COMPLETE={shell}_complete" in text


def _zsh_or_fish_items(shell: str, words: str, cword: str) -> list:
    r = subprocess.run([sys.executable, "-m", "hdrtool"], capture_output=True, text=True,
                       env={**ENV, "_HDRTOOL_COMPLETE": f"{shell}_complete",
                            "COMP_WORDS": words, "COMP_CWORD": cword})
    assert r.returncode == 0 and r.stderr == "", r.stderr
    if shell == "fish":         # type,value[<TAB>help], one a line
        return [l.split(",", 1)[1].split("\t")[0] for l in r.stdout.splitlines()
                if l.startswith("plain,")]
    lines = r.stdout.split("\n")   # zsh: type, value, help: three lines each
    return [lines[i + 1] for i in range(0, len(lines) - 2, 3) if lines[i] == "plain"]


def test_zsh_protocol_completes_variables_and_values():
    # zsh keeps ARCH=x86 one word: COMP_WORDS is the words, COMP_CWORD the index
    assert set(_zsh_or_fish_items("zsh", "hdrtool gen ", "2")) >= vars_of("gen")
    assert _zsh_or_fish_items("zsh", "hdrtool validate ARCH=s390", "2") == [
        f"ARCH={n}" for n in sorted(arch_names(BUNDLED_TREE)) if n.startswith("s390")]


def test_fish_protocol_completes_variables_and_values():
    # fish: COMP_WORDS is the line (commandline -cp), COMP_CWORD the token
    got = _zsh_or_fish_items("fish", "hdrtool sim run seed-pgd-lock ARCH=x86_3", "ARCH=x86_3")
    assert got == sorted(f"ARCH={n}" for n in arch_names(BUNDLED_TREE) if n.startswith("x86_3"))
    names = scenarios.names()
    assert _zsh_or_fish_items("fish", "hdrtool sim run ", "")[:len(names)] == names


@pytest.mark.parametrize("shell,check", [("zsh", ["zsh", "-n"]), ("fish", ["fish", "-n"])])
def test_zsh_and_fish_scripts_parse(shell, check, tmp_path):
    if shutil.which(shell) is None:
        require_or_skip(f"NO {shell.upper()}: install Debian's {shell} package")
    script = tmp_path / f"hdrtool.{shell}"
    script.write_text(source(shell))
    r = subprocess.run([*check, str(script)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# --------------------------------------------------------------------------
# A real bash: a pty, the script eval'ed as ~/.bashrc would, TAB pressed.
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory):
    """A directory with an ``hdrtool`` that runs this checkout."""
    d = tmp_path_factory.mktemp("bin")
    exe = d / "hdrtool"
    exe.write_text(f"#!/bin/sh\nPYTHONPATH={REPO} exec {sys.executable} -m hdrtool \"$@\"\n")
    exe.chmod(0o755)
    return d


SETUP = {
    "bash": (["--norc", "--noprofile", "-i"],
             b'PS1="$ "; eval "$(_HDRTOOL_COMPLETE=bash_source hdrtool)"'),
    "zsh": (["-f", "-i"],
            b'PS1="$ "; bindkey -e; autoload -U compinit; compinit -u; '
            b'eval "$(_HDRTOOL_COMPLETE=zsh_source hdrtool)"'),
}


def line_after(shell: str, steps, bin_dir: Path, timeout: float = 60) -> str:
    """The command line an interactive ``shell`` holds after typing each
    (keys, shown) of ``steps`` -- TAB included where the test presses it --
    waiting after each until ``shown`` is on the screen (zsh drops what is
    typed while a completion runs); the line is then printed by turning it
    into ``echo "RESULT:<line>"`` (Ctrl-A ... Ctrl-E, Enter)."""
    exe = shutil.which(shell)
    if exe is None:
        require_or_skip(f"NO {shell.upper()}: install Debian's {shell} package")
    args, setup = SETUP[shell]
    env = {**ENV, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TERM": "dumb",
           "INPUTRC": "/dev/null", "HOME": str(bin_dir)}
    pid, fd = pty.fork()
    if pid == 0:                                    # the child: an interactive shell
        os.execve(exe, [exe, *args], env)
    out = b""

    def until(pattern: bytes, start: int = 0) -> re.Match:
        nonlocal out
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = re.compile(pattern).search(out, start)
            if m:
                return m
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
        raise AssertionError(f"{shell} did not show {pattern!r}: {out[-2000:]!r}")

    try:
        os.write(fd, setup + b'; echo READY""1\n')
        until(rb"READY1")
        for keys, shown in steps:
            mark = len(out)
            os.write(fd, keys.encode())
            if shown:
                until(re.escape(shown.encode()), mark)
        os.write(fd, b'\x01echo "RESULT:\x05"\n')
        line = until(rb"\nRESULT:([^\r\n]*)\r?\n")[1].decode()
        os.write(fd, b"exit\n")
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    return line


def bash_line_after(typed: str, bin_dir: Path) -> str:
    """bash keeps what is typed during a completion: type it all at once."""
    return line_after("bash", [(typed, None)], bin_dir)


def test_bash_completes_a_value_after_the_equals_sign(bin_dir):
    # bash splits ARCH=x86_32_h into ARCH, =, x86_32_h: only the last is replaced
    assert (bash_line_after("hdrtool sim run seed-pgd-lock ARCH=x86_32_h\t", bin_dir)
            == "hdrtool sim run seed-pgd-lock ARCH=x86_32_highpte ")


def test_bash_completes_right_after_the_equals_sign(bin_dir):
    assert (bash_line_after("hdrtool validate VARIANT=\tx86_32_hi\t", bin_dir)
            == "hdrtool validate VARIANT=x86_32_highpte ")


def test_bash_adds_no_space_after_a_variable_name(bin_dir):
    assert bash_line_after("hdrtool gen LEV\t3", bin_dir) == "hdrtool gen LEVELS=3"


def test_bash_completes_targets_and_scenarios(bin_dir):
    assert bash_line_after("hdrtool headers_i\t", bin_dir) == "hdrtool headers_install "
    assert bash_line_after("hdrtool sim run seed-pgd-lock-i\t", bin_dir) == (
        "hdrtool sim run seed-pgd-lock-irqsafe ")


@pytest.mark.parametrize("steps, line", [
    # zsh keeps ARCH=x86_32_h one word; the value completes in place
    ([("hdrtool sim run seed-pgd-lock ARCH=x86_32_h\t", "highpte")],
     "hdrtool sim run seed-pgd-lock ARCH=x86_32_highpte"),
    # no space after VAR=: the 3 goes right after it
    ([("hdrtool gen LEV\t", "LEVELS="), ("3", None)], "hdrtool gen LEVELS=3"),
    ([("hdrtool headers_i\t", "install")], "hdrtool headers_install"),
    ([("hdrtool sim run seed-pgd-lock-i\t", "irqsafe")], "hdrtool sim run seed-pgd-lock-irqsafe"),
])
def test_zsh_completes_in_a_real_zsh(steps, line, bin_dir):
    assert line_after("zsh", steps, bin_dir).rstrip() == line


def fish_complete(line: str, bin_dir: Path) -> list:
    """What fish itself offers for ``line`` (``complete -C``), the script
    sourced as config.fish would."""
    fish = shutil.which("fish")
    if fish is None:
        require_or_skip("NO FISH: install Debian's fish package")
    r = subprocess.run([fish, "--no-config", "-c",
                        "_HDRTOOL_COMPLETE=fish_source hdrtool | source; complete -C $argv[1]",
                        line], capture_output=True, text=True,
                       env={**ENV, "PATH": f"{bin_dir}:{os.environ['PATH']}",
                            "HOME": str(bin_dir)})
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return [c.split("\t")[0] for c in r.stdout.splitlines()]


def test_fish_completes_in_a_real_fish(bin_dir):
    assert fish_complete("hdrtool sim run seed-pgd-lock ARCH=x86_3", bin_dir) == sorted(
        f"ARCH={n}" for n in arch_names(BUNDLED_TREE) if n.startswith("x86_3"))
    assert fish_complete("hdrtool gen LEV", bin_dir) == ["LEVELS="]
    assert fish_complete("hdrtool head", bin_dir) == ["headers_check", "headers_install"]
    assert fish_complete("hdrtool sim run seed-pgd-lock-", bin_dir) == [
        n for n in scenarios.names() if n.startswith("seed-pgd-lock-")]
