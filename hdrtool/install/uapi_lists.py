"""Export rules of a uapi tree with ``header-y`` lists (Linux 3.7 to 4.x).

``scripts/Makefile.headersinst`` of these releases installs one directory
per make invocation: first ``include/uapi`` (recursing into the ``subdir/``
entries of its ``header-y``), then ``arch/$(SRCARCH)/include/uapi/asm``
into ``asm/``.  For a directory ``obj`` it reads ``$(obj)/Kbuild`` and, if
there is one, the "old" ``Kbuild`` of the same directory without ``uapi/``;
then

* ``header-y`` (sorted, directories split off) minus ``generic-y`` are run
  through ``headers_install.sh``, each read from ``$(obj)`` or else from the
  old directory (else "Missing UAPI file");
* ``genhdr-y`` are generated files (``include/generated/...``), also run
  through the script: ``linux/version.h`` and x86's ``unistd_*.h``;
* the ``header-y`` names that are also ``generic-y`` become one-line
  ``#include <asm-generic/NAME>`` wrappers, written as they are, not
  through the script.

The install directory is ``$(dst)`` with ``uapi/`` taken out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool.core.era import TreeRules
from hdrtool.core.errors import Diagnostic, InputError
from hdrtool.core.kbuild import Roots, read_kbuild
from hdrtool.install.uptodate import Deps

#: headers_install.sh of these releases: line rewrites, then unifdef.
SCRIPT_STEPS = ("rewrite", "unifdef")


@dataclass(frozen=True)
class ListFile:
    """One installed file (the shape :func:`hdrtool.install.plan.plan_install` takes)."""

    dst: str
    label: str
    src: Optional[str] = None
    data: Optional[bytes] = None
    inputs: Tuple[str, ...] = ()
    steps: Tuple[str, ...] = SCRIPT_STEPS


def uapi_list_exports(srctree: Path, arch: str, rules: TreeRules,
                      deps: Optional[Deps] = None) -> Tuple[List[ListFile], List[Diagnostic]]:
    """Every file ``make headers_install ARCH=<arch>`` installs from a
    header-y uapi tree, sorted by destination."""
    srctree = Path(srctree)
    deps = Deps() if deps is None else deps
    sarch = rules.arch_dir_name(arch)
    asm_kbuild = f"arch/{sarch}/include/uapi/asm/Kbuild"
    deps.add(srctree / asm_kbuild)
    if not (srctree / asm_kbuild).is_file():
        known = sorted(p.name for p in (srctree / "arch").iterdir()
                       if (p / "include/uapi/asm/Kbuild").is_file())
        raise InputError(f"Headers not exportable for the {sarch} architecture (ARCH={arch}): "
                         f"no {asm_kbuild} (exportable: {', '.join(known)})", srctree)
    roots = Roots(srctree, None, deps)
    variables = {"ARCH": arch, "SRCARCH": sarch, "hdr-arch": sarch,
                 "srctree": str(srctree.resolve()), "objtree": str(srctree.resolve())}
    out: Dict[str, ListFile] = {}
    gen = _Generated(srctree, sarch, deps)
    _install_dir(roots, "include/uapi", "include/uapi", variables, out, gen)
    _install_dir(roots, f"arch/{sarch}/include/uapi/asm", "include/asm", variables, out, gen)
    return [out[k] for k in sorted(out)], []


def _install_dir(roots: Roots, obj: str, dst: str, variables: Dict[str, str],
                 out: Dict[str, ListFile], gen: "_Generated") -> None:
    kbuild = f"{obj}/Kbuild"
    if roots.find(kbuild) is None:
        raise InputError(f"no export list {kbuild}", roots.srctree / obj)
    mk = read_kbuild(roots.read(kbuild), kbuild, roots, variables)
    old_obj = obj.replace("uapi/", "")
    old_kbuild = f"{old_obj}/Kbuild"
    if old_obj != obj and roots.find(old_kbuild) is not None:
        mk.read(roots.read(old_kbuild), old_kbuild)
        _check_known(mk)
    dst = mk.value("destination-y") or dst
    installdir = dst.replace("uapi/", "")
    if not installdir.startswith("include"):
        raise InputError(f"destination-y {dst} is outside include/", kbuild)
    rel_dir = installdir[len("include"):].lstrip("/")
    entries = {}
    for w in mk.entries("header-y"):
        entries.setdefault(w.text, w)
    generic = set(mk.words("generic-y"))
    for name in sorted(entries):
        w = entries[name]
        if name.endswith("/"):
            sub = name.rstrip("/")
            _install_dir(roots, f"{obj}/{sub}", f"{dst}/{sub}", variables, out, gen)
            continue
        target = f"{rel_dir}/{name}" if rel_dir else name
        if name in generic:
            out[target] = ListFile(target, f"{obj}/{name}", data=f"#include <asm-generic/{name}>\n"
                                   .encode(), inputs=(w.path,), steps=())
            continue
        for d in (obj, old_obj):
            if roots.find(f"{d}/{name}") is not None:
                src = f"{d}/{name}"
                out[target] = ListFile(target, src, src=src, inputs=(src,))
                break
        else:
            raise InputError(f"Missing UAPI file {obj}/{name}", w.path, w.line)
    for w in mk.entries("genhdr-y"):
        target = f"{rel_dir}/{w.text}" if rel_dir else w.text
        gen_rel = obj.replace("include/", "include/generated/", 1)
        out[target] = ListFile(target, f"{gen_rel}/{w.text}", data=gen.make(obj, w),
                               inputs=gen.inputs(obj, w))


def _check_known(mk) -> None:
    from hdrtool.core.kbuild import KNOWN_VARIABLES, _CONFIG_LIST
    for name, (where, line) in mk.assigned().items():
        m = _CONFIG_LIST.match(name)
        if name not in KNOWN_VARIABLES and not (m and f"{m.group(1)}-y" in KNOWN_VARIABLES):
            raise InputError(f"unknown Kbuild variable {name!r}", where, line)


class _Generated:
    """The ``genhdr-y`` files: what the tree's build makes before installing."""

    def __init__(self, srctree: Path, sarch: str, deps: Deps):
        self.srctree, self.sarch, self.deps = srctree, sarch, deps
        self._syscalls: Optional[Dict[str, bytes]] = None

    def inputs(self, obj: str, w) -> Tuple[str, ...]:
        if w.text == "version.h" and obj == "include/uapi/linux":
            return ("Makefile",)
        return (w.path,)

    def make(self, obj: str, w) -> bytes:
        from hdrtool.install import syscalls
        if w.text == "version.h" and obj == "include/uapi/linux":
            from hdrtool.install.versionh import version_h
            self.deps.add(self.srctree / "Makefile")
            return version_h((self.srctree / "Makefile").read_bytes())
        if obj == f"arch/{self.sarch}/include/uapi/asm":
            hdrs = syscalls.generated_headers(self.srctree, self.sarch, [w.text], "genhdr-y",
                                              self.deps)
            return hdrs[w.text]
        raise InputError(f"genhdr-y {w.text}: hdrtool does not know what in this tree "
                         f"generates {obj.replace('include/', 'include/generated/', 1)}/{w.text}",
                         w.path, w.line)


