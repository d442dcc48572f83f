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
(``fork w{i}``).  Parsing expands everything into a flat list of
:class:`Step` -- the form the compiled simulator reads (see docs/sim.md).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple, Union

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


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    requires: Tuple[Tuple[str, str], ...]
    settings: Tuple[Tuple[str, str], ...]
    steps: Tuple[Step, ...]

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
    src = _SUFFIX.sub(lambda mt: f"({mt.group(1)}*{ {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}[mt.group(2)] })",
                      text)
    src = re.sub(r"/+", "//", src)
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError:
        raise InputError(f"bad number or expression {text!r}", path, line) from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED) or (isinstance(node, ast.Constant)
                                              and not isinstance(node.value, int)):
            raise InputError(f"bad number or expression {text!r}", path, line)
        if isinstance(node, ast.Name) and node.id not in env:
            raise InputError(f"unknown variable {node.id!r} in {text!r}", path, line)
    try:
        value = eval(compile(tree, path, "eval"), {"__builtins__": {}}, dict(env))  # noqa: S307
    except ZeroDivisionError:
        raise InputError(f"division by zero in {text!r}", path, line) from None
    if value < 0:
        raise InputError(f"{text!r} is negative", path, line)
    return value


def _subst(word: str, env: Dict[str, int], path: str, line: int) -> str:
    return re.sub(r"\{([^}]*)\}", lambda mt: str(eval_int(mt.group(1), env, path, line)), word)


def parse(text: str, path: str = "<scenario>") -> Scenario:
    """Parse and flatten a scenario."""
    name = Path(path).stem
    lines = [(i + 1, raw.split("#", 1)[0].split()) for i, raw in enumerate(text.splitlines())]
    lines = [(n, w) for n, w in lines if w]
    title, requires, settings = name, [], []
    body: List[Tuple[int, List[str]]] = []
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
    steps: List[Step] = []
    pos = _expand(body, 0, {}, steps, Path(path).name, path, top=True)
    assert pos == len(body)
    return Scenario(name, title, tuple(requires), tuple(settings), tuple(steps))


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


def _block_end(body, pos: int, path: str) -> int:
    depth = 0
    for i in range(pos, len(body)):
        words = body[i][1]
        if words[-1] == "{":
            depth += 1
        elif words == ["}"]:
            depth -= 1
            if depth == 0:
                return i
    raise InputError("block not closed with '}'", path, body[pos][0])


def _expand(body, pos, env, out: List[Step], fname: str, path: str, top: bool = False) -> int:
    end = len(body) if top else _block_end(body, pos - 1, path)
    while pos < end:
        n, words = body[pos]
        if words == ["}"]:
            raise InputError("'}' without a block", path, n)
        if words[-1] == "{":
            close = _block_end(body, pos, path)
            head = words[:-1]
            if head in (["softirq"], ["hardirq"]):
                out.append(Step(f"{head[0]}_enter", (), f"{fname}:{n}"))
                _expand(body, pos + 1, env, out, fname, path)
                out.append(Step(f"{head[0]}_exit", (), f"{fname}:{body[close][0]}"))
            elif head and head[0] == "repeat" and len(head) in (2, 4) and (
                    len(head) == 2 or head[2] == "as"):
                var = head[3] if len(head) == 4 else "i"
                for k in range(eval_int(head[1], env, path, n)):
                    _expand(body, pos + 1, {**env, var: k}, out, fname, path)
            else:
                raise InputError(f"unknown block {' '.join(head)!r} (softirq, hardirq, "
                                 f"repeat N [as VAR])", path, n)
            pos = close + 1
            continue
        out.append(_step(words, env, f"{fname}:{n}", path, n))
        pos += 1
    return pos


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


def load(path: Path) -> Scenario:
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read scenario: {exc.strerror}", path) from None
    except UnicodeDecodeError:
        raise InputError("scenario is not UTF-8", path) from None
    return parse(text, str(path))
