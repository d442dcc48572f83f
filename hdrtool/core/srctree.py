"""Which source tree a command works on, and where its output goes.

Plain ``os`` only: the quick path of :mod:`hdrtool.entry` answers an
up-to-date ``headers_install`` with this before anything else is imported.
:func:`hdrtool.core.tree.find_srctree` wraps it with the error messages.
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


# --------------------------------------------------------------------------
# Which tree an output directory belongs to.
#
# merge, gen, validate and all write a tree into O and record which source
# tree they made it from in O/.hdrtool-srctree (its real path).  A later
# command of another tree must not take that O as its own: a default
# ``build/`` in the current directory is simply not used as the overlay of
# another tree, and an O= given explicitly is refused (see :func:`owner`).
# --------------------------------------------------------------------------

#: The stamp in O naming the source tree its contents were made from.
OWNER = ".hdrtool-srctree"


def owner(out: str):
    """The real path of the source tree that made ``out``; None if unclaimed."""
    try:
        with open(os.path.join(out, OWNER), encoding="utf-8") as fh:
            return fh.read().strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def foreign(out: str, tree: str):
    """The tree that made ``out`` when that is not ``tree``, else None."""
    made_by = owner(out)
    if made_by is not None and made_by != os.path.realpath(tree):
        return made_by
    return None


def foreign_message(out: str, made_by: str, tree: str) -> str:
    return (f"output directory was made from another source tree ({made_by}, "
            f"not {os.path.realpath(tree)}); give another O=DIR, or remove it")


def claim(out: str, tree: str) -> None:
    """Record in ``out`` (created if missing) that ``tree`` made it."""
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, OWNER)
    data = os.path.realpath(tree) + "\n"
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == data:
                return
    except (OSError, UnicodeDecodeError):
        pass
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
    os.replace(tmp, path)


def overlaps(out: str, tree: str):
    """Why writing a tree into ``out`` would write into the source tree
    ``tree`` (``out`` is the tree, or inside its include/ or arch/), else
    None.  A directory beside them, such as ``tree/build``, is fine."""
    o, t = os.path.realpath(out), os.path.realpath(tree)
    if o == t:
        return "is the source tree"
    for sub in ("include", "arch"):
        top = os.path.join(t, sub)
        if o == top or o.startswith(top + os.sep):
            return f"is inside the source tree's {sub}/"
    return None


def output_problem(out: str, tree: str):
    """Why ``tree``'s merge, gen, validate or all may not write into ``out``
    (made from another tree, the tree itself or in its include/ or arch/,
    not a directory), else None."""
    made_by = foreign(out, tree)
    if made_by is not None:
        return foreign_message(out, made_by, tree)
    why = overlaps(out, tree)
    if why is not None:
        return (f"output directory (O=) {why}; give another O=DIR "
                "(or, for merge, --in-place to rewrite the tree itself)")
    if os.path.lexists(out) and not os.path.isdir(out):
        return "output directory (O=) exists and is not a directory"
    return None
