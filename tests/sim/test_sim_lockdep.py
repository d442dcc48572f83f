"""The lock validator's rules, table-driven (report texts: golden files)."""

import pytest

from hdrtool.sim.lockdep import (ENABLED_HARDIRQS, ENABLED_SOFTIRQS, READ, USED_IN_HARDIRQ,
                                 USED_IN_SOFTIRQ, Lockdep, usage_chars)


def _ld():
    frames = ["f"]
    ld = Lockdep("test", lambda: ("t:1", tuple(frames)), lambda: ("task", 1))
    return ld


@pytest.mark.parametrize("mask,text", [
    (0, "{....}"),
    (ENABLED_HARDIRQS | USED_IN_SOFTIRQ, "{-+..}"),
    (USED_IN_HARDIRQ | ENABLED_HARDIRQS, "{+...}"),
    (ENABLED_HARDIRQS | ENABLED_SOFTIRQS, "{--..}"),
    (USED_IN_HARDIRQ << READ, "{..+.}"),
    ((USED_IN_SOFTIRQ | ENABLED_SOFTIRQS) << READ, "{...?}"),
])
def test_usage_chars(mask, text):
    assert usage_chars(mask) == text


def _run(ld, script):
    """Tiny driver: 'L x' lock, 'R x' read lock, 'U x' unlock, 'irqoff',
    'irqon', 'bhoff', 'bhon', 'soft{' / 'hard{' enter, '}' leave."""
    stack = []
    for word in script.split(";"):
        op, _, arg = word.strip().partition(" ")
        if op == "L":
            ld.acquire(arg)
        elif op == "R":
            ld.acquire(arg, read=True)
        elif op == "N":
            ld.acquire(arg, subclass=1)
        elif op == "U":
            ld.release(arg)
        elif op == "UN":
            ld.release(arg, subclass=1)
        elif op in ("soft{", "hard{"):
            kind = "softirq" if op == "soft{" else "hardirq"
            stack.append((kind, ld.enter(kind)))
        elif op == "}":
            ld.leave(*stack.pop())
        else:
            {"irqoff": ld.irq_disable, "irqon": ld.irq_enable, "bhoff": ld.bh_disable,
             "bhon": ld.bh_enable}[op]()
    return [r.kind for r in ld.reports]


@pytest.mark.parametrize("script,kinds", [
    # irq-safe everywhere: clean
    ("soft{; irqoff; L a; U a; irqon; }; irqoff; L a; U a; irqon", []),
    # the seed: used in softirq, then taken with softirqs on
    ("soft{; L a; U a; }; L a; U a", ["inconsistent-lock-state"]),
    # the reverse order is reported too
    ("L a; U a; soft{; L a; U a; }", ["inconsistent-lock-state"]),
    # bh disabled is enough against softirqs (hardirqs not involved)
    ("soft{; L a; U a; }; bhoff; L a; U a; bhon", []),
    # enabling softirqs while holding the lock marks it softirq-on
    ("soft{; L a; U a; }; bhoff; L a; bhon; U a", ["inconsistent-lock-state"]),
    # enabling hardirqs while holding a hardirq-safe lock
    ("hard{; L a; U a; }; irqoff; L a; irqon; U a", ["inconsistent-lock-state"]),
    # read in softirq vs read with softirqs on: no conflict (lockdep's rule)
    ("soft{; R a; U a; }; R a; U a", []),
    # read in softirq vs write with softirqs on: conflict
    ("soft{; R a; U a; }; L a; U a", ["inconsistent-lock-state"]),
    # ... and in the other order (the irq-safe read bit is the new one)
    ("L a; U a; soft{; R a; U a; }", ["inconsistent-lock-state"]),
    # write in softirq vs read with softirqs on, both orders
    ("soft{; L a; U a; }; R a; U a", ["inconsistent-lock-state"]),
    ("R a; U a; soft{; L a; U a; }", ["inconsistent-lock-state"]),
    # the same four for hardirqs: read vs read is fine, any write conflicts
    ("hard{; R a; U a; }; R a; U a", []),
    ("hard{; R a; U a; }; L a; U a", ["inconsistent-lock-state"]),
    ("L a; U a; hard{; R a; U a; }", ["inconsistent-lock-state"]),
    ("hard{; L a; U a; }; R a; U a", ["inconsistent-lock-state"]),
    ("R a; U a; hard{; L a; U a; }", ["inconsistent-lock-state"]),
    ("hard{; L a; U a; }; L a; U a", ["inconsistent-lock-state"]),
    ("L a; U a; hard{; L a; U a; }", ["inconsistent-lock-state"]),
    # AB-BA
    ("L a; L b; U b; U a; L b; L a; U a; U b", ["circular-dependency"]),
    # same order twice: fine
    ("L a; L b; U b; U a; L a; L b; U b; U a", []),
    # no dependency across irq contexts (the softirq interrupts, it does not nest)
    ("irqoff; L a; soft{; L b; U b; }; U a; L b; L a; U a; U b; irqon", []),
    # recursion, and nesting annotation that avoids it
    ("L a; L a", ["recursive-locking"]),
    ("L a; N a; UN a; U a", []),
    # two readers of a rwlock class may nest
    ("R a; R a; U a; U a", []),
    ("U a", ["bad-unlock-balance"]),
    # out-of-order release is allowed
    ("L a; L b; U a; U b", []),
    # only the first report: lockdep switches itself off
    ("U a; U b; L c; L c", ["bad-unlock-balance"]),
])
def test_rules(script, kinds):
    assert _run(_ld(), script) == kinds


