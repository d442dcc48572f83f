"""merge: per-arch header directories (asm-i386 + asm-x86_64) into one
(asm-x86), the way Linux 2.6.24 did.

plan (:mod:`.plan`, pure: bytes in, a classified plan out) -> write
(:mod:`.execute`: into O=, or in place with git mv) -> verify (:mod:`.verify`).
"""

_PUBLIC = {
    "MergeConflict": "execute",
    "load_input": "execute",
    "MergeResult": "execute",
    "MergeRun": "execute",
    "merge_into": "execute",
    "plan_merge": "plan",
    "write_in_place": "execute",
    "write_objdir": "execute",
}


def __getattr__(name: str):
    """The public face, loaded on first use (importing a submodule must not
    load the whole stage: the no-op install path is a few stat calls)."""
    if name in _PUBLIC:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = sorted(_PUBLIC)
