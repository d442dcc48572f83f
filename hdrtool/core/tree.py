"""The source tree: finding it, walking it, and its per-variant build layout.

One walker (:func:`iter_files`) serves every command, so that ordering,
symlink handling and error reporting are the same everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, List, NamedTuple, Optional, Tuple

from hdrtool.core import srctree
from hdrtool.core.errors import InputError

if TYPE_CHECKING:      # config (tomllib, dataclasses) is not needed to find or walk a tree
    from hdrtool.core.config import ArchConfig, Variant

#: The tree shipped with hdrtool (a checkout's top level).
BUNDLED_TREE = Path(srctree.BUNDLED)


def is_srctree(path: Path) -> bool:
    """A tree in hdrtool's own layout: ``include/`` and ``arch/*/arch.toml``."""
    return srctree.is_hdrtool_tree(os.fspath(path))


def find_srctree(explicit: Optional[os.PathLike] = None, cwd: Optional[Path] = None) -> Path:
    """``-C DIR`` if given (it must be a directory); else the current
    directory if it is a tree (hdrtool's layout or a Linux tree); else the
    bundled tree."""
    found = srctree.find(explicit, cwd)
    if found is not None:
        return Path(found)
    if explicit is not None:
        raise InputError("no such directory", Path(explicit))
    raise InputError("not a source tree (no include/ with arch/*/arch.toml or include/uapi); "
                     "use -C DIR", Path(cwd or os.getcwd()))


def iter_files(root: Path, *, follow_links: bool = True, deps=None) -> Iterator[Path]:
    """Yield every regular file below ``root`` as a path relative to it, in
    sorted order (directories depth-first, names bytewise).  A symlink loop or
    a dangling link is an :class:`InputError`.  ``deps``
    (:class:`hdrtool.install.uptodate.Deps`) records each directory listed."""
    root = Path(root)
    seen_dirs = set()

    def walk(rel: Path) -> Iterator[Path]:
        here = root / rel
        try:
            st = here.stat()
        except OSError as exc:
            raise InputError(f"cannot read directory: {exc.strerror}", here) from None
        if deps is not None:
            deps.add(here, st)
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            raise InputError("symlink loop", here)
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(here), key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            raise InputError(f"cannot read directory: {exc.strerror}", here) from None
        for entry in entries:
            sub = rel / entry.name
            if entry.is_symlink():
                if not follow_links:
                    continue
                if not os.path.exists(entry.path):
                    raise InputError("dangling symlink", root / sub)
            if entry.is_dir():
                yield from walk(sub)
            elif entry.is_file():
                yield sub
        seen_dirs.discard(key)

    yield from walk(Path())


def read_bytes(path: Path) -> bytes:
    """Read a header as bytes; an unreadable file is an InputError."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and rename.

    Returns False (and leaves the file and its mtime alone) when the file
    already holds exactly ``data``."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise InputError(f"cannot write: {exc.strerror}", path) from None
    return True


# --------------------------------------------------------------------------
# Build layout: how kernel code of one variant sees the headers.
#
# As in a 2.6.2x kbuild tree, <asm/...> resolves to the arch's header
# directory through an `asm` link (kbuild made include/asm -> asm-$(ARCH));
# we make that link in a scratch directory instead of the source tree.
# --------------------------------------------------------------------------

class BuildLayout(NamedTuple):
    variant: "Variant"
    asm_dir: Path          # the directory <asm/...> resolves to
    include_dirs: Tuple[Path, ...]
    cppflags: Tuple[str, ...]  # -nostdinc, -I, -D, -U
    cflags: Tuple[str, ...]    # target flags (-m32/-m64)

    def flags(self, *, kernel: bool = True) -> List[str]:
        out = list(self.cflags) + list(self.cppflags)
        if kernel:
            out.append("-D__KERNEL__")
        return out


def asm_dir_for(srctree: Path, cfg: "ArchConfig", variant: "Variant") -> Path:
    """The unified dir once it exists (after the merge), else the variant's old one."""
    unified = srctree / "include" / cfg.include_dir
    return unified if unified.is_dir() else srctree / "include" / variant.old_dir


def all_cpp_symbols(srctree: Path) -> Tuple[str, ...]:
    from hdrtool.core.config import load_arches
    syms = []
    for cfg in load_arches(srctree):
        for v in cfg.variants:
            syms.extend(s for s in v.cpp if s not in syms)
    for host in ("__x86_64__", "__i386__", "__amd64__", "__amd64", "__x86_64", "i386", "__i386"):
        if host not in syms:
            syms.append(host)
    return tuple(syms)


def build_layout(srctree: Path, cfg: "ArchConfig", variant: "Variant", scratch: Path,
                 asm_dir: Optional[Path] = None) -> BuildLayout:
    """Create ``scratch/<variant>/asm`` pointing at the variant's asm dir and
    return the flags that compile kernel code of that variant against it."""
    srctree = Path(srctree).resolve()
    asm = Path(asm_dir) if asm_dir is not None else asm_dir_for(srctree, cfg, variant)
    if not asm.is_dir():
        raise InputError(f"no header directory for variant {variant.name}", asm)
    link_dir = Path(scratch).resolve() / variant.name
    link_dir.mkdir(parents=True, exist_ok=True)
    link = link_dir / "asm"
    if link.is_symlink() or link.exists():
        if link.is_symlink() and Path(os.readlink(link)) == asm.resolve():
            pass
        else:
            link.unlink()
            link.symlink_to(asm.resolve(), target_is_directory=True)
    else:
        link.symlink_to(asm.resolve(), target_is_directory=True)
    # the arch Makefile's own -I of directories below the asm dir (mach-default)
    incs = (link_dir, srctree / "include") + tuple(
        asm.resolve() / d for d in getattr(variant, "asm_includes", ()) if (asm / d).is_dir())
    cpp: List[str] = ["-nostdinc"]
    for inc in incs:
        cpp.append(f"-I{inc}")
    for sym in all_cpp_symbols(srctree):
        if sym not in variant.cpp:
            cpp.append(f"-U{sym}")
    cpp.extend(f"-D{s}" for s in variant.defines)
    return BuildLayout(variant, asm, incs, tuple(cpp), tuple(variant.cflags))

