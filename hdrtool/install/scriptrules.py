"""The per-file transformation, read from the tree's own install script.

Every era of ``make headers_install`` carries its line rewrites as a
program: era A a ``sed`` command line in ``scripts/Makefile.headersinst``,
era B Perl substitutions in ``scripts/headers_install.pl``, eras C and D a
``sed -r``/``sed -E`` program in ``scripts/headers_install.sh``.  This
module reads such a program into a :class:`Program` and runs it on bytes
with the semantics of the tool that would run it (see :mod:`hdrtool.install.scriptrun`
for how; :mod:`hdrtool.install.scriptre` for the regular expressions).

When the program is exactly the one :func:`hdrtool.install.sanitize.rewrite_lines`
implements by hand (Linux 6.1's, and 6.12's, which is the same text), that
function runs instead.  tests/test_scriptrules.py checks every path against
the real sed and perl.

The extractors at the end find the program in a tree's script by content.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple, Optional, Sequence, Tuple

from hdrtool.install import scriptre
from hdrtool.install import scriptrun
from hdrtool.core import shwords
from hdrtool.core.errors import InputError
from hdrtool.install.scriptrun import Piece, Rule


class Program(NamedTuple):
    """A per-file rewrite program and where it came from.

    ``dialect``: ``bre``/``ere`` (sed) or ``perl``; ``argv``: the arguments
    the script passes to sed, without the file operand (for differential
    tests); ``fast``: a hand-written equivalent, if any."""

    dialect: str
    rules: Tuple[Rule, ...]
    path: str
    argv: Tuple[bytes, ...] = ()
    fast: Optional[Callable[[bytes], bytes]] = None

    def apply(self, data: bytes) -> bytes:
        """The script's output for one input file (bytes in, bytes out).

        >>> p = read_sed([(b"s/ inline / __inline__ /g", 1)], "bre", "x")
        >>> p.apply(b"static inline int f;\\n")
        b'static __inline__ int f;\\n'
        """
        if self.fast is not None:
            return self.fast(data)
        if self.dialect == "perl":
            return scriptrun.run_perl(self.rules, data)
        return scriptrun.run_sed(self.rules, data)


# --------------------------------------------------------------------------
# sed programs
# --------------------------------------------------------------------------

_REPL_ESC = {ord("n"): b"\n", ord("t"): b"\t", ord("r"): b"\r", ord("f"): b"\f",
             ord("v"): b"\v", ord("a"): b"\a"}


def _split_delim(text: bytes, i: int, delim: int, where) -> Tuple[bytes, int]:
    """Up to the next unescaped ``delim`` (GNU sed: brackets do not protect
    it).  ``\\delim`` is the bare ``delim``, with whatever meaning it has
    there (GNU sed 4.9 and perl: ``s.a\\.b.`` has an any-char ``.``,
    ``sed -E 's|a\\|b|'`` an alternation); other escapes are kept for the reader."""
    if chr(delim).isalnum():
        where(f"unsupported delimiter {chr(delim)!r}")
    out = bytearray()
    while i < len(text):
        c = text[i]
        if c == delim:
            return bytes(out), i + 1
        if c == ord("\n"):
            break
        if c == ord("\\") and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == delim:
                out.append(delim)
            else:
                out += bytes([c, nxt])
            i += 2
            continue
        out.append(c)
        i += 1
    where(f"unterminated command {text.decode('latin-1')!r}")
    raise AssertionError


def _sed_pieces(repl: bytes, ngroups: int, where) -> Tuple[Piece, ...]:
    """A sed replacement as literal texts and group numbers (``&`` is 0)."""
    out: list = []

    def lit(b: bytes):
        if out and isinstance(out[-1], bytes):
            out[-1] += b
        else:
            out.append(b)
    i = 0
    while i < len(repl):
        c = repl[i]
        if c == ord("&"):
            out.append(0)
        elif c == ord("\\") and i + 1 < len(repl):
            i += 1
            e = repl[i]
            if 48 <= e <= 57:
                if e - 48 > ngroups:
                    where(f"reference \\{chr(e)} to a group the pattern does not have")
                out.append(e - 48)
            elif e in _REPL_ESC:
                lit(_REPL_ESC[e])
            elif e in b"LlUuEcdox":
                where(f"unsupported replacement escape '\\{chr(e)}'")
            else:
                lit(bytes([e]))
        else:
            lit(bytes([c]))
        i += 1
    return tuple(out)


def _py_template(pieces: Sequence[Piece]) -> bytes:
    return b"".join(b"\\g<%d>" % p if isinstance(p, int) else p.replace(b"\\", b"\\\\")
                    for p in pieces)


def _compile(pat: bytes, dialect: str, path: str, line: Optional[int], longest: bool = True):
    """``longest``: the match itself is used (s, not d), so sed's choice of
    it must be Python's."""
    if not pat:
        raise InputError("empty regular expression (sed and perl would reuse the last "
                         "one)", path, line)
    node, ngroups = scriptre.read_regex(pat, dialect, path, line)
    if dialect != "perl" and longest:
        scriptre.check_unique_match(node, pat, path, line)
    sed = dialect != "perl"
    rx = re.compile(scriptre.emit(node, sed), re.M if sed else 0)
    found = scriptre.needles(node)
    if found and any(b"\n" in n for n in found):
        found = None                  # (hit_lines looks for needles within a line)
    return rx, ngroups, (tuple(sorted(found)) if found else None), scriptre.nullable(node)


