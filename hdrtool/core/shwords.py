"""Just enough of sh and make to find a command line in a kernel script.

:func:`commands` splits a shell script into simple commands of words, as
``sh`` would (quotes, backslashes, ``$(...)`` nesting, comments, ``>``),
without expanding anything: a word with an expansion is ``dynamic``.
:func:`make_assignments` yields a Makefile's variable assignments with
continuation lines joined; :func:`make_unescape` undoes make's ``$$`` and
``\\#`` in a value.  What neither understands is an :class:`InputError`.
"""

from __future__ import annotations

import bisect
import re
from typing import List, NamedTuple, Optional, Sequence

from hdrtool.core.errors import InputError


class Word(NamedTuple):
    text: bytes
    line: Optional[int]
    dynamic: bool                      # holds a $ expansion or a $(...)


class Command(NamedTuple):
    words: List[Word]
    redirected: bool                   # stdout goes to a file (> or >>)
    substituted: bool                  # runs inside $(...)


class _Lexer:
    def __init__(self, data: bytes, path: str, lines: Optional[Sequence[int]] = None):
        self.d, self.path, self.i = data, path, 0
        self.lines = lines
        self.nl = [m.start() for m in re.finditer(b"\n", data)] if lines is None else None
        self.cmds: List[Command] = []

    def lineno(self, i: int) -> Optional[int]:
        if self.lines is not None:
            return self.lines[min(i, len(self.lines) - 1)] if self.lines else None
        return bisect.bisect_left(self.nl, i) + 1

    def fail(self, msg: str, i: int):
        raise InputError(msg, self.path, self.lineno(i))

    def run(self, sub: bool) -> None:
        """Commands up to the end (or the ``)`` closing a ``$(``)."""
        d = self.d
        words: List[Word] = []
        cur: Optional[bytearray] = None
        start, dyn, redirected, drop_next = 0, False, False, False

        def end_word():
            nonlocal cur, dyn, drop_next
            if cur is not None:
                if drop_next:
                    drop_next = False
                else:
                    words.append(Word(bytes(cur), self.lineno(start), dyn))
            cur, dyn = None, False

        def end_command():
            nonlocal words, redirected
            end_word()
            if words:
                self.cmds.append(Command(words, redirected, sub))
            words, redirected = [], False

        def begin():
            nonlocal cur, start
            if cur is None:
                cur, start = bytearray(), self.i

        while self.i < len(d):
            c = d[self.i]
            if c in b" \t":
                end_word()
                self.i += 1
            elif c == ord("\\"):
                if d[self.i + 1:self.i + 2] == b"\n":
                    self.i += 2
                    continue
                begin()
                cur += d[self.i + 1:self.i + 2]
                self.i += 2
            elif c in b"\n;&|":
                end_command()
                self.i += 1
            elif c == ord("#") and cur is None:
                end = d.find(b"\n", self.i)
                self.i = len(d) if end < 0 else end
            elif c == ord("'"):
                begin()
                end = d.find(b"'", self.i + 1)
                if end < 0:
                    self.fail("unterminated single quote", self.i)
                cur += d[self.i + 1:end]
                self.i = end + 1
            elif c == ord('"'):
                begin()
                dyn |= self.double_quoted(cur)
            elif c == ord("$"):
                begin()
                dyn |= self.dollar(cur)
            elif c == ord("`"):
                self.fail("backquote command substitution not supported", self.i)
            elif c in b"<>":
                end_word()
                if d[self.i:self.i + 2] == b"<<":
                    self.fail("here-document not supported", self.i)
                redirected |= c == ord(">")
                self.i += 1
                while self.i < len(d) and d[self.i] in b">&":
                    self.i += 1
                drop_next = True
            elif c == ord(")") and sub:
                end_command()
                self.i += 1
                return
            elif c in b"()":
                end_command()
                self.i += 1
            else:
                begin()
                cur.append(c)
                self.i += 1
        if sub:
            self.fail("unterminated $(", self.i)
        end_command()

    def double_quoted(self, cur: bytearray) -> bool:
        d, dyn = self.d, False
        self.i += 1
        while self.i < len(d):
            c = d[self.i]
            if c == ord('"'):
                self.i += 1
                return dyn
            if c == ord("\\") and d[self.i + 1:self.i + 2] in (b"$", b"`", b'"', b"\\", b"\n"):
                if d[self.i + 1] != ord("\n"):
                    cur.append(d[self.i + 1])
                self.i += 2
            elif c == ord("$"):
                dyn |= self.dollar(cur)
            elif c == ord("`"):
                self.fail("backquote command substitution not supported", self.i)
            else:
                cur.append(c)
                self.i += 1
        self.fail('unterminated double quote', self.i)
        return dyn

    def dollar(self, cur: bytearray) -> bool:
        """``$name``, ``${...}``, ``$1``, ``$?`` kept as written; ``$(...)``
        lexed as nested commands; a ``$`` before anything else is itself.
        Whether it expands."""
        d, at = self.d, self.i
        if d[at + 1:at + 3] == b"((":
            self.fail("arithmetic expansion not supported", at)
        if d[at + 1:at + 2] == b"(":
            self.i += 2
            self.run(True)
            cur += d[at:self.i]
            return True
        m = _PARAM.match(d, at)
        cur += m.group()
        self.i = m.end()
        return len(m.group()) > 1


