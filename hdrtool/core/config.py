"""Arch descriptions: ``arch/<arch>/arch.toml`` loaded into frozen dataclasses.

Per-arch facts (page and table geometry, the variants and the symbols that
select them, which old header directories merge into which) are data, read
here once and validated so that every later stage can trust them::

    >>> cfg = load_arch(Path("arch/s390/arch.toml"))
    >>> cfg.variant("s390x").pte_level.table_size
    2048

Errors name the file and the key: ``arch/x86/arch.toml: variants[0].levels[1].shift: ...``.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from hdrtool.core.errors import ConfigError

PGTABLE_REPRS = {
    # representation -> C type of pgtable_t
    "page": "struct page *",
    "fragment": "pte_t *",
}


def _pow2(n: int) -> bool:
    return n > 0 and n & (n - 1) == 0


def _log2(n: int) -> int:
    return n.bit_length() - 1


@dataclass(frozen=True)
class Level:
    """One page-table level: ``name`` (pgd/pud/pmd/pte), the address shift it
    translates, its entry count and entry size in bytes."""

    name: str
    shift: int
    entries: int
    entry_size: int

    @property
    def table_size(self) -> int:
        return self.entries * self.entry_size

    @property
    def span(self) -> int:
        """Bytes of address space one whole table of this level maps."""
        return self.entries << self.shift


@dataclass(frozen=True)
class Variant:
    """One build variant of an arch (x86_32, x86_64, s390x, ...)."""

    name: str
    bits: int
    old_arch: str
    old_dir: str
    config: Tuple[str, ...]
    cpp: Tuple[str, ...]
    cflags: Tuple[str, ...]
    highpte: bool
    levels: Tuple[Level, ...]
    page_size: int
    #: Directories below the asm dir that the arch Makefile puts on the
    #: include path (2.6.23 arch/i386/Makefile: -Iinclude/asm-i386/mach-default).
    asm_includes: Tuple[str, ...] = ()

    @property
    def pte_level(self) -> Level:
        return self.levels[-1]

    def level(self, name: str) -> Optional[Level]:
        for lvl in self.levels:
            if lvl.name == name:
                return lvl
        return None

    @property
    def level_names(self) -> Tuple[str, ...]:
        return tuple(lvl.name for lvl in self.levels)

    @property
    def address_bits(self) -> int:
        top = self.levels[0]
        return top.shift + _log2(top.entries)

    @property
    def defines(self) -> Tuple[str, ...]:
        """Symbols defined when compiling kernel code for this variant."""
        return self.config + self.cpp


@dataclass(frozen=True)
class MergeSpec:
    """How two old per-variant directories merge into the arch's one."""

    into: str
    dir32: str
    dir64: str
    suffix32: str
    suffix64: str
    kernel_symbol: str
    user_symbol: str


@dataclass(frozen=True)
class ArchConfig:
    name: str
    path: Path
    page_size: int
    include_dir: str
    pgtable_t: str
    pgd_list: bool
    pgste: bool
    noexec_shadow: bool
    variants: Tuple[Variant, ...]
    merge: Optional[MergeSpec] = None

    @property
    def pgtable_ctype(self) -> str:
        return PGTABLE_REPRS[self.pgtable_t]

    def variant(self, name: str) -> Variant:
        for v in self.variants:
            if v.name == name:
                return v
        raise ConfigError(f"arch {self.name} has no variant {name!r} "
                          f"(variants: {', '.join(v.name for v in self.variants)})")

    @property
    def old_dirs(self) -> Tuple[str, ...]:
        """Pre-merge header directories, in variant order, without repeats."""
        seen: List[str] = []
        for v in self.variants:
            if v.old_dir not in seen:
                seen.append(v.old_dir)
        return tuple(seen)