def read_sed(scripts: Sequence[Tuple[bytes, Optional[int]]], dialect: str, path: str,
             argv: Sequence[bytes] = ()) -> Program:
    """A :class:`Program` from sed ``-e`` texts, each with the script line it
    starts on (None if unknown); ``dialect`` is ``bre`` or ``ere``."""
    rules = []
    for text, first in scripts:
        for cmd, line in _sed_commands(text, first, path):
            rules.append(_sed_rule(cmd, dialect, path, line))
    program = Program(dialect, tuple(rules), path, tuple(argv))
    return program._replace(fast=_fast_path(program))


def _sed_commands(text: bytes, first: Optional[int], path: str):
    """(command text, line) for each command; one command per line or ``;``."""
    i, line = 0, first
    while i < len(text):
        c = text[i]
        if c == ord("\n"):
            line = None if line is None else line + 1
            i += 1
        elif c in b" \t;":
            i += 1
        elif c == ord("#"):
            end = text.find(b"\n", i)
            i = len(text) if end < 0 else end
        else:
            end = _command_end(text, i, path, line)
            yield text[i:end], line
            i = end


def _command_end(text: bytes, i: int, path: str, line: Optional[int]) -> int:
    def where(msg):
        raise InputError(msg, path, line)
    j = i
    if text[j] == ord("/"):                      # address /re/
        _, j = _split_delim(text, j + 1, ord("/"), where)
    if j < len(text) and text[j] == ord("s"):
        delim = text[j + 1] if j + 1 < len(text) else None
        if delim is None or delim in b"\n\\":
            where("s command without a delimiter")
        _, j = _split_delim(text, j + 2, delim, where)
        _, j = _split_delim(text, j, delim, where)
        while j < len(text) and text[j] not in b"\n;} \t#":
            j += 1
    elif j < len(text):
        j += 1
    return j


