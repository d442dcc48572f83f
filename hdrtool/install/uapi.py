"""Export rules of a Linux tree that exports every uapi header (5.3 and later).

What ``make headers_install`` exports in these releases (the top-level
Makefile's ``headers`` target, scripts/Makefile.headersinst,
scripts/Makefile.asm-generic or Makefile.asm-headers, include/uapi/Kbuild),
with every list read from the tree by :mod:`hdrtool.core.kbuild`:

* every ``*.h`` below a subdirectory of ``include/uapi`` and of
  ``arch/$(SRCARCH)/include/uapi``, except the ``no-export-headers`` of
  include/uapi/Kbuild (its ``$(wildcard)`` conditions evaluated);
* ``linux/version.h``, as the Makefile's own ``filechk_version.h`` writes it;
* in ``asm/``: a one-line ``#include <asm-generic/foo.h>`` wrapper for each
  ``generic-y`` of the arch's uapi Kbuild and each ``mandatory-y`` of
  include/uapi/asm-generic/Kbuild that the arch neither provides nor
  generates, and the syscall-number headers of ``generated-y`` and
  ``syscall-y`` (:mod:`hdrtool.install.syscalls`);
* a generated header that also exists in the source directory is dropped
  (the kernel warns "duplicated header export").

Every file then goes through :data:`hdrtool.install.sanitize.LINUX_STEPS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool.install import syscalls
from hdrtool.install import versionh
from hdrtool.core.errors import Diagnostic, InputError
from hdrtool.core.tree import iter_files, read_bytes
from hdrtool.install.uptodate import Deps


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


def _arch_lists(srctree: Path, sarch: str, deps: Deps):
    """The arch's uapi Kbuild and include/uapi/asm-generic/Kbuild, read with
    the one Kbuild reader (SRCARCH set, as Makefile.asm-generic runs them)."""
    from hdrtool.core.kbuild import Roots, read_kbuild
    roots = Roots(srctree, None, deps)
    variables = {"SRCARCH": sarch, "ARCH": sarch, "srctree": str(srctree.resolve()),
                 "objtree": str(srctree.resolve())}
    out = []
    for rel in (f"arch/{sarch}/include/uapi/asm/Kbuild", "include/uapi/asm-generic/Kbuild"):
        deps.add(srctree / rel)
        out.append(read_kbuild(read_bytes(srctree / rel), rel, roots, variables)
                   if (srctree / rel).is_file() else None)
    return out


def _asm_generated(srctree: Path, sarch: str, asm_src: Dict[str, str],
                   deps: Deps) -> Dict[str, UapiFile]:
    """The generated ``asm/`` headers: generic wrappers and syscall headers."""
    kb_path = f"arch/{sarch}/include/uapi/asm/Kbuild"
    arch_kb, generic_kb = _arch_lists(srctree, sarch, deps)
    words = (lambda mk, var: mk.words(var) if mk is not None else [])
    mandatory = words(generic_kb, "mandatory-y")
    generated = words(arch_kb, "generated-y")
    syscall_y = words(arch_kb, "syscall-y")
    wrappers = list(words(arch_kb, "generic-y"))
    wrappers += [f for f in mandatory if f not in generated and f"asm/{f}" not in asm_src
                 and f not in wrappers]
    out: Dict[str, UapiFile] = {}
    gen_dir = f"arch/{sarch}/include/generated/uapi/asm"
    for name in wrappers:
        out[f"asm/{name}"] = UapiFile(f"asm/{name}", f"{gen_dir}/{name}",
                                      data=f"#include <asm-generic/{name}>\n".encode(),
                                      inputs=(kb_path,))
    for kind, names in (("generated-y", generated), ("syscall-y", syscall_y)):
        if not names:
            continue
        made = syscalls.generated_headers(srctree, sarch, names, kind, deps)
        for name in names:
            out[f"asm/{name}"] = UapiFile(f"asm/{name}", f"{gen_dir}/{name}", data=made[name],
                                          inputs=(kb_path,))
    return out


def _no_export(srctree: Path, sarch: str, gen_asm: Dict[str, "UapiFile"], deps: Deps):
    """include/uapi/Kbuild's ``no-export-headers``, its ``$(wildcard)`` probes
    of ``$(objtree)/arch/.../generated/uapi/asm`` answered by what we generate."""
    from hdrtool.core.kbuild import Roots, read_kbuild
    rel = "include/uapi/Kbuild"
    deps.add(srctree / rel)
    if not (srctree / rel).is_file():
        return []
    top = str(srctree.resolve())
    obj = "/\0objtree"
    gen_prefix = f"{obj}/arch/{sarch}/include/generated/uapi/"
    roots = Roots(srctree, None, deps)

    def exists(p: str) -> bool:
        if p.startswith(gen_prefix):
            return p[len(gen_prefix):] in gen_asm
        if p.startswith(top + "/"):
            deps.add(Path(p))
            return os.path.exists(p)
        return False
    mk = read_kbuild(read_bytes(srctree / rel), rel, roots,
                     {"SRCARCH": sarch, "ARCH": sarch, "srctree": top, "objtree": obj}, exists)
    return mk.words("no-export-headers")


def linux_exports(srctree: Path, arch: str, deps: Optional[Deps] = None,
                  rules=None) -> Tuple[List[UapiFile], List[Diagnostic]]:
    """Every file ``make headers_install ARCH=<arch>`` exports from the Linux
    tree at ``srctree``, sorted by destination, and warnings.  ``deps``
    records every file read and directory listed or probed."""
    srctree = Path(srctree)
    deps = Deps() if deps is None else deps
    if rules is None:
        from hdrtool.core.era import read_tree
        rules = read_tree(srctree)
    sarch = rules.arch_dir_name(arch)
    deps.add(srctree / "arch" / sarch)
    if sarch in rules.refused:
        raise InputError(f"{rules.refused[sarch]} (ARCH={arch})", "Makefile")
    if not (srctree / "arch" / sarch / "include/uapi/asm").is_dir():
        from hdrtool.core.era import exportable_arches
        raise InputError(f"unknown ARCH {arch!r}: no arch/{sarch}/include/uapi/asm "
                         f"(known: {', '.join(exportable_arches(rules))})", srctree)
    diags: List[Diagnostic] = []
    common = _src_headers(srctree / "include/uapi", "include/uapi", deps)
    asm_src = _src_headers(srctree / f"arch/{sarch}/include/uapi", f"arch/{sarch}/include/uapi",
                           deps)
    gen_asm = _asm_generated(srctree, sarch, asm_src, deps)
    for dst in _no_export(srctree, sarch, gen_asm, deps):
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
            data=versionh.version_h(read_bytes(srctree / "Makefile")), inputs=("Makefile",))
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