class _Reader:
    """Typed access to a TOML table that reports ``file: key: problem``."""

    def __init__(self, path: Path, data: Dict[str, Any], prefix: str = ""):
        self.path, self.data, self.prefix = path, data, prefix

    def _key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self._key(key)}: {message}", self.path)

    def get(self, key: str, typ: type, default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.error(key, "missing required key")
            return default
        value = self.data[key]
        # bool is an int in Python; TOML keeps them apart, so do we.
        if typ is int and isinstance(value, bool) or not isinstance(value, typ):
            raise self.error(key, f"expected {_tname(typ)}, got {_tname(type(value))} {value!r}")
        return value

    def table(self, key: str, default: Any = ...) -> "_Reader":
        return _Reader(self.path, self.get(key, dict, default), f"{self._key(key)}.")

    def strings(self, key: str, default: Any = ...) -> Tuple[str, ...]:
        items = self.get(key, list, default)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.error(f"{key}[{i}]", f"expected string, got {_tname(type(item))} {item!r}")
        return tuple(items)

    def tables(self, key: str) -> List["_Reader"]:
        items = self.get(key, list)
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{i}]", f"expected table, got {_tname(type(item))}")
            out.append(_Reader(self.path, item, f"{self._key(key)}[{i}]."))
        if not out:
            raise self.error(key, "must not be empty")
        return out

    def dirname(self, key: str) -> str:
        """A string naming one directory below ``include/`` (``asm-i386``):
        the stages join it to a tree, so a path that could leave it, or any
        path at all, is refused here rather than met as a missing file."""
        value = self.get(key, str)
        if value in ("", ".", "..") or "/" in value or "\\" in value or "\0" in value:
            raise self.error(key, f"{value!r} is not a directory name below include/ "
                                  "(one path component: no '/', and not '.' or '..')")
        return value

    def unknown_keys(self, known: Tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                raise self.error(key, f"unknown key (known: {', '.join(known)})")


def _tname(typ: type) -> str:
    return {str: "string", int: "integer", bool: "boolean", list: "array",
            dict: "table", float: "float"}.get(typ, typ.__name__)


def _read_level(r: _Reader, page_size: int) -> Level:
    r.unknown_keys(("name", "shift", "entries", "entry_size"))
    name = r.get("name", str)
    if name not in ("pgd", "pud", "pmd", "pte"):
        raise r.error("name", f"unknown level {name!r} (pgd, pud, pmd or pte)")
    lvl = Level(name, r.get("shift", int), r.get("entries", int), r.get("entry_size", int))
    if not _pow2(lvl.entries):
        raise r.error("entries", f"{lvl.entries} is not a power of two")
    if not _pow2(lvl.entry_size):
        raise r.error("entry_size", f"{lvl.entry_size} is not a power of two")
    size = lvl.table_size
    if page_size % size and size % page_size:
        raise r.error("entries", f"table size {lvl.entries}*{lvl.entry_size} = {size} "
                                 f"neither divides nor is a multiple of page_size {page_size}")
    return lvl


_LEVEL_ORDER = ("pgd", "pud", "pmd", "pte")


def _read_variant(r: _Reader, arch: Dict[str, Any]) -> Variant:
    r.unknown_keys(("name", "bits", "old_arch", "old_dir", "config", "cpp", "cflags",
                    "highpte", "levels", "asm_includes"))
    page_size = arch["page_size"]
    levels = tuple(_read_level(lr, page_size) for lr in r.tables("levels"))
    names = [lvl.name for lvl in levels]
    if names[0] != "pgd" or names[-1] != "pte":
        raise r.error("levels", f"levels must run from pgd to pte, got {' '.join(names)}")
    if names != sorted(names, key=_LEVEL_ORDER.index) or len(set(names)) != len(names):
        raise r.error("levels", f"levels out of order or repeated: {' '.join(names)}")
    expect = _log2(page_size)
    for i in reversed(range(len(levels))):
        if levels[i].shift != expect:
            raise r.error(f"levels[{i}].shift",
                          f"{levels[i].shift} does not match the level below it (expected {expect})")
        expect += _log2(levels[i].entries)
    pte = levels[-1]
    if arch["pgtable_t"] == "page" and pte.table_size != page_size:
        raise r.error("levels", f"pgtable_t = \"page\" needs a pte table of exactly one page "
                                f"({page_size}), got {pte.table_size}")
    if arch["pgtable_t"] == "fragment" and (pte.table_size > page_size or page_size % pte.table_size):
        raise r.error("levels", f"pte table size {pte.table_size} does not divide page_size {page_size}")
    bits = r.get("bits", int)
    if bits not in (31, 32, 64):
        raise r.error("bits", f"{bits} is not 31, 32 or 64")
    return Variant(
        name=r.get("name", str), bits=bits,
        old_arch=r.get("old_arch", str), old_dir=r.dirname("old_dir"),
        config=r.strings("config"), cpp=r.strings("cpp"), cflags=r.strings("cflags", ()),
        highpte=r.get("highpte", bool, False), levels=levels, page_size=page_size,
        asm_includes=r.strings("asm_includes", ()))


def parse_arch(data: Dict[str, Any], path: Path) -> ArchConfig:
    """Validate parsed TOML ``data`` (from ``path``) into an :class:`ArchConfig`."""
    top = _Reader(path, data)
    top.unknown_keys(("arch", "merge", "fragments", "variants"))
    a = top.table("arch")
    a.unknown_keys(("name", "page_size", "include_dir", "pgtable_t", "pgd_list"))
    page_size = a.get("page_size", int)
    if not _pow2(page_size) or page_size < 1024:
        raise a.error("page_size", f"{page_size} is not a power of two of at least 1024")
    pgtable_t = a.get("pgtable_t", str)
    if pgtable_t not in PGTABLE_REPRS:
        raise a.error("pgtable_t", f"{pgtable_t!r} is not one of {', '.join(PGTABLE_REPRS)}")
    frag = top.table("fragments", {})
    frag.unknown_keys(("pgste", "noexec_shadow"))
    if pgtable_t != "fragment" and frag.data:
        raise frag.error("pgste", "[fragments] needs pgtable_t = \"fragment\"")
    merge = None
    if "merge" in data:
        m = top.table("merge")
        m.unknown_keys(("dir32", "dir64", "suffix32", "suffix64", "kernel_symbol", "user_symbol"))
        merge = MergeSpec(into=a.dirname("include_dir"), dir32=m.dirname("dir32"),
                          dir64=m.dirname("dir64"), suffix32=m.get("suffix32", str),
                          suffix64=m.get("suffix64", str), kernel_symbol=m.get("kernel_symbol", str),
                          user_symbol=m.get("user_symbol", str))
        for key in ("suffix32", "suffix64"):
            if "/" in m.data[key] or "\\" in m.data[key]:
                raise m.error(key, f"{m.data[key]!r}: a file name suffix has no '/'")
        if merge.suffix32 == merge.suffix64:
            raise m.error("suffix64", "must differ from suffix32")
    variants = tuple(_read_variant(vr, {"page_size": page_size, "pgtable_t": pgtable_t})
                     for vr in top.tables("variants"))
    seen = set()
    for i, v in enumerate(variants):
        if v.name in seen:
            raise top.error(f"variants[{i}].name", f"duplicate variant {v.name!r}")
        seen.add(v.name)
    name = a.get("name", str)
    return ArchConfig(
        name=name, path=path, page_size=page_size,
        include_dir=a.dirname("include_dir"), pgtable_t=pgtable_t,
        pgd_list=a.get("pgd_list", bool, False),
        pgste=frag.get("pgste", bool, False), noexec_shadow=frag.get("noexec_shadow", bool, False),
        variants=variants, merge=merge)


def load_arch(path: "os.PathLike[str] | str") -> ArchConfig:
    """Read and validate one arch.toml."""
    path = Path(path)
    return _load_named(path, path.parent.name, "its directory ")


def _load_toml(path: Path) -> ArchConfig:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8: {exc.reason}", path) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r" \(at line (\d+), column (\d+)\)", str(exc))
        msg = str(exc)[:m.start()] if m else str(exc)
        raise ConfigError(f"invalid TOML: {msg}", path, int(m.group(1)) if m else None) from None
    return parse_arch(data, path)


def list_arches(srctree: "os.PathLike[str] | str") -> List[str]:
    """Names of the arches described under ``srctree/arch``."""
    root = Path(srctree) / "arch"
    return sorted(p.parent.name for p in root.glob("*/arch.toml"))


def load_arches(srctree: "os.PathLike[str] | str") -> List[ArchConfig]:
    return [load_arch(Path(srctree) / "arch" / n / "arch.toml") for n in list_arches(srctree)]


#: hdrtool's own merge facts, for a tree that carries no arch/<arch>/arch.toml
#: (a real Linux tree): one ``<arch>.toml`` per arch, in arch.toml's format.
MERGE_DATA = Path(__file__).resolve().parent / "data" / "merge"


def bundled_merge_arches() -> List[ArchConfig]:
    """The arch descriptions shipped in :data:`MERGE_DATA`."""
    out = []
    for path in sorted(MERGE_DATA.glob("*.toml")):
        cfg = _load_named(path, path.stem, "its file name ")
        if cfg.merge is None:
            raise ConfigError("a bundled merge description needs a [merge] table", path)
        out.append(cfg)
    return out


def merge_arches(srctree: "os.PathLike[str] | str") -> List[ArchConfig]:
    """The arches ``hdrtool merge`` works on in ``srctree``: each arch.toml of
    the tree with a ``[merge]`` table, and for an arch the tree does not
    describe, hdrtool's bundled facts (:data:`MERGE_DATA`) when the tree
    shows their directories (``include/<dir32>``, ``include/<dir64>`` or
    the merged one).  A tree's own arch.toml wins.

    >>> [c.name for c in merge_arches("/usr/src/linux-2.6.23")]   # doctest: +SKIP
    ['x86']
    """
    own = load_arches(srctree)
    names = {c.name for c in own}
    inc = Path(srctree) / "include"
    out = [c for c in own if c.merge is not None]
    for cfg in bundled_merge_arches():
        m = cfg.merge
        if cfg.name not in names and any((inc / d).is_dir() for d in (m.dir32, m.dir64, m.into)):
            out.append(cfg)
    return out


def _load_named(path: Path, name: str, what: str = "") -> ArchConfig:
    cfg = _load_toml(path)
    if cfg.name != name:
        raise ConfigError(f"arch.name: {cfg.name!r} does not match {what}{name!r}", path)
    return cfg


def resolve_arch(srctree: "os.PathLike[str] | str", name: str) -> Tuple[ArchConfig, Optional[Variant]]:
    """Map an ``ARCH=`` value to (arch, variant).

    ``x86`` or ``s390`` name an arch (variant None); a pre-merge name such as
    ``i386`` or ``x86_64`` names the variant whose ``old_arch`` it is (the
    first one, for ``i386``: x86_32).  Raises ConfigError for an unknown name,
    with a suggestion."""
    arches = load_arches(srctree)
    for cfg in arches:
        if cfg.name == name:
            return cfg, None
    for cfg in arches:
        for v in cfg.variants:
            if v.old_arch == name or v.name == name:
                return cfg, v
    import difflib
    known = sorted({c.name for c in arches} | {v.old_arch for c in arches for v in c.variants}
                   | {v.name for c in arches for v in c.variants})
    hint = difflib.get_close_matches(name, known, n=1)
    extra = f"; did you mean {hint[0]!r}?" if hint else f" (known: {', '.join(known)})"
    raise ConfigError(f"unknown ARCH {name!r}{extra}")