_PARAM = re.compile(rb"\$(?:\{[^}]*\}|[A-Za-z_]\w*|[0-9#?@*$!-])?")


def commands(data: bytes, path: str) -> List[Command]:
    """Every simple command of a shell script, in order (nested ``$(...)``
    commands before the command that holds them)."""
    lx = _Lexer(data, path)
    lx.run(False)
    return lx.cmds


def split_words(text: bytes, lines: Sequence[int], path: str) -> List[Word]:
    """The words of one command line (``lines``: the line of each byte)."""
    lx = _Lexer(text, path, lines)
    lx.run(False)
    if len(lx.cmds) > 1:
        lx.fail("more than one command", 0)
    return lx.cmds[0].words if lx.cmds else []


_ASSIGN = re.compile(rb"[ \t]*(?:override[ \t]+|export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*"
                     rb"(?::{1,2}=|\?=|\+=|=)[ \t]*")


def make_assignments(data: bytes, path: str):
    """(name, value, line of each value byte) per variable assignment, with
    continuations joined as make does (backslash-newline and the blanks
    around it become one space) and comments cut."""
    phys = data.split(b"\n")
    k = 0
    while k < len(phys):
        text, lines = bytearray(), []
        while True:
            part = phys[k]
            cont = len(part) - len(part.rstrip(b"\\"))
            k += 1
            if cont % 2 and k < len(phys):
                part = part[:-1].rstrip(b" \t")
                text += part + b" "
                lines += [k] * (len(part) + 1)
                phys[k] = phys[k].lstrip(b" \t")
                continue
            text += part
            lines += [k] * len(part)
            break
        cut = re.search(rb"(?<!\\)#", text)
        if cut:
            del text[cut.start():]
        m = _ASSIGN.match(text)
        if m and not text.startswith(b"\t"):
            yield m.group(1), bytes(text[m.end():]).rstrip(), lines[m.end():]


def make_unescape(value: bytes, lines: Sequence[int], path: str):
    """``$$`` -> ``$``, ``\\#`` -> ``#``; any other ``$`` is an expansion we
    do not perform, so an error.  Returns (text, lines)."""
    out, outl, i = bytearray(), [], 0
    while i < len(value):
        two = value[i:i + 2]
        if two in (b"$$", b"\\#"):
            out.append(two[1])
            outl.append(lines[i])
            i += 2
            continue
        if value[i] == ord("$"):
            raise InputError(f"make expansion {value[i:i + 4].decode('latin-1')!r}... in a "
                             "sed command line is not supported", path, lines[i])
        out.append(value[i])
        outl.append(lines[i])
        i += 1
    return bytes(out), outl
