"""The streaming engine (issue 15 item 17): ``unifdef_stream`` must give
exactly what ``unifdef_changed`` gives -- output, change flag, error and
its line -- whatever the chunk size, and its memory must not grow with the
file.  (Its speed is measured by benchmarks/unifdef.py, never here.)"""

from __future__ import annotations

import io
import random
import tracemalloc

import pytest

import hdrtool.core.directives as D
from hdrtool.core.dialects import DIALECTS
from hdrtool.core.directives import Symbols, unifdef_changed, unifdef_stream

from test_unifdef_differential import CASES, SEED, SYMBOL_SETS, Gen, symbols_from_args


def _old(data: bytes, syms: Symbols):
    try:
        out, altered = unifdef_changed(data, syms, "x.h")
        return out, altered
    except D.InputError as exc:
        return str(exc)


def _new(data: bytes, syms: Symbols):
    out = io.BytesIO()
    try:
        altered, changed = unifdef_stream(io.BytesIO(data), out, syms.lookup, "x.h")
    except D.InputError as exc:
        return str(exc)
    assert changed == (out.getvalue() != data)
    return out.getvalue(), altered


@pytest.mark.parametrize("chunk", [1 << 20, 4096, 300, 64, 7])
def test_stream_equals_the_whole_file_engine(chunk, monkeypatch):
    """Generated files (odd and clean), every symbol set, chunk sizes from
    one that holds the file to one that cuts every line."""
    monkeypatch.setattr(D, "STREAM_CHUNK", chunk)
    rnd = random.Random(SEED + chunk)
    fast = 0
    for i in range(CASES):
        data = Gen(rnd, clean=rnd.random() < 0.7).file()
        syms = symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)])
        assert _new(data, syms) == _old(data, syms), repr(data)
        try:
            D._stream_fast(io.BytesIO(data), io.BytesIO(), syms.lookup, "x.h", D.DEFAULT)
            fast += 1
        except D._NotFast:
            pass
        except D.InputError:
            fast += 1
    assert fast > CASES // 2, "most files should stay on the streaming fast path"


def big_header(groups: int) -> bytes:
    """The shape of the issue's 50 MB header: #ifdef __KERNEL__ groups."""
    return b"".join(b"#ifdef __KERNEL__\nint k%d;\n#endif\nint u%d; /* c */\n" % (i, i)
                    for i in range(groups))


def test_stream_memory_does_not_grow_with_the_file(tmp_path):
    """A 14 MB header of kernel guards (comments, so the general scanner,
    not only the simple-text split), read from a file: the peak of Python
    allocations stays a few chunks, not the file."""
    data = big_header(250_000)
    assert len(data) > 9_000_000
    (tmp_path / "big.h").write_bytes(data)
    syms = Symbols({}, frozenset({"__KERNEL__"}))
    sink = _CountingSink()
    tracemalloc.start()
    try:
        with open(tmp_path / "big.h", "rb") as src:
            altered, changed = unifdef_stream(src, sink, syms.lookup, "big.h")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert altered and changed
    assert sink.size == len(data) - sum(len(b"#ifdef __KERNEL__\nint k%d;\n#endif\n" % i)
                                        for i in range(250_000))
    # (a chunk split into lines and directives is some 12-18 times its size)
    assert peak < 24 * D.STREAM_CHUNK < len(data) // 2, f"peak {peak} bytes for {len(data)}"


def test_stream_memory_simple_text(tmp_path):
    data = b"".join(b"#ifdef __KERNEL__\nint k%d;\n#endif\n" % i for i in range(500_000))
    (tmp_path / "big.h").write_bytes(data)
    syms = Symbols({}, frozenset({"__KERNEL__"}))
    sink = _CountingSink()
    tracemalloc.start()
    try:
        with open(tmp_path / "big.h", "rb") as src:
            unifdef_stream(src, sink, syms.lookup, "big.h")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sink.size == 0
    # (a chunk split into lines and directives is some 12-18 times its size)
    assert peak < 24 * D.STREAM_CHUNK < len(data) // 2, f"peak {peak} bytes for {len(data)}"


