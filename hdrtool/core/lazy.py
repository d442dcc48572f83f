"""A stage package's public face, loaded on first use.

Importing one submodule of a stage (the no-op install path imports
``install/uptodate.py``) must not load the whole stage, so a stage's
``__init__`` names its public functions and where they live, and
:func:`public_face` makes the module ``__getattr__`` that imports them when
they are first asked for (PEP 562).
"""

from __future__ import annotations

from typing import Callable, Dict


def public_face(package: str, public: Dict[str, str]) -> Callable[[str], object]:
    """The ``__getattr__`` of ``package``: ``public`` maps each public name
    to the submodule that defines it."""
    def __getattr__(name: str):
        if name in public:
            import importlib
            return getattr(importlib.import_module(f"{package}.{public[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return __getattr__
