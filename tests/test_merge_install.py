"""After the merge, ``headers_install ARCH=x86`` of the merged tree is, for
each variant's userspace compiler symbols, token for token what the pre-merge
``ARCH=i386`` / ``ARCH=x86_64`` installs were (issue 5)."""

from __future__ import annotations

import pytest

from hdrtool.cli import main
from hdrtool.merge.verify import compare_installed

from merge_helpers import make_tree


def hdrtool(*args) -> None:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    assert exc.value.code == 0, args


def installs_equivalent(src, tmp_path, cc):
    build = tmp_path / "build"
    for arch in ("i386", "x86_64"):
        hdrtool("-C", str(src), "headers_install", f"ARCH={arch}",
                f"INSTALL_HDR_PATH={tmp_path / arch}")
    hdrtool("-C", str(src), "merge", f"O={build}")
    hdrtool("-C", str(build), "headers_install", "ARCH=x86", f"INSTALL_HDR_PATH={tmp_path / 'x86'}")
    results = {}
    for arch, flags in (("i386", ["-m32", "-D__i386__", "-U__x86_64__"]),
                        ("x86_64", ["-m64", "-D__x86_64__", "-U__i386__"])):
        results[arch] = compare_installed(cc, tmp_path / arch / "include",
                                          tmp_path / "x86" / "include", flags,
                                          tmp_path / f"scratch-{arch}", jobs=2)
    return results


def test_install_after_merge_equals_pre_merge_installs(tmp_path, cc):
    results = installs_equivalent(make_tree(tmp_path / "src"), tmp_path, cc)
    assert results == {"i386": (5, []), "x86_64": (5, [])}
    page = (tmp_path / "x86/include/asm/page.h").read_bytes()
    assert b"__KERNEL__" not in page and b"__i386__" in page   # the userspace level only


def test_install_comparison_catches_a_bad_wrapper(tmp_path, cc):
    src = make_tree(tmp_path / "src")
    results = installs_equivalent(src, tmp_path, cc)
    assert results["i386"][1] == []
    page = tmp_path / "x86/include/asm/page.h"
    page.write_bytes(page.read_bytes().replace(b"__i386__", b"__x86_64__"))
    n, bad = compare_installed(cc, tmp_path / "i386/include", tmp_path / "x86/include",
                               ["-m32", "-D__i386__", "-U__x86_64__"], tmp_path / "s2")
    assert len(bad) == 1 and "<asm/page.h> differs" in bad[0], bad