class _CountingSink:
    """A write-only sink that keeps only the byte count."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)

    def tell(self) -> int:
        return self.size


def test_stream_error_flushes_what_unifdef_wrote():
    data = b"keep\n#ifdef A\na\n#else\nb\n"
    out = io.BytesIO()
    with pytest.raises(D.InputError) as exc:
        unifdef_stream(io.BytesIO(data), out, Symbols({"A": None}).lookup, "t.h")
    assert str(exc.value) == "t.h:6: Premature EOF (#if line 2 depth 1)"
    assert out.getvalue() == b"keep\na\n"


def test_stream_falls_back_to_the_whole_file(monkeypatch):
    """A file the fast path gives up on (a comment open across lines with
    a directive after it) is done whole, output rewound."""
    monkeypatch.setattr(D, "STREAM_CHUNK", 16)
    data = b"#ifdef A\nx\n#endif\n" * 5 + b"/* c */ #ifdef A\nz\n#endif\n"
    syms = Symbols({"A": None})
    assert _new(data, syms) == _old(data, syms)
    with pytest.raises(D._NotFast):
        D._stream_fast(io.BytesIO(data), io.BytesIO(), syms.lookup, "x.h", D.DEFAULT)


SIMPLE_LINES = [b"int x;", b"", b"  ", b"x /* c */ y;", b"/* c */", b"// c", b"// c /* d",
                b"#ifdef A", b"#ifndef B", b"# if A && !B", b"#else", b"#endif", b"#elif A",
                b"#ifdef A /* c */", b"#endif // c", b"#/* k */ifdef A", b"/* c */ #ifdef A",
                b"# /* c */ endif", b"#pragma", b"#foo/", b"#define X 1", b"#  pragma once",
                b"a # b", b"/* open", b"*/", b"#if A /* open", b"x */ #endif", b"/**/#else",
                b"#ifdef A\r", b"\t#  ifdef B", b"#ifdefX", b"#if 1 /* c */ // d", b"/*/ x */"]


@pytest.mark.parametrize("chunk", [4096, 97, 13])
def test_stream_simple_text_path(chunk, monkeypatch):
    """Files without quotes or backslashes, so that chunks take the
    simple-text split, with the comment and '#' shapes it must turn down."""
    monkeypatch.setattr(D, "STREAM_CHUNK", chunk)
    rnd = random.Random(SEED + 99 + chunk)
    for i in range(CASES):
        lines = [rnd.choice(SIMPLE_LINES) for _ in range(rnd.randrange(1, 40))]
        data = b"\n".join(lines) + rnd.choice([b"\n", b""])
        syms = symbols_from_args(SYMBOL_SETS[i % 2 + 1])
        assert _new(data, syms) == _old(data, syms), repr(data)


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_stream_equals_the_whole_file_engine_in_every_dialect(dialect, monkeypatch):
    monkeypatch.setattr(D, "STREAM_CHUNK", 64)
    rnd = random.Random(SEED + 7)
    d = D.get_dialect(dialect)
    for i in range(CASES // 2):
        data = Gen(rnd, clean=rnd.random() < 0.7).file()
        syms = symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)])
        try:
            want = unifdef_changed(data, syms, "x.h", d)
        except D.InputError as exc:
            want = str(exc)
        out = io.BytesIO()
        try:
            altered, _ = unifdef_stream(io.BytesIO(data), out, D._lookup(syms, d), "x.h", d)
            got = (out.getvalue(), altered)
        except D.InputError as exc:
            got = str(exc)
        assert got == want, repr(data)


def test_large_files_take_the_stream_in_unifdef_changed(monkeypatch):
    """unifdef_changed (what headers_install calls) streams from STREAM_MIN
    bytes on: the same results as the whole-file engine, errors included."""
    monkeypatch.setattr(D, "STREAM_MIN", 1)
    monkeypatch.setattr(D, "STREAM_CHUNK", 97)
    rnd = random.Random(SEED + 23)
    streamed = 0
    for i in range(CASES // 2):
        data = Gen(rnd, clean=rnd.random() < 0.7).file()
        syms = symbols_from_args(SYMBOL_SETS[i % len(SYMBOL_SETS)])
        try:
            want = D._unifdef_whole(data, D._lookup(syms, D.DEFAULT), "x.h", D.DEFAULT)
        except D.InputError as exc:
            want = str(exc)
        assert _old(data, syms) == want, repr(data)
        streamed += 1
    assert streamed
