"""headers_install, the pure core: what to install, and how each file is made.

:func:`plan_install` looks at a tree, decides its layout and returns an
:class:`InstallPlan`: one :class:`InstallItem` per installed file (source or
generated content, destination below ``INSTALL_HDR_PATH/include``, the
transformation steps).  :func:`render` makes the bytes of one item.  Writing
them safely and incrementally is :mod:`hdrtool.install.installer`'s job.

The tree's own install machinery (:func:`hdrtool.core.era.read_tree`) decides
the planner; each file is transformed by the rules the tree's script
carries (:func:`hdrtool.install.treerules.transform_for`):

``linux`` (``headers_install.sh`` per file, 5.3-)
    every uapi header; rules in :mod:`hdrtool.install.uapi`.
``uapi-lists`` (``headers_install.sh`` per directory, 3.7-5.2)
    ``header-y``/``genhdr-y``/``generic-y`` lists; :mod:`hdrtool.install.uapi_lists`.
``headersinst`` (sed pipeline or ``headers_install.pl``, 2.6.18-3.x)
    ``include/asm-*`` lists, biarch stubs; :mod:`hdrtool.install.legacy`.
``legacy`` (hdrtool's own tree, ``arch/*/arch.toml``)
    the bundled tree: ``header-y`` files get the licence check and the
    line rewrites, ``unifdef-y`` files also unifdef; :mod:`hdrtool.core.kbuild`.

    >>> plan = plan_install(Path("."), "s390")          # doctest: +SKIP
    >>> plan.layout, plan.items[0].dst                  # doctest: +SKIP
    ('legacy', 'asm-generic/errno-base.h')
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Tuple

from hdrtool import __version__
from hdrtool.core.errors import Diagnostic, InputError
from hdrtool.install.sanitize import LINUX_STEPS, Transform, apply_steps
from hdrtool.install.uapi import linux_exports
from hdrtool.install.uptodate import Deps, request_key

#: Steps per kind of export (names from hdrtool.install.sanitize.STEPS).
LEGACY_HEADER_STEPS = ("licence", "rewrite")
LEGACY_UNIFDEF_STEPS = ("licence", "rewrite", "unifdef")

#: Changes whenever what render() produces for the same input may change;
#: stored in the manifest so an upgrade re-renders everything.
RULES_VERSION = f"hdrtool {__version__} install-rules 1"


@dataclass(frozen=True)
class InstallItem:
    """One installed file.

    ``dst``: posix path below ``INSTALL_HDR_PATH/include``; ``label``: the
    source's tree-relative name (messages, CONFIG_ allow-list); ``src``: the
    file to read, or None when ``data`` holds generated content; ``inputs``:
    files the result depends on (for the incremental check)."""

    dst: str
    label: str
    steps: Tuple[str, ...]
    src: Optional[str] = None
    data: Optional[bytes] = None
    inputs: Tuple[str, ...] = ()
    transform: Optional[Transform] = None


@dataclass(frozen=True)
class InstallPlan:
    """``request``: what was asked (tree, arch, overlay); ``deps``: every
    path the plan was made from (see :mod:`hdrtool.install.uptodate`)."""

    srctree: Path
    arch: str
    layout: str                       # "legacy" | "linux"
    items: Tuple[InstallItem, ...]
    diagnostics: Tuple[Diagnostic, ...] = field(default=())
    request: str = ""
    deps: Deps = field(default_factory=Deps, compare=False, repr=False)
    #: directories below include/ the kernel's install creates even when
    #: nothing is installed in them (4.4's mkdir of include/uapi)
    dirs: Tuple[str, ...] = ()

    @property
    def rules(self) -> str:
        return f"{RULES_VERSION} layout={self.layout} arch={self.arch}"

    def to_json(self) -> dict:
        return {"srctree": str(self.srctree), "arch": self.arch, "layout": self.layout,
                "files": [{"dst": i.dst, "src": i.label, "steps": list(i.steps)}
                          for i in self.items]}


def legacy_arch_dir(srctree: Path, arch: str, overlay: Optional[Path] = None,
                    deps: Optional[Deps] = None) -> str:
    """The ``include/asm-*`` directory that ``ARCH=<arch>`` installs as asm/."""
    from hdrtool.core.config import resolve_arch   # tomllib: only legacy trees need it
    deps = Deps() if deps is None else deps
    deps.add(srctree / "arch")                # arch/*/arch.toml: what ARCH= may name
    for sub in sorted((srctree / "arch").glob("*")):
        deps.add(sub)
        deps.add(sub / "arch.toml")
    cfg, variant = resolve_arch(srctree, arch)
    if variant is not None:
        return variant.old_dir
    roots = [root / "include" / cfg.include_dir for root in (overlay, srctree) if root is not None]
    for d in roots:
        deps.add(d)
    if any(d.is_dir() for d in roots):
        return cfg.include_dir
    old = [v.old_arch for v in cfg.variants if v.old_arch != cfg.name]
    hint = ("; run 'hdrtool merge' first, or install a pre-merge arch with "
            + " or ".join(f"ARCH={a}" for a in dict.fromkeys(old))) if old else ""
    raise InputError(f"include/{cfg.include_dir} does not exist{hint}", srctree / "include")


def plan_install(srctree: Path, arch: str, overlay: Optional[Path] = None) -> InstallPlan:
    """Everything ``headers_install ARCH=<arch>`` installs from ``srctree``.

    The tree's own install machinery (:func:`hdrtool.core.era.read_tree`)
    decides which planner runs and how each file is transformed.  For a
    tree in hdrtool's own layout, ``overlay`` is a directory laid out like
    the tree (``overlay/include/...``, e.g. the ``O=`` directory that
    ``hdrtool merge`` and ``gen`` write) whose files and Kbuild lists take
    precedence."""
    from hdrtool.core.era import read_tree
    request = request_key(srctree, arch, overlay)
    srctree = Path(srctree).resolve()
    deps = Deps()
    deps.add_tool()
    for rel in ("scripts/Makefile.headersinst", "scripts/headers_install.sh",
                "scripts/headers_install.pl", "scripts/unifdef.c", "Makefile",
                "include", "include/uapi", "arch"):
        deps.add(srctree / rel)           # what read_tree looks at
    rules = read_tree(srctree)
    if not _ARCH_NAME.fullmatch(arch):
        from hdrtool.core.era import exportable_arches
        raise InputError(f"ARCH={arch!r} is not an architecture name (this tree exports: "
                         f"{', '.join(exportable_arches(rules))})", srctree)
    if rules.machinery == "hdrtool":
        return _plan_hdrtool(srctree, arch, overlay, request, deps)
    transform = tree_transform(rules)
    dirs: Tuple[str, ...] = ()
    if rules.machinery == "headers_install.sh-file":
        layout, (files, diags) = "linux", linux_exports(srctree, arch, deps, rules)
    elif rules.machinery == "headers_install.sh-dir":
        from hdrtool.install.uapi_lists import uapi_list_exports
        layout, (files, diags) = "uapi-lists", uapi_list_exports(srctree, arch, rules, deps)
        dirs = ("uapi",)     # Makefile.headersinst's installdir of obj=include/uapi
    else:
        from hdrtool.install.legacy import headersinst_exports
        layout, (files, diags) = "headersinst", headersinst_exports(srctree, arch, rules, deps)
    top = str(srctree) + os.sep      # plain strings: ~1000 items, no pathlib in the hot path
    items = tuple(
        InstallItem(f.dst, f.label, getattr(f, "steps", LINUX_STEPS),
                    src=top + f.src if f.src else None, data=f.data,
                    inputs=tuple(top + p for p in f.inputs), transform=transform)
        for f in files)
    check_inside(items, (srctree,))
    return InstallPlan(srctree, arch, layout, items, tuple(diags), request, deps, dirs)


#: What an ARCH= value may look like: a directory name, never a path.
_ARCH_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def tree_transform(rules) -> Transform:
    """The per-file transformation the tree's own script applies."""
    from hdrtool.install.treerules import transform_for
    return transform_for(rules)


