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

import os
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
# line) is the same type plus DODGY.  TRUEI/FALSEI are a decided #ifdef of
# a -iD/-iU symbol (its group is read as plain text).
IF, TRUE_IF, FALSE_IF, ELIF, ELTRUE, ELFALSE, ELSE, ENDIF = range(8)
DODGY = 8
PLAIN, EOF = 16, 17
TRUEI, FALSEI, DODGY_TRUEI, DODGY_FALSEI = 18, 19, 20, 21


def _dodgy(kind: int) -> int:
    return kind + 2 if kind >= TRUEI else kind + DODGY

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
    ignore: Optional[str] = None    # "off": as the enclosing group; "on": text (-i)


def _err(message: str) -> Action:
    return Action(False, error=message)


# The actions, named as in unifdef: S = group start was dropped, P = pass
# (keep), D = discard, F = first line of a group, M = modify the keyword.
_OFF = "off"
_ACTIONS: Dict[str, Action] = {
    "print": Action(True), "drop": Action(False),
    "Strue": Action(False, state=TRUE_PREFIX, ignore=_OFF),
    "Sfalse": Action(False, state=FALSE_PREFIX, ignore=_OFF),
    "Selse": Action(False, state=TRUE_ELSE),
    "Pelif": Action(True, state=PASS_MIDDLE, ignore=_OFF), "Pelse": Action(True, state=PASS_ELSE),
    "Pendif": Action(True, depth=-1),
    "Dfalse": Action(False, state=FALSE_TRAILER, ignore=_OFF),
    "Delif": Action(False, state=FALSE_MIDDLE, ignore=_OFF),
    "Delse": Action(False, state=FALSE_ELSE), "Dendif": Action(False, depth=-1),
    "Fdrop": Action(False, depth=1, state=FALSE_TRAILER, ignore=_OFF),
    "Fpass": Action(True, depth=1, state=PASS_MIDDLE, ignore=_OFF),
    "Ftrue": Action(False, depth=1, state=TRUE_PREFIX, ignore=_OFF),
    "Ffalse": Action(False, depth=1, state=FALSE_PREFIX, ignore=_OFF),
    # -i: the group of an ignored symbol is text
    "Idrop": Action(False, depth=1, state=FALSE_TRAILER, ignore="on"),
    "Itrue": Action(False, depth=1, state=TRUE_PREFIX, ignore="on"),
    "Ifalse": Action(False, depth=1, state=FALSE_PREFIX, ignore="on"),
    "Mpass": Action(True, edit=b"if  ", state=PASS_MIDDLE, ignore=_OFF),
    "Mtrue": Action(True, edit=b"else", state=TRUE_MIDDLE),
    "Melif": Action(True, edit=b"endif", state=FALSE_TRAILER),
    "Melse": Action(True, edit=b"endif", state=FALSE_ELSE),
    "Eelif": _err("Inappropriate #elif"), "Eelse": _err("Inappropriate #else"),
    "Eendif": _err("Inappropriate #endif"), "Eeof": _err("Premature EOF"),
    "Eioccc": _err("Obfuscated preprocessor control line"), "done": Action(True),
}

# unifdef 2.10's transition table: rows are if-states, columns IF TRUE
# FALSE ELIF ELTRUE ELFALSE ELSE ENDIF, the same eight when dodgy, then
# PLAIN and EOF.  "Oif"/"Oelif" (a dodgy directive that would have to be
# decided) are Eioccc, or with -e Fpass/Pelif (passed through undecided).
# The TRUEI/FALSEI columns (-i) follow from the TRUE/FALSE ones.
_TABLE_TEXT = """
OUTSIDE       Fpass Ftrue  Ffalse Eelif  Eelif  Eelif  Eelse  Eendif Fpass Oif    Oif    Eelif  Eelif  Eelif  Eelse  Eendif print done
FALSE_PREFIX  Fdrop Fdrop  Fdrop  Mpass  Strue  Sfalse Selse  Dendif Fdrop Fdrop  Fdrop  Mpass  Eioccc Eioccc Eioccc Eioccc drop  Eeof
TRUE_PREFIX   Fpass Ftrue  Ffalse Dfalse Dfalse Dfalse Delse  Dendif Fpass Oif    Oif    Eioccc Eioccc Eioccc Eioccc Eioccc print Eeof
PASS_MIDDLE   Fpass Ftrue  Ffalse Pelif  Mtrue  Delif  Pelse  Pendif Fpass Oif    Oif    Pelif  Oelif  Oelif  Pelse  Pendif print Eeof
FALSE_MIDDLE  Fdrop Fdrop  Fdrop  Pelif  Mtrue  Delif  Pelse  Pendif Fdrop Fdrop  Fdrop  Eioccc Eioccc Eioccc Eioccc Eioccc drop  Eeof
TRUE_MIDDLE   Fpass Ftrue  Ffalse Melif  Melif  Melif  Melse  Pendif Fpass Oif    Oif    Eioccc Eioccc Eioccc Eioccc Pendif print Eeof
PASS_ELSE     Fpass Ftrue  Ffalse Eelif  Eelif  Eelif  Eelse  Pendif Fpass Oif    Oif    Eelif  Eelif  Eelif  Eelse  Pendif print Eeof
FALSE_ELSE    Fdrop Fdrop  Fdrop  Eelif  Eelif  Eelif  Eelse  Dendif Fdrop Fdrop  Fdrop  Eelif  Eelif  Eelif  Eelse  Eioccc drop  Eeof
TRUE_ELSE     Fpass Ftrue  Ffalse Eelif  Eelif  Eelif  Eelse  Dendif Fpass Oif    Oif    Eelif  Eelif  Eelif  Eelse  Eioccc print Eeof
FALSE_TRAILER Fdrop Fdrop  Fdrop  Dfalse Dfalse Dfalse Delse  Dendif Fdrop Fdrop  Fdrop  Dfalse Dfalse Dfalse Delse  Eioccc drop  Eeof
"""


