"""The compile test, as Linux 6.1 usr/include/Makefile runs it.

The kernel compiles every exported header on its own::

    $(CC) -std=c90 -Wall -Werror=implicit-function-declaration [-m32|-m64] \
        -I usr/include -I usr/dummy-include -fsyntax-only -x c /dev/null \
        -include H -include H

against the installed tree only (plus the compiler's own libc headers),
with ``stdlib.h`` and ``stdbool.h`` shadowed by headers that ``#error``
(uapi headers must not need them).  Including ``H`` twice catches a missing
include guard.

We do the same per header, but a translation unit here is the two lines
``#include "H"`` twice (what ``-include`` means), compiled one of two ways:

* with GCC, by ``jobs`` cc1 fork servers (:mod:`hdrtool.check.cc1server`):
  each header still gets a compiler process of its own, forked from a cc1
  that has already started up, which cuts a header's compile from ~6 ms to
  ~2 ms;
* otherwise (another compiler, or ``HDRTOOL_CC1_SERVER=0``), as files, a
  batch per compiler run (the driver starts ``cc1`` once per input, saving a
  process, a shell, ``perl`` and ``touch`` per header compared with kbuild),
  ``jobs`` batches at a time.

The compiler's messages are split back per input by following its "In file
included from" chains, and each message is reported at the installed
header's own path and line (a message located in a file outside the tree,
such as the shadow ``stdlib.h``, is moved to the ``#include`` line in the
tree that pulled it in).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from hdrtool.check import codes
from hdrtool.check.cc1server import Cc1Pool, Cc1Server, Unavailable
from hdrtool.core.errors import Diagnostic, InputError

#: As Linux 6.1 usr/include/Makefile: UAPI_CFLAGS, then the compile-only flag.
UAPI_CFLAGS = ("-std=c90", "-Wall", "-Werror=implicit-function-declaration")

#: libc headers an exported header must not include (Linux 6.1 usr/dummy-include).
SHADOWED = ("stdlib.h", "stdbool.h")

_SHADOW = """\
/* hdrtool headers_check: exported headers must not depend on <{name}>. */
#ifndef _HDRTOOL_SHADOW_{guard}
#define _HDRTOOL_SHADOW_{guard}
#error "Please do not include <{name}> from exported headers"
#endif
"""

_FROM = re.compile(r"^(?:In file included from|\s+from) (.+?):(\d+)(?::\d+)?[,:]$")
_DIAG = re.compile(r"^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning): (.*)$")

#: Messages in plain ASCII, the same on every machine (and parseable).
_C_LOCALE = dict(os.environ, LC_ALL="C", LANG="C")

#: Upper bound on headers per compiler run (long enough to amortise the
#: driver, short enough to balance the jobs).
MAX_BATCH = 48


@dataclass
class HeaderOutcome:
    """One header's compile result."""

    rel: str
    ok: bool = True
    diagnostics: List[Diagnostic] = field(default_factory=list)
    #: for each message, the line of this header's #include it came through
    include_lines: Dict[Diagnostic, Optional[int]] = field(default_factory=dict)


@dataclass
class _Message:
    path: str
    line: int
    column: Optional[int]
    severity: str
    text: str
    chain: Tuple[Tuple[str, int], ...]   # include frames, outermost last


def write_shadow_headers(directory: Path, names: Sequence[str] = SHADOWED) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        guard = re.sub(r"\W", "_", name).upper()
        (directory / name).write_text(_SHADOW.format(name=name, guard=guard))
    return directory


def _tu_text(header: str) -> str:
    quoted = header.replace("\\", "\\\\").replace('"', '\\"')
    return f'#include "{quoted}"\n#include "{quoted}"\n'


