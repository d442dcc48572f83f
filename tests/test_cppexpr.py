"""Table-driven tests of the #if expression evaluator (hdrtool.core.cppexpr).

Two dialects: ``evaluate()`` is full C (what merge and headers_check ask),
and the unifdef dialect is exactly what unifdef 2.10 evaluates (checked
against the real binary in test_unifdef_differential.py and below).
"""

from __future__ import annotations

import subprocess

import pytest

from hdrtool.core.cppexpr import FALSE, TRUE, UNKNOWN, Evaluator, evaluate, strtol
from hdrtool.core.cpplex import Lexer
from hdrtool.core.directives import Symbols

SYMS = Symbols({"ONE": None, "TWO": b"2", "HEX": b"0x10", "NEG": b"-3", "BAD": b"1x",
                "EMPTY": b""}, frozenset({"OFF"}))

# expression, expected evaluate() result (None = unknown)
C_TABLE = [
    (b"ONE", True), (b"OFF", False), (b"NOPE", None),
    (b"defined(ONE)", True), (b"defined ONE", True), (b"defined(OFF)", False),
    (b"defined NOPE", None), (b"!defined(OFF)", True), (b"!NOPE", None),
    # short circuits: a known side decides && / || even next to an unknown
    (b"OFF && NOPE", False), (b"NOPE && OFF", False), (b"ONE || NOPE", True),
    (b"NOPE || ONE", True), (b"ONE && NOPE", None), (b"OFF || NOPE", None),
    # arithmetic and comparisons, C precedence
    (b"TWO == 2", True), (b"TWO != 2", False), (b"TWO + 1 == 3", True),
    (b"1 + 2 * 3 == 7", True), (b"(1 + 2) * 3 == 9", True), (b"TWO << 3 == 16", True),
    (b"HEX >> 4 == 1", True), (b"HEX == 16", True), (b"010 == 8", True),
    (b"NEG < 0", True), (b"-NEG == 3", True), (b"~0 == -1", True), (b"+TWO == 2", True),
    (b"7 / 2 == 3", True), (b"-7 / 2 == -3", True), (b"-7 % 2 == -1", True),
    (b"5 & 3 == 1", False),  # == binds tighter than &: 5 & (3 == 1) == 0
    (b"(5 & 3) == 1", True), (b"5 | 2 ^ 1", True), (b"6 ^ 6", False),
    (b"1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", True),
    # integer suffixes and char literals (C dialect only)
    (b"1UL == 1", True), (b"0x10ull == 16", True), (b"'a' == 97", True),
    (b"'\\n' == 10", True), (b"'\\0' == 0", True), (b"'\\x41' == 65", True),
    # ?: decides when the condition is known
    (b"ONE ? TWO : NOPE", True), (b"OFF ? NOPE : 0", False), (b"NOPE ? 1 : 1", True),
    (b"NOPE ? 1 : 0", None),
    # division by zero and garbage are unknown, not a crash
    (b"1 / 0", None), (b"1 % OFF", None), (b"ONE +", None), (b"(ONE", None), (b"", None),
    (b"BAD", None), (b"EMPTY", None),
    # function-like macro use of an unknown name is skipped whole
    (b"NOPE(1, (2)) || ONE", True),
    # comments inside expressions
    (b"ONE /* c */ && /* d */ TWO", True), (b"ONE // trailing", True),
    # 64-bit wrap-around, like unifdef's C long
    (b"0x7fffffffffffffff + 1 < 0", True),
]


@pytest.mark.parametrize("expr,expected", C_TABLE, ids=[e.decode() or "empty" for e, _ in C_TABLE])
def test_evaluate_c_dialect(expr, expected):
    assert evaluate(expr, SYMS) is expected


def unifdef_eval(expr: bytes) -> str:
    line = b"#if " + expr + b"\n"
    lexer = Lexer()
    result, end = Evaluator(line, lexer, SYMS.lookup).evaluate(4)
    # trailing garbage makes a #if unknown (as unifdef's parseline does)
    return result if lexer.skip(line, end) == len(line) else UNKNOWN


# unifdef 2.10: || && == != < > <= >= and unary ! only; constants are unknown.
UNIFDEF_TABLE = [
    (b"ONE", TRUE), (b"OFF", FALSE), (b"NOPE", UNKNOWN), (b"defined ONE", TRUE),
    (b"0", UNKNOWN), (b"1 || 0", UNKNOWN),            # constant: left alone
    (b"0 && NOPE", FALSE), (b"1 || NOPE", TRUE),      # not constant: decided
    (b"TWO == 2", TRUE), (b"TWO > 2", FALSE), (b"HEX == 16", TRUE), (b"NEG < 0", TRUE),
    (b"TWO + 1 == 3", UNKNOWN), (b"~ONE", UNKNOWN), (b"-ONE", UNKNOWN),
    (b"ONE << 1", UNKNOWN), (b"ONE & 1", UNKNOWN), (b"1UL == ONE", UNKNOWN),
    (b"'a' == ONE", UNKNOWN), (b"ONE ? 1 : 0", UNKNOWN),
    (b"BAD", UNKNOWN), (b"EMPTY", UNKNOWN), (b"(ONE", UNKNOWN),
    (b"NOPE(x) || ONE", TRUE), (b"!OFF && (TWO >= 2)", TRUE),
]


@pytest.mark.parametrize("expr,expected", UNIFDEF_TABLE,
                         ids=[e.decode() for e, _ in UNIFDEF_TABLE])
def test_evaluate_unifdef_dialect(expr, expected):
    assert unifdef_eval(expr) == expected


@pytest.mark.usefixtures("unifdef")
def test_unifdef_dialect_table_agrees_with_unifdef(tmp_path):
    """Each row of the unifdef table, run through /usr/bin/unifdef."""
    args = ["-DONE", "-DTWO=2", "-DHEX=0x10", "-DNEG=-3", "-DBAD=1x", "-DEMPTY=", "-UOFF"]
    for expr, expected in UNIFDEF_TABLE:
        src = tmp_path / "t.h"
        src.write_bytes(b"#if " + expr + b"\nyes\n#else\nno\n#endif\n")
        out = subprocess.run(["unifdef", *args, str(src)], capture_output=True).stdout
        seen = {b"yes\n": TRUE, b"no\n": FALSE}.get(out, UNKNOWN)
        assert seen == expected, expr


@pytest.mark.parametrize("text,value", [
    (b"1", 1), (b"0x1f", 31), (b"017", 15), (b" 12", 12), (b"-5", -5), (b"+5", 5),
    (b"99999999999999999999", (1 << 63) - 1), (b"", None), (b"1x", None), (b"08", None),
    (b"0x", None), (b"12 ", None),
])
def test_strtol_like_c(text, value):
    assert strtol(text) == value
