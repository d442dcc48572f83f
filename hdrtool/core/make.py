"""The small part of GNU make that kernel ``Kbuild`` export lists are written in.

Every era's export lists are make fragments: 2.6.23's ``header-y += foo.h``
and ``ALTARCH := i386``, 4.4's ``$(foreach hdr,$(opt-header),$(if
$(wildcard ...),$(hdr)))`` and ``generic-$(CONFIG_X) += ...``, 6.1's
``ifeq ($(wildcard ...),)`` around ``no-export-headers``.  This module
evaluates such a fragment the way make reads a makefile (line by line,
conditionals decided as they are read, ``include`` followed) and returns
the variables it assigned, each word with the ``path:line`` that added it.

Supported: ``=``, ``:=``, ``::=``, ``+=``, ``?=``; ``$(VAR)``, ``${VAR}``,
``$V``, ``$$``; the functions listed in :data:`FUNCTIONS`; ``ifeq``,
``ifneq``, ``ifdef``, ``ifndef``, ``else``, ``endif``; ``include`` and
``-include``; comments, backslash continuations.  An undefined variable
expands to nothing, as in make.  Anything else (a rule, ``define``,
``export``, ``$(shell ...)``, an unknown function) is an :class:`InputError`
at ``path:line`` naming the construct: a Kbuild file is never half read.

One simplification, documented: a recursively expanded variable (``=``,
or ``+=`` on a new variable) is expanded when it is assigned, not when it
is used.  No export list of any release relies on the difference (they
only append, and only refer to variables set before).

The caller supplies two hooks: ``find(path) -> Optional[str]`` resolves an
``include``d path (relative paths are relative to the source tree, where
make runs, or to an overlay before it) and ``exists(path) -> bool`` answers
``$(wildcard)`` probes, so a caller can record them as dependencies and
answer for files it will generate.

    >>> env = Make({"SRCARCH": "x86"}, exists=lambda p: p.endswith("x86/a.out.h"))
    >>> env.read(b"header-y += $(if $(wildcard /t/$(SRCARCH)/a.out.h),a.out.h)\\n", "K")
    >>> env.words("header-y")
    ['a.out.h']
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from hdrtool.core.errors import InputError

__all__ = ["Make", "Word", "FUNCTIONS"]

MAX_INCLUDE_DEPTH = 16


@dataclass(frozen=True)
class Word:
    """One word of a variable's value and where it was added."""

    text: str
    path: str
    line: int


@dataclass
class _Var:
    words: List[Word]
    origin: Tuple[str, int]
    #: a recursively expanded variable's unexpanded text, piece by piece
    #: (only kept, and only used, when the reader defers expansion)
    raw: Optional[List[Tuple[str, str, int]]] = None


@dataclass
class Rule:
    """One rule of a makefile read with ``rules=True``: targets and
    prerequisites expanded as make does when it reads the rule, recipe
    lines kept unexpanded (make expands them when it runs them)."""

    targets: List[str]
    prereqs: List[str]
    recipe: List[Tuple[str, int]]
    path: str
    line: int


@dataclass(frozen=True)
class TargetVar:
    """``targets: name op value`` (a target- or pattern-specific variable)."""

    targets: Tuple[str, ...]
    name: str
    op: str
    value: str          # expanded for ``:=``, raw for ``=`` / ``+=``
    path: str
    line: int


_ASSIGN = re.compile(r"^((?:\$[({][^)}]*[)}]|[^\s=:+?!#$])+)\s*(::=|:=|\+=|\?=|=)\s*(.*)$", re.S)
_DIRECTIVE = re.compile(r"^(-?include|sinclude|ifeq|ifneq|ifdef|ifndef|else|endif|define|"
                        r"endef|export|unexport|override|vpath|undefine|private)(?=\s|$|\()(.*)$",
                        re.S)