def _plan_hdrtool(srctree: Path, arch: str, overlay: Optional[Path], request: str,
                  deps: Deps) -> InstallPlan:
    """hdrtool's own tree: legacy Kbuild lists, rules of hdrtool's own."""
    from hdrtool.core.kbuild import legacy_exports
    arch_dir = legacy_arch_dir(srctree, arch, overlay, deps)
    items = tuple(
        InstallItem(e.dst, e.src, LEGACY_UNIFDEF_STEPS if e.unifdef else LEGACY_HEADER_STEPS,
                    src=e.path, inputs=(e.path,))
        for e in legacy_exports(srctree, arch_dir, overlay, deps))
    check_inside(items, (srctree,) + ((Path(overlay),) if overlay is not None else ()))
    return InstallPlan(srctree, arch, "legacy", items, (), request, deps)


def check_inside(items, roots) -> None:
    """Every source file, symlinks resolved, lies inside one of ``roots``:
    a listed header that is a link to /etc/passwd is refused, not
    installed.  Directories are resolved once each (a tree has ~100), a
    file only when it is a link itself."""
    tops = tuple(os.path.realpath(r) + os.sep for r in roots)
    dirs: dict = {}
    for item in items:
        if item.src is None:
            continue
        d, name = os.path.split(item.src)
        real_dir = dirs.get(d)
        if real_dir is None:
            real_dir = dirs[d] = _resolve(d, item.label)
        real = os.path.join(real_dir, name)
        if os.path.islink(real):
            real = _resolve(real, item.label)
        if not real.startswith(tops):
            raise InputError(f"resolves to {real}, outside the source tree", item.label)


def _resolve(path: str, label: str) -> str:
    try:
        return os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("symbolic link loop", label) from None
        raise InputError(f"cannot resolve: {exc.strerror}", label) from None


def render(item: InstallItem) -> bytes:
    """The installed bytes of ``item``; InputError (path:line) on bad input."""
    if item.data is not None:
        data = item.data
    else:
        try:
            data = _read(item.src)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", item.label) from None
    return apply_steps(data, item.steps, item.label, item.transform)


_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)


def _read(path: str) -> bytes:
    """A whole file with os.open/fstat/read/close and no file object (this
    runs once per installed header); read on until the end of the file
    (only a read that returns nothing says that), should it have grown."""
    fd = os.open(path, _READ)
    try:
        data = os.read(fd, os.fstat(fd).st_size + 1)
        more = os.read(fd, 1 << 16) if data else b""
        if not more:
            return data
        chunks = [data, more]
        while more:
            more = os.read(fd, 1 << 16)
            chunks.append(more)
        return b"".join(chunks)
    finally:
        os.close(fd)