def _parse_table(text: str, iocccok: bool) -> Tuple[Tuple[Action, ...], ...]:
    rows = [line.split() for line in text.strip().splitlines()]
    assert [r[0] for r in rows] == ["OUTSIDE", "FALSE_PREFIX", "TRUE_PREFIX", "PASS_MIDDLE",
                                    "FALSE_MIDDLE", "TRUE_MIDDLE", "PASS_ELSE", "FALSE_ELSE",
                                    "TRUE_ELSE", "FALSE_TRAILER"]
    dodgy = {"Oif": "Fpass" if iocccok else "Eioccc", "Oelif": "Pelif" if iocccok else "Eioccc"}
    table = []
    for r in rows:
        names = [dodgy.get(name, name) for name in r[1:]]
        if names[TRUE_IF] == "Ftrue":   # a printing state: Itrue/Ifalse; dodgy: Oiffy
            oiffy = _OIFFY if iocccok else _ACTIONS["Eioccc"]
            extra = [_ACTIONS["Itrue"], _ACTIONS["Ifalse"], oiffy, oiffy]
        else:
            extra = [_ACTIONS["Idrop"]] * 4
        table.append(tuple(_ACTIONS[name] for name in names) + tuple(extra))
    return tuple(table)


_OIFFY = Action(True, depth=1, state=PASS_MIDDLE, ignore="on")  # -e: Fpass, then text
TABLE = _parse_table(_TABLE_TEXT, iocccok=False)
TABLE_E = _parse_table(_TABLE_TEXT, iocccok=True)  # unifdef -e
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
    glued: bool = False  # the next physical line was glued on (unifdef 2.10 does not count it)


_WORD = re.compile(rb"[A-Za-z0-9_]*")
_KINDS = {b"if": (IF, TRUE_IF, FALSE_IF), b"elif": (ELIF, ELTRUE, ELFALSE)}


def _evaluator(line: bytes, lx: Lexer, lookup, dialect: Dialect, opts: "Options"):
    if dialect.grammar == "modern":
        return Evaluator(line, lx, lookup, suffixes=dialect.integer_suffixes,
                         int_bits=dialect.int_bits, killconsts=opts.killconsts,
                         strict=opts.strict)
    return LegacyEvaluator(line, lx, lookup, boolfix=dialect.grammar == "1.171-boolfix",
                           killconsts=opts.killconsts)


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


def _classify(line: bytes, lx: Lexer, lookup, dialect: Dialect = DEFAULT,
              opts: Optional["Options"] = None) -> Tuple[Optional[int], int, bool]:
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
        name = line[cp:sym_end]
        known, value = lookup(name)
        if not known:
            kind = IF
        else:
            kind = TRUE_IF if (word == b"ifdef") == (value is not None) else FALSE_IF
            if opts is not None and opts.is_ignored(name):
                kind += TRUEI - TRUE_IF
        cp = sym_end
    elif word in _KINDS:
        result, cp = _evaluator(line, lx, lookup, dialect,
                                opts or NO_OPTIONS).evaluate(word_end)
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
        if kind in (TRUE_IF, FALSE_IF, TRUEI, FALSEI):
            kind = IF
        elif kind in (ELTRUE, ELFALSE):
            kind = ELIF
    return kind, kw, open_comment


def _directive(data: bytes, start: int, end: int, lineno: int, lx: Lexer,
               lookup, dialect: Dialect = DEFAULT,
               opts: Optional["Options"] = None) -> Tuple[Optional[Directive], int]:
    """Classify the physical line data[start:end]; returns the directive (or
    None) and where the next line starts (after a swallowed line)."""
    wascomment = lx.incomment != NO_COMMENT
    lx.lineno = lineno
    kind, kw, open_comment = _classify(data[start:end], lx, lookup, dialect, opts)
    if kind is None:
        return None, end
    add_newline = glued = False
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
            glued = True
        else:
            add_newline = True
            lx.linestate = LS_START
    if wascomment or lx.linestate != LS_START:
        kind = _dodgy(kind)
        lx.linestate = LS_DIRTY
    return Directive(kind, start, end, start + kw, lineno, add_newline, glued), end


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
    add_newline = glued = False
    if dodgy:
        kind = _dodgy(kind)
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
            glued = True
        else:
            add_newline = True
            lx.linestate = LS_START
    return Directive(kind, start, end, start + kw, lineno, add_newline, glued), end


# Lines without these bytes cannot change the lexer state except through
# their newline, and cannot be directives.
_INTERESTING = re.compile(rb"^[^\n#/'\"\\]*[#/'\"\\]", re.M)
_C_COMMENT_END = re.compile(rb"\*/|\*\\\r?\n")
# In text mode (-t, -i) only a '#' matters.
_INTERESTING_TEXT = re.compile(rb"^[^\n#]*#", re.M)


