"""The per-file transformation of an exported header, step by step.

These are the steps Linux 6.1 ``scripts/headers_install.sh`` applies to every
exported header, re-implemented on bytes (no text decoding, so CRLF, a missing
final newline and non-UTF-8 bytes survive):

``licence``
    A line with ``SPDX-License-Identifier:`` followed somewhere by ``GPL-``
    and not containing ``WITH Linux-syscall-note`` is an error.
``rewrite``
    The script's six ``sed -E`` substitutions, applied line by line with the
    semantics of sed in the C locale (see :data:`_REWRITES`).
``unifdef``
    ``unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__`` (our directive engine).
``config_leak``
    After dropping ``/* */`` comments, any identifier beginning with
    ``CONFIG_`` is an error unless ``path:CONFIG_X`` is on the allow-list.

Each step is a function ``bytes -> bytes`` that raises :class:`InputError`
with the source path and line; :func:`apply_steps` runs a list of them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Sequence, Tuple

from hdrtool.core.errors import InputError

#: unifdef symbols of the export, as ``headers_install.sh`` calls unifdef:
#: -U__KERNEL__ -D__EXPORTED_HEADERS__.
EXPORT_DEFINED = {"__EXPORTED_HEADERS__": None}
EXPORT_UNDEFINED = frozenset({"__KERNEL__"})

# --------------------------------------------------------------------------
# Licence check.
# --------------------------------------------------------------------------

_SPDX_GPL = re.compile(rb"SPDX-License-Identifier:[^\n]*GPL-[^\n]*")


def check_licence(data: bytes, path: str) -> bytes:
    """Reject a GPL SPDX line without ``WITH Linux-syscall-note``."""
    if b"SPDX-License-Identifier:" not in data:
        return data
    for m in _SPDX_GPL.finditer(data):
        start = data.rfind(b"\n", 0, m.start()) + 1
        end = data.find(b"\n", m.end())
        line = data[start:end if end >= 0 else len(data)]
        if b"WITH Linux-syscall-note" not in line:
            lineno = data.count(b"\n", 0, start) + 1
            raise InputError('missing "WITH Linux-syscall-note" for SPDX-License-Identifier',
                             path, lineno)
    return data


# --------------------------------------------------------------------------
# Line rewrites.
#
# sed works on one line at a time, without its newline; we run each
# substitution over the whole buffer instead, so every class below that could
# match a newline excludes it and `^`/`$` are multi-line anchors.  That makes
# the whole-buffer substitution equal to sed's per-line one.  `[[:space:]]` in
# the C locale is space, \t, \n, \v, \f, \r (minus \n here).  Python's `re`
# is leftmost-first where POSIX ERE is leftmost-longest; none of these
# patterns has two different-length matches at one position, so they agree.
# Matches consume their trailing character as sed's do, so "asm volatile"
# becomes "__asm__ volatile", exactly as the kernel's script leaves it.
# --------------------------------------------------------------------------

_SP = rb"[ \t\v\f\r]"
_SEP = frozenset(b" \t\v\f\r(")


def _bounded_sub(data: bytes, hits: "re.Pattern[bytes]", pre: frozenset, bol: bool,
                 post: frozenset, eol: bool, drop_post: bool, repl) -> bytes:
    """sed's ``s/(^|[PRE])(WORD)([POST]|$)/.../g`` by scanning the WORD hits.

    A hit counts when a line start (``bol``) or an unconsumed PRE byte is
    before it and a POST byte or a line end (``eol``) after it; like sed's
    match it consumes its PRE and POST bytes, so a following hit needs a
    fresh separator ("asm volatile" becomes "__asm__ volatile").  ``repl``
    maps the word to its replacement; ``drop_post`` also deletes the POST
    byte.  Several times faster than the equivalent regex."""
    out, pos, last, n = [], 0, 0, len(data)
    for m in hits.finditer(data):
        k, e = m.span()
        if not ((bol and (k == 0 or data[k - 1] == 10))
                or (k > last and data[k - 1] in pre)):
            continue
        if e < n and data[e] in post:
            after = e + 1
        elif eol and (e == n or data[e] == 10):
            after = e
        else:
            continue
        out += (data[pos:k], repl(m.group()))
        pos = after if drop_post else e
        last = after
    if not out:
        return data
    out.append(data[pos:])
    return b"".join(out)


_SPACE = frozenset(b" \t\v\f\r")
_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NOT_ALNUM = frozenset(range(256)) - _ALNUM - {10}
_NOT_WORD = _NOT_ALNUM - {ord("_")}


def _annotations(data: bytes) -> bytes:
    """``s/([[:space:](])(__user|__force|__iomem)[[:space:]]/\1/g``"""
    return _bounded_sub(data, _ANNOT, _SEP, False, _SPACE, False, True, lambda w: b"")


def _packed(data: bytes) -> bytes:
    """``s/(^|[^a-zA-Z0-9])__packed([^a-zA-Z0-9_]|$)/\1__attribute__((packed))\2/g``"""
    return _bounded_sub(data, _PACKED, _NOT_ALNUM, True, _NOT_WORD, True, False,
                        lambda w: b"__attribute__((packed))")


def _keywords(data: bytes) -> bytes:
    """``s/(^|[[:space:](])(inline|asm|volatile)([[:space:](]|$)/\1__\2__\3/g``"""
    return _bounded_sub(data, _KW, _SEP, True, _SEP, True, False, lambda w: b"__" + w + b"__")


def _uapi_guards(data: bytes) -> bytes:
    """``s@#(ifndef|define|endif[[:space:]]*/[*])[[:space:]]*_UAPI@#\1 @``: first hit per line."""
    out, pos, line_end = [], 0, -1
    for m in _UAPI.finditer(data):
        if m.start() < line_end:
            continue                       # not the first on its line
        line_end = data.find(b"\n", m.end())
        line_end = len(data) if line_end < 0 else line_end
        out += (data[pos:m.start()], b"#", m.group(1), b" ")
        pos = m.end()
    if not out:
        return data
    out.append(data[pos:])
    return b"".join(out)


_KW = re.compile(rb"inline|asm|volatile")
_ANNOT = re.compile(rb"__user|__force|__iomem")
_PACKED = re.compile(rb"__packed")
_UAPI = re.compile(rb"#(ifndef|define|endif" + _SP + rb"*/[*])" + _SP + rb"*_UAPI")

#: (quick-reject substring(s), pattern or function, replacement), in the script's order.
_REWRITES = (
    ((b"__user", b"__force", b"__iomem"), _annotations, None),
    ((b"__attribute_const__",), re.compile(rb"__attribute_const__(" + _SP + rb"|$)", re.M), rb"\1"),
    ((b"#include <linux/compiler",), re.compile(rb"^#include <linux/compiler(|_types).h>", re.M),
     b""),
    ((b"__packed",), _packed, None),
    ((b"inline", b"asm", b"volatile"), _keywords, None),
    ((b"_UAPI",), _uapi_guards, None),
)


def rewrite_lines(data: bytes, path: str = "") -> bytes:
    """The script's ``sed -E`` line rewrites."""
    for needles, pattern, repl in _REWRITES:
        for needle in needles:
            if needle in data:
                data = pattern(data) if repl is None else pattern.sub(repl, data)
                break
    return data


# --------------------------------------------------------------------------
# CONFIG_ leak check.
#
# The script's sed program strips every `/* ... */` (ignoring string literals
# and `//` comments), joining lines while a comment is open, then reports
# each maximal run of [A-Za-z0-9_] that starts with CONFIG_.  When all
# comments close, that equals replacing each `/*...*/` (shortest match) by a
# space and scanning the whole text, which is our fast path -- except around
# `*/*` and `/*/`: sed's loop shrinks a comment to `/**/` before blanking it,
# and that closing `/` with a following `*` opens a new comment; and it eats
# a `/*` found inside a `/**...` comment before the outer one, so `/*/` does
# not close anything.  When a `/*` is still open at the end of the file, GNU
# sed's `N` prints the pattern space as it stands and the script takes every
# word of it for a leaked symbol.  :func:`_sed_words` replays the sed loop
# literally in all these cases (no header of Linux 6.1 needs it);
# tests/test_install_linux.py checks both paths against the kernel's sed.
# --------------------------------------------------------------------------

#: As in Linux 6.1 scripts/headers_install.sh, `config_leak_ignores`: known
#: leaks that are not errors (path suffix, symbol).  The kernel matches
#: "<path>:<symbol>" as a regular expression anchored at the end.
CONFIG_LEAK_IGNORES = (
    "arch/arc/include/uapi/asm/page.h:CONFIG_ARC_PAGE_SIZE_16K",
    "arch/arc/include/uapi/asm/page.h:CONFIG_ARC_PAGE_SIZE_4K",
    "arch/arc/include/uapi/asm/swab.h:CONFIG_ARC_HAS_SWAPE",
    "arch/arm/include/uapi/asm/ptrace.h:CONFIG_CPU_ENDIAN_BE8",
    "arch/hexagon/include/uapi/asm/ptrace.h:CONFIG_HEXAGON_ARCH_VERSION",
    "arch/hexagon/include/uapi/asm/user.h:CONFIG_HEXAGON_ARCH_VERSION",
    "arch/ia64/include/uapi/asm/cmpxchg.h:CONFIG_IA64_DEBUG_CMPXCHG",
    "arch/m68k/include/uapi/asm/ptrace.h:CONFIG_COLDFIRE",
    "arch/nios2/include/uapi/asm/swab.h:CONFIG_NIOS2_CI_SWAB_NO",
    "arch/nios2/include/uapi/asm/swab.h:CONFIG_NIOS2_CI_SWAB_SUPPORT",
    "arch/x86/include/uapi/asm/auxvec.h:CONFIG_IA32_EMULATION",
    "arch/x86/include/uapi/asm/auxvec.h:CONFIG_X86_64",
    "arch/x86/include/uapi/asm/mman.h:CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS",
    "include/uapi/linux/atmdev.h:CONFIG_COMPAT",
    "include/uapi/linux/eventpoll.h:CONFIG_PM_SLEEP",
    "include/uapi/linux/hw_breakpoint.h:CONFIG_HAVE_MIXED_BREAKPOINTS_REGS",
    "include/uapi/linux/pktcdvd.h:CONFIG_CDROM_PKTCDVD_WCACHE",
)
_IGNORE_RES = tuple(re.compile(pat + "$") for pat in CONFIG_LEAK_IGNORES)

# `/*` to the first `*/` (the shortest match), unrolled: several times faster
# than the equivalent lazy `/\*.*?\*/` under re.S.
_COMMENT = re.compile(rb"/\*[^*]*\*+(?:[^/*][^*]*\*+)*/")
_WORD = re.compile(rb"[A-Za-z0-9_]+")
# A maximal run of _WORD bytes that starts with CONFIG_: the same list as
# filtering _WORD.findall(), but the literal comes first so that the regex
# engine can skip ahead to each "CONFIG_" (~40 times faster on big headers).
_CONFIG_WORD = re.compile(rb"CONFIG_(?<![A-Za-z0-9_]CONFIG_)[A-Za-z0-9_]*")


_S1 = re.compile(rb"/\*[^*][^*]*")        # s:/\*[^*][^*]*:/*:
_S2 = re.compile(rb"/\*\*\**([^/])")       # s:/\*\*\**\([^/]\):/*\1:
_S3 = re.compile(rb"/\*\*/")               # s:/\*\*/: :
_IFS = re.compile(rb"[ \t\n]+")


def config_leaks(data: bytes) -> list:
    """The words the kernel's check would report as leaks, in order."""
    if b"CONFIG_" not in data:
        last = data.rfind(b"/*")
        if last < 0 or data.find(b"*/", last + 2) >= 0:
            return []       # every comment closes (see above): nothing to report
    code = _COMMENT.sub(b" ", data)
    if b"/*" in code or b"*/*" in data or b"/*/" in data:
        return [w.decode("latin-1") for w in _sed_words(data)]
    if b"CONFIG_" not in code:
        return []
    return [w.decode("ascii") for w in _CONFIG_WORD.findall(code)]


def _sed_comment_loop(ps: bytes) -> bytes:
    while True:
        a = _S1.sub(b"/*", ps, count=1)
        b = _S2.sub(rb"/*\1", a, count=1)
        if b != ps:
            ps = b
            continue
        c = _S3.sub(b" ", ps, count=1)
        if c == ps:
            return ps
        ps = c


def _sed_words(data: bytes) -> list:
    """The script's sed program, cycle by cycle (slow; for unclosed comments)."""
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    words: list = []
    i = 0
    while i < len(lines):
        ps, i = lines[i], i + 1
        while True:
            ps = _sed_comment_loop(ps)
            if b"/*" not in ps:
                break
            if i >= len(lines):       # N at EOF: the pattern space is printed as is
                return words + [w for w in _IFS.split(ps) if w]
            ps, i = ps + b"\n" + lines[i], i + 1
        words += [w for w in _WORD.findall(ps) if w.startswith(b"CONFIG_")]
    return words


def leak_ignored(path: str, symbol: str, ignores: Optional[Tuple[str, ...]] = None) -> bool:
    """Whether ``path:symbol`` is on the allow-list: the kernel runs
    ``grep -q "$ignore$"``, an end-anchored regular expression."""
    probe = f"{path}:{symbol}"
    if ignores is None:
        return any(r.search(probe) for r in _IGNORE_RES)
    return any(_ignore_re(i).search(probe) for i in ignores)


@functools.lru_cache(maxsize=None)
def _ignore_re(entry: str) -> "re.Pattern[str]":
    return re.compile(entry + "$")


def check_config_leak(data: bytes, path: str, source: Optional[bytes] = None,
                      ignores: Optional[Tuple[str, ...]] = None) -> bytes:
    """Reject a ``CONFIG_`` symbol that survived into user space (``ignores``:
    the script's allow-list, default Linux 6.1's)."""
    for sym in config_leaks(data):
        if not leak_ignored(path, sym, ignores):
            if not sym.startswith("CONFIG_"):
                raise InputError(f"unterminated comment: the kernel's CONFIG_ check would "
                                 f"report 'leak {sym} to user-space'", path)
            raise InputError(f"leak {sym} to user-space", path, _line_of(source or data, sym))
    return data


def _line_of(data: bytes, word: str) -> Optional[int]:
    m = re.search(rb"(?<![A-Za-z0-9_])" + re.escape(word.encode()) + rb"(?![A-Za-z0-9_])", data)
    return data.count(b"\n", 0, m.start()) + 1 if m else None


# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Transform:
    """How one tree's install script treats a file, read from that tree
    (:mod:`hdrtool.install.plan` builds it).  The defaults are Linux 6.1's
    ``scripts/headers_install.sh``, the rules the steps above implement.

    ``rewrite``: an object with ``apply(bytes) -> bytes`` running the
    script's own sed/perl substitutions, or None for :func:`rewrite_lines`;
    ``dialect``: the unifdef the tree builds (a name of
    :mod:`hdrtool.core.directives`' dialect table, None for the engine's
    default); ``defined``/``undefined``: the unifdef symbols the script
    passes; ``leak_ignores``: the script's ``config_leak_ignores`` entries,
    None for Linux 6.1's list; ``licence``/``leak_check``: whether the
    script has those checks at all (a step it lacks is skipped)."""

    rewrite: Optional[object] = None
    dialect: Optional[str] = None
    defined: Tuple[str, ...] = ("__EXPORTED_HEADERS__",)
    undefined: Tuple[str, ...] = ("__KERNEL__",)
    leak_ignores: Optional[Tuple[str, ...]] = None
    licence: bool = True          # the script refuses GPL SPDX lines without the note
    leak_check: bool = True       # the script fails on a CONFIG_ leak


DEFAULT_TRANSFORM = Transform()
_ENGINE: Dict[Transform, tuple] = {}


def _unifdef(data: bytes, path: str, transform: Transform = DEFAULT_TRANSFORM) -> bytes:
    # imported on first use: a no-op install renders nothing and need not load the engine
    engine = _ENGINE.get(transform)
    if engine is None:
        from hdrtool.core.directives import Symbols, unifdef
        symbols = Symbols(defined={k: None for k in transform.defined},
                          undefined=frozenset(transform.undefined))
        kwargs = {}
        if transform.dialect:
            from hdrtool.core.dialects import get_dialect
            kwargs["dialect"] = get_dialect(transform.dialect)
        engine = _ENGINE[transform] = (unifdef, symbols, kwargs)
    unifdef, symbols, kwargs = engine
    return unifdef(data, symbols, path, **kwargs)


def _rewrite(data: bytes, path: str, transform: Transform = DEFAULT_TRANSFORM) -> bytes:
    if transform.rewrite is None:
        return rewrite_lines(data, path)
    return transform.rewrite.apply(data)


STEPS: Dict[str, Callable[..., bytes]] = {
    "licence": check_licence,
    "rewrite": _rewrite,
    "unifdef": _unifdef,
    "config_leak": check_config_leak,
}

#: What headers_install.sh does to every file of a Linux (>= 3.7) tree.
LINUX_STEPS = ("licence", "rewrite", "unifdef", "config_leak")


def apply_steps(data: bytes, steps: Sequence[str], path: str,
                transform: Optional[Transform] = None) -> bytes:
    """Run ``steps`` (names from :data:`STEPS`, in that order) over ``data``
    from ``path``, with the rules of ``transform`` (default: Linux 6.1's).

    >>> apply_steps(b"static inline int f(int __user *p);\\n", ("rewrite",), "x.h")
    b'static __inline__ int f(int *p);\\n'
    """
    t = transform or DEFAULT_TRANSFORM
    source = data
    for name in steps:
        if name == "config_leak":
            if t.leak_check:
                data = check_config_leak(data, path, source, t.leak_ignores)
        elif name == "licence":
            if t.licence:
                data = check_licence(data, path)
        else:
            data = STEPS[name](data, path, t)
    return data
