"""A tree's ``headers_check.pl``, run the way perl runs it.

The script (2.6.27-6.12, ``scripts/`` or ``usr/include/``) reads each file
line by line, physical lines with their newline, comments and all, and
calls its ``check_*`` subs on each line in the order its main loop lists
them.  The subs share the global ``$line``: 6.1's ``check_sizetypes``
strips a ``/* */`` comment from it (``s@/\\*.*?\\*/@@``) and the subs called
after it see the stripped line.  :mod:`hdrtool.check.rules` reads which subs
run and their regexes and messages; this module is what each sub does with
them (:data:`MODELS`), so one reading of a script gives exactly its findings:

* ``check_include``: ``<(asm|linux)...>`` (greedy up to the last ``>``)
  must ``stat`` under the install dir, or, with the ``s#asm/#asm-$arch/#``
  fallback, as ``asm-ARCH/...``; the message names the name last tried;
* ``check_asm_types``: the first ``#include <asm/types.h>`` of a file;
* ``check_sizetypes``: the first ``__u32``-style word before a
  ``#include <linux/types.h>``, following includes (``check_include_typesh``:
  the install dir, then the includer's directory; a file already on the
  include stack is not opened again).  Files whose path matches the
  ``types.h|int-l64.h|int-ll64.h`` pattern are exempt;
* any other sub is one pattern with a message, after its exceptions
  (``check_declarations``' ``seqbuf_dump``, ``extern "C"``;
  ``check_config``; 2.6.27's ``check_prototypes``).

Not modelled: an include name tried relative to make's working directory
(``check_include_typesh``'s first candidate; kbuild's objtree has no
``linux/`` or ``asm/`` of its own), the include stack outliving one file
(perl keeps an empty file on it for the rest of the directory), and the
exemption pattern (``types.h|...``) matching the install directory's own
name: it is matched against the path below the install.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from hdrtool.check import codes
from hdrtool.core.errors import Diagnostic

_PHYSICAL = re.compile(rb"[^\n]*\n|[^\n]+$")


def physical_lines(data: bytes) -> List[bytes]:
    """Lines as perl's ``<$fh>`` returns them (each with its newline)."""
    return _PHYSICAL.findall(data)


@dataclass
class _File:
    """One file being checked: perl's globals for it."""

    root: bytes                 # the install dir ($dir)
    rel: str
    shown: str
    srcarch: Optional[str]
    line: bytes = b""
    lineno: int = 0
    state: Dict[str, int] = field(default_factory=dict)
    stack: set = field(default_factory=set)
    found: List[Diagnostic] = field(default_factory=list)
    cache: Dict[bytes, List[bytes]] = field(default_factory=dict)

    def report(self, sub, code: str, values: Dict[str, str]) -> None:
        text = sub.message
        for var, value in values.items():
            text = text.replace(var, value)
        self.found.append(Diagnostic(self.shown, self.lineno,
                                     "error" if sub.error else "warning", code, text))

    def read(self, path: bytes) -> Optional[List[bytes]]:
        """The lines of ``path``, None if it cannot be opened (a directory
        opens and reads as empty, as for perl)."""
        if path not in self.cache:
            try:
                with open(path, "rb") as fh:
                    self.cache[path] = physical_lines(fh.read())
            except IsADirectoryError:
                self.cache[path] = []
            except OSError:
                return None
        return self.cache[path]


def _latin(b: bytes) -> str:
    return b.decode("latin-1")


def _exempt(sub, f: _File) -> bool:
    pat = sub.patterns.get("exempt")
    return pat is not None and pat.search(f.rel.encode()) is not None


def _run_include(sub, f: _File) -> None:
    m = sub.patterns["include"].search(f.line)
    if m is None:
        return
    inc = m.group(1)
    found = os.path.exists(f.root + b"/" + inc)
    if not found and "asm-arch-fallback" in sub.flags and f.srcarch:
        inc = inc.replace(b"asm/", b"asm-" + f.srcarch.encode() + b"/", 1)
        found = os.path.exists(f.root + b"/" + inc)
    if not found:
        f.report(sub, codes.INCLUDE_NOT_EXPORTED, {"$inc": _latin(inc), "$1": _latin(m.group(1))})


def _run_asm_types(sub, f: _File) -> None:
    if _exempt(sub, f):
        return
    if f.lineno == 1:
        f.state["asm_types"] = 0
    elif f.state.get("asm_types", 0) >= 1:
        return
    if sub.patterns["asm_types"].search(f.line):
        f.state["asm_types"] = 1
        f.report(sub, codes.ASM_TYPES, {})