def _scan_exact(data: bytes, lookup, path: str, dialect: Dialect = DEFAULT,
                opts: Optional["Options"] = None,
                ctx: Optional["_Context"] = None) -> Iterator[Directive]:
    """Every physical line through unifdef's lexer (the reference scanner).
    With ``ctx`` (the options path) the lexer starts in ``ctx.linestate``,
    reads a group of an ignored symbol (or everything, -t) as text, and is
    left in ``ctx.lexer``."""
    if ctx is None:
        lx = Lexer(path, dialect.crlf)
    else:
        lx = ctx.lexer = _OptLexer(path, dialect.crlf)
        lx.linestate = ctx.linestate
    text_mode = ctx is not None and (opts.text or ctx.may_ignore)
    count_pieces = ctx is not None and opts.c_lines
    pos, lineno, n = 0, 1, len(data)
    while pos < n:
        if text_mode:
            lx.text = opts.text or ctx.ignoring[-1]
        if lx.incomment == NO_COMMENT or (text_mode and lx.text):
            m = (_INTERESTING_TEXT if text_mode and lx.text else _INTERESTING).search(data, pos)
            nxt = n if m is None else m.start()
            if nxt > pos:  # boring lines: plain, and they end at START
                lineno += data.count(b"\n", pos, nxt)
                if count_pieces and nxt - pos >= MAXLINE:  # a long line is several
                    extra = _extra_pieces(data, pos, nxt)
                    lineno += extra
                    ctx.extra_pieces += extra
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
        try:
            directive, nxt = _directive(data, pos, end, lineno, lx, lookup, dialect, opts)
        except LexError as exc:
            exc.offset = pos  # where the line unifdef fails on starts
            raise
        if directive is not None:
            yield directive
        lineno += 1
        pos = nxt
    lx.lineno = lineno
    if text_mode:
        lx.text = False
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


def _scan_fast(data: bytes, lookup, path: str, dialect: Dialect = DEFAULT,
               opts: Optional["Options"] = None) -> Optional[List[Directive]]:
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
            directive, nxt = _directive(data, start, end, lineno, lx, lookup, dialect, opts)
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
    if len(data) >= STREAM_MIN:  # a large file: the streaming loop is faster
        import io
        out = io.BytesIO()
        altered, changed = unifdef_stream(io.BytesIO(data), out, lookup, path, dialect)
        return (out.getvalue() if changed else data), altered
    return _unifdef_whole(data, lookup, path, dialect)


def _unifdef_whole(data: bytes, lookup, path: str, dialect: Dialect) -> Tuple[bytes, bool]:
    """The whole-file engine: the fast scanner, else the exact one, then
    the state table."""
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


# --------------------------------------------------------------------------
# unifdef's options (hdrtool unifdef -b -B -c -e -i -k -K -n -s -S -t).
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """unifdef's processing options; the default is its default mode.

    >>> unifdef_run(b"#ifdef A\\na\\n#endif\\n", Symbols({"A": None}).lookup, "t.h",
    ...             options=Options(blank=True)).output
    b'\\na\\n\\n'
    """

    complement: bool = False        # -c: keep what would be removed and vice versa
    blank: bool = False             # -b: a removed line becomes an empty line
    compress: bool = False          # -B: compress blank lines around a removed section
    line_directives: bool = False   # -n: #line after removed lines
    linefile: Optional[str] = None  # the file name in those #line (None: stdin, no name)
    killconsts: bool = False        # -k: decide constant #if / #elif
    strict: bool = False            # -K: && / || with an unknown side are unknown
    iocccok: bool = False           # -e: pass a dodgy directive through instead of failing
    text: bool = False              # -t: no comments, literals or continuations
    ignore: frozenset = frozenset()  # -iD / -iU names (bytes): their groups are text
    ignore_all: bool = False        # every known symbol is ignored (-s with an -i symbol 0)
    symlist: bool = False           # -s / -S: no output (the lookup lists the symbols)
    c_lines: bool = False           # "Premature EOF" at unifdef's count (glued lines not
                                    # counted, as for every other line number)

    def is_ignored(self, name: bytes) -> bool:
        return self.ignore_all or name in self.ignore

    @property
    def needs_lines(self) -> bool:
        """Is the output decided line by line (not by runs of lines)?"""
        return self.blank or self.compress or self.line_directives


NO_OPTIONS = Options()


class _OptLexer(Lexer):
    """The lexer with unifdef's text mode (-t, and -i groups): only white
    space is skipped (a newline resets the line state); comments, literals
    and continuations are plain bytes."""

    __slots__ = ("text",)

    def __init__(self, path: str = "-", crlf: bool = True):
        super().__init__(path, crlf)
        self.text = False

    def skip(self, buf: bytes, i: int) -> int:
        if self.text:
            m = _SPACES.match(buf, i)
            if 10 in m.group():
                self.linestate = LS_START
            return m.end()
        return Lexer.skip(self, buf, i)


_SPACES = re.compile(rb"[ \t\n\v\f\r]*")  # C isspace()


class _Context:
    """What the options path shares between the scanner and the state
    machine: the -i text state per depth, and the lexer (its state carries
    over to the next file, as in unifdef)."""

    def __init__(self, linestate: int, may_ignore: bool):
        self.ignoring = [False]
        self.linestate = linestate
        self.may_ignore = may_ignore
        self.lexer: Optional[Lexer] = None
        self.extra_pieces = 0  # fgets pieces beyond one of long boring lines (-> line numbers)


# fgets(tline, 4096): a line, or a 4095-byte piece of a longer one.
_PIECE = re.compile(rb"[^\n]{0,4094}\n|[^\n]{1,4095}")


