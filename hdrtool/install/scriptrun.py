"""Running a rewrite program: sed's and perl's semantics on bytes.

The rules come from :mod:`hdrtool.install.scriptrules`; here is how they run.

* sed: each line without its newline (a CRLF line keeps its ``\\r``), the C
  locale, a missing final newline stays missing (GNU sed), ``/re/d``
  removes the line.  With no ``N``/``D``/branch commands sed's state is one
  line, so each rule runs over the whole buffer at once (no pattern can
  match a newline, see :mod:`hdrtool.install.scriptre`), and only over the lines
  that hold one of its necessary literals.  Exact, and fast.
* perl: ``while (<IN>) { $line =~ s///; ...; print }`` -- each line *with*
  its newline, so ``\\s`` can eat it and the output line joins the next.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Sequence, Tuple, Union

Piece = Union[bytes, int]            # literal text, or a group number (0: the match)


class Rule(NamedTuple):
    """One command: ``s`` (substitute) or ``d`` (delete matching lines)."""

    kind: str
    text: bytes                       # as written, for messages and the fast-path signature
    regex: "re.Pattern[bytes]"
    template: bytes                   # Python replacement template
    nth: int                          # replace the nth match (1: the first)
    glob: bool                        # and every later one (flag g)
    needles: Optional[Tuple[bytes, ...]]
    nullable: bool
    line: Optional[int]


def _present(rule: Rule, data: bytes) -> bool:
    return rule.needles is None or any(n in data for n in rule.needles)


def run_sed(rules: Sequence[Rule], data: bytes) -> bytes:
    if not data:
        return data
    # body: the lines joined by "\n"; nl: the last line had a newline
    nl = data.endswith(b"\n")
    body: Optional[bytes] = data[:-1] if nl else data
    for rule in rules:
        if body is None:
            break
        if not _present(rule, body):
            continue
        if rule.kind == "d":
            body, nl = _delete(rule.regex, body, nl)
        elif rule.nullable:
            body = b"\n".join(_sub_line(rule, ln) for ln in body.split(b"\n"))
        elif rule.glob and rule.nth == 1:
            body = _sub_hit_lines(rule, body, _sub_all)
        else:
            body = _sub_hit_lines(rule, body, _sub_counted)
    if body is None:
        return b""
    return body + b"\n" if nl else body


def _sub_all(rule: Rule, text: bytes) -> bytes:
    return rule.regex.sub(rule.template, text)


def hit_lines(needles: Sequence[bytes], data: bytes) -> list:
    """Sorted start offsets of the lines of ``data`` holding a needle (none
    holds a newline).  ``bytes.find`` per needle, a line at a time: several
    times faster than one regex alternation of the needles."""
    starts = set()
    for n in needles:
        i = data.find(n)
        while i >= 0:
            starts.add(data.rfind(b"\n", 0, i) + 1)
            e = data.find(b"\n", i + len(n))
            if e < 0:
                break
            i = data.find(n, e + 1)
    return sorted(starts)


def _sub_hit_lines(rule: Rule, body: bytes, sub) -> bytes:
    """``sub(rule, line)`` on just the lines holding a needle: no match
    crosses a line and ``^``/``$`` are line anchors, so this is ``sub`` over
    the whole buffer, but the pattern scans a few lines instead of the file."""
    if rule.needles is None:
        return sub(rule, body)
    out, pos = [], 0
    for start in hit_lines(rule.needles, body):
        end = body.find(b"\n", start)
        end = len(body) if end < 0 else end
        out += (body[pos:start], sub(rule, body[start:end]))
        pos = end
    if not out:
        return body
    out.append(body[pos:])
    return b"".join(out)


def _delete(rx: "re.Pattern[bytes]", body: bytes, nl: bool):
    out, pos, n = [], 0, len(body)
    for m in rx.finditer(body):
        if m.start() < pos:
            continue                              # same line as a previous hit
        start = body.rfind(b"\n", 0, m.start()) + 1
        end = body.find(b"\n", m.end())
        out.append(body[pos:start])
        pos = n + 1 if end < 0 else end + 1
    if not out:
        return body, nl
    if pos <= n:
        out.append(body[pos:])
        return b"".join(out), nl
    kept = b"".join(out)                          # the last line went
    return (kept[:-1], True) if kept else (None, nl)


def _sub_counted(rule: Rule, body: bytes) -> bytes:
    """``s///N`` and ``s///Ng`` (and plain ``s///``): count matches per line."""
    state = [-1, 0]                               # line start of the last match, count

    def repl(m):
        start = body.rfind(b"\n", 0, m.start()) + 1
        if start != state[0]:
            state[:] = [start, 0]
        state[1] += 1
        k = state[1]
        if k == rule.nth or (rule.glob and k > rule.nth):
            return m.expand(rule.template)
        return m.group()
    return rule.regex.sub(repl, body)


def _sub_line(rule: Rule, line: bytes) -> bytes:
    """One line, GNU sed's loop: an empty match right after a match is skipped."""
    out, pos, k, last_end = [], 0, 0, -1
    while pos <= len(line):
        m = rule.regex.search(line, pos)
        if m is None:
            break
        s, e = m.span()
        if s == e == last_end:
            if s < len(line):
                out.append(line[s:s + 1])
            pos = s + 1
            continue
        k += 1
        out.append(line[pos:s])
        take = k == rule.nth or (rule.glob and k > rule.nth)
        out.append(m.expand(rule.template) if take else m.group())
        pos, last_end = e, e
        if not rule.glob and k >= rule.nth:
            break
        if s == e:
            if s < len(line):
                out.append(line[s:s + 1])
            pos = s + 1
    out.append(line[pos:])
    return b"".join(out)


_ANY_LINE = re.compile(rb"[^\n]*\n|[^\n]+")


def run_perl(rules: Sequence[Rule], data: bytes) -> bytes:
    """Each line with its newline through every rule in order; only lines
    holding a needle of some rule can change (by induction over the rules)."""
    needles = _perl_needles(rules)
    if needles is None:
        return b"".join(_perl_line(rules, ln) for ln in _ANY_LINE.findall(data))
    out, pos = [], 0
    for start in hit_lines(needles, data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        out += (data[pos:start], _perl_line(rules, data[start:end]))
        pos = end
    if not out:
        return data
    out.append(data[pos:])
    return b"".join(out)


def _perl_needles(rules: Sequence[Rule]) -> Optional[Tuple[bytes, ...]]:
    if any(r.needles is None for r in rules):
        return None
    return tuple(sorted({n for r in rules for n in r.needles}))


def _perl_line(rules: Sequence[Rule], line: bytes) -> bytes:
    for r in rules:
        for n in r.needles or (b"",):
            if n in line:
                line = r.regex.sub(r.template, line, count=0 if r.glob else 1)
                break
    return line
