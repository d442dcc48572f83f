"""Regular expressions of the kernel's install scripts, read into Python ``re``.

Three dialects, each read into one small syntax tree and emitted as a Python
bytes pattern:

``bre``  GNU sed basic syntax (era A ``Makefile.headersinst``): ``\\( \\)``
         groups, ``\\{m,n\\}``, GNU ``\\+ \\? \\|``; ``^``/``$`` anchor only at
         the ends of a branch, ``*`` is literal at the start of one.
``ere``  GNU sed extended syntax (``sed -r``/``sed -E``, eras C and D).
``perl`` the subset of Perl the era-B ``headers_install.pl`` uses
         (``\\s \\w \\d \\b``, classes, groups, alternation, quantifiers).

The C locale throughout: a byte is a character, POSIX classes are ASCII, and
ranges are by byte value.  Anything outside these subsets raises
:class:`InputError` naming the construct; nothing is skipped.

sed sees a line without its newline, so in the sed dialects no class or
``.`` matches a newline (a ``\\n`` in a sed pattern can never match) and the
emitted pattern can run over a whole buffer under ``re.M``: ``^``/``$`` are
line anchors and no match crosses a line.

POSIX sed takes the leftmost-longest match, Python (like Perl) the
leftmost-first.  They agree wherever a pattern has at most one match at any
start position; :func:`check_unique_match` proves that on the tree (product of
the pattern's automaton with itself) and refuses a pattern it cannot prove,
so a release whose script makes the two differ is an error, not a silent
misinstall.
"""

from __future__ import annotations

from typing import FrozenSet, Optional, Tuple

from hdrtool.core.errors import InputError

_NL = 1 << 10


def _mask(chars) -> int:
    m = 0
    for c in chars:
        m |= 1 << c
    return m


def _rng(lo: int, hi: int) -> int:
    return ((1 << (hi + 1)) - 1) ^ ((1 << lo) - 1)


ALL = _rng(0, 255)
_UPPER, _LOWER, _DIGIT = _rng(65, 90), _rng(97, 122), _rng(48, 57)
#: POSIX classes in the C locale.
CLASSES = {
    b"upper": _UPPER, b"lower": _LOWER, b"alpha": _UPPER | _LOWER, b"digit": _DIGIT,
    b"alnum": _UPPER | _LOWER | _DIGIT, b"xdigit": _DIGIT | _rng(65, 70) | _rng(97, 102),
    b"space": _mask(b" \t\n\v\f\r"), b"blank": _mask(b" \t"),
    b"punct": _rng(33, 47) | _rng(58, 64) | _rng(91, 96) | _rng(123, 126),
    b"print": _rng(32, 126), b"graph": _rng(33, 126), b"cntrl": _rng(0, 31) | _mask([127]),
}
_WORD = CLASSES[b"alnum"] | _mask(b"_")
#: Perl's \s \w \d on a byte string (perl >= 5.18: \s includes \v).
_PERL_CLASS = {ord("s"): CLASSES[b"space"], ord("w"): _WORD, ord("d"): _DIGIT}
#: Control escapes GNU sed and Perl both turn into one byte.
_CTRL = {ord("n"): 10, ord("t"): 9, ord("r"): 13, ord("f"): 12, ord("v"): 11, ord("a"): 7}

# Syntax tree: ("set", mask) | ("cat", nodes) | ("alt", nodes) | ("grp", n, node)
#   | ("rep", lo, hi|None, node) | ("bol",) | ("eol",) | ("wordb", negated)
Node = tuple
_EMPTY = ("cat", ())