class _Emitter:
    """unifdef's flushline: each input line (a fgets piece; a directive with
    its glued line is one) is kept or removed, with -c, -b, -B and -n."""

    def __init__(self, opts: Options, newline: bytes):
        self.opts = opts
        self.newline = newline
        self.pieces: List[bytes] = []
        self.altered = False
        self.blankcount = self.blankmax = 1000  # as if the file began with blank lines
        self.delcount = 0
        self.linenum = 0
        self.by_line = opts.needs_lines

    def run(self, data: bytes, start: int, end: int, keep: bool) -> None:
        """The plain lines data[start:end] (line by line only as long as
        -B or -n can still make a difference)."""
        opts = self.opts
        if opts.symlist:
            self.linenum += _npieces(data, start, end)
            return
        if keep == opts.complement:  # removed
            n = _npieces(data, start, end)
            self.linenum += n
            self.altered = True
            self.delcount += n
            self.blankcount = 0
            if opts.blank:
                self.pieces.append(self.newline * n)
            return
        if not self.by_line:
            self.pieces.append(data[start:end])
            return
        line = self.line
        for m in _PIECE.finditer(data, start, end):
            line(m.group(), keep)
            if self.delcount == 0 and self.blankcount == 0:
                # A non-blank line went out: the rest of the run goes out as
                # it is, and only its trailing blank lines count for -B.
                rest = m.end()
                if rest < end:
                    self.pieces.append(data[rest:end])
                    self.linenum += _npieces(data, rest, end)
                    self.blankmax = self.blankcount = _trailing_blanks(data, rest, end)
                return

    def line(self, text: bytes, keep: bool) -> None:
        opts = self.opts
        self.linenum += 1
        if opts.symlist:
            return
        if keep != opts.complement:
            blank = not text.strip(b" \t\r\n")
            if blank and opts.compress and self.blankcount != self.blankmax:
                self.delcount += 1
                self.blankcount += 1
                return
            if opts.line_directives and self.delcount > 0:
                name = b"" if opts.linefile is None else \
                    b' "' + os.fsencode(opts.linefile) + b'"'
                self.pieces.append(b"#line %d%s%s" % (self.linenum, name, self.newline))
            self.pieces.append(text)
            self.delcount = 0
            self.blankmax = self.blankcount = self.blankcount + 1 if blank else 0
        else:
            if opts.blank:
                self.pieces.append(self.newline)
            self.altered = True
            self.delcount += 1
            self.blankcount = 0


_LONG_LINE_START = re.compile(rb"^[^\n]{%d,}" % MAXLINE, re.M)


def _extra_pieces(data: bytes, start: int, end: int) -> int:
    """How many more fgets pieces than lines data[start:end] is."""
    extra = 0
    for m in _LONG_LINE_START.finditer(data, start, end):
        length = len(m.group())
        extra += length // MAXLINE if m.end() < len(data) else (length - 1) // MAXLINE
    return extra


def _npieces(data: bytes, start: int, end: int) -> int:
    """How many lines (fgets pieces) data[start:end] is."""
    if end <= start:
        return 0
    if end - start < MAXLINE:
        return data.count(b"\n", start, end) + (data[end - 1] != 10)
    return sum(1 for _ in _PIECE.finditer(data, start, end))


def _trailing_blanks(data: bytes, start: int, end: int) -> int:
    """How many blank lines (only space, tab, CR) data[start:end] ends with."""
    count = 0
    pos = end
    while pos > start:
        nl = data.rfind(b"\n", start, pos - 1)
        line_start = nl + 1 if nl >= 0 else start
        if pos - line_start > MAXLINE:  # in pieces: only a lone newline piece is blank
            length = pos - line_start - 1
            if data[pos - 1] == 10 and length % MAXLINE == 0:
                count += 1
            break
        if data[line_start:pos].strip(b" \t\r\n"):
            break
        count += 1
        pos = line_start
    return count


class Result(NamedTuple):
    """What :func:`unifdef_run` returns."""

    output: bytes
    altered: bool     # a line was removed (unifdef's exit status 1)
    linestate: int    # the lexer's line state at the end (carried to the next file)


def _newline(data: bytes, dialect: Dialect) -> bytes:
    first_nl = data.find(b"\n")
    if dialect.edit_newline == "lf":
        return b"\n"
    return b"\r\n" if first_nl > 0 and data[first_nl - 1] == 13 else b"\n"


def _process_opts(data: bytes, directives, path: str, dialect: Dialect, opts: Options,
                  ctx: _Context) -> Tuple[bytes, bool]:
    """:func:`_process` with unifdef's options: line by line through
    :class:`_Emitter`, -e's table, the -i text state.  On an error the
    InputError carries ``partial`` (what unifdef would have written)."""
    newline = _newline(data, dialect)
    table = TABLE_E if opts.iocccok else TABLE
    keeps_plain = _KEEPS_PLAIN
    states = [OUTSIDE]
    iflines = [0]
    ignoring = ctx.ignoring
    out = _Emitter(opts, newline)
    cursor = glued = 0
    it = iter(directives)

    def fail(message: str, where: str, line: int):
        exc = InputError(message + _context(iflines), where, line)
        exc.partial = b"".join(out.pieces)
        return exc

    while True:
        try:
            d = next(it)
        except LexError as exc:
            at = getattr(exc, "offset", cursor)
            if at > cursor:  # the plain lines before the one that fails
                out.run(data, cursor, at, keeps_plain[states[-1]])
            raise fail(exc.message, exc.path, exc.line) from None
        if d.start > cursor:
            out.run(data, cursor, d.start, keeps_plain[states[-1]])
        lineno = d.lineno
        if d.glued:
            glued += 1
        if d.kind == EOF and opts.c_lines:
            # unifdef does not count a line glued onto a directive, and
            # counts each 4095-byte piece of a long line
            lineno += ctx.extra_pieces - glued
        act = table[states[-1]][d.kind]
        if d.kind == EOF:
            if act.error is None and d.keyword:
                raise fail("EOF in comment", path, lineno)
        if act.error is not None:
            raise fail(act.error, path, lineno)
        if d.kind == EOF:
            break
        if act.depth > 0:
            if len(states) == MAXDEPTH:
                raise fail("Too many levels of nesting", path, lineno)
            states.append(OUTSIDE)
            iflines.append(lineno)
            ignoring.append(False)
        if act.edit is None and not d.add_newline:
            out.line(data[d.start:d.end], act.keep)
        else:
            out.line(_render(data, d, act.edit, newline), act.keep)
        if act.depth < 0:
            states.pop()
            iflines.pop()
            ignoring.pop()
        else:
            if act.state is not None:
                states[-1] = act.state
            if act.ignore is not None:
                ignoring[-1] = ignoring[-2] if act.ignore == _OFF else True
        cursor = d.end
    return b"".join(out.pieces), out.altered


