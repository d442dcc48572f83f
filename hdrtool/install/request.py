"""What a ``headers_install`` command line asks for, and what it prints:
shared by the full command (:mod:`hdrtool.commands.headers_install`) and the
quick no-op path (:mod:`hdrtool.entry`), which loads nothing but ``os`` before
it answers.
"""

from __future__ import annotations

import os


class ForeignObjdir(ValueError):
    """O= was given and was made from another source tree (the full command
    reports it; the quick path just steps aside)."""


def install_dest(objtree: str, install_hdr_path, tree: str, explicit: bool = False):
    """Where ``headers_install`` reads and writes: (overlay, dest).  The
    overlay is O when O/include exists (a legacy tree's merge/gen output,
    read before the tree) and O belongs to ``tree``: made from it (see
    :func:`hdrtool.core.srctree.owner`), or unclaimed and given explicitly.  A
    default O made from another tree, or unclaimed, is not read; an explicit
    one made from another tree raises :class:`ForeignObjdir`.  dest is
    INSTALL_HDR_PATH, by default O/usr."""
    from hdrtool.core import srctree
    out = srctree.objdir(objtree)
    dest = install_hdr_path or os.path.join(out, "usr")
    overlay = None
    if os.path.isdir(os.path.join(out, "include")):
        made_by = srctree.owner(out)
        if made_by == os.path.realpath(tree) or (made_by is None and explicit):
            overlay = out
        elif made_by is not None and explicit:
            raise ForeignObjdir(srctree.foreign_message(out, made_by, tree))
    return overlay, dest


def up_to_date_lines(doc: dict, arch: str, dest, verbose: int):
    """What a run that found ``doc`` (the manifest in ``dest``/include) up to
    date prints on stderr."""
    from hdrtool.install.uptodate import WARNINGS
    lines = list(doc[WARNINGS])
    if verbose >= 1:
        n = len(doc["files"])
        lines.append(f"  {doc['layout']} layout, ARCH={arch}: {n} headers in "
                     f"{os.path.join(dest, 'include')} (0 written, {n} unchanged, 0 removed): "
                     f"up to date")
    return lines


def summary(total: int, include_dir, written: int, unchanged: int, removed: int) -> str:
    """The line a successful ``headers_install`` prints on stdout."""
    return (f"headers_install: {total} headers in {include_dir} "
            f"({written} written, {unchanged} unchanged, {removed} removed)")


def up_to_date_summary(doc: dict, dest) -> str:
    """:func:`summary` of a run that found the install up to date."""
    n = len(doc["files"])
    include = os.path.join(os.path.abspath(dest), "include")
    return summary(n, include, 0, n, 0) + ": up to date"
