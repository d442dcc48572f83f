"""Export lists of the legacy (2.6.2x) layout: which headers an arch exports.

A directory under ``include/`` lists its exported headers in a ``Kbuild``
file, as Linux 2.6.23 ``scripts/Makefile.headersinst`` read them::

    header-y  += foo.h          # installed after the line rewrites
    unifdef-y += bar.h          # ... and run through unifdef -U__KERNEL__
    header-y  += subdir/        # recurse into subdir/ (it has its own Kbuild)
    include include/asm-generic/Kbuild.asm   # what every arch exports

A name in both lists is a ``unifdef-y`` header (2.6.23 filtered ``header-y``
by ``unifdef-y``).  The top-level directories come from ``include/Kbuild``
when there is one (``header-y += linux/``, ``asm-$(ARCH)/``), else they are
every ``include/<dir>`` with a Kbuild that is not an ``asm-*`` directory,
plus the arch's own ``asm-<arch>`` which installs as ``asm/`` (2.6.23 did so
for an arch without ``ALTARCH``).  The arch's list always contains
``include/asm-generic/Kbuild.asm``: if its Kbuild does not include it (as
2.6.23's did), it is added.

:func:`legacy_exports` is the reusable core: ``headers_install`` installs
its result and ``headers_check`` / ``validate`` can ask it what is exported.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Dict, List, Optional, Tuple

from hdrtool.core.errors import InputError
from hdrtool.core.make import Make
from hdrtool.core.tree import read_bytes
from hdrtool.install.uptodate import Deps

#: Every variable an export list of some era assigns, and who reads it.
#: A Kbuild that assigns anything else is an error naming it (path:line).
KNOWN_VARIABLES = {
    "header-y": "exported headers and subdir/ entries (2.6.18-4.x)",
    "unifdef-y": "exported after unifdef (2.6.18-2.6.34)",
    "objhdr-y": "generated headers, copied (2.6.18-2.6.34)",
    "genhdr-y": "generated headers under include/generated (3.x-4.x)",
    "opt-header": "asm/ headers exported only if the arch has them (3.x-4.x Kbuild.asm)",
    "generic-y": "asm/ wrappers #include <asm-generic/X> (3.x-)",
    "generated-y": "asm/ headers the arch generates (5.x-)",
    "mandatory-y": "asm/ headers every arch must have (5.x- asm-generic/Kbuild)",
    "syscall-y": "unistd_*.h made from syscall.tbl (6.12 Makefile.asm-headers)",
    "no-export-headers": "uapi headers not exported (4.12-)",
    "destination-y": "install directory override (2.6.30-)",
    "subdir-y": "subdirectories (Makefile.headersinst's own name for subdir/ entries)",
    "ALTARCH": "the other half of a biarch asm/ (x86_64 <= 2.6.23, sparc64 <= 2.6.26)",
    "ARCHDEF": "#if condition of this arch in the generated asm/ stubs",
    "ALTARCHDEF": "#if condition of ALTARCH in the generated asm/ stubs",
}
#: kbuild's ``list-$(CONFIG_FOO)`` idiom: with FOO unset the list is named
#: ``generic-`` (or, with 4.4 mips's missing ``$``, ``generic-(CONFIG_FOO)``),
#: which no install reads.
_CONFIG_LIST = re.compile(r"^([a-z-]+?)-(?:[nm]?|\(CONFIG_[A-Za-z0-9_]+\))$")
_LISTS = ("header-y", "unifdef-y", "objhdr-y")
#: What every arch exports; an arch Kbuild that does not include it gets it anyway.
KBUILD_ASM = "include/asm-generic/Kbuild.asm"


def read_kbuild(data: bytes, path: str, roots: Optional["Roots"], variables: Dict[str, str],
                exists=None, lookup=None) -> Make:
    """Evaluate one export list (``include`` lines followed through
    ``roots``) and check that it assigns only :data:`KNOWN_VARIABLES`.
    ``exists`` answers ``$(wildcard)`` (default: the file system).
    ``lookup(rel) -> bytes or None`` instead of ``roots``: tree-relative
    files held in memory (the merge audits lists it has just planned)."""
    if lookup is not None:
        def find_mem(target: str) -> Optional[str]:
            rel = _inside(target, path, 0)
            return rel if lookup(rel) is not None else None
        mk = Make(variables, find=find_mem, exists=exists or (lambda p: lookup(p) is not None),
                  read_file=lookup)
        mk.read(data, path)
        _check_assigned(mk)
        return mk

    def find(target: str) -> Optional[str]:
        if target.startswith("/"):
            top = str(roots.srctree.resolve()) + "/"
            if not target.startswith(top):
                return None
            target = target[len(top):]
        rel = _inside(target, path, 0)
        hit = roots.find(rel)
        return str(hit) if hit is not None else None
    mk = Make(variables, find=find, exists=exists or _probe(roots),
              read_file=lambda p: read_bytes(Path(p)))
    mk.read(data, path)
    _check_assigned(mk)
    return mk


def _check_assigned(mk: Make) -> None:
    for name, (where, line) in mk.assigned().items():
        m = _CONFIG_LIST.match(name)
        if name in KNOWN_VARIABLES or (m and f"{m.group(1)}-y" in KNOWN_VARIABLES):
            continue
        raise InputError(f"unknown Kbuild variable {name!r} (an export list may set "
                         f"{', '.join(sorted(KNOWN_VARIABLES))})", where, line)


def _probe(roots: "Roots"):
    """``$(wildcard P)``: P (absolute below the tree, or tree-relative) in
    the overlay or the tree; recorded as a dependency either way."""
    top = str(roots.srctree.resolve())
    def exists(p: str) -> bool:
        if os.path.isabs(p):
            if os.path.commonpath([top, p]) != top:
                roots.deps.add(Path(p))
                return os.path.exists(p)
            p = os.path.relpath(p, top)
        rel = os.path.normpath(p)
        if rel.startswith(".."):
            return False
        return roots.find(rel) is not None or roots.find(rel, "dir") is not None
    return exists


class Roots:
    """Where tree-relative paths are looked up: an optional overlay (the
    output directory of ``hdrtool merge``/``gen``) first, then the source tree."""

    def __init__(self, srctree: Path, overlay: Optional[Path] = None,
                 deps: Optional[Deps] = None):
        self.srctree = Path(srctree)
        self.order = tuple(Path(r) for r in (overlay, srctree) if r is not None)
        self.deps = Deps() if deps is None else deps

    def find(self, rel: str, kind: str = "file") -> Optional[Path]:
        for root in self.order:
            p = root / rel
            self.deps.add(p)          # found or not: its appearance changes the answer
            if (p.is_file() if kind == "file" else p.is_dir()):
                return p
            if os.path.islink(p):
                _broken_link(p, rel)
        return None

    def read(self, rel: str) -> bytes:
        path = self.find(rel) or self.srctree / rel
        return read_bytes(path)

    def kbuild_dirs(self) -> List[str]:
        names = set()
        for r in self.order:
            inc = r / "include"
            self.deps.add(inc)
            for sub in (inc.iterdir() if inc.is_dir() else ()):
                if sub.is_dir() and not sub.name.startswith("."):
                    self.deps.add(sub)
                    if (sub / "Kbuild").is_file():
                        names.add(sub.name)
        return sorted(names)


def _broken_link(p: Path, rel: str) -> None:
    """A symlink that names nothing: a loop or a dangling link, said so."""
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symbolic link loop", rel) from None
        raise InputError(f"dangling symbolic link to {os.readlink(p)}", rel) from None


@dataclass(frozen=True)
class Export:
    """One exported header: where it comes from and where it goes.

    ``dst`` is relative to ``INSTALL_HDR_PATH/include``; ``src`` relative to
    the tree; ``unifdef`` says whether it is a ``unifdef-y`` header;
    ``kbuild``/``line`` name the list entry that exports it; ``path`` is
    the file that will be read (in the overlay or the tree)."""

    dst: str
    src: str
    unifdef: bool
    kbuild: str
    line: int
    path: str = ""


@dataclass(frozen=True)
class _Entry:
    var: str
    word: str
    kbuild: str
    line: int


def parse_kbuild(data: bytes, path: str, roots: Roots, variables: Dict[str, str],
                 _depth: int = 0) -> List[_Entry]:
    """The ``header-y`` / ``unifdef-y`` / ``objhdr-y`` entries of one Kbuild
    file (``include`` lines followed), in the order they were read."""
    mk = read_kbuild(data, path, roots, variables)
    order: Dict[str, int] = {}
    out = []
    for var in _LISTS:
        for w in mk.entries(var):
            out.append(_Entry(var, w.text, w.path, w.line))
            order.setdefault(w.path, len(order))
    out.sort(key=lambda e: (order[e.kbuild], e.line))
    return out


def _inside(word: str, path: str, line: int, base: str = "") -> str:
    """``base/word`` as a normalized tree-relative path that must not escape."""
    p = PurePosixPath(word)
    if p.is_absolute() or ".." in p.parts:
        where = str(PurePosixPath(path).parent) + "/"
        raise InputError(f"'{word}' leaves {where} (a list names files in its own directory)",
                         path, line)
    return str(PurePosixPath(base) / p) if base else str(p)


# --------------------------------------------------------------------------

def _variables(arch_dir: str) -> Dict[str, str]:
    arch = arch_dir[len("asm-"):]
    return {"ARCH": arch, "SRCARCH": arch, "srctree": "."}


def top_dirs(roots: Roots, arch_dir: str) -> List[Tuple[str, str]]:
    """(source dir, install dir) pairs below ``include/``: the arch's dir
    installs as ``asm``."""
    variables = _variables(arch_dir)
    if roots.find("include/Kbuild"):
        names = []
        for e in parse_kbuild(roots.read("include/Kbuild"), "include/Kbuild", roots, variables):
            if not e.word.endswith("/"):
                raise InputError(f"include/Kbuild may only list directories: {e.word}",
                                 e.kbuild, e.line)
            names.append(_inside(e.word.rstrip("/"), e.kbuild, e.line))
    else:
        names = [n for n in roots.kbuild_dirs()
                 if not n.startswith("asm-") or n == "asm-generic"]
        names.append(arch_dir)
    return [(n, "asm" if n == arch_dir else n) for n in names]


def legacy_exports(srctree: Path, arch_dir: str, overlay: Optional[Path] = None,
                   deps: Optional[Deps] = None) -> List[Export]:
    """Every header the legacy tree at ``srctree`` exports for the arch whose
    header directory is ``include/<arch_dir>``, sorted by destination.

    >>> [e.dst for e in legacy_exports(tree, "asm-s390")][:2]   # doctest: +SKIP
    ['asm-generic/errno-base.h', 'asm/a.out.h']
    """
    roots = Roots(srctree, overlay, deps)
    if roots.find(f"include/{arch_dir}/Kbuild") is None:
        raise InputError(f"no export list include/{arch_dir}/Kbuild",
                         Path(srctree) / "include" / arch_dir)
    variables = _variables(arch_dir)
    out: Dict[str, Export] = {}
    for src_dir, dst_dir in top_dirs(roots, arch_dir):
        _walk_dir(roots, f"include/{src_dir}", dst_dir, variables, out, None,
                  implicit=KBUILD_ASM if src_dir == arch_dir else None)
    return [out[k] for k in sorted(out)]


def _walk_dir(roots: Roots, src_dir: str, dst_dir: str, variables, out: Dict[str, Export],
              origin: Optional[_Entry], implicit: Optional[str] = None) -> None:
    kbuild = f"{src_dir}/Kbuild"
    if roots.find(kbuild) is None:
        if origin is None:
            raise InputError(f"no export list {kbuild}", roots.srctree / src_dir)
        raise InputError(f"{origin.var} names directory {origin.word} but {kbuild} does not exist",
                         origin.kbuild, origin.line)
    entries = parse_kbuild(roots.read(kbuild), kbuild, roots, variables)
    if implicit and roots.find(implicit) and all(e.kbuild != implicit for e in entries):
        entries += parse_kbuild(roots.read(implicit), implicit, roots, variables)
    unifdef = {e.word for e in entries if e.var == "unifdef-y"}
    for e in sorted(entries, key=lambda e: (e.word, e.var != "unifdef-y")):
        if e.word.endswith("/"):
            sub = _inside(e.word.rstrip("/"), e.kbuild, e.line)
            _walk_dir(roots, f"{src_dir}/{sub}", f"{dst_dir}/{sub}", variables, out, e)
            continue
        name = _inside(e.word, e.kbuild, e.line)
        src = f"{src_dir}/{name}"
        found = roots.find(src)
        if found is None:
            raise InputError(f"{e.var} entry '{e.word}': no such file {src}", e.kbuild, e.line)
        dst = f"{dst_dir}/{name}"
        if dst not in out:
            out[dst] = Export(dst, src, e.word in unifdef, e.kbuild, e.line, str(found))
