"""Is an install up to date?  make's question, answered from stat alone.

A finished ``headers_install`` records, in its manifest, everything its
result was made from (see :class:`Deps`):

* every file it read (sources, Kbuild lists, the Makefile, syscall tables,
  arch.toml) and every directory it listed, with (size, mtime) taken
  *before* reading, so a change during the run is seen by the next one;
* every path it probed and did not find (recorded as absent: if it appears,
  the answer changes);
* hdrtool's own modules (new code may install different bytes);

and the request (source tree, arch, overlay).  The next run with the same
request compares those signatures, and the size and mtime of every file it
installed, against the disk (:func:`check`).  If all are equal, the full run
could only come to the same result -- the plan is a function of the listed
directories and files, each installed file of its inputs -- so there is
nothing to do, and nothing else is imported, read or written.  Any
difference, an older manifest, or a manifest that does not parse sends the
run down the full path, which is itself incremental.

Like make, this trusts mtimes: a file rewritten with the same size and
mtime restored (``touch -r``) is not noticed.  Unlike make, any change
counts, older mtimes and removed or added directory entries included.

Racy paths (git's word): file systems stamp mtimes with a coarse clock, so
a file changed again within one tick of being read keeps its mtime.  A path
whose mtime is not older than the run's start by :data:`RACY_NS` is
recorded as racy: it never matches, so the next run takes the full path
(which re-reads it, and records it properly once it has aged).

This module imports nothing beyond ``os`` and ``time`` (not ``typing``, and
not ``json``, see :func:`_parse_json`): with :mod:`hdrtool.core.srctree` it is
the whole of a no-op run (:mod:`hdrtool.entry`).
"""

from __future__ import annotations

import os
import time

#: The manifest, below INSTALL_HDR_PATH/include (written by hdrtool.install.installer).
MANIFEST = ".hdrtool-manifest"
MANIFEST_FORMAT = "hdrtool-headers-install/1"
#: Manifest keys this module owns; a manifest without them is simply never
#: up to date (an older hdrtool wrote it).
REQUEST, DEPS, WARNINGS = "request", "deps", "warnings"

#: How old an mtime must be, at the start of a run, to be trusted.  Coarse
#: file-system clocks tick every 1-10 ms; a second leaves room for clocks of
#: network file systems that run a little ahead.
RACY_NS = 1_000_000_000
#: What a racy path is recorded as: it equals no signature.
RACY = "racy"

_PKG = os.path.dirname(os.path.abspath(__file__))


def sig(path: str) -> tuple | None:
    """(size, mtime_ns) of ``path`` (following links), None when absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def request_key(srctree, arch: str, overlay) -> str:
    """What was asked: the same destination with another tree, arch or
    overlay is another install."""
    over = os.path.realpath(overlay) if overlay is not None else None
    return f"srctree={os.path.realpath(srctree)} arch={arch} overlay={over}"


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
        """hdrtool's own modules: a new version may render differently."""
        self.add(_PKG)
        for name in sorted(os.listdir(_PKG)):
            if name.endswith(".py"):
                self.add(os.path.join(_PKG, name))

    def to_json(self) -> dict[str, object]:
        return {p: (RACY if p in self.racy else list(s) if s is not None else None)
                for p, s in sorted(self.sigs.items())}


def manifest_fields(request: str, deps: Deps, warnings) -> dict:
    return {REQUEST: request, DEPS: deps.to_json(), WARNINGS: list(warnings)}


class _Strict:
    """The settings :func:`json.loads` gives its C scanner."""
    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int

    @staticmethod
    def parse_constant(name):     # NaN, Infinity: never in a manifest
        raise ValueError(name)


def _parse_json(raw: bytes):
    """``json.loads(raw)`` for a document that is one JSON object.

    ``import json`` costs ~7 ms (it imports ``re``) in a no-op run of ~40;
    the C scanner it would use is reached directly instead.  Where that
    module is missing (not CPython), this is plain ``json.loads``."""
    try:
        from _json import make_scanner
    except ImportError:
        import json
        return json.loads(raw)
    text = raw.decode("utf-8")
    start = len(text) - len(text.lstrip(" \t\n\r"))
    try:
        doc, end = make_scanner(_Strict)(text, start)
    except StopIteration:            # the scanner's "no value here"
        raise ValueError("not a JSON document") from None
    if text[end:].strip(" \t\n\r"):
        raise ValueError("extra data after the manifest")
    return doc


def check(include_dir, request: str) -> dict | None:
    """The manifest of an up-to-date install of ``request`` in
    ``include_dir``, or None when a full run is needed."""
    try:
        with open(os.path.join(include_dir, MANIFEST), "rb") as fh:
            doc = _parse_json(fh.read())
        if (doc.get("format") != MANIFEST_FORMAT or doc.get(REQUEST) != request
                or not isinstance(doc.get(DEPS), dict) or not isinstance(doc.get("files"), dict)):
            return None
        for path, want in doc[DEPS].items():
            got = sig(path)
            if (got is None) != (want is None) or (got is not None and list(got) != want):
                return None
        top = os.path.join(include_dir, "")
        for dst, entry in doc["files"].items():
            got = sig(top + dst)
            if got is None or got[0] != entry[0] or got[1] != entry[1]:
                return None
    except (OSError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None
    return doc