def unifdef_run(data: bytes, lookup, path: str = "-", dialect: Dialect = DEFAULT,
                options: Options = NO_OPTIONS, linestate: int = LS_START) -> Result:
    """unifdef with options.  ``lookup(name) -> (known, value or None)`` is
    the symbol table (``Symbols(...).lookup`` or a :class:`SymbolTable`'s);
    ``linestate`` is the lexer's line state left by the previous file (or
    -f file): unifdef does not reset it between files."""
    data = bytes(data)
    if isinstance(dialect, str):
        dialect = get_dialect(dialect)
    if options == NO_OPTIONS and linestate == LS_START:
        out, altered = unifdef_changed_lookup(data, lookup, path, dialect)
        return Result(out, altered, _end_linestate(data, lookup, dialect))
    may_ignore = bool(options.ignore) or options.ignore_all
    ctx = _Context(linestate, may_ignore)
    directives = None
    if not (options.text or options.symlist or linestate != LS_START):
        # (an #ifdef of an -i symbol is not "boring": the fast scan gives up)
        directives = _scan_fast(data, lookup, path, dialect, options)
    if directives is None:
        directives = _scan_exact(data, lookup, path, dialect, options, ctx)
    out, altered = _process_opts(data, directives, path, dialect, options, ctx)
    end = ctx.lexer.linestate if ctx.lexer is not None else \
        _end_linestate(data, lookup, dialect)
    return Result(out, altered, end)


def _end_linestate(data: bytes, lookup=None, dialect: Dialect = DEFAULT) -> int:
    """The line state after a file the fast scanner accepted (its last line
    starts clean): START after a final newline, else what unifdef's lexer
    leaves after the last line."""
    if not data or data.endswith(b"\n"):
        return LS_START
    last = data[data.rfind(b"\n") + 1:]
    lx = Lexer("-", dialect.crlf)
    try:
        _directive(last, 0, len(last), 1, lx, lookup or (lambda name: (False, None)), dialect)
    except InputError:
        return LS_DIRTY
    return lx.linestate


def unifdef_changed_lookup(data: bytes, lookup, path: str = "-",
                           dialect: Dialect = DEFAULT) -> Tuple[bytes, bool]:
    """:func:`unifdef_changed` with a lookup function instead of Symbols."""
    if len(data) >= STREAM_MIN:
        import io
        out = io.BytesIO()
        altered, changed = unifdef_stream(io.BytesIO(data), out, lookup, path, dialect)
        return (out.getvalue() if changed else data), altered
    return _unifdef_whole(data, lookup, path, dialect)


# --------------------------------------------------------------------------
# unifdef's symbol table: -D/-U/-i in order, -f files, value indirection,
# and the symbol list of -s/-S.
# --------------------------------------------------------------------------

class _Value:
    """A symbol's value with an identity (unifdef compares value pointers)."""

    __slots__ = ("text",)

    def __init__(self, text: bytes):
        self.text = text


_SYMCHARS = re.compile(rb"[A-Za-z0-9_]*")