class _Reader:
    """Recursive descent over one pattern; ``dialect`` is bre, ere or perl."""

    def __init__(self, pat: bytes, dialect: str, path: str, line: Optional[int]):
        self.p, self.i, self.d = pat, 0, dialect
        self.path, self.line, self.groups = path, line, 0

    def fail(self, what: str):
        raise InputError(f"{what} in regular expression {self.p.decode('latin-1')!r}",
                         self.path, self.line)

    def peek(self, k: int = 0) -> Optional[int]:
        j = self.i + k
        return self.p[j] if j < len(self.p) else None

    def at(self, s: bytes) -> bool:
        return self.p.startswith(s, self.i)

    def read(self) -> Node:
        node = self.alt()
        if self.i < len(self.p):
            self.fail(f"unmatched {chr(self.p[self.i])!r}")
        return node

    # ---- structure --------------------------------------------------------
    def _alt_sep(self) -> bytes:
        return b"\\|" if self.d == "bre" else b"|"

    def _close(self) -> bytes:
        return b"\\)" if self.d == "bre" else b")"

    def alt(self) -> Node:
        branches = [self.cat()]
        while self.at(self._alt_sep()):
            self.i += len(self._alt_sep())
            branches.append(self.cat())
        return branches[0] if len(branches) == 1 else ("alt", tuple(branches))

    def cat(self) -> Node:
        items: list = []
        start = True
        while self.i < len(self.p) and not self.at(self._alt_sep()) and not self.at(self._close()):
            atom = self.atom(start)
            start = atom == ("bol",) and self.d == "bre" and not items
            items.append(atom if start else self.quantifiers(atom))
        return items[0] if len(items) == 1 else ("cat", tuple(items))

    def quantifiers(self, atom: Node) -> Node:
        while True:
            q = self.quantifier()
            if q is None:
                return atom
            if atom[0] in ("bol", "eol", "wordb"):
                self.fail("quantified anchor")
            atom = ("rep", q[0], q[1], atom)

    def quantifier(self) -> Optional[Tuple[int, Optional[int]]]:
        c, bre = self.peek(), self.d == "bre"
        if c == ord("*"):
            self.i += 1
            return 0, None
        simple = {b"+": (1, None), b"?": (0, 1)}
        for tok, q in simple.items():
            if self.at((b"\\" if bre else b"") + tok):
                self.i += 2 if bre else 1
                return q
        opener = b"\\{" if bre else b"{"
        if not self.at(opener):
            return None
        self.i += len(opener)
        closer = b"\\}" if bre else b"}"
        end = self.p.find(closer, self.i)
        if end < 0:
            self.fail("unterminated interval")
        body, self.i = self.p[self.i:end], end + len(closer)
        lo, _, hi = body.partition(b",")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            self.fail(f"interval {{{body.decode('latin-1')}}}")
        if b"," not in body:
            return int(lo), int(lo)
        return int(lo), (int(hi) if hi else None)

    # ---- atoms ------------------------------------------------------------
    def atom(self, start: bool) -> Node:
        c, bre = self.p[self.i], self.d == "bre"
        self.i += 1
        if c == ord("."):
            return ("set", ALL & ~_NL if self.d == "perl" else ALL)
        if c == ord("["):
            return ("set", self.bracket())
        if c == ord("^") and (start or not bre):
            return ("bol",)
        if c == ord("$") and (not bre or self.i == len(self.p) or self.at(b"\\)")
                              or self.at(b"\\|")):
            if self.d == "perl" and self.peek() is not None and self.peek() not in b")|":
                self.fail("variable interpolation '$" + chr(self.peek()) + "'")
            return ("eol",)
        if c == ord("*") and bre and start:
            return ("set", 1 << c)
        if not bre and c == ord("("):
            return self.group()
        if not bre and c in b"*+?{)":
            self.fail(f"misplaced {chr(c)!r}")
        if self.d == "perl" and c in b"@":
            self.fail("array interpolation '@'")
        if c == ord("\\"):
            return self.escape()
        return ("set", 1 << c)

    def group(self) -> Node:
        if self.peek() == ord("?"):
            self.fail("extended group '(?'")
        self.groups += 1
        n = self.groups
        inner = self.alt()
        if not self.at(self._close()):
            self.fail("unterminated group")
        self.i += len(self._close())
        return ("grp", n, inner)

    def escape(self) -> Node:
        c = self.peek()
        if c is None:
            self.fail("trailing backslash")
        self.i += 1
        if c in _CTRL:
            return ("set", 1 << _CTRL[c])
        if self.d == "bre" and c == ord("("):
            return self.group()
        if self.d == "perl":
            if c in _PERL_CLASS:
                return ("set", _PERL_CLASS[c])
            if c + 32 in _PERL_CLASS:            # \S \W \D
                return ("set", ALL & ~_PERL_CLASS[c + 32])
            if c in b"bB":
                return ("wordb", c == ord("B"))
        if chr(c).isalnum():
            self.fail(f"unsupported escape '\\{chr(c)}'")
        return ("set", 1 << c)

    def bracket(self) -> int:
        neg = self.peek() == ord("^")
        self.i += neg
        mask, first = 0, True
        while True:
            c = self.peek()
            if c is None:
                self.fail("unterminated bracket expression")
            if c == ord("]") and not first:
                self.i += 1
                break
            first = False
            if self.at(b"[:"):
                end = self.p.find(b":]", self.i + 2)
                name = self.p[self.i + 2:end] if end > 0 else b""
                if name not in CLASSES:
                    self.fail(f"character class [:{name.decode('latin-1')}:]")
                mask |= CLASSES[name]
                self.i = end + 2
                continue
            if self.at(b"[.") or self.at(b"[="):
                self.fail(f"collating element {self.p[self.i:self.i + 2].decode()}")
            lo = self.bracket_char()
            if isinstance(lo, int) and lo >= 256:      # a Perl class inside brackets
                mask |= lo - 256
                continue
            if self.peek() == ord("-") and self.peek(1) not in (None, ord("]")):
                self.i += 1
                hi = self.bracket_char()
                if hi >= 256 or hi < lo:
                    self.fail("bad range in bracket expression")
                mask |= _rng(lo, hi)
            else:
                mask |= 1 << lo
        return (ALL & ~mask) if neg else mask

    def bracket_char(self) -> int:
        """One member byte; 256 + mask for a Perl ``\\s``-style class."""
        c = self.p[self.i]
        self.i += 1
        if c != ord("\\"):
            return c
        e = self.peek()
        if e is None:
            self.fail("trailing backslash")
        if e in _CTRL:                       # GNU sed and Perl: \t, \n ... in brackets
            self.i += 1
            return _CTRL[e]
        if self.d != "perl":
            return c                         # POSIX: a backslash is itself in brackets
        self.i += 1
        if e in _PERL_CLASS:
            return 256 + _PERL_CLASS[e]
        if chr(e).isalnum():
            self.fail(f"unsupported escape '\\{chr(e)}' in brackets")
        return e


