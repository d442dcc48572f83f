"""Differential: random scenarios run on the compiled simulator (built once
per variant against the generated layout) and on the model must give the
same arch-visible trace and the same lockdep verdict."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from hdrtool.validate import run as core
from hdrtool.core.config import load_arches
from hdrtool.core.errors import InputError
from hdrtool.sim import runner as sim_runner
from hdrtool.sim.scenario import parse

from test_validate import full_run, layout  # noqa: F401  (session fixtures)

SLOT = 0x80000          # 512K apart: several slots share a pte table, many do not

OPS = st.one_of(
    st.tuples(st.just("map"), st.integers(0, 15), st.integers(1, 300)),
    st.tuples(st.just("unmap"), st.integers(0, 15), st.integers(1, 600)),
    st.tuples(st.just("fault"), st.integers(0, 15), st.booleans()),
    st.tuples(st.just("apply"), st.integers(0, 15), st.integers(1, 64)),
    st.tuples(st.just("vmap"), st.integers(0, 15), st.integers(1, 64), st.booleans()),
    st.tuples(st.just("fork")),
    st.tuples(st.just("switch"), st.integers(0, 7)),
    st.tuples(st.just("exit")),
    st.tuples(st.just("sie")),
    st.tuples(st.just("softirq")),
    st.tuples(st.just("fail"), st.integers(1, 6)),
)


def script(ops, pgste: bool) -> str:
    """Scenario text for ``ops``; task names are tracked here, so a step
    that fails in both (a fork under fault injection) may leave a switch
    to a task that does not exist: such examples are discarded."""
    # init_mm is made first: the model cannot make it under fault injection
    # (its swapper_pg_dir comes from the allocator; reported to the sim owner)
    lines, tasks, cur, n = ["vmap 0x30000000 0x1000", "task t0 1", "exec"], ["t0"], "t0", 0
    for op in ops:
        kind = op[0]
        addr = 0x10000000 + op[1] * SLOT if len(op) > 1 else 0
        if kind in ("map", "unmap", "apply"):
            lines.append(f"{kind} {addr:#x} {op[2] * 4096:#x}")
        elif kind == "fault":
            lines.append(f"fault {addr + 0x3000:#x}" + (" race" if op[2] else ""))
        elif kind == "vmap":
            lines.append(f"vmap {0x20000000 + op[1] * SLOT:#x} {op[2] * 4096:#x}"
                         + (" race" if op[3] else ""))
        elif kind == "fork":
            n += 1
            lines.append(f"fork t{n}")
            tasks.append(f"t{n}")
        elif kind == "switch":
            cur = tasks[op[1] % len(tasks)]
            lines.append(f"switch {cur}")
        elif kind == "exit":
            lines.append("exit")
            tasks.remove(cur)
            if not tasks:
                n += 1
                tasks.append(f"t{n}")
                lines += [f"task t{n}", "exec"]
            else:
                lines.append(f"switch {tasks[0]}")
            cur = tasks[0]
        elif kind == "sie" and pgste:
            lines.append("enable_sie")
        elif kind == "softirq":
            lines += ["softirq {", "sync_pgds", "}"]
        elif kind == "fail":
            lines.append(f"fail_alloc {op[1]}")
    lines += [f"switch {t}\nexit" for t in tasks]
    return "\n".join(lines) + "\n"


CONFIGS = ["x86_32", "x86_32_highpte", "x86_64", "s390", "s390x", "s390-noexec", "s390x-noexec"]


@pytest.mark.parametrize("config", CONFIGS)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=1, max_size=25))
def test_random_scenarios_agree(full_run, layout, config, ops):
    name, _, noexec = config.partition("-")
    cfg = next(c for c in load_arches(layout) for v in c.variants if v.name == name)
    v = cfg.variant(name)
    text = script(ops, cfg.pgste)
    if noexec:
        text = "set noexec=1\n" + text
    scn = parse(text, "random.scn")
    try:
        model = sim_runner.run(scn, cfg, v, trace=True, path="random.scn")
    except InputError:
        assume(False)
    _, work = full_run
    lines, rc, err = core.run_binary(work / name / "csim", core.op_stream(scn, v))
    assert rc == 0, err
    diff = core.first_difference(model.trace, lines)
    assert diff is None, (text, diff)
    from hdrtool.validate.lockdep import replay
    assert [r.kind for r in replay(lines, "t")] == \
        [line.split(" ")[2] for line in model.trace if line.startswith("! lockdep ")]