class Make:
    """A make reader: variables in, variables out.

    ``variables`` are set before reading (``ARCH``, ``SRCARCH``, ``srctree``,
    ``obj``, ...).  ``find`` resolves include paths (default: the path
    itself if it is a file); ``exists`` answers ``$(wildcard)`` for names
    without glob characters (default: ``os.path.exists``).

    ``rules=True`` reads a whole makefile rather than an export list: rules
    and their recipes are recorded in :attr:`rules`, target-specific
    variables in :attr:`target_vars`, recursively expanded variables are
    expanded when used (as make does), ``$(warning)``/``$(info)`` are
    recorded in :attr:`messages`.  ``shell(command, path, line) -> str``
    answers ``$(shell ...)`` (without it ``$(shell)`` is an error)."""

    def __init__(self, variables: Optional[Dict[str, str]] = None, *,
                 find: Optional[Callable[[str], Optional[str]]] = None,
                 exists: Optional[Callable[[str], bool]] = None,
                 read_file: Optional[Callable[[str], bytes]] = None,
                 rules: bool = False,
                 shell: Optional[Callable[[str, str, int], str]] = None):
        self.vars: Dict[str, _Var] = {}
        for name, value in (variables or {}).items():
            self.vars[name] = _Var([Word(w, "<command line>", 0) for w in value.split()],
                                   ("<command line>", 0))
        self._find = find or (lambda p: p if os.path.isfile(p) else None)
        self._exists = exists or os.path.exists
        self._read_file = read_file or _read
        self._depth = 0
        self.included: List[str] = []
        self._rules_mode = rules
        self._shell = shell
        self.rules: List[Rule] = []
        self.target_vars: List[TargetVar] = []
        self.messages: List[Tuple[str, str, int]] = []
        self._expanding: List[str] = []

    # -- results -------------------------------------------------------------

    def words(self, name: str) -> List[str]:
        var = self.vars.get(name)
        if var is not None and var.raw is not None and self._rules_mode:
            return self._deferred(name, var).split()
        return [w.text for w in var.words] if var else []

    def _deferred(self, name: str, var: _Var) -> str:
        if name in self._expanding:
            raise InputError(f"recursive variable {name} references itself", *var.origin)
        self._expanding.append(name)
        try:
            return " ".join(self.expand(text, path, line) for text, path, line in var.raw)
        finally:
            self._expanding.pop()

    def set_text(self, name: str, text: str) -> None:
        """Set a simply expanded variable to ``text`` exactly (e.g. make's
        ``space := $(empty) $(empty)``, which a word list cannot hold)."""
        self.vars[name] = _Var([Word(text, "<command line>", 0)], ("<command line>", 0))

    def expand_with(self, text: str, path: str, line: int,
                    overlay: Dict[str, str]) -> str:
        """``text`` expanded with ``overlay`` variables (automatic and
        target-specific ones) set for the duration, as make runs a recipe."""
        saved = {n: self.vars.get(n) for n in overlay}
        try:
            for n, v in overlay.items():
                self.set_text(n, v)
            return self.expand(text, path, line)
        finally:
            for n, v in saved.items():
                if v is None:
                    self.vars.pop(n, None)
                else:
                    self.vars[n] = v

    def entries(self, name: str) -> List[Word]:
        var = self.vars.get(name)
        return list(var.words) if var else []

    def value(self, name: str) -> str:
        return " ".join(self.words(name))

    def origin(self, name: str) -> Optional[Tuple[str, int]]:
        var = self.vars.get(name)
        return var.origin if var else None

    def assigned(self) -> Dict[str, Tuple[str, int]]:
        """Every variable the read files assigned, with where it was first set."""
        return {n: v.origin for n, v in self.vars.items() if v.origin[0] != "<command line>"}

    # -- reading -------------------------------------------------------------

    def read(self, data: bytes, path: str) -> None:
        """Evaluate one makefile fragment (``path`` names it in messages)."""
        stack: List[Tuple[bool, bool, int]] = []   # (taking, any branch taken, line)
        rule: Optional[Rule] = None
        for lineno, text in _logical_lines(data, path):
            if self._rules_mode and text.startswith("\t") and rule is not None:
                if all(t for t, _, _ in stack):
                    rule.recipe.append((text[1:], lineno))
                continue
            stripped = _strip_comment(text).strip()
            if not stripped:
                continue
            taking = all(t for t, _, _ in stack)
            d = _DIRECTIVE.match(stripped)
            if d:
                word, rest = d.group(1), d.group(2).strip()
                if word in ("ifeq", "ifneq", "ifdef", "ifndef"):
                    cond = self._condition(word, rest, path, lineno) if taking else False
                    stack.append((cond, cond, lineno))
                    continue
                if word == "else":
                    if not stack:
                        raise InputError("else without a conditional", path, lineno)
                    _, done, start = stack.pop()
                    if rest:
                        inner = _DIRECTIVE.match(rest)
                        if not inner or inner.group(1) not in ("ifeq", "ifneq", "ifdef", "ifndef"):
                            raise InputError(f"extraneous text after else: {rest}", path, lineno)
                        outer = all(t for t, _, _ in stack)
                        cond = (not done and outer
                                and self._condition(inner.group(1), inner.group(2).strip(),
                                                    path, lineno))
                        stack.append((cond, done or cond, start))
                    else:
                        stack.append((not done, True, start))
                    continue
                if word == "endif":
                    if not stack:
                        raise InputError("endif without a conditional", path, lineno)
                    stack.pop()
                    continue
                if not taking:
                    continue
                if word in ("include", "-include", "sinclude"):
                    self._include(rest, word != "include", path, lineno)
                    continue
                raise InputError(f"unsupported make directive in an export list: {word}",
                                 path, lineno)
            if not taking:
                continue
            m = _ASSIGN.match(stripped)
            if m:
                rule = None
                self._assign(m.group(1), m.group(2), m.group(3), path, lineno)
                continue
            if self._rules_mode:
                rule = self._rule(stripped, path, lineno)
                continue
            raise InputError(f"unsupported make construct in an export list: {stripped}",
                             path, lineno)
        if stack:
            raise InputError("missing endif", path, stack[-1][2])

    def _rule(self, text: str, path: str, line: int) -> Optional[Rule]:
        """A rule line (``rules=True``): returns the rule its recipe joins."""
        colon = _top_level_colon(text)
        if colon < 0:
            if text[:2] in ("$(", "${") and _matching(text, 1, path, line) == len(text) - 1:
                # a bare $(shell ...) / $(warning ...) line
                self.expand(text, path, line)
                return None
            raise InputError(f"unsupported make construct: {text}", path, line)
        head, rest = text[:colon], text[colon + 1:]
        if rest.startswith(":"):
            raise InputError(f"unsupported make construct (double-colon rule): {text}",
                             path, line)
        targets = self.expand(head, path, line).split()
        m = _ASSIGN.match(rest.strip())
        if m and rest.strip():
            name = self.expand(m.group(1), path, line).strip()
            op, value = m.group(2), m.group(3)
            if op in (":=", "::="):
                value = self.expand(value, path, line)
            self.target_vars.append(TargetVar(tuple(targets), name, op, value, path, line))
            return None
        recipe: List[Tuple[str, int]] = []
        body, semi, inline = rest.partition(";")
        if semi:
            recipe.append((inline.strip(), line))
        made = Rule(targets, self.expand(body, path, line).split(), recipe, path, line)
        self.rules.append(made)
        return made

    def _assign(self, lhs: str, op: str, rhs: str, path: str, line: int) -> None:
        name = self.expand(lhs, path, line).strip()
        if not name or any(c.isspace() for c in name):
            raise InputError(f"bad variable name {lhs!r}", path, line)
        if op == "?=" and name in self.vars:
            return
        old = self.vars.get(name)
        recursive = op == "=" or op == "?=" or (op == "+=" and (old is None or old.raw is not None))
        if self._rules_mode and recursive:
            pieces = list(old.raw) if op == "+=" and old is not None and old.raw else []
            pieces.append((rhs, path, line))
            origin = old.origin if op == "+=" and old is not None else (path, line)
            self.vars[name] = _Var([], origin, pieces)
            return
        words = [Word(w, path, line) for w in self.expand(rhs, path, line).split()]
        if op == "+=" and name in self.vars:
            self.vars[name].words.extend(words)
        else:
            self.vars[name] = _Var(words, (path, line))

    def _condition(self, word: str, rest: str, path: str, line: int) -> bool:
        if word in ("ifdef", "ifndef"):
            name = self.expand(rest, path, line).strip()
            defined = bool(self.words(name))
            return defined if word == "ifdef" else not defined
        a, b = _cond_args(rest, path, line)
        equal = self.expand(a, path, line).strip() == self.expand(b, path, line).strip()
        return equal if word == "ifeq" else not equal

    def _include(self, rest: str, optional: bool, path: str, line: int) -> None:
        for target in self.expand(rest, path, line).split():
            if self._depth >= MAX_INCLUDE_DEPTH:
                raise InputError(f"include nesting deeper than {MAX_INCLUDE_DEPTH} "
                                 f"(does {target} include itself?)", path, line)
            found = self._find(target)
            if found is None:
                if optional:
                    continue
                raise InputError(f"included file {target} does not exist", path, line)
            self.included.append(found)
            self._depth += 1
            try:
                self.read(self._read_file(found), _display(target))
            finally:
                self._depth -= 1

    # -- expansion -----------------------------------------------------------

    def expand(self, text: str, path: str, line: int) -> str:
        """``text`` with every variable reference and function call expanded."""
        if "$" not in text:
            return text
        out: List[str] = []
        i, n = 0, len(text)
        while i < n:
            j = text.find("$", i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j])
            if j + 1 >= n:
                out.append("$")
                break
            c = text[j + 1]
            if c == "$":
                out.append("$")
                i = j + 2
            elif c in "({":
                end = _matching(text, j + 1, path, line)
                out.append(self._reference(text[j + 2:end], c, path, line))
                i = end + 1
            else:
                out.append(self.value(c))
                i = j + 2
        return "".join(out)

    def _reference(self, body: str, opener: str, path: str, line: int) -> str:
        m = re.match(r"([a-z-]+)[ \t]+", body)
        if m and m.group(1) in FUNCTIONS:
            return FUNCTIONS[m.group(1)](self, body[m.end():], path, line)
        if m and not re.search(r"[:=]", body[:m.end()]):
            raise InputError(f"unsupported make function $({m.group(1)} ...) in an export list",
                             path, line)
        name = self.expand(body, path, line)
        if ":" in name and "=" in name:      # $(var:a=b) substitution reference
            var, _, pat = name.partition(":")
            frm, _, to = pat.partition("=")
            if "%" not in frm:
                frm, to = "%" + frm, "%" + to
            return " ".join(_patsubst(frm, to, w) for w in self.words(var))
        return self.value(name)

    def _args(self, body: str, count: int, path: str, line: int) -> List[str]:
        """Split a function's arguments at top-level commas (the last takes the rest)."""
        parts, depth, start = [], 0, 0
        for k, ch in enumerate(body):
            if ch in "({":
                depth += 1
            elif ch in ")}":
                depth -= 1
            elif ch == "," and depth == 0 and len(parts) < count - 1:
                parts.append(body[start:k])
                start = k + 1
        parts.append(body[start:])
        return parts

    def _glob(self, pattern: str) -> List[str]:
        if any(c in pattern for c in "*?["):
            return sorted(p for p in glob.glob(pattern) if self._exists(p))
        return [pattern] if self._exists(pattern) else []