def read_regex(pat: bytes, dialect: str, path: str = "", line: Optional[int] = None
               ) -> Tuple[Node, int]:
    """(syntax tree, number of groups) of ``pat`` in ``dialect``.

    >>> node = read_regex(rb"a\\{1,\\}", "bre")[0]     # a set is a bit mask of bytes
    >>> node[:3], node[3][1] == 1 << ord("a")
    (('rep', 1, None), True)
    """
    r = _Reader(pat, dialect, path, line)
    node = r.read()
    _check_repetitions(node, r)
    return node, r.groups


def _check_repetitions(node: Node, r: _Reader) -> None:
    kind = node[0]
    if kind == "rep":
        if node[2] != node[1] and nullable(node[3]):
            r.fail("repetition of an expression that matches empty")
        _check_repetitions(node[3], r)
    elif kind in ("cat", "alt"):
        for n in node[1]:
            _check_repetitions(n, r)
    elif kind == "grp":
        _check_repetitions(node[2], r)


def nullable(node: Node) -> bool:
    kind = node[0]
    if kind == "set":
        return False
    if kind == "cat":
        return all(nullable(n) for n in node[1])
    if kind == "alt":
        return any(nullable(n) for n in node[1])
    if kind == "grp":
        return nullable(node[2])
    if kind == "rep":
        return node[1] == 0 or nullable(node[3])
    return True                                  # anchors


# ---- emission -------------------------------------------------------------

