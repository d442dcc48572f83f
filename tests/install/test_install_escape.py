"""A source that leaves the tree through a symlink is refused (issue 15 item 6)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hdrtool.core.errors import InputError
from hdrtool.install.plan import plan_install

from golden_cases import run_cli


def _bundled_copy(srctree: Path, tmp_path: Path) -> Path:
    t = tmp_path / "tree"
    shutil.copytree(srctree / "include", t / "include", symlinks=True)
    shutil.copytree(srctree / "arch", t / "arch", symlinks=True)
    return t


def test_listed_header_linking_out_is_refused(srctree, tmp_path, capsys):
    t = _bundled_copy(srctree, tmp_path)
    secret = tmp_path / "secret"
    secret.write_text("root:x:0:0\n")
    (t / "include/asm-s390/pw.h").symlink_to(secret)
    kb = t / "include/asm-s390/Kbuild"
    kb.write_bytes(kb.read_bytes() + b"header-y += pw.h\n")
    out = tmp_path / "usr"
    rc, _, err = run_cli(["-C", t, "headers_install", "ARCH=s390",
                          f"INSTALL_HDR_PATH={out}"], capsys)
    assert rc == 2
    # named where it is listed (path:line of the Kbuild entry), as the issue asks
    assert err == (f"hdrtool: error: include/asm-s390/Kbuild:4: header-y entry 'pw.h': "
                   f"include/asm-s390/pw.h resolves to {secret}, outside the source tree\n")
    assert not out.exists()


def test_listed_directory_linking_out_is_refused(srctree, tmp_path, capsys):
    # only links to files were tested: resolving each file's directory could
    # go and the suite stayed green
    t = _bundled_copy(srctree, tmp_path)
    outside = tmp_path / "outside"
    shutil.move(t / "include/linux/byteorder", outside)
    (t / "include/linux/byteorder").symlink_to(outside)
    out = tmp_path / "usr"
    rc, _, err = run_cli(["-C", t, "headers_install", "ARCH=s390",
                          f"INSTALL_HDR_PATH={out}"], capsys)
    assert rc == 2
    m = re.fullmatch(r"hdrtool: error: include/linux/byteorder/Kbuild:\d+: header-y entry "
                     r"'(\w+\.h)': include/linux/byteorder/\1 resolves to (.*), "
                     r"outside the source tree\n", err)
    assert m and m[2] == f"{outside}/{m[1]}", err
    assert not out.exists()


def test_a_link_inside_the_tree_is_fine(srctree, tmp_path):
    t = _bundled_copy(srctree, tmp_path)
    (t / "include/asm-s390/same.h").symlink_to("errno.h")
    kb = t / "include/asm-s390/Kbuild"
    kb.write_bytes(kb.read_bytes() + b"header-y += same.h\n")
    assert "asm/same.h" in {i.dst for i in plan_install(t, "s390").items}


def test_a_link_loop_is_a_loop(srctree, tmp_path):
    t = _bundled_copy(srctree, tmp_path)
    (t / "include/asm-s390/a.h").symlink_to("b.h")
    (t / "include/asm-s390/b.h").symlink_to("a.h")
    kb = t / "include/asm-s390/Kbuild"
    kb.write_bytes(kb.read_bytes() + b"header-y += a.h\n")
    with pytest.raises(InputError, match="loop"):
        plan_install(t, "s390")


@pytest.mark.linux
def test_uapi_header_linking_out_is_refused(shared_linux, tmp_path):
    src, _ = shared_linux("4.4.121")
    t = tmp_path / "t"
    shutil.copytree(src, t, symlinks=True)
    (t / "include/uapi/linux/acct.h").unlink()
    (t / "include/uapi/linux/acct.h").symlink_to("/etc/passwd")
    with pytest.raises(InputError) as exc:
        plan_install(t, "s390")
    # 4.4 lists its uapi headers: the error names the list entry, path:line
    assert exc.value.path == "include/uapi/linux/Kbuild" and exc.value.line
    assert ("header-y entry 'acct.h': include/uapi/linux/acct.h resolves to /etc/passwd, "
            "outside the source tree") in str(exc.value)