def _fn_wildcard(mk: Make, body: str, path: str, line: int) -> str:
    return " ".join(p for pat in mk.expand(body, path, line).split() for p in mk._glob(pat))


def _fn_if(mk: Make, body: str, path: str, line: int) -> str:
    args = mk._args(body, 3, path, line)
    cond = mk.expand(args[0], path, line).strip()
    if cond:
        return mk.expand(args[1], path, line) if len(args) > 1 else ""
    return mk.expand(args[2], path, line) if len(args) > 2 else ""


def _fn_foreach(mk: Make, body: str, path: str, line: int) -> str:
    args = mk._args(body, 3, path, line)
    if len(args) != 3:
        raise InputError("$(foreach) needs three arguments", path, line)
    var = mk.expand(args[0], path, line).strip()
    saved = mk.vars.get(var)
    out = []
    try:
        for w in mk.expand(args[1], path, line).split():
            mk.vars[var] = _Var([Word(w, path, line)], (path, line))
            out.append(mk.expand(args[2], path, line))
    finally:
        if saved is None:
            mk.vars.pop(var, None)
        else:
            mk.vars[var] = saved
    return " ".join(out)


def _two(mk: Make, body: str, path: str, line: int) -> Tuple[str, str]:
    args = mk._args(body, 2, path, line)
    if len(args) != 2:
        raise InputError("function needs two arguments", path, line)
    return mk.expand(args[0], path, line), mk.expand(args[1], path, line)


