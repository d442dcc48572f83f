"""The comment/literal lexer that unifdef 2.10 runs over each physical line.

unifdef does not tokenise C.  It reads one physical line at a time and walks
it with one routine that skips blanks, comments and string/char literals and
stops at the next significant byte; between lines it remembers two things:

* the *comment state*: outside, in ``/* */``, in ``//``, in a literal, or
  half-way through ``/\\<newline>*`` or ``*\\<newline>/``;
* the *line state*: START (only blanks and comments so far on this line),
  HASH (a ``#`` has been seen at START) or DIRTY (anything else).  A newline
  seen outside a comment resets it to START; backslash-newline does not.

A ``#`` found while the line state is START is a directive.  :class:`Lexer`
reproduces that walk exactly (the engine's byte-exact output depends on it);
the fast scanner in :mod:`hdrtool.core.directives` only calls it for lines that
need it.  Positions are indexes into a ``bytes`` object that holds one
physical line (its end plays the part of unifdef's NUL terminator).
"""

from __future__ import annotations

import re

from hdrtool.core.errors import InputError

# Comment states.
NO_COMMENT, C_COMMENT, CXX_COMMENT, STARTING, FINISHING, CHAR_LIT, STRING_LIT = range(7)
# Line states.
LS_START, LS_HASH, LS_DIRTY = range(3)

_BLANKS = re.compile(rb"[ \t\r]*")
# In a block comment only these end it (or half-end it across a continuation).
_C_END = re.compile(rb"\*/|\*\\\r?\n")
# Inside a literal: ordinary bytes and escapes (a continuation counts as one).
_LIT_BODY = {CHAR_LIT: re.compile(rb"(?:[^'\\\n]|\\\r\n|\\.)*", re.S),
             STRING_LIT: re.compile(rb'(?:[^"\\\n]|\\\r\n|\\.)*', re.S)}
_LIT_BODY_NO_CR = {CHAR_LIT: re.compile(rb"(?:[^'\\\n]|\\.)*", re.S),
                   STRING_LIT: re.compile(rb'(?:[^"\\\n]|\\.)*', re.S)}
_BLANKS_NO_CR = re.compile(rb"[ \t]*")
_C_END_NO_CR = re.compile(rb"\*/|\*\\\n")
_LIT_CLOSE = {CHAR_LIT: 39, STRING_LIT: 34}
_LIT_ERROR = {CHAR_LIT: "unterminated char literal", STRING_LIT: "unterminated string literal"}
# Bytes that can change the lexer state outside comments.
_SPECIAL = re.compile(rb"[/'\"\\\n]")

_SLASH, _STAR, _BSL, _NL, _CR = 47, 42, 92, 10, 13


class LexError(InputError):
    """A lexical error found by unifdef's lexer (path and line attached)."""


class Lexer:
    """unifdef's lexer state plus its skip routine; errors carry path/line."""

    __slots__ = ("incomment", "linestate", "path", "lineno", "crlf")

    def __init__(self, path: str = "-", crlf: bool = True):
        self.incomment = NO_COMMENT
        self.linestate = LS_START
        self.path = path
        self.lineno = 0
        # unifdef 1.171/1.190 know no CR: it is not a blank, and
        # backslash-CR-LF is no continuation (the dialect's ``crlf`` flag).
        self.crlf = crlf

    def error(self, message: str) -> LexError:
        return LexError(message, self.path, self.lineno)

    def skip(self, buf: bytes, i: int) -> int:
        """Skip blanks, comments and literals from ``i``; return the next
        significant position (``len(buf)`` at the end of the line)."""
        n = len(buf)
        while i < n:
            c = buf[i]
            if c == _BSL:
                if buf.startswith(b"\\\n", i):
                    i += 2
                    continue
                if buf.startswith(b"\\\r\n", i) and self.crlf:
                    i += 3
                    continue
            state = self.incomment
            if state == NO_COMMENT:
                if c == 32 or c == 9 or (c == _CR and self.crlf):
                    i = (_BLANKS if self.crlf else _BLANKS_NO_CR).match(buf, i).end()
                elif c == _NL:
                    self.linestate = LS_START
                    i += 1
                elif c == _SLASH:
                    nxt = buf[i + 1:i + 2]
                    if nxt == b"*":
                        self.incomment = C_COMMENT
                        i += 2
                    elif nxt == b"/":
                        self.incomment = CXX_COMMENT
                        i += 2
                    elif buf.startswith(b"/\\\n", i):
                        self.incomment = STARTING
                        i += 3
                    elif buf.startswith(b"/\\\r\n", i) and self.crlf:
                        self.incomment = STARTING
                        i += 4
                    else:
                        return i
                elif c == 39 or c == 34:
                    self.incomment = CHAR_LIT if c == 39 else STRING_LIT
                    self.linestate = LS_DIRTY
                    i += 1
                else:
                    return i
            elif state == C_COMMENT:
                m = (_C_END if self.crlf else _C_END_NO_CR).search(buf, i)
                if m is None:
                    return n
                if buf[m.start() + 1] == _SLASH:
                    self.incomment = NO_COMMENT
                else:
                    self.incomment = FINISHING
                i = m.end()
            elif state == CXX_COMMENT:
                j = buf.find(b"\n", i)
                while j > i and (buf[j - 1] == _BSL or (buf[j - 1] == _CR and j - 2 >= i
                                                        and buf[j - 2] == _BSL and self.crlf)):
                    j = buf.find(b"\n", j + 1)
                if j < 0:
                    return n
                self.incomment = NO_COMMENT
                self.linestate = LS_START
                i = j + 1
            elif state == CHAR_LIT or state == STRING_LIT:
                i = (_LIT_BODY if self.crlf else _LIT_BODY_NO_CR)[state].match(buf, i).end()
                if i >= n:
                    return n
                if buf[i] == _LIT_CLOSE[state]:
                    self.incomment = NO_COMMENT
                    i += 1
                elif buf[i] == _BSL:  # a backslash at the very end of the buffer
                    i += 1
                else:
                    raise self.error(_LIT_ERROR[state])
            elif state == STARTING:
                if c == _STAR:
                    self.incomment = C_COMMENT
                    i += 1
                elif c == _SLASH:
                    self.incomment = CXX_COMMENT
                    i += 1
                else:
                    self.incomment = NO_COMMENT
                    self.linestate = LS_DIRTY
            else:  # FINISHING
                if c == _SLASH:
                    self.incomment = NO_COMMENT
                    i += 1
                else:
                    self.incomment = C_COMMENT
        return i

    def skipline(self, buf: bytes, i: int) -> int:
        """Consume the rest of the line (unifdef 2.10's skipline): the line
        becomes DIRTY, and the byte at ``i`` is stepped over *without* being
        lexed -- so after ``#foo`` the newline is not seen and the next line
        cannot be a directive, as in unifdef 2.10."""
        n = len(buf)
        if i >= n:
            return i
        self.linestate = LS_DIRTY
        i += 1
        while i < n:
            if self.incomment == NO_COMMENT:
                m = _SPECIAL.search(buf, i)
                if m is None:
                    return n
                i = m.start()
            j = self.skip(buf, i)
            i = j + 1 if j < n else j
        return i