def _sed_rule(cmd: bytes, dialect: str, path: str, line: Optional[int]) -> Rule:
    def where(msg):
        raise InputError(f"{msg} in sed command {cmd.decode('latin-1')!r}", path, line)
    if cmd.startswith(b"/"):
        pat, j = _split_delim(cmd, 1, ord("/"), where)
        if cmd[j:].strip() != b"d":
            where(f"unsupported command {cmd[j:].decode('latin-1')!r} after an address")
        rx, _, found, nullable = _compile(pat, dialect, path, line, longest=False)
        return Rule("d", cmd, rx, b"", 1, False, found, nullable, line)
    if not cmd.startswith(b"s"):
        where(f"unsupported sed command {cmd[:1].decode('latin-1')!r}")
    delim = cmd[1]
    pat, j = _split_delim(cmd, 2, delim, where)
    repl, j = _split_delim(cmd, j, delim, where)
    flags = cmd[j:].strip()
    m = re.fullmatch(rb"(g?)(\d*)(g?)", flags)
    if m is None or (m.group(1) and m.group(3)):
        where(f"unsupported flags {flags.decode('latin-1')!r}")
    nth = int(m.group(2) or 1)
    if nth == 0:
        where("number flag 0")
    rx, ngroups, found, nullable = _compile(pat, dialect, path, line)
    pieces = _sed_pieces(repl, ngroups, where)
    glob = bool(m.group(1) or m.group(3))
    return Rule("s", cmd, rx, _py_template(pieces), nth, glob, found, nullable, line)


# --------------------------------------------------------------------------
# Perl substitutions (era B headers_install.pl)
# --------------------------------------------------------------------------

_PERL_SUB = re.compile(rb"^[ \t]*\$(\w+)[ \t]*=~[ \t]*s(.)", re.M)


def _perl_template(repl: bytes, ngroups: int, where) -> bytes:
    out, i = bytearray(), 0
    while i < len(repl):
        c = repl[i]
        if c == ord("$"):
            m = re.match(rb"\$(?:(\d+)|\{(\d+)\})", repl[i:])
            if m is None:
                where("variable interpolation in the replacement")
            n = int(m.group(1) or m.group(2))
            if n > ngroups:
                where(f"${n} refers to a group the pattern does not have")
            out += b"\\g<%d>" % n
            i += m.end()
            continue
        if c == ord("@"):
            where("array interpolation in the replacement")
        if c == ord("\\") and i + 1 < len(repl):
            e = repl[i + 1]
            if e in _REPL_ESC:
                out += _REPL_ESC[e]
            elif chr(e).isalnum():
                where(f"unsupported replacement escape '\\{chr(e)}'")
            else:
                out += b"\\\\" if e == ord("\\") else bytes([e])
            i += 2
            continue
        out += b"\\\\" if c == ord("\\") else bytes([c])
        i += 1
    return bytes(out)


def read_perl(statements: Sequence[Tuple[bytes, Optional[int]]], path: str) -> Program:
    """A :class:`Program` from ``s/re/repl/flags`` texts (the part after
    ``$line =~``), each with its line."""
    rules = []
    for text, line in statements:
        def where(msg, text=text, line=line):
            raise InputError(f"{msg} in perl substitution {text.decode('latin-1')!r}",
                             path, line)
        if len(text) < 2 or text[:1] != b"s" or text[1] in b"{([<":
            where("not an s/// with a plain delimiter")
        delim = text[1]
        pat, j = _split_delim(text, 2, delim, where)
        repl, j = _split_delim(text, j, delim, where)
        flags = text[j:].strip()
        if flags not in (b"", b"g"):
            where(f"unsupported flags {flags.decode('latin-1')!r}")
        rx, ngroups, found, nullable = _compile(pat, "perl", path, line)
        rules.append(Rule("s", text, rx, _perl_template(repl, ngroups, where), 1,
                          flags == b"g", found, nullable, line))
    return Program("perl", tuple(rules), path)


# --------------------------------------------------------------------------
# The hand-written fast path
# --------------------------------------------------------------------------

