"""headers_install on real releases of other eras, against the kernel's own output.

* era detection read from each real tree (no release table);
* Linux 4.4.121 (uapi + header-y lists, ``headers_install.sh`` per
  directory): ARCH=x86, s390, arm64 byte-identical to the kernel's install
  shipped in ../shared/linux-trees, file set (empty directories included);
* what such a tree gets wrong is reported at path:line, exit 2, nothing written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hdrtool.core.era import read_tree, srcarch_map
from hdrtool.core.errors import InputError
from hdrtool.install.plan import plan_install
from hdrtool.install.installer import MANIFEST

from golden_cases import run_cli, tree_files

pytestmark = pytest.mark.linux


def _dirs(root: Path) -> set:
    return {str(Path(d).relative_to(root)) for d, _, _ in os.walk(root)}


def _compare(ours: Path, theirs: Path):
    want, got = tree_files(theirs), tree_files(ours)
    got.pop(MANIFEST, None)
    got.pop(f"include/{MANIFEST}", None)
    assert sorted(set(want) ^ set(got)) == [], "file sets differ"
    differing = sorted(k for k in want if want[k] != got[k])
    assert differing == [], f"{len(differing)} of {len(want)} differ, first: {differing[:5]}"
    assert _dirs(ours) == _dirs(theirs), "directory sets differ"
    return len(want)


def test_eras_are_read_from_the_trees(shared_linux, srctree):
    old, _ = shared_linux("2.6.23")
    mid, _ = shared_linux("4.4.121")
    a, c = read_tree(old), read_tree(mid)
    assert (a.machinery, a.script, a.srcarch) == ("headersinst-sed", None, {})
    assert c.machinery == "headers_install.sh-dir"
    assert c.script == "scripts/headers_install.sh"
    assert c.arch_dir_name("x86_64") == "x86" and c.arch_dir_name("tilegx") == "tile"
    assert read_tree(srctree).machinery == "hdrtool"


def test_srcarch_map_follows_the_makefile_text():
    text = ("SRCARCH := $(ARCH)\nifeq ($(ARCH),i386)\n        SRCARCH := x86\nendif\n"
            "ifeq ($(ARCH),sparc64)\n       SRCARCH := sparc\n       hdr-arch := sparc\nendif\n"
            "ifeq ($(ARCH),frob64)\n  SRCARCH := frob\nendif\n")
    assert srcarch_map(text) == {"i386": "x86", "sparc64": "sparc", "frob64": "frob"}


def test_a_tree_nobody_can_place(tmp_path):
    (tmp_path / "include").mkdir()
    with pytest.raises(InputError, match="looked for scripts/Makefile.headersinst"):
        read_tree(tmp_path)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts/Makefile.headersinst").write_text("all:\n\t@true\n")
    with pytest.raises(InputError, match="unknown header install machinery: looked for"):
        read_tree(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["x86", "s390", "arm64"])
def test_linux_4_4_byte_identical(shared_linux, tmp_path, capsys, arch):
    src, refs = shared_linux("4.4.121")
    ours = tmp_path / "usr"
    rc, out, err = run_cli(["-C", src, "headers_install", f"ARCH={arch}",
                            f"INSTALL_HDR_PATH={ours}"], capsys)
    assert (rc, err) == (0, "")
    n = _compare(ours / "include", refs[arch])
    assert n > 700


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=True)
    return dst


def test_4_4_missing_uapi_file_is_path_line(shared_linux, tmp_path, capsys):
    src, _ = shared_linux("4.4.121")
    tree = _copy(src, tmp_path / "t")
    kb = tree / "include/uapi/linux/Kbuild"
    lines = kb.read_bytes().splitlines(keepends=True)
    lines.insert(3, b"header-y += no-such-header.h\n")
    kb.write_bytes(b"".join(lines))
    out = tmp_path / "usr"
    rc, _, err = run_cli(["-C", tree, "headers_install", "ARCH=s390", f"INSTALL_HDR_PATH={out}"],
                         capsys)
    assert rc == 2
    assert err.startswith("hdrtool: error: include/uapi/linux/Kbuild:4: Missing UAPI file "
                          "include/uapi/linux/no-such-header.h")
    assert not out.exists()


def test_4_4_unknown_arch_lists_the_exportable_ones(shared_linux):
    src, _ = shared_linux("4.4.121")
    with pytest.raises(InputError) as exc:
        plan_install(src, "vax")
    assert "Headers not exportable for the vax architecture" in str(exc.value)
    assert "arm64" in str(exc.value) and "x86" in str(exc.value)


def test_4_4_unknown_kbuild_variable(shared_linux, tmp_path):
    src, _ = shared_linux("4.4.121")
    tree = _copy(src, tmp_path / "t")
    kb = tree / "arch/s390/include/uapi/asm/Kbuild"
    kb.write_bytes(kb.read_bytes() + b"export-y += kvm.h\n")
    n = kb.read_bytes().count(b"\n")
    with pytest.raises(InputError) as exc:
        plan_install(tree, "s390")
    assert (exc.value.path, exc.value.line) == ("arch/s390/include/uapi/asm/Kbuild", n)
    assert "unknown Kbuild variable 'export-y'" in str(exc.value)


def _snapshot(root: Path) -> dict:
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in root.rglob("*") if p.is_file()}


BREAKAGES = {
    # name: (file to change, how, message the refusal must carry)
    "unknown-unifdef-c": ("scripts/unifdef.c", lambda b: b.replace(b"unifdef-2.5", b"unifdef-9.9"),
                          "unknown unifdef.c"),
    "generator-missing": ("arch/x86/entry/syscalls/syscallhdr.sh", None, "syscallhdr.sh"),
    "unknown-construct": ("include/uapi/linux/Kbuild", lambda b: b + b"define X\nendef\n",
                          "unsupported make directive in an export list: define"),
    "listed-file-missing": ("include/uapi/linux/a.out.h", None, "Missing UAPI file"),
    "unknown-machinery": ("scripts/Makefile.headersinst",
                          lambda b: b.replace(b"headers_install.sh", b"headers_inst.xx"),
                          "unknown header install machinery"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_4_4_bad_tree_keeps_the_previous_install(shared_linux, tmp_path, capsys, name):
    src, _ = shared_linux("4.4.121")
    tree = _copy(src, tmp_path / "t")
    out = tmp_path / "usr"
    rc, _, err = run_cli(["-C", tree, "headers_install", "ARCH=x86", f"INSTALL_HDR_PATH={out}"],
                         capsys)
    assert (rc, err) == (0, "")
    before = _snapshot(out)
    rel, how, message = BREAKAGES[name]
    target = tree / rel
    if how is None:
        target.unlink()
    else:
        target.write_bytes(how(target.read_bytes()))
    rc, so, err = run_cli(["-C", tree, "headers_install", "ARCH=x86",
                           f"INSTALL_HDR_PATH={out}"], capsys)
    assert rc == 2 and so == ""
    assert err.startswith("hdrtool: error: ") and message in err, err
    assert _snapshot(out) == before, "the previous install changed"
