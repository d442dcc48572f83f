"""The scenarios shipped with hdrtool (package data in hdrtool/sim/data)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

from hdrtool.sim.scenario import Scenario, load

DATA = Path(__file__).resolve().parent / "data"


def names() -> List[str]:
    return sorted(p.stem for p in DATA.glob("*.scn"))


def find(name_or_path: str) -> Path:
    """A shipped scenario by name, else a path."""
    shipped = DATA / f"{name_or_path}.scn"
    if "/" not in name_or_path and shipped.is_file():
        return shipped
    return Path(name_or_path)


def load_named(name_or_path: str, max_steps: Optional[int] = None) -> Scenario:
    return load(find(name_or_path), max_steps)


def catalogue() -> List[Tuple[str, str]]:
    return [(n, load(DATA / f"{n}.scn").title) for n in names()]