def test_first_registration_is_kept():
    ld = _ld()
    _run(ld, "soft{; L a; U a; }")
    first = ld.classes["a"].usage_at[USED_IN_SOFTIRQ]
    _run(ld, "soft{; L a; U a; }")
    assert ld.classes["a"].usage_at[USED_IN_SOFTIRQ] is first
    assert ld.classes["a"].usage == USED_IN_SOFTIRQ | ENABLED_HARDIRQS


def test_irq_event_stamps():
    ld = _ld()
    _run(ld, "irqoff; irqon; bhoff; bhon")
    assert ld.stamp == 4
    assert ld.events["hardirqs last disabled"][0] == 1
    assert ld.events["softirqs last enabled"][0] == 4


# The report (issue 16): an irq-safe lock taking an irq-unsafe one,
# tried in every order of the three parts, with hardirqs and with softirqs.
_PARTS = {"hard": ("irqoff; L A; L B; U B; U A; irqon", "L B; U B", "hard{; L A; U A; }"),
          "soft": ("bhoff; L A; L B; U B; U A; bhon", "L B; U B", "soft{; L A; U A; }")}


@pytest.mark.parametrize("irq", ["hard", "soft"])
@pytest.mark.parametrize("order", ["012", "021", "102", "120", "201", "210"])
def test_irq_safe_to_unsafe_dependency(irq, order):
    parts = _PARTS[irq]
    kinds = _run(_ld(), "; ".join(parts[int(i)] for i in order))
    # the dependency made last is the order rule, else the inversion rule
    assert kinds == ["irq-safe-unsafe-order" if order[-1] == "0" else "irq-lock-inversion"]


def test_irq_inversion_through_a_chain():
    """A -> M -> B: the inversion is found through the middle class."""
    ld = _ld()
    kinds = _run(ld, "irqoff; L A; L M; U M; U A; L M; L B; U B; U M; irqon; "
                     "L B; U B; hard{; L A; U A; }")
    assert kinds == ["irq-lock-inversion"]
    assert "Chain exists of:\n  A --> M --> B\n" in ld.reports[0].text


def test_read_in_irq_against_a_write_dependency():
    """A reader A taking B, B taken with irqs on, then A read in hardirq:
    inversion (a read in irq context counts across the graph)."""
    ld = _ld()
    assert _run(ld, "irqoff; R A; L B; U B; U A; irqon; L B; U B; hard{; R A; U A; }") == [
        "irq-lock-inversion"]
    assert " (A){..+.}, at:" in ld.reports[0].text
