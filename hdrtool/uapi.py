"""Export rules of a modern Linux tree (>= 3.7, ``include/uapi``), as of 6.1.

What ``make headers_install`` exports, re-derived from Linux 6.1 (the
top-level Makefile's ``headers`` target, scripts/Makefile.headersinst,
scripts/Makefile.asm-generic, include/uapi/Kbuild):

* every ``*.h`` below a subdirectory of ``include/uapi`` and of
  ``arch/$(SRCARCH)/include/uapi``, except the ``no-export-headers``;
* ``linux/version.h``, made from VERSION/PATCHLEVEL/SUBLEVEL of the Makefile;
* in ``asm/``: a one-line ``#include <asm-generic/foo.h>`` wrapper for each
  ``generic-y`` of the arch's uapi Kbuild and each ``mandatory-y`` of
  include/uapi/asm-generic/Kbuild that the arch neither provides nor
  generates, and the syscall-number headers (:mod:`hdrtool.syscalls`);
* a generated header that also exists in the source directory is dropped
  (the kernel warns "duplicated header export").

Every file then goes through :data:`hdrtool.sanitize.LINUX_STEPS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool import syscalls
from hdrtool.errors import Diagnostic, InputError
from hdrtool.tree import iter_files, read_bytes
from hdrtool.uptodate import Deps

#: ARCH -> SRCARCH, as the Linux 6.1 top-level Makefile maps them.
SRCARCH = {"i386": "x86", "x86_64": "x86", "sparc64": "sparc", "parisc64": "parisc",
           "sh64": "sh"}

#: include/uapi/Kbuild of 6.1: linux/<h> is exported only where the arch has
#: asm/<h> (in its uapi source dir, or for kvm_para.h also generated).
NO_EXPORT_UNLESS_ARCH_HAS = (
    ("linux/a.out.h", "a.out.h", False),
    ("linux/kvm.h", "kvm.h", False),
    ("linux/kvm_para.h", "kvm_para.h", True),
)

_KBUILD_LINE = re.compile(r"^(generic-y|generated-y|mandatory-y)\s*\+=\s*(.*)$")


@dataclass(frozen=True)
class UapiFile:
    """One file to export: read from ``src`` (tree-relative) or, when
    ``data`` is set, generated; ``label`` is the kernel's name for it
    (used in messages and for the CONFIG_ allow-list)."""

    dst: str
    label: str
    src: Optional[str] = None
    data: Optional[bytes] = None
    inputs: Tuple[str, ...] = ()


def srcarch(arch: str) -> str:
    return SRCARCH.get(arch, arch)


def read_kbuild_lists(data: bytes, path: str) -> Dict[str, List[str]]:
    """``generic-y`` / ``generated-y`` / ``mandatory-y`` entries of a uapi Kbuild."""
    out: Dict[str, List[str]] = {"generic-y": [], "generated-y": [], "mandatory-y": []}
    for lineno, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        m = _KBUILD_LINE.match(text)
        if not m:
            raise InputError(f"unsupported line in uapi Kbuild: {text}", path, lineno)
        out[m.group(1)].extend(m.group(2).split())
    return out


def version_h(makefile: bytes) -> bytes:
    """``include/generated/uapi/linux/version.h`` (the Makefile's filechk_version.h)."""
    vals = {}
    for key in ("VERSION", "PATCHLEVEL", "SUBLEVEL"):
        m = re.search(rb"^" + key.encode() + rb"\s*=[ \t]*(\S*)", makefile, re.M)
        vals[key] = (m.group(1).decode() if m else "") or ("0" if key != "VERSION" else "")
    try:
        v, p, s = (int(vals[k]) for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL"))
    except ValueError:
        raise InputError("cannot read VERSION/PATCHLEVEL/SUBLEVEL", "Makefile") from None
    code = v * 65536 + p * 256 + min(s, 255)
    return ("#define LINUX_VERSION_CODE %d\n"
            "#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n"
            "#define LINUX_VERSION_MAJOR %s\n#define LINUX_VERSION_PATCHLEVEL %s\n"
            "#define LINUX_VERSION_SUBLEVEL %s\n"
            % (code, vals["VERSION"], vals["PATCHLEVEL"], vals["SUBLEVEL"])).encode()


def _src_headers(root: Path, rel_root: str, deps: Deps) -> Dict[str, str]:
    """dst -> tree-relative source of every *.h below a subdirectory of root."""
    out = {}
    deps.add(root)
    if not root.is_dir():
        return out
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        for rel in iter_files(sub, deps=deps):
            if rel.name.endswith(".h"):
                dst = f"{sub.name}/{rel.as_posix()}"
                out[dst] = f"{rel_root}/{dst}"
    return out


def _asm_generated(srctree: Path, sarch: str, asm_src: Dict[str, str],
                   deps: Deps) -> Dict[str, UapiFile]:
    """The generated ``asm/`` headers: generic wrappers and syscall headers."""
    kb_path = f"arch/{sarch}/include/uapi/asm/Kbuild"
    gen_path = "include/uapi/asm-generic/Kbuild"
    deps.add(srctree / kb_path)
    deps.add(srctree / gen_path)
    arch_kb = read_kbuild_lists(read_bytes(srctree / kb_path), kb_path) \
        if (srctree / kb_path).is_file() else read_kbuild_lists(b"", kb_path)
    mandatory = read_kbuild_lists(read_bytes(srctree / gen_path), gen_path)["mandatory-y"] \
        if (srctree / gen_path).is_file() else []
    generated = arch_kb["generated-y"]
    wrappers = list(arch_kb["generic-y"])
    wrappers += [f for f in mandatory if f not in generated and f"asm/{f}" not in asm_src]
    out: Dict[str, UapiFile] = {}
    gen_dir = f"arch/{sarch}/include/generated/uapi/asm"
    for name in wrappers:
        out[f"asm/{name}"] = UapiFile(f"asm/{name}", f"{gen_dir}/{name}",
                                      data=f"#include <asm-generic/{name}>\n".encode(),
                                      inputs=(kb_path,))
    rules = {h.name: h for h in syscalls.SYSCALL_HEADERS.get(sarch, ())}
    for name in generated:
        hdr = rules.get(name)
        if hdr is None:
            raise InputError(f"generated-y {name}: hdrtool has no rule to generate it for "
                             f"SRCARCH={sarch} (known: {', '.join(sorted(syscalls.SYSCALL_HEADERS))})",
                             kb_path)
        deps.add(srctree / hdr.table)
        table = read_bytes(srctree / hdr.table)
        out[f"asm/{name}"] = UapiFile(f"asm/{name}", f"{gen_dir}/{name}",
                                      data=syscalls.generate(table, hdr, hdr.table),
                                      inputs=(hdr.table,))
    return out


def linux_exports(srctree: Path, arch: str,
                  deps: Optional[Deps] = None) -> Tuple[List[UapiFile], List[Diagnostic]]:
    """Every file ``make headers_install ARCH=<arch>`` exports from the Linux
    tree at ``srctree``, sorted by destination, and warnings.  ``deps``
    records every file read and directory listed or probed."""
    srctree = Path(srctree)
    deps = Deps() if deps is None else deps
    sarch = srcarch(arch)
    deps.add(srctree / "arch" / sarch)
    if sarch == "um":
        raise InputError("Headers not exportable for UML (ARCH=um)")
    if not (srctree / "arch" / sarch).is_dir():
        known = sorted(p.name for p in (srctree / "arch").iterdir() if p.is_dir())
        raise InputError(f"unknown ARCH {arch!r}: no arch/{sarch} (known: {', '.join(known)})",
                         srctree)
    diags: List[Diagnostic] = []
    common = _src_headers(srctree / "include/uapi", "include/uapi", deps)
    asm_src = _src_headers(srctree / f"arch/{sarch}/include/uapi", f"arch/{sarch}/include/uapi",
                           deps)
    gen_asm = _asm_generated(srctree, sarch, asm_src, deps)
    for dst, _, use_generated in NO_EXPORT_UNLESS_ARCH_HAS:
        name = dst.split("/", 1)[1]
        has = f"asm/{name}" in asm_src or (use_generated and f"asm/{name}" in gen_asm)
        if not has:
            common.pop(dst, None)
    files: Dict[str, UapiFile] = {}
    for dst, src in common.items():
        files[dst] = UapiFile(dst, src, src=src, inputs=(src,))
    if "linux/version.h" in files:
        diags.append(_dup("include/uapi", "linux/version.h"))
    else:
        deps.add(srctree / "Makefile")
        files["linux/version.h"] = UapiFile(
            "linux/version.h", "include/generated/uapi/linux/version.h",
            data=version_h(read_bytes(srctree / "Makefile")), inputs=("Makefile",))
    for dst, src in asm_src.items():
        if dst in files:
            diags.append(Diagnostic(src, None, "warning", "export-overlap",
                                    f"{dst} is exported from include/uapi too; the arch's wins"))
        files[dst] = UapiFile(dst, src, src=src, inputs=(src,))
    for dst, item in gen_asm.items():
        if dst in asm_src:
            diags.append(_dup(f"arch/{sarch}/include/uapi", dst))
            continue
        files[dst] = item
    return [files[k] for k in sorted(files)], diags


def _dup(where: str, dst: str) -> Diagnostic:
    return Diagnostic(f"{where}/{dst}", None, "warning", "duplicated-export",
                      f"duplicated header export: {dst} (the source file wins)")
