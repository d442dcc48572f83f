"""A lock validator with lockdep's rules and report texts (our own code).

Locks belong to classes (a name such as ``pgd_lock`` or
``&mm->page_table_lock``; a nesting subclass n is the class ``name/n``).
The validator watches one simulated CPU:

* irq state: hardirq / softirq context depth, whether hardirqs and softirqs
  are enabled, and an event stamp with the place of the last enable and
  disable of each (what lockdep prints as "irq event stamp");
* per class a usage mask of eight bits -- used in hardirq / softirq, taken
  with hardirqs / softirqs enabled, each for write and read -- together with
  the stack that first set each bit;
* the held-lock stack, and the graph of "B was taken while A was held"
  edges, each with the stack of its first occurrence.

The rules, as lockdep applies them (kernel/locking/lockdep.c, read for its
behaviour):

* a usage bit that contradicts another one of the same class (used in
  softirq context and also taken with softirqs enabled) is an *inconsistent
  lock state*;
* a class that becomes irq-safe (used in hardirq/softirq) while it already
  reaches, through the dependency graph, a class that is irq-unsafe for the
  same irq (taken with those irqs enabled) -- or a class that becomes
  irq-unsafe while an irq-safe class already reaches it -- is a *possible
  irq lock inversion dependency*;
* a new edge A -> B such that an irq-safe class reaches A (A included) and
  B reaches an irq-unsafe class for the same irq (B included) is an
  *X-safe -> X-unsafe lock order*;
* a new edge A -> B where B already reaches A is a *possible circular
  dependency* (the report shows the whole existing chain);
* releasing a lock that is not held is a *bad unlock balance*; taking a held
  class again without a nesting subclass is *possible recursive locking*.

Read acquisitions set the read variants of the bits.  Against one class a
read in irq context conflicts only with a write taken with irqs on (and the
mirror image); across the graph both kinds count, as in lockdep's
exclusive_mask().  The model's readers are not recursive readers: every
edge counts (lockdep's recursive-read "strong path" refinement for rwlock_t
readers is not modelled; no scenario or compiled lock takes a read lock).
Like the kernel, the validator switches itself off after its first report.

Reports use the headlines of Linux 2.6.24, whose output the seed notes quote
(``[ INFO: inconsistent lock state ]``, lower-case usage names such as
``{in-softirq-W}``, the four-character usage string ``{-+..}``), plus the
"Possible unsafe locking scenario" diagrams later kernels added.  The two
irq-dependency reports use the wording lockdep has had since its usage
states were generated from lockdep_states.h (2.6.30; 2.6.24 said
"hard-safe"): ``[ INFO: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected ]``
and ``[ INFO: possible irq lock inversion dependency detected ]``, with the
irq class ``HARDIRQ``, ``SOFTIRQ`` or ``HARDIRQ-READ``/``SOFTIRQ-READ``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

# Usage bits.  Write bits in the low nibble, the read variants << 4.
USED_IN_HARDIRQ, USED_IN_SOFTIRQ, ENABLED_HARDIRQS, ENABLED_SOFTIRQS = 1, 2, 4, 8
READ = 4  # shift from a write bit to its read variant

USAGE_STR = {
    USED_IN_HARDIRQ: "in-hardirq-W", USED_IN_SOFTIRQ: "in-softirq-W",
    ENABLED_HARDIRQS: "hardirq-on-W", ENABLED_SOFTIRQS: "softirq-on-W",
    USED_IN_HARDIRQ << READ: "in-hardirq-R", USED_IN_SOFTIRQ << READ: "in-softirq-R",
    ENABLED_HARDIRQS << READ: "hardirq-on-R", ENABLED_SOFTIRQS << READ: "softirq-on-R",
}

# Which earlier bits a newly set bit contradicts, in the order lockdep checks
# them: irq-safe write against irq-enabled write or read, irq-safe read only
# against irq-enabled write, and the mirror images.
_W, _R = 0, READ
CONFLICTS = {
    USED_IN_HARDIRQ: (ENABLED_HARDIRQS, ENABLED_HARDIRQS << _R),
    USED_IN_SOFTIRQ: (ENABLED_SOFTIRQS, ENABLED_SOFTIRQS << _R),
    USED_IN_HARDIRQ << _R: (ENABLED_HARDIRQS,),
    USED_IN_SOFTIRQ << _R: (ENABLED_SOFTIRQS,),
    ENABLED_HARDIRQS: (USED_IN_HARDIRQ, USED_IN_HARDIRQ << _R),
    ENABLED_SOFTIRQS: (USED_IN_SOFTIRQ, USED_IN_SOFTIRQ << _R),
    ENABLED_HARDIRQS << _R: (USED_IN_HARDIRQ,),
    ENABLED_SOFTIRQS << _R: (USED_IN_SOFTIRQ,),
}

Stack = Tuple[str, Tuple[str, ...]]   # (scenario location, frames innermost first)

REPORT_KINDS = ("inconsistent-lock-state", "irq-lock-inversion", "irq-safe-unsafe-order",
                "circular-dependency", "bad-unlock-balance", "recursive-locking")

USED_IN_ALL = (USED_IN_HARDIRQ | USED_IN_SOFTIRQ) * 0x11
ENABLED_ALL = (ENABLED_HARDIRQS | ENABLED_SOFTIRQS) * 0x11
# the irqs, each with its used-in and enabled write bits, and its name
IRQS = ((USED_IN_HARDIRQ, ENABLED_HARDIRQS, "HARDIRQ"),
        (USED_IN_SOFTIRQ, ENABLED_SOFTIRQS, "SOFTIRQ"))
# bit order of lockdep's for_each_set_bit over a usage mask: per irq,
# used-in write, used-in read, enabled write, enabled read
_KERNEL_ORDER = tuple(b for used, en, _ in IRQS for b in (used, used << READ, en, en << READ))


def _both(mask: int) -> int:
    """A mask with the read and the write variant of each bit it has."""
    write = (mask | mask >> READ) & 0xF
    return write | write << READ


def exclusive(mask: int) -> int:
    """The bits (read or write) a set of usage bits is exclusive with across
    a dependency: used-in X against enabled X and back."""
    out = 0
    for used, en, _ in IRQS:
        if mask & _both(used):
            out |= _both(en)
        if mask & _both(en):
            out |= _both(used)
    return out


def state_name(bit: int) -> str:
    """HARDIRQ, SOFTIRQ, HARDIRQ-READ, SOFTIRQ-READ."""
    read = bit > 0xF
    write = bit >> READ if read else bit
    name = "HARDIRQ" if write & (USED_IN_HARDIRQ | ENABLED_HARDIRQS) else "SOFTIRQ"
    return name + ("-READ" if read else "")


def usage_chars(mask: int) -> str:
    """The ``{-+..}`` string: hardirq, softirq, hardirq-read, softirq-read;
    '+' used in that irq, '-' taken with it enabled, '?' both (read only)."""
    out = []
    for used, enabled in ((USED_IN_HARDIRQ, ENABLED_HARDIRQS), (USED_IN_SOFTIRQ, ENABLED_SOFTIRQS)):
        out.append("+" if mask & used else "-" if mask & enabled else ".")
    for used, enabled in ((USED_IN_HARDIRQ, ENABLED_HARDIRQS), (USED_IN_SOFTIRQ, ENABLED_SOFTIRQS)):
        u, e = mask & (used << READ), mask & (enabled << READ)
        out.append("?" if u and e else "+" if u else "-" if e else ".")
    return "{" + "".join(out) + "}"


class LockClass:
    __slots__ = ("name", "usage", "usage_at", "after", "before")

    def __init__(self, name: str):
        self.name = name
        self.usage = 0
        self.usage_at: Dict[int, Stack] = {}
        self.after: Dict[str, Stack] = {}   # class name -> stack of first acquisition
        self.before: Dict[str, Stack] = {}  # the same edges, seen from their end


class Held:
    """A held lock: its class, read or write, irq context, and where it was
    taken (scenario location and innermost frame; the full stack is only
    captured when a usage bit or a dependency is recorded)."""

    __slots__ = ("cls", "read", "ctx", "loc", "func")

    def __init__(self, cls: LockClass, read: bool, ctx: int, loc: str, func: str):
        self.cls, self.read, self.ctx, self.loc, self.func = cls, read, ctx, loc, func

    @property
    def at(self) -> Stack:
        return (self.loc, (self.func,))


@dataclass(frozen=True)
class Report:
    """One lockdep report: a stable ``kind`` and the full text."""

    kind: str          # inconsistent-lock-state | irq-lock-inversion | irq-safe-unsafe-order |
                       # circular-dependency | bad-unlock-balance | recursive-locking
    lock: str
    summary: str       # one line for the findings list
    text: str

    @property
    def headline(self) -> str:
        return self.text.splitlines()[1]


class Lockdep:
    """The validator for one simulated CPU.  ``where()`` returns the current
    :data:`Stack`; ``here()`` the current (location, innermost frame);
    ``task()`` the current (comm, pid)."""

    def __init__(self, ident: str, where, task, here=None):
        self.ident = ident
        self.where = where
        self.here = here or (lambda: (where()[0], where()[1][0]))
        self.task = task
        self.classes: Dict[str, LockClass] = {}
        self.held: List[Held] = []
        self.reports: List[Report] = []
        self.off = False
        # irq state of the CPU
        self.hardirq = 0            # hardirq context depth
        self.softirq = 0            # softirq context depth (serving softirqs)
        self.hardirqs_on = True
        self.bh_count = 0           # softirqs disabled depth (incl. serving)
        self.stamp = 0
        self.events: Dict[str, Tuple[int, Optional[Stack]]] = {
            k: (0, None) for k in ("hardirqs last enabled", "hardirqs last disabled",
                                   "softirqs last enabled", "softirqs last disabled")}

    # -- irq state -----------------------------------------------------
    def _event(self, key: str) -> None:
        self.stamp += 1
        self.events[key] = (self.stamp, self.where())

    def irq_disable(self) -> bool:
        """local_irq_save: returns the previous state for irq_restore."""
        was = self.hardirqs_on
        if was:
            self.hardirqs_on = False
            self._event("hardirqs last disabled")
        return was

    def irq_enable(self) -> None:
        if not self.hardirqs_on:
            self.hardirqs_on = True
            self._event("hardirqs last enabled")
            self._mark_held(hard=True)

    def irq_restore(self, was_on: bool) -> None:
        if was_on:
            self.irq_enable()

    def bh_disable(self) -> None:
        self.bh_count += 1
        if self.bh_count == 1:
            self._event("softirqs last disabled")

    def bh_enable(self) -> None:
        self.bh_count -= 1
        if self.bh_count == 0:
            self._event("softirqs last enabled")
            self._mark_held(hard=False)

    def enter(self, kind: str) -> Tuple:
        """Enter an interrupt of ``kind`` ('softirq' or 'hardirq')."""
        saved = (self.hardirqs_on,)
        if kind == "hardirq":
            self.hardirq += 1
            if self.hardirqs_on:
                self.hardirqs_on = False
                self._event("hardirqs last disabled")
        else:
            self.softirq += 1
            self.bh_disable()
            if not self.hardirqs_on:
                self.irq_enable()
        return saved

    def leave(self, kind: str, saved: Tuple) -> None:
        if kind == "hardirq":
            self.hardirq -= 1
            if saved[0]:
                self.hardirqs_on = True
                self._event("hardirqs last enabled")
        else:
            self.softirq -= 1
            self.bh_count -= 1
            if self.bh_count == 0:
                self._event("softirqs last enabled")
            if not saved[0] and self.hardirqs_on:
                self.hardirqs_on = False
                self._event("hardirqs last disabled")

    @property
    def softirqs_on(self) -> bool:
        return self.bh_count == 0

    def _ctx(self) -> int:
        return 2 if self.hardirq else 1 if self.softirq else 0

    # -- acquire / release ------------------------------------------------
    def acquire(self, name: str, read: bool = False, subclass: int = 0) -> None:
        if subclass:
            name = f"{name}/{subclass}"
        cls = self.classes.get(name)
        if cls is None:
            cls = self.classes[name] = LockClass(name)
        hard, soft = self.hardirq, self.softirq
        hl = Held(cls, read, 2 if hard else 1 if soft else 0, *self.here())
        if not self.off:
            want = 0
            if hard:
                want = USED_IN_HARDIRQ
            if soft:
                want |= USED_IN_SOFTIRQ
            if self.hardirqs_on:
                want |= ENABLED_HARDIRQS | ENABLED_SOFTIRQS if self.bh_count == 0 else ENABLED_HARDIRQS
            if read:
                want <<= READ
            if (not want & ~cls.usage or self._mark(cls, want, hl)) and self.held:
                self._check_deps(hl)
        self.held.append(hl)

    def release(self, name: str, subclass: int = 0) -> None:
        if subclass:
            name = f"{name}/{subclass}"
        held = self.held
        for i in range(len(held) - 1, -1, -1):
            if held[i].cls.name == name:
                del held[i]
                return
        if not self.off:
            self._report_unlock(name)

    # -- usage ---------------------------------------------------------
    def _mark(self, cls: LockClass, want: int, hl: Held) -> bool:
        # lockdep's order: used-in bits first, then the enabled bits
        for bit in (USED_IN_HARDIRQ, USED_IN_SOFTIRQ, USED_IN_HARDIRQ << READ,
                    USED_IN_SOFTIRQ << READ, ENABLED_HARDIRQS, ENABLED_SOFTIRQS,
                    ENABLED_HARDIRQS << READ, ENABLED_SOFTIRQS << READ):
            if want & bit and not cls.usage & bit:
                if not self._mark_bit(cls, bit, hl):
                    return False
        return True

    def _mark_bit(self, cls: LockClass, bit: int, hl: Held) -> bool:
        for prev in CONFLICTS[bit]:
            if cls.usage & prev:
                self._report_usage(cls, prev, bit, hl)
                return False
        cls.usage |= bit
        cls.usage_at[bit] = self.where()
        return self._check_inversion(cls, bit, hl)

    def _check_inversion(self, cls: LockClass, bit: int, hl: Held) -> bool:
        """lockdep's check_usage_forwards/backwards: a class turning irq-safe
        must not reach an irq-unsafe one, one turning irq-unsafe must not be
        reached from an irq-safe one (for the same irq)."""
        write = bit >> READ if bit > 0xF else bit
        for used, en, _ in IRQS:
            if write == used:
                found = self._search(cls, "after", en | en << READ)
                forwards, want = True, en
                break
            if write == en:
                found = self._search(cls, "before", used | used << READ)
                forwards, want = False, used
                break
        if found is None:
            return True
        other = found[-1]
        irqclass = state_name(want if other.usage & want else want << READ)
        self._report_inversion(cls, hl, found, forwards, irqclass)
        return False

    def _mark_held(self, hard: bool) -> None:
        """Irqs were just enabled: every held lock is now taken with them on."""
        if self.off or not self.held:
            return
        for hl in list(self.held):
            shift = READ if hl.read else 0
            want = 0
            if hard:
                want |= ENABLED_HARDIRQS << shift
            if self.hardirqs_on and self.bh_count == 0:
                want |= ENABLED_SOFTIRQS << shift
            if want & ~hl.cls.usage and not self._mark(hl.cls, want, hl):
                return

    # -- dependencies ------------------------------------------------------
    def _check_deps(self, hl: Held) -> bool:
        nxt = hl.cls
        for prev in reversed(self.held):
            if prev.ctx != hl.ctx:
                break
            if prev.cls is nxt:
                if not hl.read or not prev.read:
                    self._report_recursive(prev, hl)
                    return False
                continue
            if nxt.name in prev.cls.after:
                continue
            path = self._path(nxt, prev.cls)
            if path is not None:
                self._report_circular(prev, hl, path)
                return False
            if not self._check_irq_usage(prev, hl):
                return False
            at = self.where()
            prev.cls.after[nxt.name] = at
            nxt.before[prev.cls.name] = at
        return True

    def _search(self, start: LockClass, direction: str, mask: int,
                self_too: bool = False) -> Optional[List[LockClass]]:
        """Breadth first from ``start`` along ``after`` or ``before`` edges
        in the order they were made, to the first class with a usage bit in
        ``mask``: the path start ... found, or None.  ``start`` itself counts
        only with ``self_too`` (the edge checks): its own bits are judged by
        the same-class rule, which lets a read in irq context meet a read
        taken with irqs on (the model's readers are recursive readers)."""
        parent: Dict[str, Optional[str]] = {start.name: None}
        queue = [start.name]
        for name in queue:
            cls = self.classes[name]
            if cls.usage & mask and (self_too or cls is not start):
                chain = []
                while name is not None:
                    chain.append(self.classes[name])
                    name = parent[name]
                return chain[::-1]
            for nxt in getattr(cls, direction):
                if nxt not in parent:
                    parent[nxt] = name
                    queue.append(nxt)
        return None

    def _accumulate(self, start: LockClass) -> int:
        """The usage bits of every class that reaches ``start`` (included)."""
        seen, queue, mask = {start.name}, [start.name], 0
        for name in queue:
            cls = self.classes[name]
            mask |= cls.usage
            for nxt in cls.before:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return mask

    def _check_irq_usage(self, prev: Held, hl: Held) -> bool:
        """lockdep's check_irq_usage for a new edge prev -> next: no irq-safe
        class behind prev may come to reach an irq-unsafe class after next."""
        used = self._accumulate(prev.cls) & USED_IN_ALL
        if not used:
            return True
        fwd = self._search(hl.cls, "after", exclusive(used), True)
        if fwd is None:
            return True
        unsafe = fwd[-1]
        back = self._search(prev.cls, "before", exclusive(unsafe.usage & ENABLED_ALL), True)
        if back is None:      # cannot happen: the accumulated mask had one
            return True
        safe = back[-1]
        for bit in _KERNEL_ORDER:
            if safe.usage & bit and bit & USED_IN_ALL:
                write = bit >> READ if bit > 0xF else bit
                en = next(e for u, e, _ in IRQS if u == write)
                for excl in (en, en << READ):
                    if unsafe.usage & excl:
                        self._report_irq_order(prev, hl, back, fwd, bit, excl)
                        return False
        return True

    def _path(self, start: LockClass, goal: LockClass) -> Optional[List[LockClass]]:
        """Shortest existing chain start -> ... -> goal (breadth first)."""
        parent: Dict[str, Optional[str]] = {start.name: None}
        queue = [start.name]
        for name in queue:
            if name == goal.name:
                chain = []
                while name is not None:
                    chain.append(self.classes[name])
                    name = parent[name]
                return chain[::-1]
            for nxt in self.classes[name].after:
                if nxt not in parent:
                    parent[nxt] = name
                    queue.append(nxt)
        return None

    # -- reports -------------------------------------------------------
    def _lockname(self, cls: LockClass) -> str:
        return f"({cls.name}){usage_chars(cls.usage)}"

    @staticmethod
    def _ip(at: Optional[Stack]) -> str:
        if at is None:
            return "[<0>] 0x0"
        return f"[<{at[0]}>] {at[1][0] if at[1] else '?'}"

    def _frames(self, at: Stack, indent: str = "") -> List[str]:
        return [f"{indent}[<{at[0]}>] {f}" for f in at[1]]

    def _held_lines(self) -> List[str]:
        comm, pid = self.task()
        if not self.held:
            return [f"no locks held by {comm}/{pid}."]
        n = len(self.held)
        out = [f"{n} lock{'s' if n > 1 else ''} held by {comm}/{pid}:"]
        for i, h in enumerate(self.held):
            out.append(f" #{i}:  {self._lockname(h.cls)}, at: {self._ip(h.at)}")
        return out

    def _head(self, title: str, ident: bool = True) -> List[str]:
        bar = "=" * len(title)
        return [bar, title] + ([self.ident] if ident else []) + ["-" * len(title)]

    def _tail(self) -> List[str]:
        comm, pid = self.task()
        at = self.where()
        return ["", "stack backtrace:", f"Pid: {pid}, comm: {comm} {self.ident}",
                "Call Trace:"] + self._frames(at)

    def _emit(self, kind: str, cls_name: str, summary: str, lines: List[str]) -> None:
        self.off = True
        self.reports.append(Report(kind, cls_name, summary, "\n".join(lines) + "\n"))

    def _irq_lines(self) -> List[str]:
        out = [f"irq event stamp: {self.stamp}"]
        for key in ("hardirqs last enabled", "hardirqs last disabled",
                    "softirqs last enabled", "softirqs last disabled"):
            n, at = self.events[key]
            out.append(f"{key} at ({n}): {self._ip(at)}")
        return out

    def _report_usage(self, cls: LockClass, prev: int, new: int, hl: Held) -> None:
        comm, pid = self.task()
        state = (f"[HC{int(bool(self.hardirq))}[{self.hardirq}]:SC{int(bool(self.softirq))}"
                 f"[{self.softirq}]:HE{int(self.hardirqs_on)}:SE{int(self.softirqs_on)}]")
        lines = self._head("[ INFO: inconsistent lock state ]")
        lines += [f"inconsistent {{{USAGE_STR[prev]}}} -> {{{USAGE_STR[new]}}} usage.",
                  f"{comm}/{pid} {state} takes:",
                  f" {self._lockname(cls)}, at: {self._ip(hl.at)}",
                  f"{{{USAGE_STR[prev]}}} state was registered at:"]
        lines += self._frames(cls.usage_at[prev], "  ")
        lines += self._irq_lines()
        lines += ["", "other info that might help us debug this:",
                  " Possible unsafe locking scenario:", "",
                  "       CPU0", "       ----",
                  f"  lock({cls.name});", "  <Interrupt>", f"    lock({cls.name});",
                  "", " *** DEADLOCK ***", ""]
        lines += self._held_lines() + self._tail()
        self._emit("inconsistent-lock-state", cls.name,
                   f"inconsistent lock state: {lines[4]} ({cls.name})", lines)

    def _report_circular(self, prev: Held, hl: Held, path: List[LockClass]) -> None:
        comm, pid = self.task()
        lines = self._head("[ INFO: possible circular locking dependency detected ]")
        lines += [f"{comm}/{pid} is trying to acquire lock:",
                  f" {self._lockname(hl.cls)}, at: {self._ip(hl.at)}", "",
                  "but task is already holding lock:",
                  f" {self._lockname(prev.cls)}, at: {self._ip(prev.at)}", "",
                  "which lock already depends on the new lock.", "", "",
                  "the existing dependency chain (in reverse order) is:"]
        # path: next=L0 -> L1 -> ... -> Lk=prev; #i is Li, with the stack
        # that created the edge L(i-1) -> Li (#0: the acquisition now).
        for i in range(len(path) - 1, -1, -1):
            at = path[i - 1].after[path[i].name] if i else self.where()
            lines += ["", f"-> #{i} {self._lockname(path[i])}:"] + self._frames(at, "       ")
        lines += ["", "other info that might help us debug this:", ""]
        src, tgt = hl.cls.name, prev.cls.name
        parent = path[-2].name if len(path) > 1 else src
        if parent != src:
            lines += ["Chain exists of:", f"  {src} --> {parent} --> {tgt}", ""]
        lines += [" Possible unsafe locking scenario:", "",
                  "       CPU0                    CPU1",
                  "       ----                    ----",
                  f"  lock({tgt});",
                  f"                               lock({parent});",
                  f"                               lock({tgt});",
                  f"  lock({src});", "", " *** DEADLOCK ***", ""]
        lines += self._held_lines() + self._tail()
        self._emit("circular-dependency", hl.cls.name,
                   f"possible circular locking dependency: {' -> '.join(c.name for c in path)}"
                   f" -> {hl.cls.name}", lines)

    def _state(self) -> str:
        return (f"[HC{int(bool(self.hardirq))}[{self.hardirq}]:SC{int(bool(self.softirq))}"
                f"[{self.softirq}]:HE{int(self.hardirqs_on)}:SE{int(self.softirqs_on)}]")

    @staticmethod
    def _irq_scenario(safe: LockClass, unsafe: LockClass, prev: LockClass,
                      nxt: LockClass) -> List[str]:
        """lockdep's "Possible interrupt unsafe locking scenario"."""
        middle = nxt if prev is safe else prev
        out = []
        if middle is not unsafe:
            out += ["Chain exists of:", f"  {safe.name} --> {middle.name} --> {unsafe.name}", ""]
        return out + [" Possible interrupt unsafe locking scenario:", "",
                      "       CPU0                    CPU1",
                      "       ----                    ----",
                      f"  lock({unsafe.name});",
                      "                               local_irq_disable();",
                      f"                               lock({safe.name});",
                      f"                               lock({middle.name});",
                      "  <Interrupt>", f"    lock({safe.name});", "", " *** DEADLOCK ***", ""]

    def _deps(self, path: List[LockClass], edges: str) -> List[str]:
        """lockdep's shortest-dependencies listing: from the found class
        back to the start, each with its usage and where it was acquired
        after (or before) the previous one."""
        out = []
        for depth in range(len(path) - 1, -1, -1):
            cls, pad = path[depth], " " * depth
            out.append(f"{pad}-> {self._lockname(cls)} {{")
            for bit in _KERNEL_ORDER:
                if cls.usage & bit:
                    out.append(f"{pad}   {USAGE_STR[bit].upper()} at:")
                    out += self._frames(cls.usage_at[bit], pad + "      ")
            out.append(f"{pad} }}")
            at = getattr(path[depth - 1], edges)[cls.name] if depth else self.where()
            out.append(f"{pad} ... acquired at:")
            out += self._frames(at, pad + "   ")
            out.append("")
        return out

    def _report_irq_order(self, prev: Held, hl: Held, back: List[LockClass],
                          fwd: List[LockClass], bit: int, excl: int) -> None:
        comm, pid = self.task()
        safe, unsafe = back[-1], fwd[-1]
        irq = state_name(bit)
        lines = self._head(f"[ INFO: {irq}-safe -> {irq}-unsafe lock order detected ]")
        lines += [f"{comm}/{pid} {self._state()} is trying to acquire:",
                  f" {self._lockname(hl.cls)}, at: {self._ip(hl.at)}", "",
                  "and this task is already holding:",
                  f" {self._lockname(prev.cls)}, at: {self._ip(prev.at)}",
                  "which would create a new lock dependency:",
                  f" {self._lockname(prev.cls)} -> {self._lockname(hl.cls)}", "",
                  f"but this new dependency connects a {irq}-irq-safe lock:",
                  f" {self._lockname(safe)}",
                  f"... which became {irq}-irq-safe at:"]
        lines += self._frames(safe.usage_at[bit], "  ")
        lines += ["", f"to a {irq}-irq-unsafe lock:", f" {self._lockname(unsafe)}",
                  f"... which became {irq}-irq-unsafe at:", "..."]
        lines += self._frames(unsafe.usage_at[excl], "  ")
        lines += ["", "other info that might help us debug this:", ""]
        lines += self._irq_scenario(safe, unsafe, prev.cls, hl.cls)
        lines += self._held_lines()
        lines += ["", f"the dependencies between {irq}-irq-safe lock and the holding lock:"]
        lines += self._deps(back, "before")
        lines += ["", f"the dependencies between the lock to be acquired and {irq}-irq-unsafe lock:"]
        lines += self._deps(fwd, "after")
        lines += self._tail()
        self._emit("irq-safe-unsafe-order", hl.cls.name,
                   f"{irq}-safe -> {irq}-unsafe lock order: {safe.name} -> ... -> "
                   f"{prev.cls.name} -> {hl.cls.name} -> ... -> {unsafe.name}", lines)

    def _report_inversion(self, cls: LockClass, hl: Held, path: List[LockClass],
                          forwards: bool, irq: str) -> None:
        comm, pid = self.task()
        other = path[-1]
        lines = self._head("[ INFO: possible irq lock inversion dependency detected ]")
        lines += [f"{comm}/{pid} just changed the state of lock:",
                  f" {self._lockname(cls)}, at: {self._ip(hl.at)}",
                  (f"but this lock took another, {irq}-unsafe lock in the past:" if forwards else
                   f"but this lock was taken by another, {irq}-safe lock in the past:"),
                  f" {self._lockname(other)}", "",
                  "and interrupts could create inverse lock ordering between them.", "", "",
                  "other info that might help us debug this:"]
        middle = path[1]
        if forwards:
            lines += self._irq_scenario(cls, other, middle, other)
        else:
            lines += self._irq_scenario(other, cls, middle, cls)
        lines += self._held_lines()
        lines += ["", "the shortest dependencies between 2nd lock and 1st lock:"]
        lines += self._deps(path, "after" if forwards else "before")
        lines += self._tail()
        word = "irq-unsafe" if forwards else "irq-safe"
        self._emit("irq-lock-inversion", cls.name,
                   f"possible irq lock inversion: {cls.name} and {irq}-{word.split('-')[1]} "
                   f"{other.name} ({' -> '.join(c.name for c in (path if forwards else path[::-1]))})",
                   lines)

    def _report_recursive(self, prev: Held, hl: Held) -> None:
        comm, pid = self.task()
        lines = self._head("[ INFO: possible recursive locking detected ]")
        lines += [f"{comm}/{pid} is trying to acquire lock:",
                  f" {self._lockname(hl.cls)}, at: {self._ip(hl.at)}", "",
                  "but task is already holding lock:",
                  f" {self._lockname(prev.cls)}, at: {self._ip(prev.at)}", "",
                  "other info that might help us debug this:",
                  " Possible unsafe locking scenario:", "",
                  "       CPU0", "       ----",
                  f"  lock({prev.cls.name});", f"  lock({hl.cls.name});",
                  "", " *** DEADLOCK ***", "",
                  " May be due to missing lock nesting notation", ""]
        lines += self._held_lines() + self._tail()
        self._emit("recursive-locking", hl.cls.name,
                   f"possible recursive locking of {hl.cls.name}", lines)

    def _report_unlock(self, name: str) -> None:
        comm, pid = self.task()
        lines = self._head("[ BUG: bad unlock balance detected! ]", ident=False)
        lines += [f"{comm}/{pid} is trying to release lock ({name}) at:",
                  self._ip(self.where()),
                  "but there are no more locks to release!", "",
                  "other info that might help us debug this:"]
        lines += self._held_lines() + self._tail()
        self._emit("bad-unlock-balance", name, f"bad unlock balance: {name} is not held", lines)


def model_chain(text: str) -> Tuple[str, ...]:
    """The call trace of a model report, innermost first."""
    lines = text.splitlines()
    if "Call Trace:" not in lines:
        return ()
    return tuple(line.split("] ", 1)[1] for line in lines[lines.index("Call Trace:") + 1:]
                 if "] " in line)
