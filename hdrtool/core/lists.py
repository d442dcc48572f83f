"""The one reader of hdrtool's list files (``hdrtool/core/data/*.txt``): one
entry per line; blank lines and lines starting with ``#`` are comments.

    >>> "__i386__" in read_list("host_cpp_symbols.txt")
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Tuple

DATA = Path(__file__).resolve().parent / "data"


def read_list(name: str) -> Tuple[str, ...]:
    """The entries of ``core/data/NAME``, in file order."""
    text = (DATA / name).read_text(encoding="utf-8")
    return tuple(w for w in (line.strip() for line in text.splitlines())
                 if w and not w.startswith("#"))
