"""validate: compile the C page-table simulator against a generated layout,
run it, and compare it event by event with the Python model (:mod:`hdrtool.sim`),
lockdep reports included (:mod:`.lockdep`).
"""

_PUBLIC = {
    "BuildError": "run",
    "ensure_generated": "run",
    "prepare_layout": "run",
    "target_flags": "run",
    "validate": "run",
}


def __getattr__(name: str):
    """The public face, loaded on first use (importing a submodule must not
    load the whole stage: the no-op install path is a few stat calls)."""
    if name in _PUBLIC:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_PUBLIC)
