"""Logical lines and ``#include`` directives, as a C preprocessor sees them.

Unlike unifdef (which works on physical lines, see :mod:`hdrtool.core.directives`)
this is the real C view used by merge and headers_check: backslash-newline
joins physical lines into one logical line, ``/* */`` and ``//`` comments and
string/char literals are skipped, and a ``#`` that starts a logical line
outside a comment is a directive.

:func:`logical_lines` walks every line and is the reference;
:func:`scan` finds the directive lines of most files with one regex over
the comment-blanked text, and declines (falling back to the walk) where
that could differ.  Tests hold the two equal on every header of a Linux
install and on generated odd inputs.
"""

from __future__ import annotations

import re
from typing import Iterator, List, NamedTuple, Optional, Tuple

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
    return includes_in(directive_lines(data))


def includes_in(directives: List[LogicalLine]) -> List[Include]:
    """The ``#include`` lines with a literal name among ``directives``."""
    out: List[Include] = []
    for line in directives:
        if line.keyword == b"include":
            m = _INCLUDE.match(line.args)
            if m is not None:
                angle = m.group(1) is not None
                out.append(Include(line.lineno, m.group(1) if angle else m.group(2), angle,
                                   line.start, line.end))
    return out


def directive_lines(data: bytes) -> List[LogicalLine]:
    """The directive lines of ``data``, as :func:`logical_lines` finds them."""
    return scan(data)[1]


def scan(data: bytes) -> Tuple[bytes, List[LogicalLine]]:
    """(``data`` with comments blanked, its directive lines): one regex over
    the blanked text where that is exact, the :func:`logical_lines` walk
    where it is not."""
    stripped, late = _strip(data)
    fast = _fast_directives(stripped, late)
    if fast is None:
        fast = [line for line in logical_lines(data) if line.is_directive]
    return stripped, fast


def blank_literals(stripped: bytes) -> bytes:
    """Comment-blanked text with string and char literals blanked too."""
    return _LEXEME.sub(lambda m: m.group().translate(_BLANK), stripped)


# --------------------------------------------------------------------------
# Comment blanking and the one-regex directive scan.
# --------------------------------------------------------------------------

# bytes.translate table: every byte but newline becomes a space.
_BLANK = bytes(c if c == 0x0A else 0x20 for c in range(256))
# A comment or literal with a continuation in it (or at its end).
_BACKSLASH_EOL = re.compile(rb"\\\r?(?:\n|$)")
# A continuation next to '/' or '*' may split a comment delimiter; after a
# backslash or a quote it may change how a literal lexes.
# (Written to start with the backslash, so that the search skips to them.)
_SPLIT_TOKEN = re.compile(rb"\\(?:(?<=[/*\\'\"]\\)|(?=\r?\n[/*]))\r?\n")


def _logical_start(data: bytes, pos: int) -> int:
    """Offset where the logical line holding ``pos`` begins."""
    nl = data.rfind(b"\n", 0, pos)
    while nl > 0 and (data[nl - 1:nl] == b"\\" or data[nl - 2:nl] == b"\\\r"):
        nl = data.rfind(b"\n", 0, nl - 1)
    return nl + 1


def _matters_after(data: bytes, end: int) -> bool:
    """Could the rest of the line after a comment hold a directive (or open
    another comment that carries the state on)?"""
    eol = data.find(b"\n", end)
    rest = data[end:eol if eol >= 0 else len(data)]
    return b"#" in rest or b"/*" in rest or rest.endswith((b"\\", b"\\\r"))


def _strip(data: bytes) -> Tuple[bytes, bool]:
    """(``data`` with every comment's characters turned into spaces, newlines
    kept so that line numbers and columns stay put; whether the fast
    directive scan must decline).

    It declines when a comment spanning lines starts after code and a '#'
    follows its end on that line (gcc's rule, which the engine follows: that
    '#' starts no directive), when a comment or literal holds a
    backslash-newline, or when one may split a comment delimiter (lines are
    joined before comments are seen)."""
    late = False

    def blank(m: "re.Match[bytes]") -> bytes:
        nonlocal late
        text = m.group()
        if not late and b"\\" in text and _BACKSLASH_EOL.search(text):
            late = True
        if text[:1] != b"/":
            return text
        if not late and b"\n" in text and _matters_after(data, m.end()):
            late = bool(data[_logical_start(data, m.start()):m.start()].strip())
        return text.translate(_BLANK)
    stripped = _LEXEME.sub(blank, data)
    return stripped, late or _SPLIT_TOKEN.search(data) is not None


# A directive: a logical line (physical lines joined by backslash-newline)
# whose first non-blank byte, once comments are blanked, is '#'.  Found from
# each '#': what comes before it on its logical line, and the rest.
_BEFORE_HASH = re.compile(rb"(?:[ \t\f\v\r]|\\\r?\n)*")
_FROM_HASH = re.compile(rb"#[ \t\f\v\r]*([A-Za-z_][A-Za-z0-9_]*)?((?:[^\n]*\\\r?\n)*[^\n]*)(?:\n|\Z)")
# A continuation right after '#' or inside the keyword: left to the engine.
_SPLIT_KEYWORD = re.compile(rb"#[ \t\f\v\r]*[A-Za-z0-9_]*\\\r?\n")


def fast_directives(data: bytes) -> Optional[List[LogicalLine]]:
    """The directive lines of ``data`` as :func:`hdrtool.core.directives.logical_lines`
    yields them, by one regex over the comment-blanked text; None for the
    rare file where a continuation splits a directive's keyword or a comment
    spanning lines starts after code.

    The engine walks every physical line in Python; on the 972 headers of a
    Linux install that was most of the static checks' time.
    tests/test_check_linux.py checks this against the engine on every
    header of a real install and tests/test_check_static.py on odd inputs
    (args compared word by word: the engine turns a
    comment into one space, we blank it)."""
    return _fast_directives(*_strip(data))


def _fast_directives(stripped: bytes, late: bool) -> Optional[List[LogicalLine]]:
    if late or _SPLIT_KEYWORD.search(stripped):
        return None
    out: List[LogicalLine] = []
    lineno, counted = 1, 0
    hash_at = stripped.find(b"#")
    while hash_at >= 0:
        start = _logical_start(stripped, hash_at)
        if not _BEFORE_HASH.fullmatch(stripped, start, hash_at):
            hash_at = stripped.find(b"#", hash_at + 1)
            continue
        m = _FROM_HASH.match(stripped, hash_at)
        lineno += stripped.count(b"\n", counted, start)
        counted = start
        args = m.group(2)
        if b"\\" in args:
            args = _CONT.sub(b"", args)
        out.append(LogicalLine(lineno, start, m.end(), True, m.group(1) or b"", args.strip()))
        hash_at = stripped.find(b"#", m.end())
    return out
