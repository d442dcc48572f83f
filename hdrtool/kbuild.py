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

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Dict, List, Optional, Tuple

from hdrtool.errors import InputError
from hdrtool.tree import read_bytes
from hdrtool.uptodate import Deps

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*(\+=|:=|=)\s*(.*)$")
_INCLUDE = re.compile(r"^-?include\s+(\S+)\s*$")
_LISTS = ("header-y", "unifdef-y")
#: What every arch exports; an arch Kbuild that does not include it gets it anyway.
KBUILD_ASM = "include/asm-generic/Kbuild.asm"


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
    """The ``header-y`` / ``unifdef-y`` entries of one Kbuild file, with
    ``include`` lines followed.  Anything else is an InputError at path:line."""
    out: List[_Entry] = []
    for lineno, text in _logical_lines(data, path):
        text = text.split("#", 1)[0].strip()
        if not text:
            continue
        text = _expand(text, variables, path, lineno)
        inc = _INCLUDE.match(text)
        if inc:
            out.extend(_include(inc.group(1), path, lineno, roots, variables, _depth))
            continue
        m = _ASSIGN.match(text)
        if not m or m.group(1) not in _LISTS:
            raise InputError(f"unsupported Kbuild line (only header-y/unifdef-y += and include): "
                             f"{text}", path, lineno)
        if m.group(2) != "+=":
            raise InputError(f"{m.group(1)} must be appended with +=", path, lineno)
        out.extend(_Entry(m.group(1), w, path, lineno) for w in m.group(3).split())
    return out


def _logical_lines(data: bytes, path: str):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("Kbuild file is not UTF-8", path, line) from None
    start, acc = None, ""
    for i, raw in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if start is None:
            start = i
        if raw.endswith("\\"):
            acc += raw[:-1] + " "
            continue
        yield start, acc + raw
        start, acc = None, ""
    if acc:
        yield start, acc


def _expand(text: str, variables: Dict[str, str], path: str, line: int) -> str:
    def sub(m: "re.Match[str]") -> str:
        name = m.group(1)
        if name not in variables:
            raise InputError(f"unknown variable $({name}) (known: {', '.join(sorted(variables))})",
                             path, line)
        return variables[name]
    return re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", sub, text)


def _include(target: str, path: str, line: int, roots: Roots, variables, depth) -> List[_Entry]:
    if depth > 8:
        raise InputError("Kbuild include nesting too deep", path, line)
    rel = _inside(target, path, line)
    if roots.find(rel) is None:
        raise InputError(f"included file {rel} does not exist", path, line)
    return parse_kbuild(roots.read(rel), rel, roots, variables, depth + 1)


def _inside(word: str, path: str, line: int, base: str = "") -> str:
    """``base/word`` as a normalized tree-relative path that must not escape."""
    p = PurePosixPath(word)
    if p.is_absolute() or ".." in p.parts:
        raise InputError(f"'{word}' escapes the tree", path, line)
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