def _patsubst(frm: str, to: str, word: str) -> str:
    if "%" not in frm:
        return to if word == frm else word
    pre, _, post = frm.partition("%")
    if word.startswith(pre) and word.endswith(post) and len(word) >= len(pre) + len(post):
        stem = word[len(pre):len(word) - len(post)]
        return to.replace("%", stem, 1) if "%" in to else to
    return word


def _pattern_match(pat: str, word: str) -> bool:
    if "%" not in pat:
        return pat == word
    pre, _, post = pat.partition("%")
    return word.startswith(pre) and word.endswith(post) and len(word) >= len(pre) + len(post)


def _fn_filter(keep: bool):
    def fn(mk: Make, body: str, path: str, line: int) -> str:
        pats, text = _two(mk, body, path, line)
        pats = pats.split()
        return " ".join(w for w in text.split()
                        if any(_pattern_match(p, w) for p in pats) == keep)
    return fn


def _fn_patsubst(mk: Make, body: str, path: str, line: int) -> str:
    args = mk._args(body, 3, path, line)
    if len(args) != 3:
        raise InputError("$(patsubst) needs three arguments", path, line)
    frm, to = mk.expand(args[0], path, line).strip(), mk.expand(args[1], path, line).strip()
    return " ".join(_patsubst(frm, to, w) for w in mk.expand(args[2], path, line).split())


