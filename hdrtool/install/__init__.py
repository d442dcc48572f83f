"""install: sanitized userspace headers, byte for byte as the kernel's
``make headers_install`` of the tree's own era.

:mod:`.plan` reads the tree (its era, Kbuild lists, install script, unifdef)
into an install plan; :mod:`.installer` writes it; :mod:`.uptodate` answers
"nothing to do" from stat alone.
"""

_PUBLIC = {
    "install": "installer",
    "plan_install": "plan",
}


def __getattr__(name: str):
    """The public face, loaded on first use (importing a submodule must not
    load the whole stage: the no-op install path is a few stat calls)."""
    if name in _PUBLIC:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_PUBLIC)