def _included(sub, line: bytes) -> Optional[bytes]:
    m = sub.patterns["include"].search(line)
    # perl: `if (my $included = (...)[0])`: a name "0" is false.
    return m.group(1) if m and m.group(1) != b"0" else None


def _typesh(sub, f: _File, path: bytes) -> None:
    """check_include_typesh: does ``path`` reach <linux/types.h>?"""
    candidates = [f.root + b"/" + path,
                  os.path.dirname(f.root + b"/" + f.rel.encode()) + b"/" + path]
    if path.startswith(b"/"):
        candidates.insert(0, path)
    chosen, lines = None, None
    for c in candidates:
        if c in f.stack:
            continue
        lines = f.read(c)
        if lines is not None:
            chosen = c
            f.stack.add(c)
            break
    if not lines:
        return          # nothing opened, or empty (perl leaves it on the stack)
    for line in lines:
        if sub.patterns["linux_types"].search(line):
            f.state["linux_types"] = 1
            break
        name = _included(sub, line)
        if name is not None:
            _typesh(sub, f, name)
            # perl reads on, but only whether it was found matters now.
            if f.state.get("linux_types") == 1:
                break
    f.stack.discard(chosen)


def _run_sizetypes(sub, f: _File) -> None:
    if _exempt(sub, f):
        return
    if f.lineno == 1:
        f.state["linux_types"] = 0
    elif f.state.get("linux_types", 0) >= 1:
        return
    if sub.patterns["linux_types"].search(f.line):
        f.state["linux_types"] = 1
        return
    if "recursive-types" in sub.flags:
        name = _included(sub, f.line)
        if name is not None:
            _typesh(sub, f, name)
    if "strip" in sub.patterns:
        f.line = sub.patterns["strip"].sub(b"", f.line, count=1)
    if sub.patterns["type"].search(f.line):
        f.report(sub, codes.TYPES_WITHOUT_LINUX_TYPES, {})
        f.state["linux_types"] = 2


def _run_pattern(code: str) -> Callable:
    def run(sub, f: _File) -> None:
        if any(x.search(f.line) for x in sub.exceptions):
            return
        m = sub.patterns["finding"].search(f.line)
        if m:
            f.report(sub, code, {"$1": _latin(m.group(1)) if m.groups() and m.group(1) else ""})
    return run


# --------------------------------------------------------------------------
# What each sub's regexes are for, told by their text and their block.
# --------------------------------------------------------------------------


def _roles_include(var: str, pat: str, block: str) -> Optional[str]:
    return "include" if var == "line" else None


def _roles_asm_types(var: str, pat: str, block: str) -> Optional[str]:
    return "exempt" if var == "filename" else "asm_types"


def _roles_sizetypes(var: str, pat: str, block: str) -> Optional[str]:
    if var == "filename":
        return "exempt"
    if "linux\\/types" in pat or "linux/types" in pat:
        return "linux_types"
    if "(\\S+)" in pat:
        return "include"
    if "__[us]" in pat:
        return "type"
    return None


def _roles_pattern(var: str, pat: str, block: str) -> Optional[str]:
    if var != "line":
        return None
    if "printf" in block:
        return "finding"
    return "exception" if "return" in block else None


@dataclass(frozen=True)
class Model:
    run: Callable
    roles: Callable[[str, str, str], Optional[str]]
    needs: Tuple[str, ...]


MODELS: Dict[str, Model] = {
    "check_include": Model(_run_include, _roles_include, ("include",)),
    "check_asm_types": Model(_run_asm_types, _roles_asm_types, ("asm_types",)),
    "check_sizetypes": Model(_run_sizetypes, _roles_sizetypes, ("linux_types", "include", "type")),
    "check_declarations": Model(_run_pattern(codes.KERNEL_DECLARATION), _roles_pattern, ("finding",)),
    "check_prototypes": Model(_run_pattern(codes.KERNEL_DECLARATION), _roles_pattern, ("finding",)),
    "check_config": Model(_run_pattern(codes.CONFIG_LEAK), _roles_pattern, ("finding",)),
}


def run_perl_check(check, root: Path, rel: str, data: bytes, shown: str,
                   srcarch: Optional[str]) -> List[Diagnostic]:
    """What ``perl SCRIPT ROOT SRCARCH ROOT/rel`` reports for one header."""
    f = _File(os.fsencode(root), rel, shown, srcarch)
    for lineno, line in enumerate(physical_lines(data), 1):
        f.line, f.lineno = line, lineno
        for sub in check.subs:
            MODELS[sub.name].run(sub, f)
    return f.found
