"""gen: the lock discipline of the generated pgalloc.h is data (arch.toml's
pgd_lock, or PGD_LOCK= on the command line), and the model reads it back
from what was generated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hdrtool.merge import merge_into
from hdrtool.validate import run as core
from hdrtool.core.config import ConfigError, load_arch
from hdrtool.core.errors import HdrError
from hdrtool.commands.sim import rendered_pgd_lock
from hdrtool.sim.layout import layout_pgd_lock, pgd_lock_mode
from hdrtool.core.tree import BUNDLED_TREE

REPO = Path(__file__).resolve().parent.parent.parent


def hdrtool(*args, cwd=REPO):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "hdrtool", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pgdlock") / "O"
    merge_into(BUNDLED_TREE, out)
    return out


def test_gen_pgd_lock_on_the_command_line(merged, tmp_path):
    tree = tmp_path / "O"
    shutil.copytree(merged, tree)
    r = hdrtool("-C", str(tree), "gen", "PGD_LOCK=spin_lock")
    assert r.returncode == 0, r.stderr
    header = (tree / "include/asm-x86/pgalloc.h").read_bytes()
    assert header.count(b"\tspin_lock(&pgd_lock);\n") == 2
    assert b"spin_lock_irqsave(&pgd_lock" not in header
    assert b"#define PGD_LOCK_PLAIN\t1\n" in header
    cfg = load_arch(tree / "arch/x86/arch.toml")
    assert layout_pgd_lock(tree, cfg) == "spin_lock"
    # s390 has no pgd_list: nothing to take
    assert layout_pgd_lock(tree, load_arch(tree / "arch/s390/arch.toml")) is None
    # and the default again: the fixed header, byte for byte what gen writes without it
    r = hdrtool("-C", str(tree), "gen")
    assert r.returncode == 0, r.stderr
    fixed = (tree / "include/asm-x86/pgalloc.h").read_bytes()
    assert layout_pgd_lock(tree, cfg) == "spin_lock_irqsave"
    assert b"PGD_LOCK_PLAIN" not in fixed


def test_bad_pgd_lock_on_the_command_line_is_bad_input(merged):
    r = hdrtool("-C", str(merged), "gen", "PGD_LOCK=mutex")
    assert r.returncode == 2 and "mutex" in r.stderr


def test_arch_toml_pgd_lock(tmp_path):
    tmp_path = tmp_path / "x86"
    tmp_path.mkdir()
    text = (REPO / "arch/x86/arch.toml").read_text()
    assert text.count("pgd_list = true\n") == 1
    (tmp_path / "arch.toml").write_text(
        text.replace("pgd_list = true\n", 'pgd_list = true\npgd_lock = "spin_lock"\n'))
    assert load_arch(tmp_path / "arch.toml").pgd_lock == "spin_lock"
    assert load_arch(REPO / "arch/x86/arch.toml").pgd_lock == "spin_lock_irqsave"
    (tmp_path / "arch.toml").write_text(
        text.replace("pgd_list = true\n", 'pgd_list = true\npgd_lock = "spin_lock_bh"\n'))
    with pytest.raises(ConfigError) as exc:
        load_arch(tmp_path / "arch.toml")
    assert "arch.pgd_lock" in str(exc.value) and "spin_lock_bh" in str(exc.value)
    assert issubclass(ConfigError, HdrError)


@pytest.mark.parametrize("mode", ["spin_lock", "spin_lock_irqsave"])
def test_rendered_header_says_what_it_was_generated_with(mode):
    cfg = load_arch(REPO / "arch/x86/arch.toml")
    assert rendered_pgd_lock(cfg, REPO, mode) == mode


def test_pgd_lock_mode_reads_the_weakest():
    assert pgd_lock_mode(b"spin_lock_irqsave(&pgd_lock, f);\n") == "spin_lock_irqsave"
    assert pgd_lock_mode(b"spin_lock_irqsave(&pgd_lock, f);\nspin_lock(&pgd_lock);\n") == \
        "spin_lock"
    assert pgd_lock_mode(b"/* no lock */\n") is None
