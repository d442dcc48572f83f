"""ARCH= is validated up front, against what the tree itself can export (issue 15 item 5)."""

from __future__ import annotations

import pytest

from hdrtool.core.errors import InputError
from hdrtool.install.plan import plan_install

from golden_cases import run_cli


@pytest.mark.parametrize("arch", [".", "..", "x86/", "../arch/x86", "arch/x86", "-x", "x 86"])
def test_a_path_is_not_an_arch(srctree, arch):
    with pytest.raises(InputError) as exc:
        plan_install(srctree, arch)
    assert "is not an architecture name (this tree exports: s390, x86)" in str(exc.value)


def test_cli_refuses_and_writes_nothing(srctree, tmp_path, capsys):
    out = tmp_path / "usr"
    rc, _, err = run_cli(["-C", srctree, "headers_install", "ARCH=.",
                          f"INSTALL_HDR_PATH={out}"], capsys)
    assert rc == 2 and "ARCH='.' is not an architecture name" in err
    assert not out.exists()


@pytest.mark.linux
def test_real_trees_list_their_own_arches(shared_linux):
    old, _ = shared_linux("2.6.23")
    mid, _ = shared_linux("4.4.121")
    with pytest.raises(InputError) as a:
        plan_install(old, "x86/")
    assert "i386" in str(a.value) and "x86_64" in str(a.value) and "sparc64" in str(a.value)
    with pytest.raises(InputError) as c:
        plan_install(mid, "./x86")
    assert "arm64" in str(c.value) and "tilegx" in str(c.value)


@pytest.mark.parametrize("target", [
    ["gen"], ["merge"], ["validate"], ["sim", "run", "workload"],
    ["headers_check", "--tree", "."], ["headers_install"],
])
@pytest.mark.parametrize("arch", [".", "../arch/x86", "x86/"])
def test_every_target_refuses_a_path_as_arch(target, arch, srctree, tmp_path, capsys, monkeypatch):
    # "everywhere": not only headers_install (headers_check took ARCH=. as an
    # arch of its own and checked the tree with no -m flag)
    monkeypatch.chdir(tmp_path)
    o = [f"O={tmp_path / 'o'}"] if target[0] in ("gen", "merge", "validate") else []
    rc, out, err = run_cli(["-C", srctree, *target, f"ARCH={arch}", *o], capsys)
    assert rc == 2, (out, err)
    assert f"ARCH {arch!r}" in err or f"ARCH={arch!r}" in err, err
    assert not (tmp_path / "o").exists() and list(tmp_path.iterdir()) == []
