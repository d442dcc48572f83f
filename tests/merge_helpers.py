"""A small pre-merge tree with one name of every merge class, for tests.

    include/asm-i386/            include/asm-x86_64/
      same.h        identical      same.h
      ws.h          white space    ws.h (tabs, CRLF-free, blank lines)
      real.h        stub64         real.h: #include <asm-i386/real.h>
      back.h        stub32         back.h (real), i386 one: "asm-x86_64/back.h"
      page.h        split, exported (unifdef-y)
      io.h          split, kernel-only, includes "page.h" and <asm-x86_64/page.h>
      mach-default/apm.h  only32   -
      -                  only64    vsyscall.h
      vmlinux.lds.S split (non-header, preprocessed)
      Kbuild        merged         Kbuild
    include/linux/foo.h includes <asm-i386/page.h> and mentions asm-x86_64/io.h in a comment
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hdrtool.core.config import load_arch

REPO = Path(__file__).resolve().parent.parent

I386 = {
    "same.h": b"#ifndef _ASM_SAME_H\n#define _ASM_SAME_H\nint same;\n#endif\n",
    "ws.h": b"#ifndef _ASM_WS_H\n#define _ASM_WS_H\nint  ws (void);\n#endif\n",
    "real.h": b"#ifndef _ASM_REAL_H\n#define _ASM_REAL_H\n#include \"page.h\"\nint real;\n#endif\n",
    "back.h": b"/* moved */\n#include \"asm-x86_64/back.h\"\n",
    "page.h": (b"#ifndef _ASM_PAGE_H\n#define _ASM_PAGE_H\n#define PAGE_SHIFT 12\n"
               b"#ifdef __KERNEL__\n#define PAGE_OFFSET 0xC0000000UL\n#endif\n#endif\n"),
    "io.h": (b"#ifndef _ASM_IO_H\n#define _ASM_IO_H\n#include \"page.h\"\n"
             b"#include <asm-x86_64/page.h>\nstatic inline int inb(int p) { return p; }\n#endif\n"),
    "mach-default/apm.h": b"#define APM_32 1\n",
    "vmlinux.lds.S": b"OUTPUT_ARCH(i386)\n",
    "Kbuild": b"include include/asm-generic/Kbuild.asm\n\nheader-y += same.h\nunifdef-y += ws.h\n",
}
X86_64 = {
    "same.h": I386["same.h"],
    "ws.h": b"#ifndef _ASM_WS_H\n#define _ASM_WS_H\n\nint\tws (void);   \n#endif\n",
    "real.h": b"#include <asm-i386/real.h>\n",
    "back.h": b"#ifndef _ASM_BACK_H\n#define _ASM_BACK_H\nint back;\n#endif\n",
    "page.h": (b"#ifndef _ASM_X8664_PAGE_H\n#define _ASM_X8664_PAGE_H\n#define PAGE_SHIFT 12\n"
               b"#ifdef __KERNEL__\n#define PAGE_OFFSET 0xffff810000000000UL\n#endif\n#endif\n"),
    "io.h": b"#ifndef _ASM_IO_H\n#define _ASM_IO_H\nstatic inline int inb(long p) { return p; }\n#endif\n",
    "vsyscall.h": b"#define VSYSCALL_START (-10UL << 20)\n",
    "vmlinux.lds.S": b"OUTPUT_ARCH(i386:x86-64)\n",
    "Kbuild": b"include include/asm-generic/Kbuild.asm\n\nheader-y += vsyscall.h\nunifdef-y += same.h\n",
}
OTHER = {
    "include/asm-generic/Kbuild.asm": b"unifdef-y += page.h\n",
    "include/asm-generic/Kbuild": b"header-y += errno-base.h\n",
    "include/asm-generic/errno-base.h": b"#define EPERM 1\n",
    "include/linux/Kbuild": b"header-y += foo.h\n",
    "include/linux/foo.h": (b"/* was asm-x86_64/io.h */\n#include <asm-i386/page.h>\n"
                            b"#include <asm/io.h>\n"),
}


def make_tree(root: Path, i386=None, x86_64=None, other=None) -> Path:
    """Write the synthetic tree (with the real arch/*.toml) under root."""
    for d, files in (("asm-i386", I386 if i386 is None else i386),
                     ("asm-x86_64", X86_64 if x86_64 is None else x86_64)):
        for name, data in files.items():
            p = root / "include" / d / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    for path, data in (OTHER if other is None else other).items():
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    for arch in ("x86", "s390"):
        (root / "arch" / arch).mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "arch" / arch / "arch.toml", root / "arch" / arch / "arch.toml")
    return root


def x86():
    return load_arch(REPO / "arch" / "x86" / "arch.toml")