class SymbolTable:
    """unifdef 2.10's symbol table, filled in command-line order.

    ``add`` is ``-Dsym[=val]`` (value bytes; ``-Dsym`` is ``b"1"``) or
    ``-Usym`` (value None).  With ``symlist`` set (``-s``/``-S``) every name
    looked up is listed, and every lookup answers with the first entry's
    value (unifdef's findsym returns index 0), as unifdef 2.10 does.

    >>> t = SymbolTable(); t.add(b"FOO", b"ZIG"); t.add(b"ZIG", b"1"); t.indirect()
    >>> t.lookup(b"FOO")
    (True, b'1')
    """

    def __init__(self) -> None:
        self.names: List[bytes] = []
        self.values: List[Optional[_Value]] = []
        self.ignored: List[bool] = []
        self.nsyms = 0                 # entries in use (-s can write entry 0 without one)
        self.symlist = False
        self.depth_format = False      # -S
        self.listed: List[bytes] = []  # what -s/-S print, in order
        self.listed_in_file = False    # unifdef's zerosyms (reset per file)
        self._index: Dict[bytes, int] = {}

    def find(self, name: bytes) -> int:
        """unifdef's findsym: the index of ``name`` or -1 (with -s: list it, 0)."""
        if self.symlist:
            if not name:
                return -1
            self.listed.append(b" " + name if self.depth_format else name + b"\n")
            self.listed_in_file = True
            return 0
        return self._index.get(name, -1)

    def add(self, name: bytes, value: Optional[bytes], ignore: bool = False) -> None:
        """unifdef's addsym: ``-Dname=value`` (bytes) or ``-Uname`` (None)."""
        i = self.find(name)
        if i < 0:
            i = self.nsyms
            self.nsyms += 1
        while len(self.names) <= i:
            self.names.append(b"")
            self.values.append(None)
            self.ignored.append(False)
        old = self.names[i]
        if old != name and self._index.get(old) == i:
            del self._index[old]
        self.names[i] = name
        self.values[i] = None if value is None else _Value(value)
        self.ignored[i] = ignore
        self._index.setdefault(name, i)

    def indirect(self) -> None:
        """unifdef's indirectsym: a value that is the name of another symbol
        with a value takes that value, until nothing changes."""
        for _ in range(self.nsyms + 2):
            changed = False
            for i in range(self.nsyms):
                v = self.values[i]
                if v is None:
                    continue
                ident = _SYMCHARS.match(v.text).group()
                j = self.find(ident)
                if (j == -1 or j == i or len(ident) != len(v.text) or self.values[j] is None
                        or self.values[j] is v):
                    continue
                self.values[i] = self.values[j]
                changed = True
            if not changed:
                return

    def lookup(self, name: bytes) -> Tuple[bool, Optional[bytes]]:
        i = self.find(name)
        if i < 0:
            return False, None
        if i >= len(self.values):  # -s and no symbols: an undefined symbol 0
            return True, None
        v = self.values[i]
        return True, None if v is None else v.text

    def is_ignored(self, name: bytes) -> bool:
        i = self._index.get(name, -1)
        return i >= 0 and self.ignored[i]

    @property
    def ignored_names(self) -> frozenset:
        return frozenset(n for n, ig in zip(self.names[:self.nsyms], self.ignored) if ig)

    @property
    def first_ignored(self) -> bool:
        """With -s every lookup is entry 0: is it an -i symbol?"""
        return bool(self.ignored) and self.ignored[0]


def read_symbol_file(data: bytes, path: str, table: SymbolTable,
                     linestate: int = LS_START) -> int:
    """unifdef -f: add the ``#define``/``#undef`` lines of ``data`` to
    ``table``; other lines are ignored.  Returns the lexer's line state at
    the end (unifdef carries it on to the input).  InputError
    (path:line) as unifdef reports: a continued directive is
    "Obfuscated preprocessor control line", ``#define`` without a name
    "missing macro name in #define", another directive "unrecognized
    preprocessor directive", a comment open at the end "EOF in comment"."""
    lx = Lexer(path, True)
    lx.linestate = linestate
    lineno = 0
    for m in _PIECE.finditer(data):
        lineno += 1
        line = m.group()
        lx.lineno = lineno
        n = len(line)
        p = lx.skip(line, 0)
        if not (lx.linestate == LS_START and p < n and line[p] == 35):
            if p < n:
                lx.skipline(line, p)
            continue
        lx.linestate = LS_HASH
        cp = lx.skip(line, p + 1)
        if cp >= n:
            continue
        end = len(line.rstrip(b" \t\n\r"))
        if end > 0 and line[end - 1] == 92:
            raise InputError("Obfuscated preprocessor control line", path, lineno)
        word = _SYMCHARS.match(line, cp).group()
        if word in (b"define", b"undef"):
            cp = lx.skip(line, cp + len(word))
            sym = _SYMCHARS.match(line, cp).group()
            if not sym:
                raise InputError(f"missing macro name in #{word.decode()}", path, lineno)
            cp += len(sym)
            if word == b"define":
                if line[cp:cp + 1] == b"(":
                    value = b"1"
                else:
                    cp = lx.skip(line, cp)
                    value = line[cp:end] if cp < end else b""
                table.add(sym, value)
            else:
                cp = lx.skip(line, cp)
                table.add(sym, None)
        else:
            raise InputError("unrecognized preprocessor directive", path, lineno)
        lx.skipline(line, cp)
    if lx.incomment != NO_COMMENT:
        raise InputError("EOF in comment", path, lineno + 1)
    return lx.linestate


# --------------------------------------------------------------------------
# Streaming: a file of any size in bounded memory.
# --------------------------------------------------------------------------

#: How much is read at a time.
STREAM_CHUNK = 1 << 18
#: From this size on unifdef_changed goes through the streaming loop too
#: (same result by construction; below it the whole-file engine is as fast).
STREAM_MIN = 1 << 20


class _NotFast(Exception):
    """The streaming fast path cannot go on (the file needs the exact scanner)."""


