"""The check's tables: exclusion list, CONFIG_ allow-list, per-ARCH compile flags.

Each lives in ``hdrtool/check/data/*.toml`` with a comment citing where its
facts come from; this module only loads and validates them.  A user's own
exclusion list (``--exclude-list FILE``) has the same format as
``no_header_test.toml``.
"""

from __future__ import annotations

import fnmatch
import re
from hdrtool.core.config import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, Optional, Tuple

from hdrtool.core.errors import ConfigError
from hdrtool.install.sanitize import CONFIG_LEAK_IGNORES

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_EXCLUDE_LIST = DATA / "no_header_test.toml"


@dataclass(frozen=True)
class Exclusion:
    pattern: str                  # installed path, or "dir/*"
    reason: str
    arches: Tuple[str, ...] = ()  # SRCARCH names; empty: every arch

    def matches(self, rel: str, srcarch: Optional[str]) -> bool:
        if self.arches and srcarch not in self.arches:
            return False
        return fnmatch.fnmatchcase(rel, self.pattern)


@dataclass(frozen=True)
class ArchProfile:
    """What the compile test needs to know about ARCH=."""

    name: Optional[str]
    srcarch: Optional[str]
    cflags: Tuple[str, ...]


def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path) from None


def _strings(value, path: Path, key: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected an array of strings", path)
    return tuple(value)


def load_exclusions(path: Path = DEFAULT_EXCLUDE_LIST) -> Tuple[Exclusion, ...]:
    """Read an exclusion list; every entry needs a ``pattern`` and a ``reason``."""
    path = Path(path)
    out = []
    for i, entry in enumerate(_load(path).get("exclude", [])):
        key = f"exclude[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{key}: expected a table", path)
        unknown = set(entry) - {"pattern", "reason", "arches"}
        if unknown:
            raise ConfigError(f"{key}: unknown key {sorted(unknown)[0]!r}", path)
        for field in ("pattern", "reason"):
            if not isinstance(entry.get(field), str) or not entry[field]:
                raise ConfigError(f"{key}.{field}: expected a non-empty string", path)
        arches = _strings(entry.get("arches", []), path, f"{key}.arches")
        out.append(Exclusion(entry["pattern"], entry["reason"], arches))
    return tuple(out)


_UAPI_SOURCE = re.compile(r"^(?:arch/([^/]+)/)?include/uapi/(.+)$")


@lru_cache(maxsize=None)
def config_leak_ignores(srcarch: Optional[str]) -> FrozenSet[Tuple[str, str]]:
    """(installed path, symbol) pairs that are not leaks for ``srcarch``
    (entries of every arch when it is unknown).

    The list is headers_install's (:data:`hdrtool.install.sanitize.CONFIG_LEAK_IGNORES`,
    Linux 6.1's ``config_leak_ignores``), which names source files; an
    installed tree has ``arch/<a>/include/uapi/asm/X`` at ``asm/X`` and
    ``include/uapi/linux/X`` at ``linux/X``."""
    pairs = set()
    for entry in CONFIG_LEAK_IGNORES:
        source, symbol = entry.split(":")
        m = _UAPI_SOURCE.match(source)
        if m is None:
            continue
        arch, installed = m.groups()
        if arch is None or srcarch is None or arch == srcarch:
            pairs.add((installed, symbol))
    return frozenset(pairs)


def arch_profile(arch: Optional[str]) -> ArchProfile:
    """The compile flags and SRCARCH of an ``ARCH=`` value.

    An ARCH the table does not know is its own SRCARCH and gets no -m flag
    (the compiler's default target); no ARCH at all means the host's."""
    if arch is None:
        return ArchProfile(None, None, ())
    table = _load(DATA / "arches.toml")["arch"]
    entry = table.get(arch)
    if entry is None:
        return ArchProfile(arch, arch, ())
    return ArchProfile(arch, entry["srcarch"], tuple(entry["cflags"]))
