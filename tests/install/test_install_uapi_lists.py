"""The header-y uapi era (3.7-5.2), one construct per case, on a hand-made tree.

The install machinery (scripts/Makefile.headersinst, headers_install.sh,
unifdef.c) and the top Makefile's version.h recipe are copied at test time
from the real 4.4.121 tree of ../shared/linux-trees; the export lists and
headers are ours, and the expected bytes are written by hand from
KERNEL-HEADERS.md C.1-C.3.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hdrtool.core.errors import InputError
from hdrtool.install.plan import plan_install

from golden_cases import run_cli, tree_files

pytestmark = pytest.mark.linux

GUARD = b"#ifndef _UAPI_LINUX_A_H\n#define _UAPI_LINUX_A_H\nint a;\n#ifdef __KERNEL__\nint k;\n" \
        b"#endif\n#endif /* _UAPI_LINUX_A_H */\n"

FILES = {
    "include/uapi/Kbuild": b"header-y += linux/\nheader-y += asm-generic/\n",
    "include/uapi/linux/Kbuild": b"header-y += a.h\nheader-y += old.h\nheader-y += sub/\n"
                                 b"genhdr-y += version.h\n",
    "include/uapi/linux/a.h": GUARD,
    "include/uapi/linux/sub/Kbuild": b"header-y += s.h\n",
    "include/uapi/linux/sub/s.h": b"static inline int s(void __user *p);\n",
    # only in the old (non-uapi) directory: Makefile.headersinst's input-files2
    "include/linux/old.h": b"struct old { int x; } __packed;\n",
    "include/uapi/asm-generic/Kbuild": b"header-y += errno.h\n",
    "include/uapi/asm-generic/errno.h": b"#define EPERM 1\n",
    "include/uapi/asm-generic/Kbuild.asm":
        b"opt-header += kvm.h a.out.h\nheader-y += errno.h\n"
        b"header-y += $(foreach hdr,$(opt-header), \\\n"
        b"\t$(if $(wildcard $(srctree)/arch/$(SRCARCH)/include/uapi/asm/$(hdr) \\\n"
        b"\t\t$(srctree)/arch/$(SRCARCH)/include/asm/$(hdr)),$(hdr)))\n",
    "arch/toy/include/uapi/asm/Kbuild": b"include include/uapi/asm-generic/Kbuild.asm\n"
                                        b"generic-y += errno.h\n",
    "arch/toy/include/uapi/asm/kvm.h": b"int kvm;\n",
    "arch/toy/include/asm/Kbuild": b"generic-y += clkdev.h\n",
}


@pytest.fixture
def tree(shared_linux, tmp_path) -> Path:
    real, _ = shared_linux("4.4.121")
    t = tmp_path / "t"
    for rel in ("scripts/Makefile.headersinst", "scripts/headers_install.sh", "scripts/unifdef.c",
                "Makefile"):
        (t / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real / rel, t / rel)
    for rel, data in FILES.items():
        (t / rel).parent.mkdir(parents=True, exist_ok=True)
        (t / rel).write_bytes(data)
    return t


def test_every_construct(tree, tmp_path, capsys):
    out = tmp_path / "usr"
    rc, _, err = run_cli(["-C", tree, "headers_install", "ARCH=toy", f"INSTALL_HDR_PATH={out}"],
                         capsys)
    assert (rc, err) == (0, "")
    got = tree_files(out / "include")
    got.pop(".hdrtool-manifest", None)
    assert got == {
        # _UAPI and the blanks before it become one blank; __KERNEL__ block removed
        "linux/a.h": b"#ifndef _LINUX_A_H\n#define _LINUX_A_H\nint a;\n"
                     b"#endif /* _LINUX_A_H */\n",
        "linux/old.h": b"struct old { int x; } __attribute__((packed));\n",      # old dir
        "linux/sub/s.h": b"static __inline__ int s(void *p);\n",                # subdir/
        "linux/version.h": b"#define LINUX_VERSION_CODE 263289\n"               # genhdr-y
                           b"#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))\n",
        "asm-generic/errno.h": b"#define EPERM 1\n",
        "asm/errno.h": b"#include <asm-generic/errno.h>\n",     # header-y + generic-y: wrapper
        "asm/kvm.h": b"int kvm;\n",                              # opt-header the arch has
    }
    assert (out / "include/uapi").is_dir()                       # the kernel's empty mkdir


def test_missing_uapi_file(tree):
    (tree / "include/linux/old.h").unlink()
    with pytest.raises(InputError) as exc:
        plan_install(tree, "toy")
    assert (exc.value.path, exc.value.line) == ("include/uapi/linux/Kbuild", 2)
    assert "Missing UAPI file include/uapi/linux/old.h" in str(exc.value)


def test_unknown_genhdr(tree):
    kb = tree / "include/uapi/linux/Kbuild"
    kb.write_bytes(kb.read_bytes() + b"genhdr-y += mystery.h\n")
    with pytest.raises(InputError) as exc:
        plan_install(tree, "toy")
    assert exc.value.line == 5 and "genhdr-y mystery.h" in str(exc.value)