def _batches(items: Sequence[str], jobs: int) -> List[List[str]]:
    if not items:
        return []
    per = max(1, min(MAX_BATCH, -(-len(items) // (jobs * 4))))
    return [list(items[i:i + per]) for i in range(0, len(items), per)]


def parse_messages(output: str) -> List[_Message]:
    """The compiler's error and warning lines, each with its include chain."""
    out: List[_Message] = []
    chain: List[Tuple[str, int]] = []
    last_chain: Tuple[Tuple[str, int], ...] = ()
    for line in output.splitlines():
        m = _FROM.match(line)
        if m:
            if line.startswith("In file"):
                chain = []
            chain.append((m.group(1), int(m.group(2))))
            continue
        d = _DIAG.match(line)
        if d is None:
            continue
        if chain:
            last_chain, chain = tuple(chain), []
        severity = "error" if d.group(4) != "warning" else "warning"
        col = int(d.group(3)) if d.group(3) else None
        out.append(_Message(d.group(1), int(d.group(2)), col, severity, d.group(5), last_chain))
    return out


class _Runner:
    """Compiles batches of headers of one tree and attributes the messages."""

    def __init__(self, root: Path, cc: str, cflags: Sequence[str], scratch: Path,
                 display: Callable[[str], str], uapi_cflags: Sequence[str] = UAPI_CFLAGS,
                 shadowed: Sequence[str] = SHADOWED):
        self.root = os.path.abspath(root)
        self.cc = shlex.split(cc)
        self.cflags = list(cflags)
        self.uapi_cflags = list(uapi_cflags)
        self.scratch = scratch
        self.display = display
        self.shadow = write_shadow_headers(scratch / "dummy-include", shadowed)

    def flags(self) -> List[str]:
        return (self.uapi_cflags + self.cflags
                + ["-I", self.root, "-I", str(self.shadow), "-fdiagnostics-color=never"])

    def argv(self, inputs: Sequence[str]) -> List[str]:
        return self.cc + self.flags() + ["-fsyntax-only"] + list(inputs)

    def _in_tree(self, path: str) -> Optional[str]:
        full = os.path.normpath(path if os.path.isabs(path) else os.path.join(self.scratch, path))
        prefix = self.root.rstrip("/") + "/"
        return full[len(prefix):] if full.startswith(prefix) else None

    def run(self, index: int, batch: Sequence[str]) -> Dict[str, HeaderOutcome]:
        tus = []
        for i, rel in enumerate(batch):
            tu = self.scratch / f"b{index}_{i}.c"
            tu.write_text(_tu_text(os.path.join(self.root, rel)))
            tus.append(str(tu))
        try:
            proc = subprocess.run(self.argv(tus), cwd=self.scratch, capture_output=True,
                                  text=True, errors="replace", env=_C_LOCALE)
        except OSError as exc:
            raise InputError(f"cannot run the compiler: {exc.strerror}", self.cc[0]) from None
        by_tu = dict(zip(tus, batch))
        # GCC leaves out include chains it printed before, so a message may
        # name no input at all; the driver runs cc1 on the inputs one after
        # the other, so such a message belongs to the input named last.
        current: List[Optional[str]] = [None]

        def owner(msg: _Message) -> Optional[str]:
            current[0] = self._owner(msg, by_tu) or current[0]
            return current[0]
        return self._outcomes(batch, proc.returncode, proc.stderr, owner)

    def serve(self, server: Cc1Server, rel: str) -> HeaderOutcome:
        """One header, compiled by a child of a cc1 fork server."""
        status, messages = server.compile(_tu_text(os.path.join(self.root, rel)))
        return self._outcomes([rel], status, messages, lambda msg: rel)[rel]

    def _outcomes(self, batch: Sequence[str], status: int, stderr: str,
                  owner: Callable[["_Message"], Optional[str]]) -> Dict[str, HeaderOutcome]:
        outcomes = {rel: HeaderOutcome(rel) for rel in batch}
        for msg in parse_messages(stderr):
            rel = owner(msg)
            if rel is None:
                continue
            outcome = outcomes[rel]
            if msg.severity == "error":
                outcome.ok = False
            diag = self._diagnostic(msg, rel)
            outcome.diagnostics.append(diag)
            outcome.include_lines.setdefault(diag, next(
                (n for p, n in msg.chain if self._in_tree(p) == rel), None))
        for outcome in outcomes.values():
            self._blame_include(outcome)
        if status != 0 and all(o.ok for o in outcomes.values()):
            first = (stderr.strip().splitlines() or [f"exit status {status}"])[0]
            raise InputError(f"the compiler failed: {first}", self.cc[0])
        return outcomes

    def _blame_include(self, outcome: HeaderOutcome) -> None:
        """A header that fails only through an error in a header it includes
        gets its own finding, at its #include line."""
        if outcome.ok:
            return
        mine = self.display(outcome.rel)
        errors = [d for d in outcome.diagnostics if d.severity == "error"]
        if not errors or any(d.path == mine for d in errors):
            return
        first = errors[0]
        line = outcome.include_lines.get(first, None)
        outcome.diagnostics.append(Diagnostic(
            mine, line, "error", codes.COMPILE_ERROR,
            f"does not compile: {first.path}:{first.line}: {first.message}"))

    def _owner(self, msg: _Message, by_tu: Dict[str, str]) -> Optional[str]:
        for path, _ in (msg.chain[::-1] if msg.chain else ()) + ((msg.path, msg.line),):
            full = os.path.normpath(os.path.join(self.scratch, path))
            if full in by_tu:
                return by_tu[full]
        return None

    def _diagnostic(self, msg: _Message, rel: str) -> Diagnostic:
        here = self._in_tree(msg.path)
        line, col, text = msg.line, msg.column, msg.text
        if here is None:
            # e.g. the shadow stdlib.h: report at the tree's #include of it
            text = f"{text} (in {os.path.basename(msg.path)})"
            frame = next(((self._in_tree(p), n) for p, n in msg.chain if self._in_tree(p)),
                         (rel, None))
            here, line, col = frame[0], frame[1], None
        code = codes.COMPILE_ERROR if msg.severity == "error" else codes.COMPILE_WARNING
        return Diagnostic(self.display(here), line, msg.severity, code, text, col)


def use_server(setting: Optional[bool] = None) -> bool:
    """Whether to try the cc1 fork server: ``setting`` if given, else the
    environment (``HDRTOOL_CC1_SERVER=0`` turns it off)."""
    if setting is not None:
        return setting
    return os.environ.get("HDRTOOL_CC1_SERVER", "1") != "0"


def compile_headers(root: Path, rels: Sequence[str], *, cc: str, cflags: Sequence[str] = (),
                    jobs: int = 1, display: Callable[[str], str] = lambda rel: rel,
                    server: Optional[bool] = None, how: Optional[List[str]] = None,
                    uapi_cflags: Sequence[str] = UAPI_CFLAGS, shadowed: Sequence[str] = SHADOWED,
                    ) -> Dict[str, HeaderOutcome]:
    """Compile each header of ``rels`` (paths relative to ``root``) on its
    own; returns an outcome per header.  ``server``: use the cc1 fork
    server (None: where it works; True: or fail).  ``how`` receives a line
    saying which way the headers were compiled.  ``uapi_cflags`` and
    ``shadowed`` (the libc headers that #error) default to Linux 6.1's."""
    results: Dict[str, HeaderOutcome] = {}
    how = [] if how is None else how
    with tempfile.TemporaryDirectory(prefix="hdrtool-check-") as tmp:
        runner = _Runner(Path(root), cc, cflags, Path(tmp), display, uapi_cflags, shadowed)
        if rels and use_server(server):
            try:
                with Cc1Pool(runner.cc, runner.flags(), Path(tmp), jobs, _C_LOCALE) as pool:
                    for outcome in pool.map(runner.serve, rels):
                        results[outcome.rel] = outcome
                how.append(f"cc1 fork servers: {len(pool.servers)}")
                return results
            except Unavailable as exc:
                if server:
                    raise InputError(str(exc), runner.cc[0]) from None
                how.append(f"compiler runs of up to {MAX_BATCH} files ({exc})")
        else:
            how.append(f"compiler runs of up to {MAX_BATCH} files")
        batches = _batches(rels, jobs)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for part in pool.map(runner.run, range(len(batches)), batches):
                results.update(part)
    return results
