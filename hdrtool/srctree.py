"""Which source tree a command works on, and where its output goes.

Plain ``os`` only: the quick path of :mod:`hdrtool.entry` answers an
up-to-date ``headers_install`` with this before anything else is imported.
:func:`hdrtool.tree.find_srctree` wraps it with the error messages.
"""

from __future__ import annotations

import os

#: The tree shipped with hdrtool (a checkout's top level), as a real path.
BUNDLED = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def is_hdrtool_tree(path: str) -> bool:
    """hdrtool's own layout: ``include/`` and ``arch/*/arch.toml``."""
    arch = os.path.join(path, "arch")
    if not os.path.isdir(os.path.join(path, "include")) or not os.path.isdir(arch):
        return False
    return any(not name.startswith(".") and os.path.isfile(os.path.join(arch, name, "arch.toml"))
               for name in os.listdir(arch))


def is_kernel_tree(path: str) -> bool:
    """A Linux tree: ``include/uapi`` (3.7 and later) or
    ``include/linux/Kbuild`` (the header-y lists before that)."""
    return (os.path.isdir(os.path.join(path, "include", "uapi"))
            or os.path.isfile(os.path.join(path, "include", "linux", "Kbuild")))


def find(explicit=None, cwd=None):
    """The real path of the tree to work on: ``explicit`` (``-C DIR``) when
    it is a directory; else the current directory when it is a tree of
    either kind; else the bundled tree.  None when there is none."""
    if explicit is not None:
        return os.path.realpath(explicit) if os.path.isdir(explicit) else None
    here = os.fspath(cwd) if cwd is not None else os.getcwd()
    if is_hdrtool_tree(here) or is_kernel_tree(here):
        return os.path.realpath(here)
    return BUNDLED if is_hdrtool_tree(BUNDLED) else None


def objdir(objtree: str) -> str:
    """``O=`` as an absolute path: relative to the current directory."""
    return objtree if os.path.isabs(objtree) else os.path.join(os.getcwd(), objtree)
