"""Logical lines and ``#include`` directives, as a C preprocessor sees them.

Unlike unifdef (which works on physical lines, see :mod:`hdrtool.directives`)
this is the real C view used by merge and headers_check: backslash-newline
joins physical lines into one logical line, ``/* */`` and ``//`` comments and
string/char literals are skipped, and a ``#`` that starts a logical line
outside a comment is a directive.
"""

from __future__ import annotations

import re
from typing import Iterator, List, NamedTuple, Optional

# One logical line: physical lines joined by backslash-newline.
_LOGICAL = re.compile(rb"(?:[^\n]*\\\r?\n)*[^\n]*(?:\n|\Z)")
# Lexemes that matter for finding directives: comments and literals.
_LEXEME = re.compile(rb"""/\*.*?(?:\*/|\Z)|//(?:[^\n\\]|\\.)*"""
                     rb"""|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?""", re.S)
_CONT = re.compile(rb"\\\r?\n")
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
    pos, lineno, n = 0, 1, len(data)
    in_comment = False
    dirty = False  # code came before the open comment on its first line
    while pos < n:
        end = _LOGICAL.match(data, pos).end()
        text = data[pos:end]
        body = _CONT.sub(b"", text)
        i = 0
        if in_comment:
            close = body.find(b"*/")
            i = len(body) if close < 0 else close + 2
            in_comment = close < 0
        keyword: Optional[bytes] = None
        args = b""
        if not in_comment:
            rest = _clean(body[i:])
            d = None if dirty else _DIRECTIVE.match(rest)
            if d is not None:
                keyword = d.group(1) or b""
                args = rest[d.end():].strip()
            opened = _open_comment(body, i)
            if opened is not None:
                dirty = dirty or bool(_clean(body[i:opened]).strip())
                in_comment = True
            else:
                dirty = False
        yield LogicalLine(lineno, pos, end, keyword is not None, keyword, args)
        lineno += text.count(b"\n")
        pos = end


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
    out: List[Include] = []
    for line in logical_lines(data):
        if line.keyword != b"include":
            continue
        m = _INCLUDE.match(line.args)
        if m is None:
            continue
        angle = m.group(1) is not None
        out.append(Include(line.lineno, m.group(1) if angle else m.group(2), angle,
                           line.start, line.end))
    return out
