"""The faster forms used on the clean-install path equal the plain ones they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hdrtool.install import sanitize

_PIECES = [b"/*", b"*/", b"*", b"/", b"**", b"/**", b"*/*", b"/*/", b" ", b"\n", b"x", b"_",
           b"CONFIG_", b"CONFIG_A", b"XCONFIG_B", b"_CONFIG_C", b"CONFIG_CONFIG_D", b"9", b"\xff"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map(b"".join)

_LAZY_COMMENT = re.compile(rb"/\*.*?\*/", re.S)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_unrolled_comment_regex_equals_lazy_one(data):
    assert sanitize._COMMENT.sub(b" ", data) == _LAZY_COMMENT.sub(b" ", data)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_config_word_regex_equals_filtered_words(data):
    want = [w for w in sanitize._WORD.findall(data) if w.startswith(b"CONFIG_")]
    assert sanitize._CONFIG_WORD.findall(data) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"inline", b"asm", b"volatile", b"__user", b"__force",
                                 b"__iomem", b"__packed", b"_UAPI", b"#ifndef", b" ", b"(",
                                 b"\n", b"x", b"#include <linux/compiler.h>",
                                 b"__attribute_const__"]), max_size=30).map(b"".join))
def test_rewrite_skips_only_what_cannot_match(data):
    # every rewrite run unconditionally gives the same bytes as the quick-reject path
    full = data
    for _, pattern, repl in sanitize._REWRITES:
        full = pattern(full) if repl is None else pattern.sub(repl, full)
    assert sanitize.rewrite_lines(data) == full
