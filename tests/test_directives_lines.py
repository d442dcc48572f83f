"""logical_lines() and find_includes(): the C view of a header's lines."""

from __future__ import annotations

import pytest

from hdrtool.core.directives import find_includes, logical_lines

SRC = (b"/* header\n"
       b"#include <not/a/directive.h>\n"
       b" */\n"
       b"#include <linux/types.h>\r\n"
       b"  #  include \"local.h\" /* why */\n"
       b"#if defined(A) && \\\n"
       b"    defined(B) /* c */\n"
       b"int x; /* #endif */\n"
       b"char *s = \"#if\";\n"
       b"#define F(x) \\\n"
       b"  (x)\n"
       b"#\n"
       b"#endif")


def test_logical_lines_join_continuations_and_skip_comments():
    lines = list(logical_lines(SRC))
    got = [(l.lineno, l.keyword, l.args) for l in lines]
    assert got == [
        (1, None, b""), (2, None, b""), (3, None, b""),
        (4, b"include", b"<linux/types.h>"),
        (5, b"include", b"\"local.h\""),
        (6, b"if", b"defined(A) &&     defined(B)"),
        (8, None, b""), (9, None, b""),
        (10, b"define", b"F(x)   (x)"),
        (12, b"", b""),
        (13, b"endif", b""),
    ]
    # offsets cover the data exactly, line after line
    assert lines[0].start == 0 and lines[-1].end == len(SRC)
    assert all(a.end == b.start for a, b in zip(lines, lines[1:]))
    assert SRC[lines[5].start:lines[5].end].startswith(b"#if defined(A) && \\\n")


def test_find_includes():
    incs = find_includes(SRC)
    assert [(i.lineno, i.name, i.angle) for i in incs] == [
        (4, b"linux/types.h", True), (5, b"local.h", False)]
    assert SRC[incs[0].start:incs[0].end] == b"#include <linux/types.h>\r\n"


def test_comment_opened_after_code_hides_following_lines():
    src = b"int a; /* open\n#include <x.h>\n*/ #include <y.h>\n#include <z.h>\n"
    assert [i.name for i in find_includes(src)] == [b"z.h"]


def test_docstring_examples():
    import doctest

    import hdrtool.core.cppexpr
    import hdrtool.core.directives
    import hdrtool.core.lines
    for module in (hdrtool.core.cppexpr, hdrtool.core.directives, hdrtool.core.lines):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def _walked_includes(data):
    from hdrtool.core.lines import includes_in
    return includes_in([line for line in logical_lines(data) if line.is_directive])


def _quick_includes(data):
    from hdrtool.core.lines import fast_directives, includes_in
    fast = fast_directives(data)
    return None if fast is None else includes_in(fast)


def test_quick_include_search_agrees_with_the_full_walk():
    """find_includes' one-regex path equals the logical_lines walk wherever
    it does not defer to it (generated and mutated headers)."""
    import random

    from test_unifdef_differential import generated_cases, mutate

    rnd = random.Random(5)
    inputs = generated_cases() + generated_cases(clean=True)
    inputs += [mutate(rnd.choice(inputs), rnd) + b"\n#include <m.h>\n" for _ in range(400)]
    quick = 0
    for data in inputs:
        fast = _quick_includes(data)
        if fast is not None:
            quick += 1
            assert fast == _walked_includes(data), repr(data)
        assert find_includes(data) == _walked_includes(data), repr(data)
    assert quick > len(inputs) // 3


@pytest.mark.linux
def test_quick_include_search_on_real_headers(linux_src):
    import random

    from test_unifdef_differential import mutate

    headers = sorted((linux_src / "include/uapi/linux").glob("*.h"))
    rnd = random.Random(9)
    quick = 0
    for path in headers:
        fast = _quick_includes(path.read_bytes())
        quick += fast is not None
        assert fast is None or fast == _walked_includes(path.read_bytes()), path
    assert quick > len(headers) * 9 // 10
    for _ in range(600):
        data = mutate(rnd.choice(headers).read_bytes(), rnd)
        fast = _quick_includes(data)
        assert fast is None or fast == _walked_includes(data), repr(data)