#: The program hdrtool.install.sanitize.rewrite_lines implements (the six commands
#: of Linux 6.1 scripts/headers_install.sh; 6.12's are the same text).
_SANITIZE_PROGRAM = ("ere", (
    rb"s/([[:space:](])(__user|__force|__iomem)[[:space:]]/\1/g",
    rb"s/__attribute_const__([[:space:]]|$)/\1/g",
    rb"s@^#include <linux/compiler(|_types).h>@@",
    rb"s/(^|[^a-zA-Z0-9])__packed([^a-zA-Z0-9_]|$)/\1__attribute__((packed))\2/g",
    rb"s/(^|[[:space:](])(inline|asm|volatile)([[:space:](]|$)/\1__\2__\3/g",
    rb"s@#(ifndef|define|endif[[:space:]]*/[*])[[:space:]]*_UAPI@#\1 @",
))


def _fast_path(program: Program) -> Optional[Callable[[bytes], bytes]]:
    if (program.dialect, tuple(r.text for r in program.rules)) != _SANITIZE_PROGRAM:
        return None
    from hdrtool.install.sanitize import rewrite_lines
    return rewrite_lines


def general(program: Program) -> Program:
    """The same program without its hand-written fast path (for tests)."""
    return program._replace(fast=None)


# --------------------------------------------------------------------------
# Extractors: the program of a tree's script, found by content
# --------------------------------------------------------------------------

def _sed_program(words: Sequence[shwords.Word], path: str) -> Program:
    """``sed [-r|-E] -e PROG ... [FILE]`` as the shell passes it."""
    dialect, scripts, argv, i = "bre", [], [], 0
    while i < len(words):
        w = words[i]
        if w.dynamic:
            i += 1                                 # the input file operand
            continue
        if w.text in (b"-r", b"-E", b"--regexp-extended"):
            dialect = "ere"
            argv.append(w.text)
        elif w.text == b"-e" and i + 1 < len(words) and not words[i + 1].dynamic:
            scripts.append((words[i + 1].text, words[i + 1].line))
            argv += [w.text, words[i + 1].text]
            i += 1
        else:
            raise InputError(f"sed argument {w.text.decode('latin-1')!r} not understood",
                             path, w.line)
        i += 1
    if not scripts:
        raise InputError("sed command without -e program", path, words[0].line if words else None)
    return read_sed(scripts, dialect, path, argv)


def hdrsed_from_headersinst(data: bytes, path: str) -> Program:
    """Era A: the sed command of ``scripts/Makefile.headersinst``: the one make
    variable whose value is a ``sed`` command line (``HDRSED`` in
    2.6.18..2.6.26), with make's ``$$`` and ``\\#`` undone."""
    found = []
    for name, raw, lines in shwords.make_assignments(data, path):
        if re.match(rb"sed[ \t]", raw):
            text, lines = shwords.make_unescape(raw, lines, path)
            found.append((name, shwords.split_words(text, lines, path)))
    if len(found) != 1:
        raise InputError(f"expected one make variable holding a sed command, found "
                         f"{len(found)}", path)
    return _sed_program(found[0][1][1:], path)


def _sed_calls(data: bytes, path: str):
    return [c for c in shwords.commands(data, path) if c.words and c.words[0].text == b"sed"]


def sed_from_headers_install_sh(data: bytes, path: str) -> Program:
    """Eras C/D: the rewrite program of ``scripts/headers_install.sh``: the one
    ``sed`` call that writes its output to a file (the SPDX and CONFIG_
    checks run sed inside ``$(...)``)."""
    calls = [c for c in _sed_calls(data, path) if c.redirected and not c.substituted]
    if len(calls) != 1:
        raise InputError(f"expected one sed call writing a file, found {len(calls)}", path)
    return _sed_program(calls[0].words[1:], path)


