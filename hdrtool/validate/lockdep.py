"""Replay a compiled simulator run into the Python lock validator.

The compiled runtime writes every lock event (``lock_acquire``,
``lock_release``) and every change of the CPU's irq state (``# lockdep OP``
comments: ``irq_disable``, ``irq_enable``, ``bh_disable``, ``bh_enable``,
``enter softirq|hardirq``, ``leave softirq|hardirq``) in the order it
happened.  Feeding them to :class:`hdrtool.sim.lockdep.Lockdep` checks the
locking of the *compiled* code with the same rules as the model's: the
generated header's pgd_lock must be irq-safe, whatever the model believes.

Each ``lock_acquire`` also carries the irq state the runtime computed; it
must be the validator's own, else the runtime and the validator disagree
(reported as a ``trace`` finding, never silently).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

from hdrtool.sim.lockdep import Lockdep


@dataclass(frozen=True)
class Replayed:
    kind: str
    lock: str
    headline: str
    step: str
    text: str


def _fields(line: str) -> dict:
    return dict(f.split("=", 1) for f in line.split(" ")[1:])


def _split_class(name: str) -> Tuple[str, int]:
    base, _, sub = name.rpartition("/")
    if base and sub.isdigit():
        return base, int(sub)
    return name, 0


def replay(lines: List[str], ident: str) -> List[Replayed]:
    """Lockdep reports for the lock events of a compiled run."""
    state = {"loc": "-", "op": "?", "task": ("swapper", 0)}
    ld = Lockdep(ident, lambda: (state["loc"], (state["op"],)), lambda: state["task"],
                 lambda: (state["loc"], state["op"]))
    tasks = _Tasks()
    saved: List[tuple] = []
    out: List[Replayed] = []
    step = "-"
    for line in lines:
        if line.startswith("# step "):
            step = line[len("# step "):]
            loc, _, rest = step.partition(" ")
            state["loc"], state["op"] = loc, rest.split(" ")[0]
            state["task"] = tasks.step(rest.split(" "))
        elif line.startswith("# lockdep "):
            op = line[len("# lockdep "):].split(" ")
            if op[0] == "enter":
                saved.append(ld.enter(op[1]))
            elif op[0] == "leave" and saved:
                ld.leave(op[1], saved.pop())
            elif op[0] in ("irq_disable", "irq_enable", "bh_disable", "bh_enable"):
                getattr(ld, op[0])()
        elif line.startswith("lock_acquire "):
            f = _fields(line)
            ctx = "hardirq" if ld.hardirq else "softirq" if ld.softirq else "task"
            mine = (ctx, str(int(ld.hardirqs_on)), str(int(ld.softirqs_on)))
            if (f.get("ctx"), f.get("hardirqs"), f.get("softirqs")) != mine:
                out.append(Replayed("trace", f.get("class", "?"), "irq state disagrees", step,
                                    f"{line}\nvalidator: ctx={mine[0]} hardirqs={mine[1]} "
                                    f"softirqs={mine[2]}"))
            name, sub = _split_class(f["class"])
            ld.acquire(name, subclass=sub)
        elif line.startswith("lock_release "):
            name, sub = _split_class(_fields(line)["class"])
            ld.release(name, sub)
        while len(out) - _extra(out) < len(ld.reports):
            r = ld.reports[len(out) - _extra(out)]
            out.append(Replayed(r.kind, r.lock, r.headline.strip(), step, r.text))
    return out


class _Tasks:
    """comm and pid of the current task, as the model's runner numbers them
    (for the report texts only)."""

    def __init__(self):
        self.pids = {}
        self.next_pid = 1
        self.current = ("swapper", 0)

    def step(self, words: List[str]) -> Tuple[str, int]:
        op, args = words[0], words[1:]
        if op == "task" and args:
            pid = int(args[1], 0) if len(args) > 1 else self.next_pid
            self.next_pid = max(self.next_pid, pid) + 1
            self.pids[args[0]] = pid
            self.current = (args[0], pid)
        elif op == "fork" and args:
            self.pids[args[0]] = self.next_pid
            self.next_pid += 1
        elif op == "switch" and args and args[0] in self.pids:
            self.current = (args[0], self.pids[args[0]])
        elif op == "exit":
            self.pids.pop(self.current[0], None)
            self.current = ("swapper", 0)
        return self.current


def _extra(out: List[Replayed]) -> int:
    return sum(1 for r in out if r.kind == "trace")
