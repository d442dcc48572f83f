"""The fast directive scanners equal the exact ones, as a property.

hdrtool has two pairs: :mod:`hdrtool.core.directives` (unifdef's physical-line
view: ``_scan_fast`` with ``_scan_exact`` as the reference) and
:mod:`hdrtool.core.lines` (the C preprocessor's logical-line view: the one-regex
``fast_directives`` with ``logical_lines`` as the reference).  A fast scanner
may decline (None); where it answers, its answer must be the reference's.
The unifdef differential module checks this too, but it skips without
/usr/bin/unifdef; this one needs nothing.

Inputs are well-behaved pieces (directives of every kind, comments,
literals) with up to three lexically awkward ones (comment delimiters,
continuations, quotes, CR) put in, so that both the fast paths and the
places where they must decline come up.
"""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from hdrtool.core.dialects import DIALECTS, get_dialect
from hdrtool.core.directives import Symbols, _lookup, _scan_exact, _scan_fast
from hdrtool.core.errors import InputError
from hdrtool.core.lines import fast_directives, logical_lines


#: What well-behaved headers are made of: the fast paths take these.
CLEAN = [
    b"int x;\n", b"int y; /* c */\n", b"\n", b"\n", b" ", b"\t", b"/* c */\n", b"/**/ int z;\n", b"// c\n",
    b"char c = 'a';\n", b'char *s = "s";\n', b"#if A\n", b"#if !defined(B)\n", b"#ifdef A\n", b"#ifndef B\n",
    b"#elif B\n", b"#else\n", b"#endif\n", b"#endif /* A */\n", b"# if A && B\n",
    b"#\tifdef __KERNEL__\n", b"#if defined(__KERNEL__) || A\n", b"#define X 1\n",
    b"#include <a.h>\n", b'# include "b.h"\n', b"#if 1\n", b"#if 0\n",
]
#: A few of these in a file, where the fast paths must decline or agree.
AWKWARD = [
    b"\r\n", b"\\\n", b"\\\r\n", b"\\", b"/*", b"*/", b"/", b"*", b"'", b'"', b"#\n", b"#foo\n",
    b"#if\\\n A\n", b"#el\\\nse\n", b"#if A /* open\n", b"x */\n", b"\n#", b"/* multi\nline */",
    b"#if A \\\n && B\n", b"#define M(x) \\\n (x)\n", b"int q; /* two\nlines */ #if A\n",
    b"/* a \\\n b */", b"// c \\\n#if A\n", b"'\\''", b'"\\"/*"',
]


def _build(clean, awkward) -> bytes:
    parts = list(clean)
    for at, piece in awkward:
        parts.insert(at % (len(parts) + 1), piece)
    return b"".join(parts)


SYMBOLS = [
    Symbols({}, frozenset({"__KERNEL__"})),
    Symbols({"A": None, "__EXPORTED_HEADERS__": None}, frozenset({"__KERNEL__", "B"})),
    Symbols({"A": "0", "B": "1"}, frozenset()),
]

texts = st.builds(_build, st.lists(st.sampled_from(CLEAN), max_size=40),
                  st.lists(st.tuples(st.integers(0, 40), st.sampled_from(AWKWARD)), max_size=3))
PROPERTY = settings(max_examples=1000, deadline=None, database=None, derandomize=True)


def _exact(data: bytes, lookup, dialect):
    try:
        return list(_scan_exact(data, lookup, "x.h", dialect)), None
    except InputError as exc:
        return None, str(exc)


def _fast(data: bytes, lookup, dialect):
    try:
        return _scan_fast(data, lookup, "x.h", dialect), None
    except InputError as exc:
        return None, str(exc)


@PROPERTY
@given(data=texts, symbols=st.sampled_from(SYMBOLS), dialect=st.sampled_from(sorted(DIALECTS)))
def test_unifdef_fast_scanner_equals_exact(data, symbols, dialect):
    d = get_dialect(dialect)
    lookup = _lookup(symbols, d)
    fast, fast_err = _fast(data, lookup, d)
    if fast is None and fast_err is None:
        return                      # declined: the exact scanner is used
    assert (fast, fast_err) == _exact(data, lookup, d)


def _reference(data: bytes):
    return [line for line in logical_lines(data) if line.is_directive]


def _shape(lines):
    # args word by word: the walk turns a comment into one space, the
    # regex scan blanks it (hdrtool/core/lines.py fast_directives)
    return [(l.lineno, l.start, l.end, l.keyword, l.args.split()) for l in lines]


@PROPERTY
@given(data=texts)
def test_lines_fast_directives_equal_the_walk(data):
    fast = fast_directives(data)
    if fast is None:
        return
    assert _shape(fast) == _shape(_reference(data))


def test_the_pieces_reach_the_fast_paths():
    """The properties are not vacuous: on inputs drawn the same way, both
    fast scanners answer (rather than decline) for most of them."""
    rnd = random.Random(15)
    cases = [_build([rnd.choice(CLEAN) for _ in range(rnd.randrange(41))],
                    [(rnd.randrange(41), rnd.choice(AWKWARD)) for _ in range(rnd.randrange(4))])
             for _ in range(400)]
    d = get_dialect(sorted(DIALECTS)[0])
    lookup = _lookup(SYMBOLS[0], d)
    directives = sum(_fast(c, lookup, d) != (None, None) for c in cases)
    lines = sum(fast_directives(c) is not None for c in cases)
    assert directives >= 120 and lines >= 200, (directives, lines)