def _fn_subst(mk: Make, body: str, path: str, line: int) -> str:
    args = mk._args(body, 3, path, line)
    if len(args) != 3:
        raise InputError("$(subst) needs three arguments", path, line)
    frm, to, text = (mk.expand(a, path, line) for a in args)
    return text.replace(frm, to) if frm else text


def _words_fn(f: Callable[[List[str]], List[str]]):
    def fn(mk: Make, body: str, path: str, line: int) -> str:
        return " ".join(f(mk.expand(body, path, line).split()))
    return fn


def _fn_prefix(suffix: bool):
    def fn(mk: Make, body: str, path: str, line: int) -> str:
        fix, text = _two(mk, body, path, line)
        return " ".join((w + fix) if suffix else (fix + w) for w in text.split())
    return fn


def _fn_shell(mk: Make, body: str, path: str, line: int) -> str:
    if mk._shell is None:
        raise InputError("unsupported make function $(shell ...) in an export list", path, line)
    return mk._shell(mk.expand(body, path, line), path, line)


def _fn_message(kind: str):
    def fn(mk: Make, body: str, path: str, line: int) -> str:
        text = mk.expand(body, path, line)
        if kind == "error":
            raise InputError(f"$(error {text.strip()})", path, line)
        mk.messages.append((kind, text, path, line))
        return ""
    return fn


def _fn_call(mk: Make, body: str, path: str, line: int) -> str:
    args = [mk.expand(a, path, line) for a in mk._args(body, 1 << 16, path, line)]
    name = args[0].strip()
    overlay = {str(k): v for k, v in enumerate(args)}
    overlay["0"] = name
    var = mk.vars.get(name)
    if var is None:
        return ""
    if var.raw is None:
        return " ".join(w.text for w in var.words)
    saved = {n: mk.vars.get(n) for n in overlay}
    try:
        for n, v in overlay.items():
            mk.set_text(n, v)
        return mk._deferred(name, var)
    finally:
        for n, v in saved.items():
            if v is None:
                mk.vars.pop(n, None)
            else:
                mk.vars[n] = v


def _fn_or(mk: Make, body: str, path: str, line: int) -> str:
    for arg in mk._args(body, 1 << 16, path, line):
        value = mk.expand(arg, path, line).strip()
        if value:
            return value
    return ""


