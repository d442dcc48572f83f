"""Table-driven tests of the static checks, one small header per row."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hdrtool.check.static import HeaderView, TreeIndex, check_header

TYPES = b"#ifndef _LINUX_TYPES_H\n#define _LINUX_TYPES_H\ntypedef unsigned int __u32;\n#endif\n"


def _findings(data: bytes, rel: str = "linux/x.h", extra=None, srcarch=None):
    files = {"linux/types.h": TYPES, rel: data, **(extra or {})}
    tree = TreeIndex(frozenset(files), srcarch, files.__getitem__)
    return [(d.line, d.code) for d in check_header(HeaderView(rel, rel, data), tree)]


G = b"#ifndef X_H\n#define X_H\n%s\n#endif\n"

CASES = [
    # (name, header bytes, expected (line, code) findings)
    ("clean", G % b"struct a { int b; };", []),
    ("pragma once", b"#pragma once\nstruct a { int b; };\n", []),
    ("if !defined guard", b"#if !defined(X_H)\n#define X_H\nstruct a;\n#endif\n", []),
    ("include before guard is fine", b"#include <linux/types.h>\n" + G % b"struct a;", []),
    ("code before guard", b"struct z;\n" + G % b"struct a;", [(1, "HC006")]),
    ("code after guard", G % b"struct a;" + b"struct z;\n", [(5, "HC006")]),
    ("no guard", b"/* c */\nstruct a;\n", [(2, "HC005")]),
    ("ifndef without define", b"#ifndef X_H\nstruct a;\n#endif\n", [(2, "HC005")]),
    ("only includes need no guard", b"#include <linux/types.h>\n", []),
    ("empty file", b"/* nothing */\n", []),
    ("ifdef __KERNEL__", G % b"#ifdef __KERNEL__\n#endif", [(3, "HC002")]),
    ("if !defined __KERNEL__", G % b"#if !defined(__KERNEL__)\n#endif", [(3, "HC002")]),
    ("undecided __KERNEL__", G % b"#if defined(__KERNEL__) || defined(FOO)\n#endif", []),
    ("__KERNEL__ in comment", G % b"/* #ifdef __KERNEL__ */", []),
    ("__iomem", G % b"struct a { void __iomem *p; };", [(3, "HC003")]),
    ("__force in string", G % b'#define S "__force"', []),
    ("CONFIG_ leak", G % b"#if CONFIG_X > 1\n#endif", [(3, "HC004")]),
    ("CONFIG_ inside a word", G % b"#define A_CONFIG_X 1", []),
    ("CONFIG_ in comment", G % b"/* CONFIG_X */", []),
    ("extern", G % b"extern int x;", [(3, "HC007")]),
    ("extern C", G % b'extern "C" {\n}', []),
    ("struct member", G % b"struct a {\nint x;\n};", []),
    ("function in macro", G % b"#define F() \\\nint x;", []),
    ("asm/types.h", G % b"#include <asm/types.h>", [(3, "HC001"), (3, "HC008")]),
    ("__u32 without types", G % b"struct a { __u32 b; };", [(3, "HC009")]),
    ("__u32 with types", G % b"#include <linux/types.h>\nstruct a { __u32 b; };", []),
    ("__u32 in comment", G % b"/* __u32 */", []),
    ("defines the types", G % b"typedef __signed__ char __s8;\ntypedef unsigned int __u32;", []),
    ("unexported", G % b"#include <linux/nope.h>", [(3, "HC001")]),
    ("libc include", G % b"#include <sys/time.h>", []),
    ("quoted sibling", G % b'#include "types.h"', []),
    ("crlf", b"#ifndef X_H\r\n#define X_H\r\n#ifdef __KERNEL__\r\n#endif\r\n#endif\r\n",
     [(3, "HC002")]),
    ("no final newline", b"#ifndef X_H\n#define X_H\nextern int x;\n#endif", [(3, "HC007")]),
    ("continued directive", G % b"#if defined(A) || \\\n  defined(__KERNEL__) && 0\n#endif", []),
    ("continued __KERNEL__", G % b"#if \\\n defined(__KERNEL__)\n#endif", [(3, "HC002")]),
]


@pytest.mark.parametrize("name,data,expected", CASES, ids=[c[0] for c in CASES])
def test_static(name, data, expected):
    assert _findings(data) == expected


def test_types_through_another_header():
    via = b"#ifndef V_H\n#define V_H\n#include <linux/types.h>\n#endif\n"
    data = G % b"#include <linux/via.h>\nstruct a { __u32 b; };"
    assert _findings(data, extra={"linux/via.h": via}) == []


def test_config_allow_list_by_path_and_arch():
    data = G % b"#ifdef CONFIG_X86_64\n#endif"
    assert _findings(data, rel="asm/auxvec.h", srcarch="x86") == []
    assert _findings(data, rel="asm/auxvec.h", srcarch="s390") == [(3, "HC004")]
    assert _findings(data, rel="asm/other.h", srcarch="x86") == [(3, "HC004")]


def test_non_utf8_bytes_survive():
    assert _findings(G % b"/* caf\xe9 */\nextern int \xff;") == [(4, "HC007")]


ODD = [
    b"#if A /* spans\n lines */ && B\n#endif\n",
    b"/* #if in comment */\n#if A\n#endif\n",
    b"/* open\n#define NOT\n*/ #define YES 1\n",
    b"#define M(x) \\\n  x\n#include <a.h>\n",
    b"int a; \\\n#define NOT_A_DIRECTIVE\n",
    b"#ifdef A\r\n#endif\r\n",
    b'#error "quote # inside"\n  #  include "x.h"\n#\n',
    b"#define NO_NEWLINE 1",
    b"char *s = \"/*\";\n#define AFTER_STRING 1\n",
]


# A comment spanning lines that starts after code: the fast path declines.
LATE = [b"*/*/#if A\n*/ #undef D\n",
        b"int a; /* x\n */ #define NOT\n", b"/* c\n\\\n*/ #undef D\n",
        b"// comment \\\n#define IN_COMMENT\n#define OUT\n", b"#define A 1*\\\n/ x\n"]


@pytest.mark.parametrize("data", LATE)
def test_fast_directives_decline(data):
    from hdrtool.core.lines import fast_directives
    assert fast_directives(data) is None


@pytest.mark.parametrize("data", ODD)
def test_fast_directives_equal_the_engines(data):
    from hdrtool.core.lines import fast_directives
    from hdrtool.core.directives import logical_lines
    fast = fast_directives(data)
    engine = [line for line in logical_lines(data) if line.is_directive]
    assert fast is not None
    assert [(d.lineno, d.start, d.end, d.keyword, d.args.split()) for d in fast] == \
           [(d.lineno, d.start, d.end, d.keyword, d.args.split()) for d in engine]


FRAGMENTS = [b"#if A\n", b"#endif\n", b"/* c\n", b"*/", b"// x\n", b"\\\n", b"\r\n", b"\n",
             b"  # define B 1", b'"str#"', b"'#'", b"int x;", b" #include <y.h>", b"/* # */",
             b"#", b"\t#\tifdef C", b"*/ #undef D\n", b"/", b"*", b'"', b"'", b"\\", b" ",
             b"\\\r\n", b"*/ #"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14))
def test_fast_directives_property(parts):
    from hdrtool.core.lines import fast_directives
    from hdrtool.core.directives import logical_lines
    data = b"".join(parts)
    fast = fast_directives(data)
    if fast is None:      # left to the engine
        return
    engine = [line for line in logical_lines(data) if line.is_directive]
    assert [(d.lineno, d.start, d.end, d.keyword, d.args.split()) for d in fast] == \
           [(d.lineno, d.start, d.end, d.keyword, d.args.split()) for d in engine]