def _class(mask: int) -> bytes:
    if mask == 0:
        return b"(?!)"
    if mask & (mask - 1) == 0:
        b = mask.bit_length() - 1
        return b"\\x%02x" % b
    if mask == ALL & ~_NL:
        return b"."
    out, b = [], 0
    while b < 256:
        if mask >> b & 1:
            e = b
            while e + 1 < 256 and mask >> (e + 1) & 1:
                e += 1
            out.append(b"\\x%02x" % b if e == b else b"\\x%02x-\\x%02x" % (b, e))
            b = e + 1
        else:
            b += 1
    return b"[" + b"".join(out) + b"]"


def emit(node: Node, sed: bool) -> bytes:
    """The Python pattern (bytes); ``sed``: no byte class matches a newline."""
    kind = node[0]
    if kind == "set":
        return _class(node[1] & ~_NL if sed else node[1])
    if kind == "cat":
        return b"".join(emit(n, sed) for n in node[1])
    if kind == "alt":
        return b"(?:" + b"|".join(emit(n, sed) for n in node[1]) + b")"
    if kind == "grp":
        return b"(" + emit(node[2], sed) + b")"
    if kind == "rep":
        lo, hi = node[1], node[2]
        q = {(0, None): b"*", (1, None): b"+", (0, 1): b"?"}.get((lo, hi))
        if q is None:
            q = b"{%d,%s}" % (lo, b"" if hi is None else b"%d" % hi) if hi != lo else b"{%d}" % lo
        return b"(?:" + emit(node[3], sed) + b")" + q
    if kind == "bol":
        return b"^"
    if kind == "eol":
        return b"$"
    return b"\\B" if node[1] else b"\\b"


# ---- necessary literals -----------------------------------------------------

def needles(node: Node) -> Optional[FrozenSet[bytes]]:
    """Byte strings one of which every match contains (None: no such set).

    The engine skips a rule when none is in the input: a cheap, exact
    quick reject, since a rule can only change a line it matches."""
    kind = node[0]
    if kind == "set":
        m = node[1]
        return frozenset([bytes([m.bit_length() - 1])]) if m and m & (m - 1) == 0 else None
    if kind == "grp":
        return needles(node[2])
    if kind == "rep":
        return needles(node[3]) if node[1] >= 1 else None
    if kind == "alt":
        parts = [needles(n) for n in node[1]]
        return None if any(p is None for p in parts) else frozenset().union(*parts)
    if kind != "cat":
        return None
    best: Optional[FrozenSet[bytes]] = None
    run = b""

    def better(a, b):
        if b is None:
            return a
        rank = lambda s: (min(map(len, s)), -len(s))      # noqa: E731
        return b if a is None or rank(b) > rank(a) else a
    for n in node[1]:
        if n[0] == "set" and n[1] and n[1] & (n[1] - 1) == 0:
            run += bytes([n[1].bit_length() - 1])
            continue
        if n[0] in ("bol", "eol", "wordb"):
            continue                               # zero width: the run goes on
        if run:
            best, run = better(best, frozenset([run])), b""
        best = better(best, needles(n))
    if run:
        best = better(best, frozenset([run]))
    return best


# ---- leftmost-longest == leftmost-first -----------------------------------

_DONE = (-1, None)


class _Nfa:
    """Thompson automaton; each state's edges in Python's preference order
    (alternatives left to right, a greedy loop before its exit, an optional
    part before skipping it).  An edge is (kind, mask, target), kind one of
    "char", "eps", "bol", "eol"."""

    def __init__(self):
        self.edges: list = []

    def state(self) -> int:
        self.edges.append([])
        return len(self.edges) - 1

    def build(self, node: Node, a: int, b: int) -> None:
        kind, out = node[0], self.edges[a]
        if kind == "set":
            out.append(("char", node[1] & ~_NL, b))
        elif kind == "cat":
            for n in node[1][:-1]:
                s = self.state()
                self.build(n, a, s)
                a = s
            if node[1]:
                self.build(node[1][-1], a, b)
            else:
                out.append(("eps", 0, b))
        elif kind == "alt":
            for n in node[1]:
                self.build(n, a, b)
        elif kind == "grp":
            self.build(node[2], a, b)
        elif kind == "rep":
            lo, hi, sub = node[1], node[2], node[3]
            for _ in range(lo):
                s = self.state()
                self.build(sub, a, s)
                a = s
            if hi is None:
                loop = self.state()
                self.edges[a].append(("eps", 0, loop))
                self.build(sub, loop, loop)
                self.edges[loop].append(("eps", 0, b))
            else:
                for _ in range(hi - lo):
                    s = self.state()
                    self.build(sub, a, s)
                    self.edges[a].append(("eps", 0, b))
                    a = s
                self.edges[a].append(("eps", 0, b))
        else:                                    # bol, eol; \b (perl) as eps
            out.append((kind if kind in ("bol", "eol") else "eps", 0, b))


