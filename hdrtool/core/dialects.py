"""unifdef dialects: which unifdef the directive engine imitates.

One engine (:mod:`hdrtool.core.directives`) follows several unifdef releases;
where they differ, a flag of a :class:`Dialect` says how.  Each fact has a
one-line note on where it comes from: the release's source (the kernel's
``scripts/unifdef.c`` of that era, Debian's unifdef 2.10; docs/unifdef.md,
Dialects, tells them apart), checked by
``tests/core/test_unifdef_dialects.py`` against binaries built from those
sources.

A tree says which dialect it needs through its own ``scripts/unifdef.c``:

>>> dialect_for_source(b'"@(#) $Version: unifdef-2.5 $\\\\n"', "scripts/unifdef.c").name
'2.5'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Tuple

from hdrtool.core.errors import InputError

__all__ = ["Dialect", "DIALECTS", "DEFAULT", "get_dialect", "dialect_for_source"]


@dataclass(frozen=True)
class Dialect:
    """How one unifdef release reads a file (see the table in docs/unifdef.md)."""

    name: str
    #: Where it is used.
    used_by: str
    #: ``\\r`` is a blank and ``\\<CR><LF>`` a continuation (else a CRLF
    #: directive has trailing junk: every ``#if`` on such a line is unknown).
    crlf: bool
    #: After ``#word`` directly followed by a newline, the newline is stepped
    #: over unread, so the next line cannot be a directive (2.10's bug).
    bare_keyword_hides_next_line: bool
    #: A conditional directive that does not end on its line (continuation):
    #: "dodgy" (the next line is glued on; deciding it is an error),
    #: "first-line" (the next line is glued on; decided by the first line),
    #: "abort" (unifdef calls abort(); this also hits a directive on a last
    #: line without newline).
    continued_directive: str
    #: A ``#`` on a line that ends inside a comment still starts a directive
    #: whose keyword follows the comment's end on the next line.
    hash_spans_comment: bool
    #: ``\\<newline>`` right after any directive keyword is "Obfuscated"
    #: (else only after a non-conditional one).
    split_keyword_always_error: bool
    #: ``#if`` numbers skip an identifier tail (``1UL`` is 1).
    integer_suffixes: bool
    #: ``#if`` arithmetic width in bits (C ``int`` or ``long``).
    int_bits: int
    #: Expression grammar: "modern" (``defined X``, macro arguments skipped,
    #: unknown operands propagate; ``&&``/``||`` decided by one known side),
    #: "1.171" (``defined(X)`` only; any unknown makes the whole line unknown),
    #: "1.171-boolfix" (1.171 with the partial ``&&``/``||`` of eedc9d83eaa).
    grammar: str
    #: The value ``-DFOO`` gives FOO (``#if FOO``): ``b"1"`` or ``b""`` (unparsable).
    bare_define_value: bytes
    #: The line ending written by the ``#elif`` -> ``#else``/``#endif`` edits
    #: and for a kept last line without one: "file" (CRLF if the first line
    #: ends so) or "lf".
    edit_newline: str
    #: The processing options the release has (letters of unifdef's
    #: getopt: b blank, B compress, c complement, d debug, e -e, i -iD/-iU,
    #: K strict logic, k constants, n #line, s/S symbol lists, t text).
    options: str = "bceiknt"
    #: ``-DFOO=ZIG -DZIG``: a value that names a defined symbol takes its value.
    indirect_values: bool = False
    #: -n writes ``#line N "file"`` (else ``#line N``).
    line_directive_file: bool = False


DIALECTS: Dict[str, Dialect] = {d.name: d for d in (
    Dialect("2.10", "Debian unifdef 2.10 (/usr/bin/unifdef); hdrtool unifdef's default",
            crlf=True,                          # 2.10: tests/crlf-*.sh upstream; diff tests
            bare_keyword_hides_next_line=True,  # a bare "#error\n" hides the next line (2.10 only)
            continued_directive="dodgy",        # E.2.9 (b): 2.10 "Premature EOF"/"Obfuscated"
            hash_spans_comment=False,           # /usr/bin/unifdef on "#/*\n k */ifdef A"
            split_keyword_always_error=False,   # hdrtool's 2.10 diff tests
            integer_suffixes=False,             # E.2.9 (c): 2.10 leaves 1UL unknown
            int_bits=64,                        # 2.10 evaluates in long (x86-64)
            grammar="modern",
            bare_define_value=b"1",             # 2.10 addsym: value "1"
            edit_newline="file",                # 2.10 keywordedit appends the file's newline
            options="bBcdeiKknsSt",             # unifdef -h (2.10)
            indirect_values=True,               # 2.10 indirectsym
            line_directive_file=True),          # 2.10 hashline with linefile
    Dialect("2.5", "Linux 3.x-6.12 scripts/unifdef.c ($Version: unifdef-2.5 $)",
            crlf=True,                          # 2.5 skipcomment: " \r\t", "\\\r\n"
            bare_keyword_hides_next_line=False,  # 2.5 parseline: skipcomment before skipline
            continued_directive="first-line",   # 2.5 parseline: glue after the DODGY test
            hash_spans_comment=True,            # 2.5 parseline: LS_HASH kept across lines
            split_keyword_always_error=True,    # 2.5 parseline: test before the keyword match
            integer_suffixes=True,              # 2.5 eval_unary: strtol then skipsym
            int_bits=32,                        # 2.5 eval_unary: int *valp
            grammar="modern",
            bare_define_value=b"1",             # 2.5 addsym: value "1"
            edit_newline="file",                # 2.5 keywordedit: "%s%s", newline
            options="bBceiKknt"),               # 2.5 getopt (its -s/-S/-d: not imitated)
    Dialect("1.190", "Linux 2.6.33-2.6.34 scripts/unifdef.c (unifdef.c,v 1.190; d8379ab1dde)",
            crlf=False,                         # 1.190 skipcomment: " \t" only; E.2.5
            bare_keyword_hides_next_line=False,  # E.2.1: all kernel versions
            continued_directive="first-line",   # 1.190 parseline: same glue as 2.5
            hash_spans_comment=True,            # 1.190 parseline, as 2.5
            split_keyword_always_error=True,    # 1.190 parseline ("\\\n" only)
            integer_suffixes=True,              # 1.190 eval_unary: strtol then skipsym
            int_bits=32,                        # 1.190 eval_unary: int
            grammar="modern",                   # 1.190 resolves `defined X`, E.2.3
            bare_define_value=b"",              # 1.190 addsym: value ""
            edit_newline="lf"),                 # 1.190 keywordedit("else\n")
    Dialect("1.171", "Linux 2.6.19-2.6.30 scripts/unifdef.c (things/unifdef.c,v 1.171)",
            crlf=False,                         # 1.171 skipcomment: " \t" only; E.2.5
            bare_keyword_hides_next_line=False,  # E.2.1: all kernel versions
            continued_directive="abort",        # 1.171 getline: abort() when LS_HASH
            hash_spans_comment=True,            # 1.171 getline, as 2.5
            split_keyword_always_error=True,    # 1.171 getline ("\\\n" only)
            integer_suffixes=True,              # 1.171 eval_unary: strtol then skipsym
            int_bits=32,                        # 1.171 eval_unary: int
            grammar="1.171",                    # E.2.3 and E.2.4
            bare_define_value=b"",              # 1.171 addsym: value ""
            edit_newline="lf"),                 # 1.171 keywordedit("else\n")
    Dialect("1.171-boolfix", "Linux 2.6.31-2.6.32 scripts/unifdef.c (1.171 + eedc9d83eaa)",
            crlf=False,
            bare_keyword_hides_next_line=False,
            continued_directive="abort",
            hash_spans_comment=True,
            split_keyword_always_error=True,
            integer_suffixes=True,
            int_bits=32,
            grammar="1.171-boolfix",            # eedc9d83eaa: eval_table "and always false"
            bare_define_value=b"",
            edit_newline="lf"),
)}

DEFAULT = DIALECTS["2.10"]


def get_dialect(name: str) -> Dialect:
    """The dialect called ``name`` (``"2.10"``, ``"2.5"``, ...); ValueError
    for another name."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown unifdef dialect {name!r} (known: {', '.join(DIALECTS)})") \
            from None


# What identifies each kernel unifdef.c, most specific first: (bytes that
# must all be present, dialect).  The 2.6.31 bool fix kept 1.171's $dotat
# line; its partial evaluation prints "and always false" under -d.
_IDENTITY: Tuple[Tuple[Tuple[bytes, ...], str], ...] = (
    ((b"$Version: unifdef-2.5 $",), "2.5"),
    ((b"$Version: unifdef-2.10 $",), "2.10"),
    ((b"unifdef.c,v 1.190 ",), "1.190"),
    ((b"unifdef.c,v 1.171 ", b"and always false"), "1.171-boolfix"),
    ((b"unifdef.c,v 1.171 ",), "1.171"),
)


def dialect_for_source(data: bytes, path: str) -> Dialect:
    """The dialect of a tree's ``scripts/unifdef.c`` (its bytes); InputError
    naming ``path`` when it is none of the known ones."""
    for needles, name in _IDENTITY:
        if all(n in data for n in needles):
            return DIALECTS[name]
    known = "; ".join(" + ".join(repr(n.decode()) for n in needles) for needles, _ in _IDENTITY)
    raise InputError(f"unknown unifdef.c: none of the known identity strings found ({known})",
                     path)
