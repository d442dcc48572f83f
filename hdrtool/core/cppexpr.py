"""``#if`` expressions: a precedence-table parser with three-valued results.

Every sub-expression evaluates to one of TRUE, FALSE (a known value, non-zero
or zero), UNKNOWN (it depends on a symbol we were told nothing about) or
ERROR (it does not parse).  Binary operators come from one table, lowest
precedence first; each level parses the next level, then loops over its own
operators.  The rules are unifdef 2.10's:

* an operator with an UNKNOWN operand is UNKNOWN, except that ``&&`` with a
  FALSE side is FALSE and ``||`` with a TRUE side is TRUE (both sides are
  still parsed; an ERROR anywhere is an ERROR);
* ``defined X`` / ``defined(X)`` is known for given symbols, UNKNOWN otherwise;
* a symbol given with ``-D`` has its value (``strtol`` base 0 of the value
  text; a value that is not a whole number makes the expression an ERROR), a
  symbol given with ``-U`` is 0, any other identifier is UNKNOWN (and a
  parenthesised argument list after it is skipped);
* a *constant* expression (no symbol and no ``defined`` in it) is UNKNOWN:
  unifdef leaves ``#if 0`` alone;
* arithmetic is C ``long`` (64-bit, wrapping); ``/`` by zero is an ERROR.

The ``unifdef`` dialect is exactly unifdef's grammar (numbers are ``strtol``
prefixes, so ``1UL`` leaves ``UL`` unparsed; no ``?:``, no char literals, no
unary ``+``).  The ``c`` dialect, used by :func:`evaluate`, also accepts
integer suffixes, char literals, unary ``+`` and ``?:``, and does not treat
constant expressions as unknown.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Optional, Tuple

from hdrtool.core.cpplex import Lexer

TRUE, FALSE, UNKNOWN, ERROR = "true", "false", "unknown", "error"

_MASK = (1 << 64) - 1


def _wrap(v: int) -> int:
    v &= _MASK
    return v - (1 << 64) if v >> 63 else v


def wrap32(v: int) -> int:
    """A C ``long`` stored into an ``int`` (x86: the low 32 bits)."""
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


def _cdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return _wrap(q if (a < 0) == (b < 0) else -q)


def _cmod(a: int, b: int) -> int:
    return _wrap(a - _cdiv(a, b) * b)


# Binary operators: name -> (value function or None for && / ||).
_ARITH: Dict[bytes, Callable[[int, int], int]] = {
    b"|": lambda a, b: a | b, b"^": lambda a, b: a ^ b, b"&": lambda a, b: a & b,
    b"==": lambda a, b: int(a == b), b"!=": lambda a, b: int(a != b),
    b"<=": lambda a, b: int(a <= b), b">=": lambda a, b: int(a >= b),
    b"<": lambda a, b: int(a < b), b">": lambda a, b: int(a > b),
    # x86-64 masks shift counts to 6 bits; unifdef is C, so it does too.
    b"<<": lambda a, b: _wrap(a << (b & 63)), b">>": lambda a, b: a >> (b & 63),
    b"+": lambda a, b: _wrap(a + b), b"-": lambda a, b: _wrap(a - b),
    b"*": lambda a, b: _wrap(a * b), b"/": _cdiv, b"%": _cmod,
}

# The precedence tables, lowest first: (operator, bytes that must not follow
# it because they would make it a different operator).  Within a level the
# first match wins, so "<=" is tried before "<".
#
# unifdef 2.10 knows only these four levels (and the unary "!"): "A + 1",
# "~A" or "A << 1" are unparsable to it, so such #if lines are kept.
_LEVELS_UNIFDEF: Tuple[Tuple[Tuple[bytes, bytes], ...], ...] = (
    ((b"||", b""),),
    ((b"&&", b""),),
    ((b"==", b""), (b"!=", b"")),
    ((b"<=", b""), (b">=", b""), (b"<", b""), (b">", b"")),
)
# Full C (the c dialect).
_LEVELS_C: Tuple[Tuple[Tuple[bytes, bytes], ...], ...] = (
    ((b"||", b""),),
    ((b"&&", b""),),
    ((b"|", b"|"),),
    ((b"^", b""),),
    ((b"&", b"&"),),
    ((b"==", b""), (b"!=", b"")),
    ((b"<=", b""), (b">=", b""), (b"<", b"<="), (b">", b">=")),
    ((b"<<", b""), (b">>", b"")),
    ((b"+", b""), (b"-", b"")),
    ((b"*", b""), (b"/", b""), (b"%", b"")),
)
_OP_START = frozenset(op[0] for level in _LEVELS_C for op, _ in level)

_IDENT = re.compile(rb"[A-Za-z0-9_]*")
# strtol(s, &end, 0) on something that starts with a digit.
_STRTOL = re.compile(rb"0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*")
_C_INT = re.compile(rb"(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)"
                    rb"(?:[uU](?:ll|LL|[lL])?|(?:ll|LL|[lL])[uU]?)?(?![A-Za-z0-9_])")
_C_CHAR = re.compile(rb"'(\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|.)|[^'\\\n])'", re.S)
_ESCAPES = {b"n": 10, b"t": 9, b"r": 13, b"a": 7, b"b": 8, b"f": 12, b"v": 11,
            b"\\": 92, b"'": 39, b'"': 34, b"?": 63, b"e": 27}
_LONG_MAX, _LONG_MIN = (1 << 63) - 1, -(1 << 63)
_STRTOL_FULL = re.compile(rb"[ \t\n\r\f\v]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")


_C_BLANKS = re.compile(rb"(?:[ \t\r\n\f\v]+|/\*.*?\*/|//[^\n]*|\\\r?\n)*", re.S)


def _c_skip(buf: bytes, pos: int) -> int:
    return _C_BLANKS.match(buf, pos).end()


def _truth(v: int) -> str:
    return TRUE if v else FALSE


def strtol(text: bytes) -> Optional[int]:
    """C ``strtol(text, &end, 0)`` when it consumes all of ``text``, else None."""
    m = _STRTOL_FULL.fullmatch(text)
    if m is None:
        return None
    digits = m.group(2)
    if digits[:2] in (b"0x", b"0X"):
        v = int(digits[2:], 16)
    elif digits[:1] == b"0":
        v = int(digits, 8)
    else:
        v = int(digits)
    v = -v if m.group(1) == b"-" else v
    return max(_LONG_MIN, min(_LONG_MAX, v))


class Evaluator:
    """One expression walk over ``buf`` from a position, with the lexer
    state of the line it belongs to (comments inside expressions move it).

    ``lookup(name)`` returns ``(True, value_or_None)`` for a given symbol
    (value None: ``-U``) and ``(False, None)`` for any other name.
    """

    def __init__(self, buf: bytes, lexer: Lexer, lookup, c_dialect: bool = False,
                 suffixes: bool = False, int_bits: int = 64, killconsts: bool = False,
                 strict: bool = False):
        self.buf = buf
        # unifdef -k: a constant expression is decided; -K: ``&&``/``||``
        # with an unknown side are unknown (no short cut).
        self.killconsts = killconsts
        self.strict = strict
        # unifdef 2.5 and older: a number's identifier tail is skipped
        # (``1UL`` is 1), values are C ``int``.
        self.suffixes = suffixes
        self.int32 = int_bits == 32
        self.lex = lexer
        self.lookup = lookup
        self.c = c_dialect
        self.constant = True
        self.levels = _LEVELS_C if c_dialect else _LEVELS_UNIFDEF
        # unifdef skips literals as if they were comments; C must see them.
        self.skip = _c_skip if c_dialect else lexer.skip
        self.unary_ops = (b"!", b"~", b"-", b"+") if c_dialect else (b"!",)

    def evaluate(self, pos: int) -> Tuple[str, int]:
        """Evaluate from ``pos``: (TRUE | FALSE | UNKNOWN, end position).
        A parse error is UNKNOWN with the position unchanged; a constant
        expression is UNKNOWN in the unifdef dialect."""
        self.constant = True
        try:
            lt, _, end = self._table(0, pos)
        except RecursionError:  # hundreds of nested parentheses: give up, keep the line
            return UNKNOWN, pos
        if lt == ERROR:
            return UNKNOWN, pos
        if self.constant and not self.c and not self.killconsts:
            return UNKNOWN, end
        return lt, end

    def _table(self, level: int, pos: int):
        if level == 0 and self.c:
            return self._conditional(pos)
        return self._binary(level, pos)

    def _binary(self, level: int, pos: int):
        buf = self.buf
        inner = self._binary if level + 1 < len(self.levels) else self._unary
        lt, lv, pos = inner(level + 1, pos)
        if lt == ERROR:
            return ERROR, 0, pos
        ops = self.levels[level]
        while True:
            pos = self.skip(buf, pos)
            if pos >= len(buf) or buf[pos] not in _OP_START:
                break
            for op, stop in ops:
                if buf.startswith(op, pos) and not (stop and buf[pos + 1:pos + 2]
                                                    and buf[pos + 1] in stop):
                    break
            else:
                break
            rt, rv, pos = inner(level + 1, pos + len(op))
            if rt == ERROR:
                return ERROR, 0, pos
            lt, lv = self._apply(op, lt, lv, rt, rv)
            if lt == ERROR:
                return ERROR, 0, pos
        return lt, lv, pos

    def _apply(self, op: bytes, lt: str, a: int, rt: str, b: int):
        if op == b"||" and not self.strict and (lt == TRUE or rt == TRUE):
            return TRUE, 1
        if op == b"&&" and not self.strict and (lt == FALSE or rt == FALSE):
            return FALSE, 0
        if op == b"/" and rt != TRUE:
            return ERROR, 0
        if lt == UNKNOWN or rt == UNKNOWN:
            return UNKNOWN, 0
        if op == b"||":
            v = int(bool(a or b))
        elif op == b"&&":
            v = int(bool(a and b))
        elif op == b"%" and b == 0:
            return ERROR, 0  # unifdef dies of SIGFPE here; we call it unparsable
        else:
            v = _ARITH[op](a, b)
        return _truth(v), v

    def _conditional(self, pos: int):
        ct, cv, pos = self._binary(0, pos)
        if ct == ERROR:
            return ERROR, 0, pos
        p = self.skip(self.buf, pos)
        if self.buf[p:p + 1] != b"?":
            return ct, cv, pos
        at, av, p = self._conditional(p + 1)
        p = self.skip(self.buf, p)
        if at == ERROR or self.buf[p:p + 1] != b":":
            return ERROR, 0, p
        bt, bv, p = self._conditional(p + 1)
        if bt == ERROR:
            return ERROR, 0, p
        if ct == UNKNOWN:
            same = at == bt and at != UNKNOWN and av == bv
            return (at, av, p) if same else (UNKNOWN, 0, p)
        return (at, av, p) if cv else (bt, bv, p)

    def _unary(self, level: int, pos: int):
        buf = self.buf
        pos = self.skip(buf, pos)
        c = buf[pos:pos + 1]
        if c and c in self.unary_ops:
            t, v, pos = self._unary(level, pos + 1)
            if t in (ERROR, UNKNOWN):
                return t, v, pos
            v = {b"!": lambda x: int(not x), b"~": lambda x: ~x,
                 b"-": lambda x: _wrap(-x), b"+": lambda x: x}[c](v)
            return _truth(v), v, pos
        if c == b"(":
            t, v, pos = self._table(0, pos + 1)
            if t == ERROR:
                return ERROR, 0, pos
            pos = self.skip(buf, pos)
            if buf[pos:pos + 1] != b")":
                return ERROR, 0, pos
            return t, v, pos + 1
        if c.isdigit():
            m = (_C_INT if self.c else _STRTOL).match(buf, pos)
            if m is None:
                return ERROR, 0, pos
            v = strtol(m.group(1) if self.c else m.group())
            end = m.end()
            if self.int32:
                v = wrap32(v)
            if self.suffixes:
                end = _IDENT.match(buf, end).end()
            return _truth(v), v, end
        if c == b"'" and self.c:
            return self._char(pos)
        name_end = _IDENT.match(buf, pos).end()
        if name_end == pos:
            return ERROR, 0, pos
        if buf[pos:name_end] == b"defined":
            return self._defined(name_end)
        self.constant = False
        known, value = self.lookup(buf[pos:name_end])
        if not known:
            return UNKNOWN, 0, self._skipargs(name_end)
        if value is None:
            return FALSE, 0, name_end
        v = strtol(value)
        if v is None:
            return ERROR, 0, pos
        if self.int32:
            v = wrap32(v)
        return _truth(v), v, self._skipargs(name_end)

    def _defined(self, pos: int):
        buf = self.buf
        pos = self.skip(buf, pos)
        paren = buf[pos:pos + 1] == b"("
        if paren:
            pos = self.skip(buf, pos + 1)
        end = _IDENT.match(buf, pos).end()
        known, value = self.lookup(buf[pos:end])
        pos = self.skip(buf, end)
        if paren:
            if buf[pos:pos + 1] != b")":
                return ERROR, 0, pos
            pos += 1
        self.constant = False
        if not known:
            return UNKNOWN, 0, pos
        v = int(value is not None)
        return _truth(v), v, pos

    def _skipargs(self, pos: int) -> int:
        """Skip a macro argument list after an identifier, as unifdef does."""
        buf = self.buf
        start = pos
        pos = self.skip(buf, pos)
        if buf[pos:pos + 1] != b"(":
            return pos
        level = 0
        while True:
            if buf[pos:pos + 1] == b"(":
                level += 1
            elif buf[pos:pos + 1] == b")":
                level -= 1
            pos = self.skip(buf, pos + 1)
            if level == 0 or pos >= len(buf):
                break
        return pos if level == 0 else start

    def _char(self, pos: int):
        m = _C_CHAR.match(self.buf, pos)
        if m is None:
            return ERROR, 0, pos
        body = m.group(1)
        if body[:1] != b"\\":
            v = body[0]
        elif body[1:2] in b"01234567" and body[1:2]:
            v = int(body[1:], 8)
        elif body[1:2] == b"x":
            v = int(body[2:], 16)
        else:
            v = _ESCAPES.get(body[1:2], body[1])
        v = v - 256 if 128 <= v < 256 else v  # plain char is signed on x86
        return _truth(v), v, m.end()


def evaluate(expr: bytes, symbols) -> Optional[bool]:
    """Evaluate a ``#if`` expression: True, False, or None when it depends on
    symbols ``symbols`` says nothing about (or does not parse).

    >>> from hdrtool.core.directives import Symbols
    >>> evaluate(b"defined(A) && B > 1", Symbols({"A": None, "B": b"2"}, frozenset()))
    True
    >>> evaluate(b"X || defined Y", Symbols({}, frozenset({"Y"}))) is None
    True
    """
    buf = bytes(expr)
    if not buf.endswith(b"\n"):
        buf += b"\n"
    ev = Evaluator(buf, Lexer(), symbols.lookup, c_dialect=True)
    try:
        t, v, end = ev._table(0, 0)
    except RecursionError:
        return None
    if t == ERROR or ev.skip(buf, end) != len(buf):
        return None
    return None if t == UNKNOWN else t == TRUE


class LegacyEvaluator:
    """unifdef 1.171's ``#if`` walk (Linux 2.6.19-2.6.32 scripts/unifdef.c).

    Same four levels and ``!`` as :class:`Evaluator`, but every sub-walk
    that meets something it cannot value (an unknown symbol, ``defined X``
    without parentheses, a parse error) returns "unknown" *without moving
    on*, so the line's trailing-text test then makes it unknown too; values
    are C ``int``.  With ``boolfix`` it is the walk after Linux commit
    eedc9d83eaa ("kbuild: fix headers_exports with boolean expression",
    2.6.31): ``&&`` with a false side is false and ``||`` with a true side
    true even when the other side is unknown -- including that commit's
    slip, which keeps the left value when a known-true left meets a false
    right (``1 && 0`` style: the result is the *left* value).
    """

    def __init__(self, buf: bytes, lexer: Lexer, lookup, boolfix: bool = False,
                 killconsts: bool = False):
        self.buf = buf
        self.killconsts = killconsts  # unifdef -k
        self.skip = lexer.skip
        self.lookup = lookup
        self.boolfix = boolfix
        self.constant = True

    def evaluate(self, pos: int) -> Tuple[str, int]:
        """(TRUE | FALSE | UNKNOWN, where the line's parse goes on)."""
        self.constant = True
        try:
            lt, _, end = self._table(0, pos)
        except RecursionError:
            return UNKNOWN, pos
        if self.boolfix and lt == UNKNOWN:
            end = pos  # its ifeval moves on only after a known result
        if self.constant and not self.killconsts:
            return UNKNOWN, end
        return lt, end

    def _inner(self, level: int, pos: int):
        return self._table(level + 1, pos) if level < 3 else self._unary(pos)

    def _table(self, level: int, pos: int):
        buf = self.buf
        ops = _LEVELS_UNIFDEF[level]
        lt, lv, cp = self._inner(level, pos)
        if lt == UNKNOWN and not self.boolfix:
            return UNKNOWN, 0, pos
        while True:
            cp = self.skip(buf, cp)
            for op, _ in ops:
                if buf.startswith(op, cp):
                    break
            else:
                break
            rt, rv, cp = self._inner(level, cp + len(op))
            if not self.boolfix:
                if rt == UNKNOWN:
                    return UNKNOWN, 0, pos
                lv = _LEGACY_OPS[op](lv, rv)
                continue
            if op == b"&&" and FALSE in (lt, rt):
                lv, lt = (rv if lt == UNKNOWN else lv), FALSE
                continue
            if op == b"||" and TRUE in (lt, rt):
                lv, lt = (rv if lt == UNKNOWN else lv), TRUE
                continue
            if rt == UNKNOWN:
                lt = UNKNOWN
            if lt != UNKNOWN:
                lv = _LEGACY_OPS[op](lv, rv)
        if lt == UNKNOWN:
            return UNKNOWN, lv, cp
        return _truth(lv), lv, cp

    def _unary(self, pos: int):
        buf = self.buf
        cp = self.skip(buf, pos)
        c = buf[cp:cp + 1]
        if c == b"!":
            t, v, end = self._unary(cp + 1)
            if t == UNKNOWN:
                return UNKNOWN, 0, (end if self.boolfix else pos)
            v = int(not v)
            cp = end
        elif c == b"(":
            t, v, end = self._table(0, cp + 1)
            if t == UNKNOWN:
                return UNKNOWN, 0, pos
            cp = self.skip(buf, end)
            if buf[cp:cp + 1] != b")":
                return UNKNOWN, 0, pos
            cp += 1
        elif c.isdigit():
            v = wrap32(strtol(_STRTOL.match(buf, cp).group()))
            cp = _IDENT.match(buf, cp).end()
        else:
            name_end = _IDENT.match(buf, cp).end()
            if name_end == cp:
                return UNKNOWN, 0, pos
            if buf[cp:name_end] == b"defined":
                return self._defined(pos, name_end)
            known, value = self.lookup(buf[cp:name_end])
            if not known:
                return UNKNOWN, 0, pos
            if value is None:
                v = 0
            else:
                v = strtol(value)
                if v is None:
                    return UNKNOWN, 0, pos
                v = wrap32(v)
            cp = name_end
            self.constant = False
        return _truth(v), v, cp

    def _defined(self, pos: int, cp: int):
        buf = self.buf
        cp = self.skip(buf, cp)
        if buf[cp:cp + 1] != b"(":
            return UNKNOWN, 0, pos
        cp = self.skip(buf, cp + 1)
        end = _IDENT.match(buf, cp).end()
        known, value = self.lookup(buf[cp:end]) if end > cp else (False, None)
        if not known and not self.boolfix:
            return UNKNOWN, 0, pos
        cp = self.skip(buf, end)
        if buf[cp:cp + 1] != b")":
            return UNKNOWN, 0, pos
        cp += 1
        if not known:
            return UNKNOWN, 0, cp
        self.constant = False
        v = int(value is not None)
        return _truth(v), v, cp


_LEGACY_OPS: Dict[bytes, Callable[[int, int], int]] = {
    b"||": lambda a, b: int(bool(a or b)), b"&&": lambda a, b: int(bool(a and b)),
    b"==": lambda a, b: int(a == b), b"!=": lambda a, b: int(a != b),
    b"<=": lambda a, b: int(a <= b), b">=": lambda a, b: int(a >= b),
    b"<": lambda a, b: int(a < b), b">": lambda a, b: int(a > b),
}
