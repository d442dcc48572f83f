"""The engine's Python API as other stages use it (headers_install, merge)."""

from __future__ import annotations

import pytest

from hdrtool.core.directives import Symbols, unifdef, unifdef_changed
from hdrtool.core.errors import InputError

KERNEL = Symbols({"__EXPORTED_HEADERS__": None}, frozenset({"__KERNEL__"}))


def test_symbols_values_and_precedence():
    s = Symbols({"A": None, "B": b"2", "C": "0x10", "D": None}, frozenset({"D"}))
    assert s.lookup(b"A") == (True, b"1")      # -DA means -DA=1
    assert s.lookup(b"B") == (True, b"2")
    assert s.lookup(b"C") == (True, b"0x10")   # str values are accepted
    assert s.lookup(b"D") == (True, None)      # in both: undefined wins
    assert s.lookup(b"E") == (False, None)


def test_symbols_are_hashable_cache_keys():
    a = Symbols({"A": None, "B": b"2"}, frozenset({"C"}))
    b = Symbols({"B": b"2", "A": None}, frozenset({"C"}))
    assert a == b and {a: 1}[b] == 1


def test_unchanged_input_is_returned_as_is():
    data = b"#ifdef OTHER\nx\n#endif\n"
    out, changed = unifdef_changed(data, KERNEL)
    assert out is data and changed is False


def test_error_carries_path_and_line():
    with pytest.raises(InputError) as info:
        unifdef(b"int a;\n#endif\n", KERNEL, "include/uapi/linux/x.h")
    assert (info.value.path, info.value.line) == ("include/uapi/linux/x.h", 2)
    assert str(info.value) == "include/uapi/linux/x.h:2: Inappropriate #endif"


def test_bytes_survive():
    data = b"\xff\xfe\r\n#ifdef __KERNEL__\r\nk\r\n#endif\r\n\x80 last"
    assert unifdef(data, KERNEL) == b"\xff\xfe\r\n\x80 last"


def test_output_is_stable_under_a_second_run():
    """unifdef's output, run again with the same symbols, is unchanged."""
    from test_unifdef_differential import SYMBOL_SETS, generated_cases, symbols_from_args

    checked = 0
    for i, data in enumerate(generated_cases() + generated_cases(clean=True)):
        syms = symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)])
        try:
            once = unifdef(data, syms)
        except InputError:
            continue
        assert unifdef_changed(once, syms) == (once, False), repr(data)
        checked += 1
    assert checked > 300