def perl_from_headers_install_pl(data: bytes, path: str) -> Program:
    """Era B: the ``$line =~ s/.../.../;`` statements of ``headers_install.pl``,
    in order.  The variable must be the one line read and printed per line;
    anything else done to it is refused."""
    subs = list(_PERL_SUB.finditer(data))
    if not subs:
        raise InputError("no '$var =~ s///' substitution found", path)
    var = subs[0].group(1)
    statements, rest, pos = [], [], 0
    for m in subs:
        line = data.count(b"\n", 0, m.start()) + 1
        if m.group(1) != var:
            raise InputError(f"substitution on ${m.group(1).decode()} as well as "
                             f"${var.decode()}", path, line)
        start = m.end() - 2
        end = _perl_statement_end(data, start, m.group(2)[0], path, line)
        statements.append((data[start:end].rstrip(), line))
        rest += (data[pos:m.start()], b"\n" * data.count(b"\n", m.start(), end))
        pos = end
    rest.append(data[pos:])
    others = b"".join(rest)               # the script less its substitutions
    bad = re.search(rb"\$" + var + rb"\s*=~|\bchomp\b|\$/\s*=|local\s+\$/", others)
    if bad:
        raise InputError(f"unsupported use {bad.group().decode('latin-1')!r} of the line",
                         path, others.count(b"\n", 0, bad.start()) + 1)
    return read_perl(statements, path)


def _perl_statement_end(data: bytes, i: int, delim: int, path: str, line: int) -> int:
    j, seen = i + 2, 0
    while j < len(data) and seen < 2:
        c = data[j]
        if c == ord("\\"):
            j += 2
            continue
        if c == ord("\n"):
            break
        if c == delim:
            seen += 1
        j += 1
    end = data.find(b";", j)
    if seen < 2 or end < 0 or b"\n" in data[j:end]:
        raise InputError("perl substitution not understood", path, line)
    return end


def config_allowlist_from_sh(data: bytes, path: str):
    """``frozenset`` of (file, CONFIG_X) the script's CONFIG_ leak check lets
    through, or None when the script has no leak check (before Linux 5.3).

    The check is a sed call whose program names ``CONFIG_``; the list is the
    shell variable assigned ``<file>:<CONFIG_X>`` words
    (``config_leak_ignores``; an empty list is an empty set)."""
    cmds = shwords.commands(data, path)
    if not any(c.words and c.words[0].text == b"sed" and
               any(b"CONFIG_" in w.text for w in c.words[1:]) for c in cmds):
        return None
    entry = re.compile(rb"[^\s:]+:CONFIG_\w+")
    lists = []
    for c in cmds:
        for w in c.words[:1]:
            name, eq, value = w.text.partition(b"=")
            if not eq or not re.fullmatch(rb"[A-Za-z_]\w*", name):
                continue
            items = value.split()
            if (items and all(entry.fullmatch(x) for x in items)) or \
                    name == b"config_leak_ignores":
                lists.append((w, items))
    if len(lists) > 1:
        raise InputError("more than one CONFIG_ allow-list", path, lists[1][0].line)
    if not lists:
        return frozenset()
    for x in lists[0][1]:
        if not entry.fullmatch(x):
            raise InputError(f"allow-list entry {x.decode('latin-1')!r} is not "
                             "<file>:<CONFIG_option>", path, lists[0][0].line)
    return frozenset(tuple(x.decode("latin-1").rsplit(":", 1)) for x in lists[0][1])


def leak_allowed(allow, path: str, symbol: str) -> bool:
    """As the script does: ``echo "$INFILE:$c" | grep -q "$ignore$"``, a
    basic regular expression anchored at the end only."""
    probe = f"{path}:{symbol}".encode("latin-1")
    for f, sym in allow or ():
        node, _ = scriptre.read_regex(f"{f}:{sym}".encode("latin-1") + b"$", "bre")
        if re.search(scriptre.emit(node, True), probe):
            return True
    return False


def has_spdx_check(data: bytes, path: str = "") -> bool:
    """The script refuses a GPL SPDX line without the syscall note (5.3+)."""
    return any(b"SPDX-License-Identifier" in w.text for c in shwords.commands(data, path)
               for w in c.words[1:] if c.words[0].text in (b"sed", b"grep"))