def unifdef_stream(infile, outfile, lookup, path: str = "-", dialect: Dialect = DEFAULT,
                   c_lines: bool = False) -> Tuple[bool, bool]:
    """unifdef's default mode from the binary file ``infile`` (seekable) to
    ``outfile`` (``write``; seekable and truncatable, such as a temporary
    file): returns (altered, changed) -- unifdef's exit status 1, and
    whether the output differs from the input at all.

    The fast scanner runs chunk by chunk, and the state machine with it, so
    that memory is bounded by a chunk plus the text since the last
    directive, not by the file.  A file the fast scanner gives up on is
    done again from the start, whole, as :func:`unifdef_changed` does
    (output rewound): the result is always the same as that function's.
    On an error the output holds what unifdef would have written before it
    (the InputError is raised after that is flushed).  ``c_lines``: line
    numbers in errors as unifdef 2.10 counts them (Options.c_lines)."""
    if isinstance(dialect, str):
        dialect = get_dialect(dialect)
    start_in, start_out = infile.tell(), outfile.tell()
    try:
        return _stream_fast(infile, outfile, lookup, path, dialect)
    except _NotFast:
        pass
    infile.seek(start_in)
    outfile.seek(start_out)
    outfile.truncate()
    data = infile.read()
    if c_lines:
        try:
            res = unifdef_run(data, lookup, path, dialect, Options(c_lines=True))
        except InputError as exc:
            outfile.write(getattr(exc, "partial", b""))
            raise
        outfile.write(res.output)
        return res.altered, res.output != data
    out, altered = _unifdef_whole(data, lookup, path, dialect)
    outfile.write(out)
    return altered, out != data


_KIND_CACHE_MAX = 4096


# The fast scanner's expression, with a directive's match running to the
# end of its line (the line itself is checked by unifdef's lexer, which
# must leave it with nothing open: see _classify_line).
_KW_GROUP = rb"(?P<kw>\n[ \t\r]*+\#[ \t\r]*+(?:ifdef|ifndef|if|elif|else|endif)(?![A-Za-z0-9_])"
_FAST_LINE = re.compile(_FAST.pattern.replace(_KW_GROUP + b")", _KW_GROUP + rb"[^\n]*+)"), re.X)
assert _FAST_LINE.pattern != _FAST.pattern
# (error, depth, keep, edit, new state) of each transition.
_FLAT = tuple(tuple((a.error, a.depth, a.keep, a.edit, a.state) for a in row) for row in TABLE)

# A "simple" stretch of text has no comment, literal or continuation
# (none of / ' " \\) and no '#word' directly followed by a newline (2.10
# hides the next line's directive after one): there every line starts
# clean, and the conditional directives are exactly these lines.
_NOT_SIMPLE = re.compile(
    rb"\#[ \t\r]*+(?!(?:ifdef|ifndef|if|elif|else|endif)(?![A-Za-z0-9_]))[A-Za-z0-9_]++(?:\r?\n|/)"
    rb"|/\*(?![^\n]*?\*/)|\*/[ \t\r]*+\#|\#[ \t\r]*+/")


def _simple(data: bytes) -> bool:
    """Is ``data`` simple text: no literal or continuation (no quote or
    backslash), every ``/* */`` comment closed on its line and neither
    right after nor right before a '#', no '#word' followed by a newline or
    '/'?  There no line
    starts inside a comment and every line starts clean, so the
    conditional directives are exactly the lines that start with '#'.
    (Each test may also hit where it does not matter, say mid-line: that
    only costs the faster path.)"""
    if b"'" in data or b'"' in data or b"\\" in data:
        return False
    if b"/" not in data:
        return _NOT_SIMPLE.search(data) is None if b"#" in data else True
    return _NOT_SIMPLE.search(data) is None
_SIMPLE_DIRECTIVE = re.compile(
    rb"^([ \t\r]*+\#[ \t\r]*+(?:ifdef|ifndef|if|elif|else|endif)(?![A-Za-z0-9_])[^\n]*+\n?)", re.M)


def _pairs_fast(buf: bytes, eof: bool):
    """(plain text before, directive line) of ``buf`` (which starts with an
    added newline) by the fast scanner's expression, and the offset after
    the last one; raises _NotFast where it gives up."""
    pairs = []
    cursor = 1
    n = len(buf)
    for m in _FAST_LINE.finditer(buf):
        if m.lastindex != 1:
            if eof and m.lastindex != 2:
                raise _NotFast          # a bail-out with all of the file seen
            break                       # the end, or more text needed
        start, end = m.span(1)
        start += 1
        if end < n:
            end += 1
        elif not eof:
            break
        pairs.append((buf[cursor:start], buf[start:end]))
        cursor = end
    else:
        if eof:
            raise _NotFast
    return pairs, cursor