def _side_moves(nfa: _Nfa, accept: int, side, used: bool, ended: bool):
    """Moves of one run that read nothing: (new side, ended)."""
    state, forced = side
    if state == accept and forced is None:
        yield _DONE, ended
        return
    edges = nfa.edges[state]
    for k in ([forced] if forced is not None else range(len(edges))):
        kind, _, t = edges[k]
        if kind == "eps" or (kind == "bol" and not used):
            yield (t, None), ended
        elif kind == "eol":
            yield (t, None), True


def _side_chars(nfa: _Nfa, side):
    if side == _DONE:
        return [(ALL, _DONE)]
    state, forced = side
    edges = nfa.edges[state]
    return [(m, (t, None)) for k, (kind, m, t) in enumerate(edges)
            if kind == "char" and forced in (None, k)]


def check_unique_match(node: Node, pat: bytes, path: str = "", line: Optional[int] = None
                       ) -> None:
    """Raise unless Python's match is POSIX's at every start, for every text.

    Two runs A and B of the automaton over one text, explored together from
    the same start until they first take different edges, A the one Python
    prefers.  Python reports A's match; POSIX the longest.  The pattern is
    refused when some text lets both accept with B longer, or both with the
    same length but different paths (their groups may differ).  ``^`` holds
    only before the first byte; once a run passes ``$`` no run reads more."""
    nfa = _Nfa()
    start, accept = nfa.state(), nfa.state()
    nfa.build(node, start, accept)
    if len(nfa.edges) > 400:
        raise InputError(f"regular expression {pat.decode('latin-1')!r} is too large for the "
                         "leftmost-longest check", path, line)
    # (A, B, used, ended, mode): mode "T" together, "D" apart, "L" apart with B longer
    first = ((start, None), (start, None), False, False, "T")
    seen, todo = {first}, [first]
    while todo:
        a, b, used, ended, mode = todo.pop()
        nxt = []
        if mode == "T":
            if a == _DONE:
                continue
            state = a[0]
            if state == accept:
                continue
            edges = nfa.edges[state]
            for i, (kind, m, t) in enumerate(edges):
                if kind == "char" and not ended and m:
                    nxt.append(((t, None), (t, None), True, ended, "T"))
                elif kind == "eps" or (kind == "bol" and not used):
                    nxt.append(((t, None), (t, None), used, ended, "T"))
                elif kind == "eol":
                    nxt.append(((t, None), (t, None), used, True, "T"))
                for j in range(i + 1, len(edges)):
                    nxt.append(((state, i), (state, j), used, ended, "D"))
        else:
            for na, e in _side_moves(nfa, accept, a, used, ended) if a != _DONE else ():
                nxt.append((na, b, used, e, mode))
            for nb, e in _side_moves(nfa, accept, b, used, ended) if b != _DONE else ():
                nxt.append((a, nb, used, e, mode))
            if not ended:
                for ma, ta in _side_chars(nfa, a):
                    for mb, tb in _side_chars(nfa, b):
                        if not ma & mb or (ta, tb) == (_DONE, _DONE):
                            continue
                        if tb == _DONE:
                            continue             # A is longer: Python and POSIX agree
                        nxt.append((ta, tb, True, False, "L" if ta == _DONE else mode))
        for s in nxt:
            if s[0] == s[1] == _DONE and s[4] != "T":
                raise InputError(
                    f"regular expression {pat.decode('latin-1')!r} has two matches at one "
                    "position where POSIX sed (leftmost-longest) and Python (leftmost-first) "
                    "choose differently", path, line)
            if s not in seen:
                seen.add(s)
                todo.append(s)
