"""Random operation sequences on every variant: after every step all
invariants hold (recomputed from the tables), and once every process has
exited no page and no fragment is left."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sim_helpers import VARIANTS, Sim

SLOT = 0x80000          # 512K apart: several slots share a pte table, many do not


def _addr(slot: int) -> int:
    return 0x10000000 + slot * SLOT


OPS = st.one_of(
    st.tuples(st.just("map"), st.integers(0, 15), st.integers(1, 300)),
    st.tuples(st.just("unmap"), st.integers(0, 15), st.integers(1, 600)),
    st.tuples(st.just("fault"), st.integers(0, 15), st.booleans()),
    st.tuples(st.just("apply"), st.integers(0, 15), st.integers(1, 64)),
    st.tuples(st.just("fork")),
    st.tuples(st.just("switch"), st.integers(0, 7)),
    st.tuples(st.just("exit")),
    st.tuples(st.just("sie")),
    st.tuples(st.just("fail"), st.integers(1, 4)),
)


def _line(s: Sim, op, counter) -> list:
    kind = op[0]
    if kind in ("map", "unmap", "apply"):
        return [f"{kind} {_addr(op[1]):#x} {op[2] * 4096:#x}"]
    if kind == "fault":
        return [f"fault {_addr(op[1]) + 0x3000:#x}" + (" race" if op[2] else "")]
    if kind == "fork":
        counter[0] += 1
        return [f"fork t{counter[0]}"]
    if kind == "switch":
        names = sorted(s.r.tasks)
        return [f"switch {names[op[1] % len(names)]}"]
    if kind == "exit":
        counter[0] += 1
        rest = sorted(set(s.r.tasks) - {s.r.current.comm})
        return ["exit", f"switch {rest[0]}"] if rest else ["exit", f"task t{counter[0]}"]
    if kind == "sie":
        return ["enable_sie"] if s.m.arch.pgste else []
    return [f"fail_alloc {op[1]}"]


CONFIGS = [(v, {}) for _, v in VARIANTS] + [("s390", {"noexec": True}), ("s390x", {"noexec": True})]


@pytest.mark.parametrize("name,extra", CONFIGS, ids=[v + ("-noexec" if e else "") for v, e in CONFIGS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=1, max_size=30))
def test_invariants_hold_after_every_step(name, extra, ops):
    s = Sim(name, trace=False, **extra).do("task t0 1", "exec")
    counter = [0]
    for op in ops:
        if s.r.current.mm is None:        # exec failed under fault injection
            s.do("exec")
            if s.r.current.mm is None:
                continue
        for line in _line(s, op, counter):
            s.do(line)
            assert s.problems() == [], (line, s.problems())
            assert s.m.findings == [], (line, s.m.findings)
    for name_ in sorted(s.r.tasks):
        s.do(f"switch {name_}", "exit")
    assert s.m.alloc.nr_used == 0 and s.m.alloc.nr_pagetable == 0
    assert s.m.live_tables == set() and not s.m.mms
    assert s.m.findings == []