def _stream_fast(infile, outfile, lookup, path: str, dialect: Dialect) -> Tuple[bool, bool]:
    """The fast scanner and the state table in one loop over chunks;
    _NotFast where the fast scanner would give up.  A chunk of simple text
    (see _simple) is split at its directive lines in one call.  What a
    directive line does in each if-state is cached by its bytes.  Line
    numbers are counted only where they may be needed: an #if still open
    at the end of a chunk, or an error."""
    flat = _FLAT
    keeps_plain = _KEEPS_PLAIN
    kinds: Dict[bytes, object] = {}
    steps: List[Dict[bytes, tuple]] = [{} for _ in TABLE]  # per if-state: line -> step
    stack: List[int] = []        # the if-states of the enclosing groups
    state = OUTSIDE
    iflines: list = [0]          # line numbers, or (this chunk) the #if line's bytes object
    altered = edited = False
    newline: Optional[bytes] = None
    base_line = 1                # line number of the chunk's first byte
    carry = b""
    out: List[bytes] = []
    write = outfile.write

    def lines_upto(parts, upto: int) -> int:
        """The line number of directive ``upto`` (parts: plain, directive,
        plain, ...); this chunk's #if lines on the stack (the directive's
        bytes object until then) resolved too."""
        for j, v in enumerate(iflines):
            if not isinstance(v, int):
                iflines[j] = -1 - _index_of(parts, v)
        marks = sorted({-v - 1 for v in iflines if v < 0} | {upto})
        at = {}
        count = base_line
        k = 0
        it = iter(parts)
        for i, (plain, line) in enumerate(zip(it, it)):
            while k < len(marks) and marks[k] == i:
                at[i] = count + plain.count(b"\n")
                k += 1
            if k == len(marks):
                break
            count += plain.count(b"\n") + line.count(b"\n")
        for j, v in enumerate(iflines):
            if v < 0:
                iflines[j] = at.get(-v - 1, count)
        return at.get(upto, count)

    def step(state: int, line: bytes, at_eof: bool) -> tuple:
        """(error, depth, keep, edit, new state, kind, keyword offset,
        add_newline) of ``line`` in ``state``."""
        r = kinds.get(line)
        if r is None:
            r = _classify_line(line, at_eof, lookup, path, dialect)
            if len(kinds) < _KIND_CACHE_MAX:
                kinds[line] = r
        if r is False:
            raise _NotFast
        kind, kwrel, add_newline = r
        error, depth, keep, edit, nstate = flat[state][kind]
        if edit is None and add_newline:
            edit = False  # (kept with a newline added)
        result = (error, depth, keep, edit, nstate, kind, kwrel, add_newline)
        if len(steps[state]) < _KIND_CACHE_MAX and not add_newline:
            steps[state][line] = result
        return result

    while True:
        chunk = infile.read(STREAM_CHUNK)
        eof = not chunk
        data = carry + chunk
        if not data:  # the file ended right after a directive line (or is empty)
            if flat[state][EOF][0] is not None:
                raise InputError(flat[state][EOF][0] + _context(iflines), path, base_line)
            return altered, altered or edited
        if not dialect.crlf and b"\r" in chunk:
            raise _NotFast
        if newline is None:
            if data.find(b"\n") < 0 and not eof:
                carry = data
                continue
            newline = _newline(data, dialect)
        if len(data) >= MAXLINE and _has_long_line(data):
            raise _NotFast
        if _simple(data) and not (eof and not data.endswith(b"\n")
                                  and b"/" in data[data.rfind(b"\n") + 1:]):
            # (a last line without newline might end in a // comment: EOF in comment)
            parts = _SIMPLE_DIRECTIVE.split(data)
            tail = parts.pop()
            if not eof and parts and not parts[-1].endswith(b"\n"):
                tail = parts.pop() + tail  # a directive line cut by the chunk
                tail = parts.pop() + tail
        else:
            buf = b"\n" + data
            pairs, cursor = _pairs_fast(buf, eof)
            tail = buf[cursor:]
            parts = [x for pair in pairs for x in pair]
        if not eof and not parts:
            carry = data           # no directive yet: read on
            continue
        append = out.append
        kplain = keeps_plain[state]
        cur = steps[state]
        it = iter(parts)
        for plain, line in zip(it, it):
            a = cur.get(line)
            if a is None:
                a = step(state, line, eof and not line.endswith(b"\n"))
            if plain:
                if kplain:
                    append(plain)
                else:
                    altered = True
            error, depth, keep, edit, nstate, kind, kwrel, add_newline = a
            if depth:
                if depth > 0:
                    if len(stack) == MAXDEPTH - 1:
                        error = "Too many levels of nesting"
                    else:
                        stack.append(state)
                        iflines.append(line)  # resolved to a number at the chunk's end
                        state = nstate
                else:
                    state = stack.pop()
                    iflines.pop()
                cur = steps[state]
                kplain = keeps_plain[state]
            elif nstate is not None:
                state = nstate
                cur = steps[state]
                kplain = keeps_plain[state]
            if error is not None:
                write(b"".join(out))
                lineno = lines_upto(parts, _index_of(parts, line))
                raise InputError(error + _context(iflines), path, lineno)
            if keep:
                if edit is None:
                    append(line)
                else:
                    append(_render(line, Directive(kind, 0, len(line), kwrel, 0, add_newline),
                                   edit or None, newline))
                    edited = True
            else:
                altered = True
        if eof:
            if tail:
                if kplain:
                    append(tail)
                else:
                    altered = True
            write(b"".join(out))
            out.clear()
            error = flat[state][EOF][0]
            if error is not None:
                lines_upto(parts, len(parts))
                lineno = _eof_lineno(data) + base_line - 1
                raise InputError(error + _context(iflines), path, lineno)
            return altered, altered or edited
        write(b"".join(out))
        out.clear()
        lines_upto(parts, len(parts))
        base_line += data.count(b"\n", 0, len(data) - len(tail))
        carry = tail


def _index_of(parts: list, line: bytes) -> int:
    """The index of the directive ``line`` (by identity) among the pairs of
    ``parts``."""
    for k in range(1, len(parts), 2):
        if parts[k] is line:
            return k // 2
    return len(parts) // 2


def _classify_line(line: bytes, at_eof: bool, lookup, path: str, dialect: Dialect):
    """(kind, keyword offset, add_newline) of one directive line as the fast
    scanner takes it, or False where it gives up (cached per line bytes:
    a fast-path directive is decided by its own bytes)."""
    lx = Lexer(path, dialect.crlf)
    try:
        d, nxt = _directive(line, 0, len(line), 1, lx, lookup, dialect)
    except InputError:
        return False
    if d is None or d.kind >= DODGY or nxt != len(line) or lx.incomment != NO_COMMENT:
        return False
    if d.add_newline and not at_eof:
        return False  # a directive still open at the end of its line: glued on
    if line.endswith(b"\n") and lx.linestate != LS_START:
        return False  # the next line would not start clean
    return d.kind, d.keyword, d.add_newline
