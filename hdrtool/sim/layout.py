"""What the model needs to know about a generated layout, read from the
generated code itself (not from arch.toml): how pgalloc.h takes pgd_lock."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from hdrtool.core.config import ArchConfig
from hdrtool.core.errors import InputError

_IRQSAFE = re.compile(rb"\bspin_lock_irqsave\s*\(\s*&pgd_lock\b")
_PLAIN = re.compile(rb"\bspin_lock\s*\(\s*&pgd_lock\s*\)")


def pgd_lock_mode(header: bytes) -> Optional[str]:
    """``spin_lock_irqsave`` or ``spin_lock`` as the header takes pgd_lock;
    None when it does not take it (no pgd_list).  A header taking it both
    ways is taken at its weakest: plain spin_lock."""
    if _PLAIN.search(header):
        return "spin_lock"
    if _IRQSAFE.search(header):
        return "spin_lock_irqsave"
    return None


def layout_pgd_lock(tree: Path, cfg: ArchConfig) -> Optional[str]:
    """:func:`pgd_lock_mode` of the layout's generated pgalloc.h."""
    header = Path(tree) / "include" / cfg.include_dir / "pgalloc.h"
    try:
        return pgd_lock_mode(header.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read the generated header: {exc.strerror}", header) from None
