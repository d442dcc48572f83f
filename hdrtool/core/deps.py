"""What a result was made from: each path consulted, with its signature.

:class:`Deps` is the recorder that the core readers (the Kbuild reader, the
tree walker) and the install planners fill in as they read, so that
:mod:`hdrtool.install.uptodate` can later tell from ``stat`` alone whether
anything changed.  Like that module, this one imports nothing beyond ``os``
and ``time``: it is on the path of a no-op run.
"""

from __future__ import annotations

import os
import time

#: How old an mtime must be, at the start of a run, to be trusted.  Coarse
#: file-system clocks tick every 1-10 ms; a second leaves room for clocks of
#: network file systems that run a little ahead.
RACY_NS = 1_000_000_000
#: What a racy path is recorded as: it equals no signature.
RACY = "racy"

_PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: The package directories whose modules decide an install's bytes.
TOOL_DIRS = (_PKG, os.path.join(_PKG, "core"), os.path.join(_PKG, "install"))


def sig(path: str) -> tuple | None:
    """(size, mtime_ns) of ``path`` (following links), None when absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class Deps:
    """The paths a plan was made from, each with its signature at the time
    it was first consulted (before it was read or listed)."""

    def __init__(self) -> None:
        self.sigs: dict[str, tuple | None] = {}
        self.racy: set = set()
        self.trusted_before = time.time_ns() - RACY_NS

    def add(self, path, st: os.stat_result | None = None) -> None:
        """Record ``path`` (a file read, a directory listed, or a path probed
        whether or not it exists); ``st``: a stat already taken."""
        p = os.fspath(path)
        if p not in self.sigs:
            s = (st.st_size, st.st_mtime_ns) if st is not None else sig(p)
            self.sigs[p] = s
            if s is not None and s[1] >= self.trusted_before:
                self.racy.add(p)

    def add_tool(self) -> None:
        """hdrtool's own modules that an install's bytes depend on (the
        core and the install stage): a new version may render differently."""
        for d in TOOL_DIRS:
            self.add(d)
            for name in sorted(os.listdir(d)):
                if name.endswith(".py"):
                    self.add(os.path.join(d, name))

    def to_json(self) -> dict[str, object]:
        return {p: (RACY if p in self.racy else list(s) if s is not None else None)
                for p, s in sorted(self.sigs.items())}


