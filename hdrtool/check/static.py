"""Static checks of one installed header: the rules of the kernel's old
``headers_check.pl`` (Linux 6.1 usr/include/headers_check.pl) and the leaks
that ``headers_install`` is supposed to remove.

Every check works on what the C preprocessor sees: directive lines,
``#include`` directives and comment-blanked text come from
:mod:`hdrtool.core.lines`, and code lines
are scanned with ``/* */`` and ``//`` comments blanked out, so a ``CONFIG_``
or ``__user`` in a comment is not a finding.  Each check is a function
``(HeaderView, TreeIndex) -> iterator of Diagnostic``; :data:`CHECKS` lists them.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Tuple

from hdrtool.check import codes
from hdrtool.check.data import config_leak_ignores
from hdrtool.core.cppexpr import evaluate
from hdrtool.core.directives import Symbols
from hdrtool.core.lines import Include, LogicalLine, blank_literals, includes_in, scan
from hdrtool.core.errors import Diagnostic

@dataclass
class TreeIndex:
    """What the checks need to know about the whole installed tree."""

    files: FrozenSet[str]                 # every installed file, relative, '/'-separated
    srcarch: Optional[str] = None
    read: Callable[[str], bytes] = lambda rel: b""
    shown: Callable[[str], str] = lambda rel: rel
    _views: Dict[str, "HeaderView"] = field(default_factory=dict)
    _reaches: Dict[str, bool] = field(default_factory=dict)

    def view(self, rel: str) -> "HeaderView":
        """The header ``rel``, read once."""
        v = self._views.get(rel)
        if v is None:
            v = self._views[rel] = HeaderView(rel, self.shown(rel), self.read(rel))
        return v

    @cached_property
    def namespaces(self) -> FrozenSet[str]:
        """Top-level directories of the tree (asm, linux, ...)."""
        return frozenset(f.split("/", 1)[0] for f in self.files if "/" in f) | {"asm", "linux"}

    def resolve(self, inc: Include, includer: str) -> Optional[str]:
        """The installed file an include names, if any (quotes: the includer's
        directory first, as cpp searches)."""
        name = inc.name.decode("latin-1")
        if not inc.angle:
            local = posixpath.normpath(posixpath.join(posixpath.dirname(includer), name))
            if local in self.files:
                return local
        return name if name in self.files else None

    def reaches_linux_types(self, rel: str) -> bool:
        """Does ``rel`` include <linux/types.h>, directly or through other
        installed headers?  (A cycle counts as no.)"""
        if rel in self._reaches:
            return self._reaches[rel]
        self._reaches[rel] = False
        found = False
        for inc in self.view(rel).includes:
            target = self.resolve(inc, rel)
            if inc.name == b"linux/types.h" or (target and self.reaches_linux_types(target)):
                found = True
                break
        self._reaches[rel] = found
        return found


_NEWLINE = re.compile(rb"\n")


@dataclass
class HeaderView:
    """One header, as bytes and as the views the checks share (each computed
    once: the engine's logical lines, comment-free text, literal-free text)."""

    rel: str
    path: str           # how findings name it
    data: bytes

    @cached_property
    def _scan(self) -> Tuple[bytes, List[LogicalLine]]:
        return scan(self.data)

    @cached_property
    def directives(self) -> List[LogicalLine]:
        return self._scan[1]

    @cached_property
    def includes(self) -> List[Include]:
        return includes_in(self.directives)

    @cached_property
    def stripped(self) -> bytes:
        """``data`` with comments blanked (same offsets)."""
        return self._scan[0]

    @cached_property
    def bare(self) -> bytes:
        """``stripped`` with string and char literals blanked too."""
        return blank_literals(self.stripped)

    @cached_property
    def _line_starts(self) -> List[int]:
        return [0] + [m.end() for m in _NEWLINE.finditer(self.data)]

    def where(self, offset: int) -> Tuple[int, int]:
        """(line, column), 1-based, of a byte offset."""
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def diag(self, code: str, line: Optional[int], message: str,
             column: Optional[int] = None) -> Diagnostic:
        return Diagnostic(self.path, line, codes.RULES[code].severity, code, message, column)


Check = Callable[["HeaderView", TreeIndex], Iterator[Diagnostic]]

# --------------------------------------------------------------------------
# Errors: what headers_install should have removed, and what is not installed.
# --------------------------------------------------------------------------


def check_includes(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    """An include that names no installed file, in the tree's own namespaces.

    Under asm*/ and linux*/ (the directories headers_check.pl checked) it is
    an error; under the tree's other directories (drm/, xen/, ...) a warning;
    anything else is the C library's (<stdint.h>, <sys/socket.h>)."""
    for inc in h.includes:
        if tree.resolve(inc, h.rel) is not None:
            continue
        name = inc.name.decode("latin-1")
        top = name.split("/", 1)[0] if "/" in name else ""
        shown = f"<{name}>" if inc.angle else f'"{name}"'
        if top.startswith(("asm", "linux")):
            code = codes.INCLUDE_NOT_EXPORTED
        elif top in tree.namespaces:
            code = codes.INCLUDE_NOT_INSTALLED
        else:
            continue
        yield h.diag(code, inc.lineno, f"included file {shown} is not in the installed tree")


_KERNEL_UNDEFINED = Symbols({}, frozenset({"__KERNEL__"}))
_KERNEL_WORD = re.compile(rb"\b__KERNEL__\b")


def check_kernel_conditionals(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    """A conditional on __KERNEL__ that ``unifdef -U__KERNEL__`` decides was
    not removed: the header was not sanitized.  One that stays undecided
    (``defined(__KERNEL__) || defined(__linux__)``) is what the kernel ships."""
    if b"__KERNEL__" not in h.data:
        return
    for line in h.directives:
        if line.keyword not in (b"if", b"elif", b"ifdef", b"ifndef"):
            continue
        if not _KERNEL_WORD.search(line.args):
            continue
        if line.keyword in (b"ifdef", b"ifndef"):
            decided = line.args.split()[0] == b"__KERNEL__"
        else:
            decided = evaluate(line.args, _KERNEL_UNDEFINED) is not None
        if decided:
            yield h.diag(codes.KERNEL_CONDITIONAL, line.lineno,
                         f"'#{line.keyword.decode()}' on __KERNEL__ left in an installed header")


# What Linux 6.1 scripts/headers_install.sh removes (annotations) and what it
# rejects (CONFIG_ words), in code outside comments and literals.
_LEAK = re.compile(rb"(CONFIG_[A-Za-z0-9_]*)|(__(?:user|iomem|force|attribute_const__))(?![A-Za-z0-9_])")
_LEAK_WORDS = (b"CONFIG_", b"__user", b"__iomem", b"__force", b"__attribute_const__")
_WORD_BYTE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def check_leaks(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    """Kernel-only annotations, and CONFIG_ symbols not on the allow-list."""
    if not any(word in h.data for word in _LEAK_WORDS):
        return
    allowed = config_leak_ignores(tree.srcarch)
    for m in _LEAK.finditer(h.bare):
        if m.start() and h.bare[m.start() - 1] in _WORD_BYTE:
            continue    # inside a longer word (A_CONFIG_X)
        line, col = h.where(m.start())
        if m.group(2):
            yield h.diag(codes.KERNEL_ANNOTATION, line,
                         f"kernel-only annotation '{m.group(2).decode()}' in an installed header",
                         col)
        elif (h.rel, m.group(1).decode("latin-1")) not in allowed:
            yield h.diag(codes.CONFIG_LEAK, line,
                         f"leaks {m.group(1).decode('latin-1')} to userspace where it is not valid",
                         col)


# --------------------------------------------------------------------------
# Include guards.
#
# The header's directives are walked with the code between them.  Code
# before the guard's #ifndef or after its #endif is allowed only if it is
# made of directives that are harmless twice (#include, conditionals,
# #error); a header made only of those needs no guard at all.
# --------------------------------------------------------------------------

_GUARDLESS_OK = {b"include", b"if", b"ifdef", b"ifndef", b"elif", b"else", b"endif",
                 b"error", b"warning", b""}
_IF_NOT_DEFINED = re.compile(rb"!\s*defined\s*(?:\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))\s*$")


def _guard_macro(line: LogicalLine) -> Optional[bytes]:
    """X for ``#ifndef X`` or ``#if !defined(X)``."""
    if line.keyword == b"ifndef" and line.args:
        return line.args.split()[0]
    if line.keyword == b"if":
        m = _IF_NOT_DEFINED.match(line.args)
        if m:
            return m.group(1) or m.group(2)
    return None


def _code_between(h: HeaderView, start: int, end: int) -> Optional[int]:
    """Offset of the first non-blank byte of code in [start, end), if any."""
    m = re.compile(rb"\S").search(h.stripped, start, end)
    return m.start() if m else None


def _first_unsafe(h: HeaderView, dirs: List[LogicalLine], lo: int, hi: int,
                  start: int, end: int) -> Optional[int]:
    """Line of the first thing in dirs[lo:hi] / [start, end) that is not safe twice."""
    pos = start
    for d in dirs[lo:hi]:
        off = _code_between(h, pos, d.start)
        if off is not None:
            return h.where(off)[0]
        if d.keyword not in _GUARDLESS_OK:
            return d.lineno
        pos = d.end
    off = _code_between(h, pos, end)
    return None if off is None else h.where(off)[0]


def _guard_at(h: HeaderView, dirs: List[LogicalLine], i: int) -> bool:
    macro = _guard_macro(dirs[i])
    if macro is None or i + 1 >= len(dirs):
        return False
    nxt = dirs[i + 1]
    return (nxt.keyword == b"define" and nxt.args.split()[:1] == [macro]
            and _code_between(h, dirs[i].end, nxt.start) is None)


def _matching_endif(dirs: List[LogicalLine], i: int) -> Optional[int]:
    depth = 0
    for j in range(i, len(dirs)):
        kw = dirs[j].keyword
        if kw in (b"if", b"ifdef", b"ifndef"):
            depth += 1
        elif kw == b"endif":
            depth -= 1
            if depth == 0:
                return j
    return None


def check_guard(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    """``#ifndef X / #define X ... #endif`` (or ``#pragma once``) around the code."""
    dirs = h.directives
    if any(d.keyword == b"pragma" and d.args.split()[:1] == [b"once"] for d in dirs):
        return
    opener = next((i for i in range(len(dirs)) if _guard_at(h, dirs, i)), None)
    if opener is None:
        bad = _first_unsafe(h, dirs, 0, len(dirs), 0, len(h.data))
        if bad is not None:
            yield h.diag(codes.MISSING_GUARD, bad, "header has no include guard")
        return
    bad = _first_unsafe(h, dirs, 0, opener, 0, dirs[opener].start)
    if bad is not None:
        yield h.diag(codes.PARTIAL_GUARD, bad,
                     f"code before the include guard (line {dirs[opener].lineno})")
    close = _matching_endif(dirs, opener)
    if close is None:
        return
    bad = _first_unsafe(h, dirs, close + 1, len(dirs), dirs[close].end, len(h.data))
    if bad is not None:
        yield h.diag(codes.PARTIAL_GUARD, bad,
                     f"code after the include guard's #endif (line {dirs[close].lineno})")


# --------------------------------------------------------------------------
# headers_check.pl's warnings: declarations, <asm/types.h>, __u32 & co.
# --------------------------------------------------------------------------

# Its pattern, per physical line; its two exceptions: soundcard.h's
# seqbuf_dump() and the C++ linkage line of drm headers.  We look only at
# brace depth 0 (not at struct members) and not at directive lines.
_DECLARATION = re.compile(rb"^(?:[ \t\f\v\r]*extern|unsigned|char|short|int|long|void)\b", re.M)
_DECL_EXCEPTIONS = (re.compile(rb"void seqbuf_dump\(void\);"), re.compile(rb'extern[ \t]*"C"'))
_BRACES = re.compile(rb"[{}]")


def check_declarations(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    hits = list(_DECLARATION.finditer(h.bare))
    if not hits:
        return
    in_directive = [(d.start, d.end) for d in h.directives]
    depth, pos = 0, 0
    for m in hits:
        for brace in _BRACES.findall(_outside(h.bare, pos, m.start(), in_directive)):
            depth = max(0, depth + (1 if brace == b"{" else -1))
        pos = m.start()
        if depth or any(a <= m.start() < b for a, b in in_directive):
            continue
        line, _ = h.where(m.start())
        end = h.data.find(b"\n", m.start())
        text = h.data[m.start():end if end >= 0 else len(h.data)].lstrip()
        if any(x.match(text) for x in _DECL_EXCEPTIONS):
            continue
        yield h.diag(codes.KERNEL_DECLARATION, line,
                     "userspace cannot reference function or variable defined in the kernel")


def _outside(text: bytes, start: int, end: int, spans: List[Tuple[int, int]]) -> bytes:
    """text[start:end] without the parts inside ``spans`` (directive lines)."""
    parts, pos = [], start
    for a, b in spans:
        if b <= pos or a >= end:
            continue
        parts.append(text[pos:max(pos, a)])
        pos = max(pos, b)
    parts.append(text[pos:end])
    return b"".join(parts)


def _is_types_header(rel: str) -> bool:
    # headers_check.pl skips files matching /types.h|int-l64.h|int-ll64.h/
    base = posixpath.basename(rel)
    return base.endswith("types.h") or base in ("int-l64.h", "int-ll64.h")


def check_asm_types(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    if _is_types_header(h.rel):
        return
    for inc in h.includes:
        if inc.angle and inc.name == b"asm/types.h":
            yield h.diag(codes.ASM_TYPES, inc.lineno,
                         "include of <linux/types.h> is preferred over <asm/types.h>")
            return


_SIZED_TYPE = re.compile(rb"(?<![A-Za-z0-9_])__[us](?:8|16|32|64)(?![A-Za-z0-9_])")


# A header that typedefs one of them is where they come from (asm/types_64.h
# after the x86 merge), whatever its name.
_DEFINES_SIZED_TYPE = re.compile(rb"\btypedef\b[^;{}]*\b__[us](?:8|16|32|64)\s*;")


def check_sized_types(h: HeaderView, tree: TreeIndex) -> Iterator[Diagnostic]:
    """The first ``__u32``-style type used before <linux/types.h> is included
    (directly, or through an installed header that includes it)."""
    if _is_types_header(h.rel) or _DEFINES_SIZED_TYPE.search(h.bare):
        return
    m = _SIZED_TYPE.search(h.bare)
    if m is None:
        return
    line, col = h.where(m.start())
    for inc in h.includes:
        if inc.lineno > line:
            break
        target = tree.resolve(inc, h.rel)
        if inc.name == b"linux/types.h" or (target and tree.reaches_linux_types(target)):
            return
    yield h.diag(codes.TYPES_WITHOUT_LINUX_TYPES, line,
                 f"found {m.group().decode()} type without #include <linux/types.h>", col)


CHECKS: Tuple[Check, ...] = (
    check_includes, check_kernel_conditionals, check_leaks, check_guard,
    check_declarations, check_asm_types, check_sized_types,
)


def check_header(h: HeaderView, tree: TreeIndex) -> List[Diagnostic]:
    """Every static finding for one header, in line order."""
    out: List[Diagnostic] = []
    for check in CHECKS:
        out.extend(check(h, tree))
    return sorted(out, key=lambda d: (d.line or 0, d.column or 0, d.code))
