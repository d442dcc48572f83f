"""gen: the unified page-table allocation API (pgalloc.h, pgtable_t) per
arch from Jinja2 templates and arch.toml, and stubs for a new arch.

:mod:`.render` renders templates, :mod:`.tree` plans and applies them to a
tree, :mod:`.stubs` makes a new arch's skeleton.
"""

_PUBLIC = {
    "apply": "tree",
    "check": "tree",
    "old_api_calls": "tree",
    "plan_pgalloc": "tree",
    "render_file": "render",
}


def __getattr__(name: str):
    """The public face, loaded on first use (importing a submodule must not
    load the whole stage: the no-op install path is a few stat calls)."""
    if name in _PUBLIC:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_PUBLIC)
