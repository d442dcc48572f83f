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
(reported as a ``trace`` finding, never silently).  It is preceded by a
``# chain`` line: the call chain of the C functions that took the lock, kept
by gcc's ``-finstrument-functions`` hooks as offsets from ``main``;
:func:`symbols` names them from the binary's own symbol table (``nm``), and
each report carries the chain of the acquisition that made it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from hdrtool.core.errors import HdrError

from hdrtool.sim import Lockdep, model_chain  # noqa: F401 (validate.run uses it from here)


@dataclass(frozen=True)
class Replayed:
    kind: str
    lock: str
    headline: str
    step: str
    text: str
    chain: Tuple[str, ...] = ()     # C functions, innermost first (symbolised)


def symbols(exe: Path, nm: str = "nm") -> Callable[[int], str]:
    """Name a ``# chain`` offset (from main) by the binary's own symbols."""
    try:
        r = subprocess.run([nm, "--defined-only", str(exe)], capture_output=True, text=True)
    except OSError as exc:
        raise HdrError(f"cannot run {nm!r} to symbolise the call chains: {exc.strerror}") from None
    if r.returncode:
        raise HdrError(f"{nm} {exe}: {r.stderr.strip()}")
    table: Dict[int, str] = {}
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            table.setdefault(int(parts[0], 16), parts[2])
    base = next((a for a, n in table.items() if n == "main"), None)
    if base is None:
        raise HdrError(f"{exe}: no symbol main to anchor the call chains")
    return lambda off: table.get(base + off, f"main{off:+#x}")


def kernel_frames(frames: Tuple[str, ...], stop: Tuple[str, ...]) -> Tuple[str, ...]:
    """The frames inside the kernel code: innermost first, up to the first of
    ``stop`` (the driver's step function, or the model's step op)."""
    out = []
    for f in frames:
        if f in stop:
            break
        out.append(f)
    return tuple(out)


def _fields(line: str) -> dict:
    return dict(f.split("=", 1) for f in line.split(" ")[1:])


def _split_class(name: str) -> Tuple[str, int]:
    base, _, sub = name.rpartition("/")
    if base and sub.isdigit():
        return base, int(sub)
    return name, 0


def replay(lines: List[str], ident: str,
           name: Optional[Callable[[int], str]] = None) -> List[Replayed]:
    """Lockdep reports for the lock events of a compiled run; with ``name``
    (:func:`symbols`), each with the symbolised chain of its acquisition."""
    namer = name
    state = {"loc": "-", "op": "?", "task": ("swapper", 0), "chain": ()}
    ld = Lockdep(ident, lambda: (state["loc"], state["chain"] or (state["op"],)),
                 lambda: state["task"],
                 lambda: (state["loc"], (state["chain"] or (state["op"],))[0]))
    tasks = _Tasks()
    saved: List[tuple] = []
    out: List[Replayed] = []
    traced = 0              # entries of out that are not the validator's reports
    chains: Dict[str, Tuple[str, ...]] = {}   # a run repeats a few chains many times
    fields: Dict[str, dict] = {}
    step = "-"
    for line in lines:
        if line.startswith("# chain"):
            if namer is not None:
                chain = chains.get(line)
                if chain is None:
                    chain = chains[line] = tuple(namer(int(w)) for w in line.split()[2:])
                state["chain"] = chain
            continue
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
            f = fields.get(line)
            if f is None:
                f = fields[line] = _fields(line)
            ctx = "hardirq" if ld.hardirq else "softirq" if ld.softirq else "task"
            mine = (ctx, str(int(ld.hardirqs_on)), str(int(ld.softirqs_on)))
            if (f.get("ctx"), f.get("hardirqs"), f.get("softirqs")) != mine:
                out.append(Replayed("trace", f.get("class", "?"), "irq state disagrees", step,
                                    f"{line}\nvalidator: ctx={mine[0]} hardirqs={mine[1]} "
                                    f"softirqs={mine[2]}"))
                traced += 1
            name, sub = _split_class(f["class"])
            ld.acquire(name, subclass=sub)
        elif line.startswith("lock_release "):
            f = fields.get(line)
            if f is None:
                f = fields[line] = _fields(line)
            name, sub = _split_class(f["class"])
            ld.release(name, sub)
        while len(out) - traced < len(ld.reports):
            r = ld.reports[len(out) - traced]
            out.append(Replayed(r.kind, r.lock, r.headline.strip(), step, r.text,
                                state["chain"] if line.startswith("lock_acquire ") else ()))
        if line.startswith("lock_acquire "):
            state["chain"] = ()
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
