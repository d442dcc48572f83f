"""Logical lines and ``#include`` directives, as a C preprocessor sees them.

Unlike unifdef (which works on physical lines, see :mod:`hdrtool.directives`)
this is the real C view used by merge and headers_check: backslash-newline
joins physical lines into one logical line, ``/* */`` and ``//`` comments and
string/char literals are skipped, and a ``#`` that starts a logical line
outside a comment is a directive.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator, List, NamedTuple, Optional

# One logical line: physical lines joined by backslash-newline.
_LOGICAL = re.compile(rb"(?:[^\n\\]++|\\\r?\n|\\)*+(?:\n|\Z)")
# Lexemes that matter for finding directives: comments and literals.
_LEXEME = re.compile(rb"""/\*.*?(?:\*/|\Z)|//(?:[^\n\\]|\\.)*"""
                     rb"""|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?""", re.S)
_CONT = re.compile(rb"\\\r?\n")
# A line that cannot be a directive, open a comment or hold a literal.
_PLAIN = re.compile(rb"[^#/'\"\\]*")
_DIRECTIVE = re.compile(rb"[ \t\f\v\r]*#[ \t\f\v\r]*([A-Za-z_][A-Za-z0-9_]*)?")
_INCLUDE = re.compile(rb'[ \t]*(?:<([^>\n]*)>|"([^"\n]*)")')


class LogicalLine(NamedTuple):
    """One logical line.

    ``start``/``end`` are byte offsets of the whole logical line including its
    newline; ``lineno`` is the 1-based number of its first physical line.
    For a directive, ``keyword`` is its name (``b"include"``; ``b""`` for the
    null directive) and ``args`` what follows it with continuations removed,
    comments replaced by one space, and outer white space stripped.
    """

    lineno: int
    start: int
    end: int
    is_directive: bool
    keyword: Optional[bytes]
    args: bytes


class Include(NamedTuple):
    """An ``#include <name>`` (angle) or ``#include "name"`` directive."""

    lineno: int
    name: bytes
    angle: bool
    start: int
    end: int


def _clean(text: bytes) -> bytes:
    """Continuations removed and comments replaced by a space."""
    text = _CONT.sub(b"", text)
    return _LEXEME.sub(lambda m: b" " if m.group().startswith(b"/") else m.group(), text)


def logical_lines(data: bytes) -> Iterator[LogicalLine]:
    """The logical lines of ``data``, each marked directive or not.

    >>> [l.keyword for l in logical_lines(b"/* #if x */\\n#if A \\\\\\n && B\\n#endif\\n")]
    [None, b'if', b'endif']
    """
    lineno = 1
    in_comment = False
    dirty = False  # code came before the open comment on its first line
    for m in _LOGICAL.finditer(data):
        pos, end = m.span()
        if pos == end:
            break
        text = m.group()
        keyword: Optional[bytes] = None
        args = b""
        if in_comment and b"*/" not in text:
            pass  # wholly inside a comment
        elif not in_comment and _PLAIN.fullmatch(text):
            dirty = False
        else:
            body = _CONT.sub(b"", text) if b"\\" in text else text
            i = 0
            if in_comment:
                i = body.find(b"*/") + 2
                in_comment = False
            rest = _clean(body[i:]) if b"#" in body else b""
            d = None if dirty or not rest else _DIRECTIVE.match(rest)
            if d is not None:
                keyword = d.group(1) or b""
                args = rest[d.end():].strip()
            opened = _open_comment(body, i) if b"/*" in body else None
            if opened is not None:
                dirty = dirty or bool(_clean(body[i:opened]).strip())
                in_comment = True
            else:
                dirty = False
        yield LogicalLine(lineno, pos, end, keyword is not None, keyword, args)
        lineno += text.count(b"\n")


def _open_comment(body: bytes, i: int) -> Optional[int]:
    """Where an unterminated ``/*`` starts in body[i:], if there is one."""
    last = None
    for last in _LEXEME.finditer(body, i):
        pass
    if last is None or not last.group().startswith(b"/*"):
        return None
    text = last.group()
    return last.start() if len(text) < 4 or not text.endswith(b"*/") else None


def find_includes(data: bytes) -> List[Include]:
    """Every ``#include`` with a literal name, in order.

    >>> [(i.name, i.angle) for i in find_includes(b'#include <linux/types.h>\\n# include "x.h"\\n')]
    [(b'linux/types.h', True), (b'x.h', False)]
    """
    fast = _find_includes_fast(data)
    return fast if fast is not None else _find_includes_slow(data)


def _find_includes_slow(data: bytes) -> List[Include]:
    out: List[Include] = []
    for line in logical_lines(data):
        if line.keyword == b"include":
            _add_include(out, line.lineno, line.args, line.start, line.end)
    return out


def _add_include(out: List[Include], lineno: int, args: bytes, start: int, end: int) -> None:
    m = _INCLUDE.match(args)
    if m is not None:
        angle = m.group(1) is not None
        out.append(Include(lineno, m.group(1) if angle else m.group(2), angle, start, end))


# Candidate include lines, and what makes the quick search unsure (a comment
# or continuation next to a '#', or a continuation that the C preprocessor
# would splice into a comment delimiter): then only the full walk knows.
_INCLUDE_LINE = re.compile(rb"^[ \t\f\v\r]*#[ \t\f\v\r]*include(?![A-Za-z0-9_])", re.M)
_UNSURE = re.compile(rb"\*/[ \t\f\v\r]*#|#[ \t\f\v\r]*/[*/]|\\\r?\n[ \t\f\v\r]*#"
                     rb"|\*\\\r?\n/|/\\\r?\n[*/]|\\\\\r?\n"  # splitting "*/", "/*", "//", "\\"
                     rb"|#[ \t\f\v\r]*[A-Za-z0-9_]*\\\r?\n")  # ... or a directive's name


def _find_includes_fast(data: bytes) -> Optional[List[Include]]:
    """Find include lines with one search, skipping those inside comments or
    literals; None when the file has a form only logical_lines() can judge."""
    candidates = list(_INCLUDE_LINE.finditer(data))
    if not candidates:
        return [] if b"#" not in data or _UNSURE.search(data) is None else None
    if _UNSURE.search(data) is not None:
        return None
    spans = [m.span() for m in _LEXEME.finditer(data)]
    starts = [a for a, _ in spans]
    out: List[Include] = []
    lineno, counted = 1, 0
    for cand in candidates:
        start = cand.start()
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and spans[k][1] > start:
            continue  # inside a comment or literal
        end = _LOGICAL.match(data, start).end()
        lineno += data.count(b"\n", counted, start)
        counted = start
        rest = _clean(_CONT.sub(b"", data[start:end]))
        d = _DIRECTIVE.match(rest)
        _add_include(out, lineno, rest[d.end():].strip(), start, end)
    return out
