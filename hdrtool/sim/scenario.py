"""Scenario files: a small line format, parsed and flattened into steps.

One statement per line, ``#`` starts a comment::

    title Seed: pgd_lock taken with plain spin_lock in mm_init
    requires pgd_list                 # skip variants without it
    set pgd_lock=spin_lock
    task swapper 1
    softirq {
        sync_pgds
    }
    exec

Blocks: ``softirq { ... }``, ``hardirq { ... }`` and ``repeat N [as VAR]
{ ... }``.  Arguments are integer expressions (``0x400000+i*2M``: decimal,
hex, K/M/G suffixes, ``+ - * / % << >>``, parentheses and the repeat
variables) or words, where ``{expr}`` is replaced by its value
(``fork w{i}``).  The flat list of :class:`Step` -- the form the compiled
simulator reads (see docs/sim.md) -- is streamed by
:meth:`Scenario.iter_steps`, never held in memory whole.  Parsing checks
every line (each repeat body once, with its variable at 0) and counts the
steps the scenario expands to, exactly and without expanding: more than
``max_steps`` (default :data:`MAX_STEPS`, ``MAX_STEPS=`` on the command
line) is an error naming the line that goes over.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple, Union

from hdrtool.core.errors import InputError

Arg = Union[int, str]

# op -> argument kinds: 'n' integer, 'n?' optional integer, 'w' word,
# 'w?' optional word, 'f' optional flag word (must equal the given text).
OPS: Dict[str, Tuple[str, ...]] = {
    "task": ("w", "n?"), "exec": (), "fork": ("w",), "switch": ("w",), "exit": (),
    "map": ("n", "n?"), "unmap": ("n", "n?"), "fault": ("n", "w?"), "apply": ("n", "n?"),
    "peek": ("n", "w?"), "enable_sie": (), "sync_pgds": (),
    "vmap": ("n", "n", "w?"), "vunmap": ("n", "n"),
    "irq_disable": (), "irq_enable": (), "bh_disable": (), "bh_enable": (),
    "softirq_enter": (), "softirq_exit": (), "hardirq_enter": (), "hardirq_exit": (),
    "lock": ("w", "n?"), "unlock": ("w", "n?"), "fail_alloc": ("n",), "check": (),
}
FLAGS = {"fault": "race", "peek": "kmap", "vmap": "race"}
SETTINGS = {"pgd_lock": ("spin_lock", "spin_lock_irqsave"), "noexec": ("0", "1"),
            "pgste": ("0", "1")}
#: The most steps a scenario may expand to unless told otherwise.
MAX_STEPS = 1_000_000

REQUIRE_KEYS = ("arch", "variant", "bits", "pgtable_t", "pgd_list", "highpte", "pgste",
                "noexec_shadow")


@dataclass(frozen=True)
class Step:
    op: str
    args: Tuple[Arg, ...]
    loc: str          # file:line

    def render(self) -> str:
        words = [self.op] + [f"{a:#x}" if isinstance(a, int) else a for a in self.args]
        return " ".join(words)


Body = Tuple[Tuple[int, Tuple[str, ...]], ...]     # (line number, words) of the step lines


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    requires: Tuple[Tuple[str, str], ...]
    settings: Tuple[Tuple[str, str], ...]
    body: Body
    path: str
    count: int         # how many steps iter_steps() yields

    def iter_steps(self) -> Iterator[Step]:
        """The flattened steps, one at a time."""
        return _expand(self.body, 0, len(self.body), {}, Path(self.path).name, self.path)

    def scaled(self, k: int) -> "Scenario":
        """The scenario run ``k`` times over (benchmarks): its body inside a
        ``repeat k`` block, counted, not copied."""
        first = self.body[0][0] if self.body else 1
        body = ((first, ("repeat", str(k), "as", "_scale", "{")),) + self.body + (
            (self.body[-1][0] if self.body else 1, ("}",)),)
        return Scenario(self.name, self.title, self.requires, self.settings, body, self.path,
                        self.count * k)

    @property
    def steps(self) -> Tuple[Step, ...]:
        """All steps at once (small scenarios and tests; runs stream)."""
        return tuple(self.iter_steps())

    def applies_to(self, features: Dict[str, str]) -> bool:
        return all(features.get(k) == v for k, v in self.requires)

    def missing(self, features: Dict[str, str]) -> List[str]:
        return [f"{k}={v}" for k, v in self.requires if features.get(k) != v]


_SUFFIX = re.compile(r"\b(\d+|0x[0-9a-fA-F]+)([KMG])\b")
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load,
            ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Div, ast.Mod, ast.LShift,
            ast.RShift, ast.USub, ast.UAdd)


def eval_int(text: str, env: Dict[str, int], path: str, line: int) -> int:
    """Evaluate an integer expression (no calls, no attributes)."""
    code, names = _compiled(text)
    if code is None:
        raise InputError(f"bad number or expression {text!r}", path, line)
    for name in names:
        if name not in env:
            raise InputError(f"unknown variable {name!r} in {text!r}", path, line)
    try:
        value = eval(code, {"__builtins__": {}}, env)  # noqa: S307
    except ZeroDivisionError:
        raise InputError(f"division by zero in {text!r}", path, line) from None
    if value < 0:
        raise InputError(f"{text!r} is negative", path, line)
    return value


@functools.lru_cache(maxsize=4096)
def _compiled(text: str):
    """(code, variable names) of an expression, or (None, ()) if it is not
    one we evaluate; a scenario's expressions repeat, so each is checked
    and compiled once."""
    src = _SUFFIX.sub(lambda mt: f"({mt.group(1)}*{ {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}[mt.group(2)] })",
                      text)
    src = re.sub(r"/+", "//", src)
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError:
        return None, ()
    names = []
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED) or (isinstance(node, ast.Constant)
                                              and not isinstance(node.value, int)):
            return None, ()
        if isinstance(node, ast.Name) and node.id not in names:
            names.append(node.id)
    return compile(tree, "<expr>", "eval"), tuple(names)


def _subst(word: str, env: Dict[str, int], path: str, line: int) -> str:
    return re.sub(r"\{([^}]*)\}", lambda mt: str(eval_int(mt.group(1), env, path, line)), word)


def parse(text: str, path: str = "<scenario>", max_steps: Optional[int] = None) -> Scenario:
    """Parse and check a scenario; its steps are counted, not expanded."""
    name = Path(path).stem
    lines = [(i + 1, tuple(raw.split("#", 1)[0].split())) for i, raw in enumerate(text.splitlines())]
    lines = [(n, w) for n, w in lines if w]
    title, requires, settings = name, [], []
    body: List[Tuple[int, Tuple[str, ...]]] = []
    for n, words in lines:
        head = words[0]
        if head == "title":
            title = " ".join(words[1:])
        elif head == "requires":
            requires += [_require(w, path, n) for w in words[1:]]
        elif head == "set":
            settings += [_setting(w, path, n) for w in words[1:]]
        else:
            body.append((n, words))
    limit = MAX_STEPS if max_steps is None else max_steps
    counter = _Counter(tuple(body), path, limit)
    count = counter.count(0, len(body), {}, top=True)
    return Scenario(name, title, tuple(requires), tuple(settings), tuple(body), path, count)


def _require(word: str, path: str, line: int) -> Tuple[str, str]:
    key, _, value = word.partition("=")
    if key not in REQUIRE_KEYS:
        raise InputError(f"unknown requirement {key!r} (known: {', '.join(REQUIRE_KEYS)})", path, line)
    return key, value or "1"


def _setting(word: str, path: str, line: int) -> Tuple[str, str]:
    key, _, value = word.partition("=")
    if key not in SETTINGS or value not in SETTINGS[key]:
        raise InputError(f"bad setting {word!r} (known: " + ", ".join(
            f"{k}={'|'.join(v)}" for k, v in SETTINGS.items()) + ")", path, line)
    return key, value


def _block_end(body: Body, pos: int, path: str) -> int:
    depth = 0
    for i in range(pos, len(body)):
        words = body[i][1]
        if words[-1] == "{":
            depth += 1
        elif words == ("}",):
            depth -= 1
            if depth == 0:
                return i
    raise InputError("block not closed with '}'", path, body[pos][0])


def _block(body: Body, pos: int, path: str) -> Tuple[Tuple[str, ...], int, int]:
    """(kind and arguments, line, index of the closing brace) of the block
    opened at ``pos``; kind is softirq, hardirq or repeat."""
    n, words = body[pos]
    close = _block_end(body, pos, path)
    head = words[:-1]
    if head in (("softirq",), ("hardirq",)):
        return head, n, close
    if head and head[0] == "repeat" and len(head) in (2, 4) and (len(head) == 2 or head[2] == "as"):
        return head, n, close
    raise InputError(f"unknown block {' '.join(head)!r} (softirq, hardirq, repeat N [as VAR])",
                     path, n)


class _Counter:
    """Checks every line and counts the steps exactly, multiplying a repeat
    count by its body's count instead of expanding it; a body whose own
    repeat counts use the variable is counted once per value, which costs
    work bounded by the same limit."""

    def __init__(self, body: Body, path: str, limit: int):
        self.body, self.path, self.limit = body, path, limit
        self.fname = Path(path).name
        self.work = 0

    def over(self, line: int, what: str) -> InputError:
        return InputError(f"{what} more than {self.limit} steps (raise the limit with "
                          f"MAX_STEPS=N)", self.path, line)

    def count(self, pos: int, end: int, env: Dict[str, int], top: bool = False) -> int:
        body, total = self.body, 0
        while pos < end:
            n, words = body[pos]
            if words == ("}",):
                raise InputError("'}' without a block", self.path, n)
            if words[-1] == "{":
                head, line, close = _block(body, pos, self.path)
                if head[0] == "repeat":
                    times = eval_int(head[1], env, self.path, line)
                    var = head[3] if len(head) == 4 else "i"
                    total += self.repeat(pos + 1, close, env, var, times, line)
                else:
                    total += 2 + self.count(pos + 1, close, env)
                pos = close + 1
            else:
                _step(list(words), env, "", self.path, n)
                total += 1
                pos += 1
            if total > self.limit:
                raise self.over(n, f"with line {n} the scenario expands to" if top else
                                f"the block at line {n} expands to")
        return total

    def repeat(self, pos: int, end: int, env, var: str, times: int, line: int) -> int:
        if times == 0:
            return 0
        uses = any(re.search(rf"\b{re.escape(var)}\b", w) for _, words in self.body[pos:end]
                   if words[0] == "repeat" and words[-1] == "{" for w in words[1:2])
        if not uses:
            once = self.count(pos, end, {**env, var: 0})
            total = once * times
        else:
            total = 0
            for k in range(times):
                self.work += 1
                if self.work > self.limit:
                    raise self.over(line, f"repeat {times} at line {line} expands to")
                total += self.count(pos, end, {**env, var: k})
                if total > self.limit:
                    break
        if total > self.limit:
            raise self.over(line, f"repeat {times} at line {line} expands to")
        return total


def _expand(body: Body, pos: int, end: int, env: Dict[str, int], fname: str,
            path: str) -> Iterator[Step]:
    while pos < end:
        n, words = body[pos]
        if words[-1] == "{":
            head, line, close = _block(body, pos, path)
            if head[0] == "repeat":
                var = head[3] if len(head) == 4 else "i"
                for k in range(eval_int(head[1], env, path, n)):
                    yield from _expand(body, pos + 1, close, {**env, var: k}, fname, path)
            else:
                yield Step(f"{head[0]}_enter", (), f"{fname}:{n}")
                yield from _expand(body, pos + 1, close, env, fname, path)
                yield Step(f"{head[0]}_exit", (), f"{fname}:{body[close][0]}")
            pos = close + 1
            continue
        yield _step(list(words), env, f"{fname}:{n}", path, n)
        pos += 1


def _step(words: List[str], env, loc: str, path: str, line: int) -> Step:
    if words == ["mm", "new"]:          # the spelling of exec
        words = ["exec"]
    op, raw = words[0], words[1:]
    kinds = OPS.get(op)
    if kinds is None:
        import difflib
        hint = difflib.get_close_matches(op, OPS, n=1)
        raise InputError(f"unknown step {op!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""),
                         path, line)
    required = sum(1 for k in kinds if not k.endswith("?"))
    if not required <= len(raw) <= len(kinds):
        raise InputError(f"{op}: expected {required}..{len(kinds)} arguments, got {len(raw)}", path, line)
    args: List[Arg] = []
    for kind, word in zip(kinds, raw):
        if kind.startswith("n"):
            args.append(eval_int(word, env, path, line))
        else:
            word = _subst(word, env, path, line)
            if op in FLAGS and word != FLAGS[op]:
                raise InputError(f"{op}: unknown flag {word!r} (only {FLAGS[op]!r})", path, line)
            args.append(word)
    return Step(op, tuple(args), loc)


def load(path: Path, max_steps: Optional[int] = None) -> Scenario:
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read scenario: {exc.strerror}", path) from None
    except UnicodeDecodeError:
        raise InputError("scenario is not UTF-8", path) from None
    return parse(text, str(path), max_steps)
