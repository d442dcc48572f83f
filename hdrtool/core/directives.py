"""The directive engine: unifdef's default mode, byte for byte.

Which unifdef is a :class:`hdrtool.core.dialects.Dialect` (Debian's 2.10 by
default, or one of the kernel's own scripts/unifdef.c releases); the
dialects differ only through its flags, read where the behaviour lives.

Three parts:

1. A *scanner* finds the conditional directive lines (``#if``, ``#ifdef``,
   ``#ifndef``, ``#elif``, ``#else``, ``#endif``) that unifdef would see and
   classifies each one (a known-true ``#if``, an unknown ``#elif``, ...).
   The fast scanner is one regular expression over the whole file that
   steps over comments and literals; anything unusual in a file (a comment
   followed by ``#`` on the same line, a continuation inside a comment or
   before a ``#``, an unterminated literal, a directive split over lines)
   sends the whole file to the exact scanner, which walks every physical
   line with unifdef's own lexer (:mod:`hdrtool.core.cpplex`).
2. A *state table* (if-state x line type -> action), unifdef's design: the
   action keeps or drops the line, may rewrite its keyword, nests or
   unnests, moves to a new state, or is an error.
3. The *output*: lines between two directives share the fate of the state
   they are in; everything kept is copied byte for byte.

unifdef quirks reproduced on purpose (docs/unifdef.md lists them):
an unknown ``#elif`` after a removed ``#if`` becomes ``#if  `` ("elif"
overwritten with "if" and two spaces); a known-true ``#elif`` after a kept
``#if`` becomes ``#else`` and the next ``#elif``/``#else`` becomes
``#endif``, both losing any trailing comment; a directive line that ends
inside a comment or with a continuation swallows the next physical line and
is an error if unifdef would have to decide it; a kept directive on the last
line gets the missing newline; constant ``#if`` lines are never decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Dict, Iterator, List, Mapping, NamedTuple, Optional, Tuple

from hdrtool.core.cppexpr import FALSE, TRUE, Evaluator, LegacyEvaluator
from hdrtool.core.cpplex import LS_DIRTY, LS_HASH, LS_START, NO_COMMENT, Lexer, LexError
from hdrtool.core.dialects import DEFAULT, Dialect, get_dialect
from hdrtool.core.errors import InputError

__all__ = ["Symbols", "unifdef", "unifdef_changed", "logical_lines", "find_includes",
           "LogicalLine", "Include"]

#: Re-exported from :mod:`hdrtool.core.lines`, which is loaded on first use
#: (unifdef itself does not need it).
_FROM_LINES = ("logical_lines", "find_includes", "LogicalLine", "Include")


def __getattr__(name: str):
    if name in _FROM_LINES:
        from hdrtool.core import lines
        return getattr(lines, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Symbols:
    """What unifdef's ``-D`` / ``-U`` options say.

    ``defined`` maps a name to its value (None means ``-DFOO``, which is
    ``-DFOO=1``); ``undefined`` holds the ``-UFOO`` names.  A name in both
    is undefined.

    >>> Symbols({"__EXPORTED_HEADERS__": None}, frozenset({"__KERNEL__"})).lookup(b"__KERNEL__")
    (True, None)
    """

    defined: Mapping[str, Optional[bytes]] = field(default_factory=dict)
    undefined: frozenset = frozenset()

    @cached_property
    def _table(self) -> Dict[bytes, Optional[bytes]]:
        table: Dict[bytes, Optional[bytes]] = {}
        for name, value in self.defined.items():
            if value is None:
                value = b"1"
            table[name.encode()] = value.encode() if isinstance(value, str) else bytes(value)
        for name in self.undefined:
            table[name.encode()] = None
        return table

    def __hash__(self) -> int:  # usable as a cache key although ``defined`` is a dict
        return hash((frozenset(self.defined.items()), frozenset(self.undefined)))

    def lookup(self, name: bytes) -> Tuple[bool, Optional[bytes]]:
        """(known, value): value None for an undefined symbol."""
        table = self._table
        if name in table:
            return True, table[name]
        return False, None


# Line types, in unifdef's order; a "dodgy" directive (not wholly on one
# line) is the same type plus DODGY.
IF, TRUE_IF, FALSE_IF, ELIF, ELTRUE, ELFALSE, ELSE, ENDIF = range(8)
DODGY = 8
PLAIN, EOF = 16, 17

# If-states.
(OUTSIDE, FALSE_PREFIX, TRUE_PREFIX, PASS_MIDDLE, FALSE_MIDDLE, TRUE_MIDDLE,
 PASS_ELSE, FALSE_ELSE, TRUE_ELSE, FALSE_TRAILER) = range(10)

MAXDEPTH = 64  # unifdef's nesting limit (C99 5.2.4.1 minimum translation limit)
# Every unifdef reads lines with fgets(tline, 4096): a longer line comes in
# pieces of 4095 bytes, each parsed as a line of its own (the line state
# carries over, as no newline was seen).
MAXLINE = 4095
_LONG_LINE = re.compile(rb"\n[^\n]{%d}" % MAXLINE)


class Action(NamedTuple):
    keep: bool
    edit: Optional[bytes] = None    # b"if  " overwrites "elif"; else the rest of the line
    depth: int = 0                  # +1 nest (new group), -1 unnest
    state: Optional[int] = None
    error: Optional[str] = None


def _err(message: str) -> Action:
    return Action(False, error=message)


# The actions, named as in unifdef: S = group start was dropped, P = pass
# (keep), D = discard, F = first line of a group, M = modify the keyword.
_ACTIONS: Dict[str, Action] = {
    "print": Action(True), "drop": Action(False),
    "Strue": Action(False, state=TRUE_PREFIX), "Sfalse": Action(False, state=FALSE_PREFIX),
    "Selse": Action(False, state=TRUE_ELSE),
    "Pelif": Action(True, state=PASS_MIDDLE), "Pelse": Action(True, state=PASS_ELSE),
    "Pendif": Action(True, depth=-1),
    "Dfalse": Action(False, state=FALSE_TRAILER), "Delif": Action(False, state=FALSE_MIDDLE),
    "Delse": Action(False, state=FALSE_ELSE), "Dendif": Action(False, depth=-1),
    "Fdrop": Action(False, depth=1, state=FALSE_TRAILER),
    "Fpass": Action(True, depth=1, state=PASS_MIDDLE),
    "Ftrue": Action(False, depth=1, state=TRUE_PREFIX),
    "Ffalse": Action(False, depth=1, state=FALSE_PREFIX),
    "Mpass": Action(True, edit=b"if  ", state=PASS_MIDDLE),
    "Mtrue": Action(True, edit=b"else", state=TRUE_MIDDLE),
    "Melif": Action(True, edit=b"endif", state=FALSE_TRAILER),
    "Melse": Action(True, edit=b"endif", state=FALSE_ELSE),
    "Eelif": _err("Inappropriate #elif"), "Eelse": _err("Inappropriate #else"),
    "Eendif": _err("Inappropriate #endif"), "Eeof": _err("Premature EOF"),
    "Eioccc": _err("Obfuscated preprocessor control line"), "done": Action(True),
}

# unifdef 2.10's transition table without -i/-e: rows are if-states, columns
# IF TRUE FALSE ELIF ELTRUE ELFALSE ELSE ENDIF, the same eight when dodgy,
# then PLAIN and EOF.  (Its "Oif"/"Oelif" are Eioccc without -e.)
_TABLE_TEXT = """
OUTSIDE       Fpass Ftrue  Ffalse Eelif  Eelif  Eelif  Eelse  Eendif Fpass Eioccc Eioccc Eelif  Eelif  Eelif  Eelse  Eendif print done
FALSE_PREFIX  Fdrop Fdrop  Fdrop  Mpass  Strue  Sfalse Selse  Dendif Fdrop Fdrop  Fdrop  Mpass  Eioccc Eioccc Eioccc Eioccc drop  Eeof
TRUE_PREFIX   Fpass Ftrue  Ffalse Dfalse Dfalse Dfalse Delse  Dendif Fpass Eioccc Eioccc Eioccc Eioccc Eioccc Eioccc Eioccc print Eeof
PASS_MIDDLE   Fpass Ftrue  Ffalse Pelif  Mtrue  Delif  Pelse  Pendif Fpass Eioccc Eioccc Pelif  Eioccc Eioccc Pelse  Pendif print Eeof
FALSE_MIDDLE  Fdrop Fdrop  Fdrop  Pelif  Mtrue  Delif  Pelse  Pendif Fdrop Fdrop  Fdrop  Eioccc Eioccc Eioccc Eioccc Eioccc drop  Eeof
TRUE_MIDDLE   Fpass Ftrue  Ffalse Melif  Melif  Melif  Melse  Pendif Fpass Eioccc Eioccc Eioccc Eioccc Eioccc Eioccc Pendif print Eeof
PASS_ELSE     Fpass Ftrue  Ffalse Eelif  Eelif  Eelif  Eelse  Pendif Fpass Eioccc Eioccc Eelif  Eelif  Eelif  Eelse  Pendif print Eeof
FALSE_ELSE    Fdrop Fdrop  Fdrop  Eelif  Eelif  Eelif  Eelse  Dendif Fdrop Fdrop  Fdrop  Eelif  Eelif  Eelif  Eelse  Eioccc drop  Eeof
TRUE_ELSE     Fpass Ftrue  Ffalse Eelif  Eelif  Eelif  Eelse  Dendif Fpass Eioccc Eioccc Eelif  Eelif  Eelif  Eelse  Eioccc print Eeof
FALSE_TRAILER Fdrop Fdrop  Fdrop  Dfalse Dfalse Dfalse Delse  Dendif Fdrop Fdrop  Fdrop  Dfalse Dfalse Dfalse Delse  Eioccc drop  Eeof
"""


def _parse_table(text: str) -> Tuple[Tuple[Action, ...], ...]:
    rows = [line.split() for line in text.strip().splitlines()]
    assert [r[0] for r in rows] == ["OUTSIDE", "FALSE_PREFIX", "TRUE_PREFIX", "PASS_MIDDLE",
                                    "FALSE_MIDDLE", "TRUE_MIDDLE", "PASS_ELSE", "FALSE_ELSE",
                                    "TRUE_ELSE", "FALSE_TRAILER"]
    return tuple(tuple(_ACTIONS[name] for name in r[1:]) for r in rows)


TABLE = _parse_table(_TABLE_TEXT)
_KEEPS_PLAIN = tuple(row[PLAIN].keep for row in TABLE)


class Directive(NamedTuple):
    """A conditional directive line as unifdef sees it (or the EOF marker)."""

    kind: int          # line type (IF .. ENDIF, + DODGY), or EOF
    start: int         # offset of the line
    end: int           # offset after it (after a swallowed next line, if any)
    keyword: int       # offset of the keyword ("if", "elif", ...)
    lineno: int
    add_newline: bool  # last line without newline: unifdef appends one
    # (for EOF: keyword is 1 when the file ends inside a comment)


_WORD = re.compile(rb"[A-Za-z0-9_]*")
_KINDS = {b"if": (IF, TRUE_IF, FALSE_IF), b"elif": (ELIF, ELTRUE, ELFALSE)}


def _evaluator(line: bytes, lx: Lexer, lookup, dialect: Dialect):
    if dialect.grammar == "modern":
        return Evaluator(line, lx, lookup, suffixes=dialect.integer_suffixes,
                         int_bits=dialect.int_bits)
    return LegacyEvaluator(line, lx, lookup, boolfix=dialect.grammar == "1.171-boolfix")


def _split_keyword(line: bytes, at: int, crlf: bool) -> bool:
    return line.startswith(b"\\\n", at) or (crlf and line.startswith(b"\\\r\n", at))


def _hash_kernel(line: bytes, lx: Lexer) -> int:
    """The kernel unifdef's directive test: where the keyword starts, or -1
    for a plain line.  A ``#`` whose line ends inside a comment leaves the
    line state at HASH, so the keyword may follow the comment's end on the
    next line (``#/*`` newline ``*/ifdef A``); 2.10 takes that as text."""
    n = len(line)
    p = lx.skip(line, 0)
    if lx.linestate == LS_START:
        if p < n and line[p] == 35:
            lx.linestate = LS_HASH
            p = lx.skip(line, p + 1)
        elif p < n:
            lx.linestate = LS_DIRTY
    if lx.incomment != NO_COMMENT or lx.linestate != LS_HASH:
        if lx.linestate == LS_DIRTY and p < n:
            lx.skipline(line, p)
        return -1
    if p >= n:  # '#' alone, at the end of the file or before a continuation
        lx.linestate = LS_DIRTY
        return -1
    return p


def _classify(line: bytes, lx: Lexer, lookup,
              dialect: Dialect = DEFAULT) -> Tuple[Optional[int], int, bool]:
    """unifdef's parseline for one physical line: (line type or None for a
    plain line, keyword offset, whether a comment was open where the parse of
    the directive stopped -- before the rest of the line was lexed)."""
    n = len(line)
    if dialect.hash_spans_comment:
        kw = _hash_kernel(line, lx)
        if kw < 0:
            return None, 0, False
    else:
        p = lx.skip(line, 0)
        if not (lx.linestate == LS_START and p < n and line[p] == 35):
            if p < n:
                lx.skipline(line, p)
            return None, 0, False
        lx.linestate = LS_HASH
        kw = lx.skip(line, p + 1)
        if kw >= n:
            return None, kw, False
    word_end = _WORD.match(line, kw).end()
    word = line[kw:word_end]
    if dialect.split_keyword_always_error and _split_keyword(line, word_end, dialect.crlf):
        raise LexError("Obfuscated preprocessor control line", lx.path, lx.lineno)
    if word == b"ifdef" or word == b"ifndef":
        cp = lx.skip(line, word_end)
        sym_end = _WORD.match(line, cp).end()
        known, value = lookup(line[cp:sym_end])
        if not known:
            kind = IF
        else:
            kind = TRUE_IF if (word == b"ifdef") == (value is not None) else FALSE_IF
        cp = sym_end
    elif word in _KINDS:
        result, cp = _evaluator(line, lx, lookup, dialect).evaluate(word_end)
        unknown, true, false = _KINDS[word]
        kind = true if result == TRUE else false if result == FALSE else unknown
    elif word == b"else":
        kind, cp = ELSE, word_end
    elif word == b"endif":
        kind, cp = ENDIF, word_end
    elif dialect.bare_keyword_hides_next_line:  # unifdef 2.10
        if line.startswith(b"\\\n", word_end) or line.startswith(b"\\\r\n", word_end):
            raise LexError("Obfuscated preprocessor control line", lx.path, lx.lineno)
        lx.skipline(line, word_end)
        return None, kw, False
    else:  # unifdef 1.171 .. 2.5: the rest of the line is lexed first
        lx.linestate = LS_DIRTY
        cp = lx.skip(line, word_end)
        if cp < n:
            lx.skipline(line, cp)
        return None, kw, False
    cp = lx.skip(line, cp)
    open_comment = lx.incomment != NO_COMMENT
    if cp < n:
        lx.skipline(line, cp)
        if kind in (TRUE_IF, FALSE_IF):
            kind = IF
        elif kind in (ELTRUE, ELFALSE):
            kind = ELIF
    return kind, kw, open_comment


def _directive(data: bytes, start: int, end: int, lineno: int, lx: Lexer,
               lookup, dialect: Dialect = DEFAULT) -> Tuple[Optional[Directive], int]:
    """Classify the physical line data[start:end]; returns the directive (or
    None) and where the next line starts (after a swallowed line)."""
    wascomment = lx.incomment != NO_COMMENT
    lx.lineno = lineno
    kind, kw, open_comment = _classify(data[start:end], lx, lookup, dialect)
    if kind is None:
        return None, end
    add_newline = False
    if dialect.continued_directive != "dodgy":
        return _directive_kernel(data, start, end, lineno, lx, kind, kw,
                                 wascomment or open_comment, open_comment, dialect)
    if lx.linestate == LS_HASH:
        # The directive did not end on this line (comment, continuation or
        # EOF): unifdef glues the next physical line on without lexing it.
        if end < len(data):
            nl = data.find(b"\n", end)
            end = len(data) if nl < 0 else nl + 1
            lx.linestate = LS_DIRTY
        else:
            add_newline = True
            lx.linestate = LS_START
    if wascomment or lx.linestate != LS_START:
        kind += DODGY
        lx.linestate = LS_DIRTY
    return Directive(kind, start, end, start + kw, lineno, add_newline), end


def _directive_kernel(data: bytes, start: int, end: int, lineno: int, lx: Lexer, kind: int,
                      kw: int, dodgy: bool, open_comment: bool,
                      dialect: Dialect) -> Tuple[Directive, int]:
    """The end of a directive line as the kernel's unifdef (1.171 .. 2.5)
    treats it: "dodgy" is decided before a continuation is looked at; a
    directive still open at the end of its line (continuation, or the last
    line without a newline) gets the next line glued on, which is lexed from
    its second byte and does not change the directive's type -- or, in
    1.171, hits abort().  A comment opened by unparsed trailing text
    (``#if A B /* ...``) does not make it dodgy: that text is lexed after
    the test."""
    add_newline = False
    if dodgy:
        kind += DODGY
        if open_comment:
            lx.linestate = LS_DIRTY
    if lx.linestate == LS_HASH:
        if dialect.continued_directive == "abort":
            raise LexError("unifdef 1.171 aborts: a directive that does not end on its line"
                           " (continuation, or no newline at the end of the file)",
                           lx.path, lineno)
        if end < len(data):
            nl = data.find(b"\n", end)
            glued_end = len(data) if nl < 0 else nl + 1
            lx.linestate = LS_DIRTY
            lx.skipline(data[end:glued_end], 0)
            end = glued_end
        else:
            add_newline = True
            lx.linestate = LS_START
    return Directive(kind, start, end, start + kw, lineno, add_newline), end


# Lines without these bytes cannot change the lexer state except through
# their newline, and cannot be directives.
_INTERESTING = re.compile(rb"^[^\n#/'\"\\]*[#/'\"\\]", re.M)
_C_COMMENT_END = re.compile(rb"\*/|\*\\\r?\n")


def _scan_exact(data: bytes, lookup, path: str,
                dialect: Dialect = DEFAULT) -> Iterator[Directive]:
    """Every physical line through unifdef's lexer (the reference scanner)."""
    lx = Lexer(path, dialect.crlf)
    pos, lineno, n = 0, 1, len(data)
    while pos < n:
        if lx.incomment == NO_COMMENT:
            m = _INTERESTING.search(data, pos)
            nxt = n if m is None else m.start()
            if nxt > pos:  # boring lines: plain, and they end at START
                lineno += data.count(b"\n", pos, nxt)
                pos = nxt
                lx.linestate = LS_START
                continue
        elif lx.incomment == 1:  # C_COMMENT: jump to the line that ends it
            m = _C_COMMENT_END.search(data, pos)
            if m is None:
                lineno += data.count(b"\n", pos)
                break
            line_start = data.rfind(b"\n", pos, m.start()) + 1
            if line_start > pos:
                lineno += data.count(b"\n", pos, line_start)
                pos = line_start
        nl = data.find(b"\n", pos)
        end = n if nl < 0 else nl + 1
        if end - pos > MAXLINE:
            end = pos + MAXLINE
        directive, nxt = _directive(data, pos, end, lineno, lx, lookup, dialect)
        if directive is not None:
            yield directive
        lineno += 1
        pos = nxt
    lx.lineno = lineno
    yield Directive(EOF, n, n, int(lx.incomment != NO_COMMENT), _eof_lineno(data), False)


def _eof_lineno(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0) + 1


# The fast scanner: one regular expression whose every match is a run of
# "boring" text followed by one event: a conditional directive line, the
# end of the file, or a bail-out (an empty match where nothing boring fits).
# Boring is: ordinary bytes, a lone slash, a whole comment or literal, a
# continuation or a newline not followed by a hash line, and a hash line
# that is not a conditional.  Whatever the exact lexer might see differently
# is not boring, so it bails: '*' + backslash in a comment (unifdef closes a
# comment at star, backslash-newline, slash), a comment or continuation
# followed by '#' on the same line, '//' ending in a continuation or at EOF,
# an unterminated literal, a stray backslash, '#' followed by a comment, and
# '#word' directly followed by a newline, quote, slash or backslash (unifdef
# 2.10 steps over that byte without lexing it: after '#foo' + newline it
# misses the next line's directive, after '#foo"' it sees no string).
# Possessive quantifiers keep it linear.  The data is scanned with a newline
# in front so that the first line is a line start like any other.
_FAST = re.compile(rb"""
  (?:
      [^/"'\\\n]++
    | /(?![*/\\])
    | /\*(?>[^*]*+\*++(?:[^/*\\][^*]*+\*++)*+)/(?![ \t\r]*+\#)
    | //[^\n]*+(?<!\\)(?<!\\\r)(?=\n)
    | "(?:[^"\\\n]|\\[^\n])*+"
    | '(?:[^'\\\n]|\\[^\n])*+'
    | \\\r?\n(?![ \t\r]*+\#)
    | \n(?![ \t\r]*+\#)
    | \n[ \t\r]*+\#[ \t\r]*+(?!(?:ifdef|ifndef|if|elif|else|endif)(?![A-Za-z0-9_]))
        (?:[A-Za-z0-9_]++(?![\\/\n"'])|(?=\n))
  )*+
  (?: (?P<kw>\n[ \t\r]*+\#[ \t\r]*+(?:ifdef|ifndef|if|elif|else|endif)(?![A-Za-z0-9_]))
    | (?P<end>\Z)
    | (?P<bail>) )
""", re.X)


def _has_long_line(data: bytes) -> bool:
    """Is a line MAXLINE bytes or longer?  Such a line holds a whole aligned
    2048-byte window without a newline; only a file that has one is
    searched line by line (the search alone would cost 14% of a run)."""
    find = data.find
    if all(find(b"\n", k, k + 2048) >= 0 for k in range(0, len(data) - 2047, 2048)):
        return False
    return _LONG_LINE.search(data) is not None or not 0 <= find(b"\n") < MAXLINE


def _scan_fast(data: bytes, lookup, path: str,
               dialect: Dialect = DEFAULT) -> Optional[List[Directive]]:
    """The directives of a well-behaved file, or None (use the exact scanner).
    (Its notion of "boring" holds for every dialect: what a dialect reads
    differently -- a bare ``#word`` line, a continued directive -- makes it
    bail; only CR, a blank to it but not to 1.171/1.190, is checked here.)"""
    if not dialect.crlf and b"\r" in data:
        return None
    if len(data) >= MAXLINE and _has_long_line(data):
        return None  # a line unifdef reads in pieces
    out: List[Directive] = []
    lineno, counted = 1, 0
    for m in _FAST.finditer(b"\n" + data):
        group = m.lastgroup
        if group != "kw":
            if group == "bail":
                return None
            break
        start = m.start("kw")  # the newline before the line, so the line's offset in data
        nl = data.find(b"\n", start)
        end = len(data) if nl < 0 else nl + 1
        lineno += data.count(b"\n", counted, start)
        counted = start
        lx = Lexer(path, dialect.crlf)
        try:
            directive, nxt = _directive(data, start, end, lineno, lx, lookup, dialect)
        except InputError:
            return None
        if (directive is None or directive.kind >= DODGY or nxt != end
                or lx.incomment != NO_COMMENT):
            return None
        out.append(directive)
    out.append(Directive(EOF, len(data), len(data), 0, _eof_lineno(data), False))
    return out


def _context(stack_lines: List[int]) -> str:
    depth = len(stack_lines) - 1
    return f" (#if line {stack_lines[-1]} depth {depth})" if depth else ""


def _process(data: bytes, directives, path: str,
             dialect: Dialect = DEFAULT) -> Tuple[bytes, bool]:
    """Run the state table over the directives; (output, altered)."""
    first_nl = data.find(b"\n")
    newline = b"\r\n" if first_nl > 0 and data[first_nl - 1] == 13 else b"\n"
    if dialect.edit_newline == "lf":
        newline = b"\n"
    states = [OUTSIDE]
    iflines = [0]
    pieces: List[bytes] = []
    altered = edited = False
    cursor = 0
    it = iter(directives)
    while True:
        try:
            d = next(it)
        except LexError as exc:
            raise InputError(exc.message + _context(iflines), exc.path, exc.line) from None
        if d.start > cursor:  # the plain lines since the last directive
            if _KEEPS_PLAIN[states[-1]]:
                pieces.append(data[cursor:d.start])
            else:
                altered = True
        act = TABLE[states[-1]][d.kind]
        if d.kind == EOF:
            if act.error is None and d.keyword:
                raise InputError("EOF in comment", path, d.lineno)
        if act.error is not None:
            raise InputError(act.error + _context(iflines), path, d.lineno)
        if d.kind == EOF:
            break
        if act.depth > 0:
            if len(states) == MAXDEPTH:
                raise InputError("Too many levels of nesting" + _context(iflines),
                                 path, d.lineno)
            states.append(OUTSIDE)
            iflines.append(d.lineno)
        if act.keep:
            if act.edit is None and not d.add_newline:
                pieces.append(data[d.start:d.end])
            else:
                pieces.append(_render(data, d, act.edit, newline))
                edited = True  # unifdef 2.10 counts only dropped lines as a change
        else:
            altered = True
        if act.depth < 0:
            states.pop()
            iflines.pop()
        elif act.state is not None:
            states[-1] = act.state
        cursor = d.end
    if not altered and not edited:
        return data, False
    return b"".join(pieces), altered


def _render(data: bytes, d: Directive, edit: Optional[bytes], newline: bytes) -> bytes:
    if edit is None:
        return data[d.start:d.end] + newline
    if edit == b"if  ":  # unifdef overwrites the four bytes of "elif"
        return data[d.start:d.keyword] + edit + data[d.keyword + 4:d.end] + \
            (newline if d.add_newline else b"")
    return data[d.start:d.keyword] + edit + newline


def _lookup(symbols: Symbols, dialect: Dialect):
    """``symbols.lookup``, with ``-DFOO`` valued as the dialect says."""
    if dialect.bare_define_value == b"1":
        return symbols.lookup
    bare = {name.encode() for name, value in symbols.defined.items()
            if value is None and name not in symbols.undefined}
    base = symbols.lookup

    def lookup(name: bytes) -> Tuple[bool, Optional[bytes]]:
        if name in bare:
            return True, dialect.bare_define_value
        return base(name)
    return lookup


def unifdef_changed(data: bytes, symbols: Symbols, path: str = "-",
                    dialect: Dialect = DEFAULT) -> Tuple[bytes, bool]:
    """unifdef's default-mode output and whether it reports a change (exit
    status 1); raises InputError on malformed input.  ``dialect`` (a
    :class:`hdrtool.core.dialects.Dialect`, default Debian's 2.10) says which
    unifdef to be.

    >>> unifdef_changed(b"#ifdef __KERNEL__\\nint k;\\n#endif\\nint u;\\n",
    ...                 Symbols({}, frozenset({"__KERNEL__"})))
    (b'int u;\\n', True)
    """
    data = bytes(data)
    if isinstance(dialect, str):
        dialect = get_dialect(dialect)
    lookup = _lookup(symbols, dialect)
    directives = _scan_fast(data, lookup, path, dialect)
    if directives is None:
        directives = _scan_exact(data, lookup, path, dialect)
    return _process(data, directives, path, dialect)


def unifdef(data: bytes, symbols: Symbols, path: str = "-",
            dialect: Dialect = DEFAULT) -> bytes:
    """unifdef's default-mode output (see :func:`unifdef_changed`)."""
    return unifdef_changed(data, symbols, path, dialect)[0]


def unifdef_exact(data: bytes, symbols: Symbols, path: str = "-",
                  dialect: Dialect = DEFAULT) -> Tuple[bytes, bool]:
    """Like :func:`unifdef_changed` but always through the exact scanner
    (for tests that check the fast scanner against it)."""
    data = bytes(data)
    if isinstance(dialect, str):
        dialect = get_dialect(dialect)
    return _process(data, _scan_exact(data, _lookup(symbols, dialect), path, dialect), path,
                    dialect)
