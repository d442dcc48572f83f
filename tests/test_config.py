"""arch.toml loading: golden summaries of the real files, golden errors for bad ones.

Regenerate the expected files after a reviewed change with
``python3 tests/regen.py tests/test_config.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from hdrtool.core.config import load_arch, load_arches, resolve_arch
from hdrtool.core.errors import ConfigError

from goldens import expect

GOLDEN = Path(__file__).parent / "golden" / "config"
BAD = sorted(p.name for p in GOLDEN.iterdir() if (p / "s390" / "arch.toml").is_file())


def _check(expected: Path, actual: str) -> None:
    expect(expected, actual)


def _summary(cfg) -> str:
    data = dataclasses.asdict(cfg)
    data["path"] = f"arch/{cfg.name}/arch.toml"
    data["pgtable_ctype"] = cfg.pgtable_ctype
    data["derived"] = {v.name: {"address_bits": v.address_bits,
                                "pte_table_size": v.pte_level.table_size,
                                "defines": list(v.defines)} for v in cfg.variants}
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("arch", ["x86", "s390"])
def test_good_arch_toml(srctree, arch):
    cfg = load_arch(srctree / "arch" / arch / "arch.toml")
    _check(GOLDEN / f"good-{arch}.json", _summary(cfg))


@pytest.mark.parametrize("case", BAD)
def test_bad_arch_toml(case):
    path = GOLDEN / case / "s390" / "arch.toml"
    with pytest.raises(ConfigError) as info:
        load_arch(path)
    message = str(info.value).replace(str(GOLDEN / case) + "/", "")
    _check(GOLDEN / case / "expected.err", message + "\n")


def test_bad_cases_are_all_different_errors():
    messages = {(GOLDEN / c / "expected.err").read_text() for c in BAD}
    assert len(messages) == len(BAD)


def test_arch_name_must_match_directory(tmp_path, srctree):
    (tmp_path / "s390x").mkdir()
    (tmp_path / "s390x" / "arch.toml").write_bytes((srctree / "arch/s390/arch.toml").read_bytes())
    with pytest.raises(ConfigError, match=r"arch.name: 's390' does not match its directory 's390x'"):
        load_arch(tmp_path / "s390x" / "arch.toml")


def test_unreadable_file_names_path(tmp_path):
    with pytest.raises(ConfigError) as info:
        load_arch(tmp_path / "nope" / "arch.toml")
    assert str(info.value).startswith(str(tmp_path / "nope" / "arch.toml") + ": cannot read")


@pytest.mark.parametrize("name,arch,variant", [
    ("x86", "x86", None), ("s390", "s390", None),
    ("i386", "x86", "x86_32"), ("x86_64", "x86", "x86_64"), ("s390x", "s390", "s390x"),
])
def test_resolve_arch(srctree, name, arch, variant):
    cfg, var = resolve_arch(srctree, name)
    assert cfg.name == arch
    assert (var.name if var else None) == variant


def test_resolve_arch_suggests(srctree):
    with pytest.raises(ConfigError, match="unknown ARCH 'x86-64'; did you mean 'x86_64'"):
        resolve_arch(srctree, "x86-64")


def test_every_bundled_arch_loads(srctree):
    names = [c.name for c in load_arches(srctree)]
    assert names == ["s390", "x86"]


@pytest.mark.parametrize("key, value", [("dir32", "../asm-i386"), ("dir64", "."),
                                        ("suffix64", "/../_64")])
def test_merge_path_keys_are_names_not_paths(tmp_path, srctree, key, value):
    text = (srctree / "arch/x86/arch.toml").read_text()
    old = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
    path = tmp_path / "x86" / "arch.toml"
    path.parent.mkdir()
    path.write_text(text.replace(old, f'{key} = "{value}"', 1))
    with pytest.raises(ConfigError, match=rf"^{path}: merge\.{key}: '{re.escape(value)}'"):
        load_arch(path)


def test_an_old_dir_outside_include_is_a_config_error_at_the_cli(tmp_path, srctree):
    # was "include/../../../x: no export list include/../../../x/Kbuild"
    # (headers_install) and a silent 0 (merge), although the Kbuild existed
    import shutil
    import subprocess
    import sys
    tree = tmp_path / "t"
    shutil.copytree(srctree / "include", tree / "include")
    shutil.copytree(srctree / "arch", tree / "arch")
    toml = tree / "arch/x86/arch.toml"
    toml.write_text(toml.read_text().replace('old_dir = "asm-i386"', 'old_dir = "../../../x"', 1))
    for args in (["headers_install", "ARCH=i386", f"INSTALL_HDR_PATH={tmp_path / 'usr'}"],
                 ["merge", f"O={tmp_path / 'O'}"]):
        r = subprocess.run([sys.executable, "-m", "hdrtool", "-C", str(tree), *args],
                           capture_output=True, text=True, cwd=tmp_path,
                           env=dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent)))
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr == (f"hdrtool: error: {toml}: variants[0].old_dir: '../../../x' is not a "
                            "directory name below include/ (one path component: no '/', and "
                            "not '.' or '..')\n"), args
    assert not (tmp_path / "usr").exists() and not (tmp_path / "O").exists()