#: The make functions export lists may use.
FUNCTIONS: Dict[str, Callable[[Make, str, str, int], str]] = {
    "wildcard": _fn_wildcard,
    "if": _fn_if,
    "foreach": _fn_foreach,
    "filter": _fn_filter(True),
    "filter-out": _fn_filter(False),
    "patsubst": _fn_patsubst,
    "subst": _fn_subst,
    "addprefix": _fn_prefix(False),
    "addsuffix": _fn_prefix(True),
    "sort": _words_fn(lambda ws: sorted(set(ws))),
    "strip": _words_fn(lambda ws: ws),
    "notdir": _words_fn(lambda ws: [w.rsplit("/", 1)[-1] for w in ws]),
    "dir": _words_fn(lambda ws: [(w.rsplit("/", 1)[0] + "/") if "/" in w else "./" for w in ws]),
    "firstword": _words_fn(lambda ws: ws[:1]),
    "lastword": _words_fn(lambda ws: ws[-1:]),
    "words": _words_fn(lambda ws: [str(len(ws))]),
    "basename": _words_fn(lambda ws: [re.sub(r"\.[^./]*$", "", w) for w in ws]),
    "or": _fn_or,
    # answered only where a caller allows it (Make(shell=...), rules=True)
    "shell": _fn_shell,
    "call": _fn_call,
    "warning": _fn_message("warning"),
    "info": _fn_message("info"),
    "error": _fn_message("error"),
}


# -- lexing ------------------------------------------------------------------

def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _display(path: str) -> str:
    return path


def _logical_lines(data: bytes, path: str):
    """(first line number, text) of each logical line.  As in make, a
    backslash-newline and the blanks around it become one space."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("makefile is not UTF-8", path, data.count(b"\n", 0, exc.start) + 1) \
            from None
    start, acc = None, []
    for i, raw in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if start is None:
            start = i
        piece = raw.lstrip() if acc else raw
        if (len(piece) - len(piece.rstrip("\\"))) % 2:
            acc.append(piece[:-1].rstrip())
            continue
        acc.append(piece)
        yield start, " ".join(a for a in acc if a) if len(acc) > 1 else acc[0]
        start, acc = None, []
    if acc:
        yield start, " ".join(a for a in acc if a)


def _strip_comment(text: str) -> str:
    """Drop a ``#`` comment (``\\#`` is a literal ``#``)."""
    k = text.find("#")
    while k >= 0:
        if k == 0 or text[k - 1] != "\\":
            return text[:k].replace("\\#", "#")
        k = text.find("#", k + 1)
    return text.replace("\\#", "#")


def _matching(text: str, start: int, path: str, line: int) -> int:
    """Index of the bracket closing the one at ``start``."""
    opener = text[start]
    closer = ")" if opener == "(" else "}"
    depth = 0
    for k in range(start, len(text)):
        if text[k] == opener:
            depth += 1
        elif text[k] == closer:
            depth -= 1
            if depth == 0:
                return k
    raise InputError(f"unterminated variable reference: {text[start - 1:]}", path, line)


def _top_level_colon(text: str) -> int:
    """Index of the first ``:`` outside ``$(...)`` (-1 if none)."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == ":" and depth == 0:
            return k
    return -1


def _cond_args(rest: str, path: str, line: int) -> Tuple[str, str]:
    """The two arguments of ``ifeq (a,b)`` / ``ifeq "a" "b"`` / ``ifeq 'a' 'b'``."""
    rest = rest.strip()
    if rest.startswith("("):
        end = _matching(rest, 0, path, line)
        body = rest[1:end]
        depth = 0
        for k, ch in enumerate(body):
            if ch in "({":
                depth += 1
            elif ch in ")}":
                depth -= 1
            elif ch == "," and depth == 0:
                return body[:k], body[k + 1:]
        raise InputError(f"conditional without a comma: {rest}", path, line)
    m = re.match(r"""^(["'])(.*?)\1\s+(["'])(.*?)\3\s*$""", rest)
    if m:
        return m.group(2), m.group(4)
    raise InputError(f"malformed conditional: {rest}", path, line)


def glob_match(pattern: str, name: str) -> bool:
    """fnmatch with make's wildcard characters (used by callers' ``exists``)."""
    return fnmatch.fnmatchcase(name, pattern)
