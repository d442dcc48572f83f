#!/usr/bin/env python3
"""Benchmark: the compiled simulator against the Python model, same scenario.

Builds the simulator once per variant against a freshly generated layout
(gen's minimal kernel tree + arch.toml, as the tests do), then runs the
``workload`` and ``table-churn`` scenarios on both -- the model with its
trace on, since that is what validate compares -- and prints, per variant
and scenario, the median wall time of each, the ratio, and the events per
second of the compiled run.  Also times one whole ``validate`` of every
variant and shipped scenario (build included).

    python benchmarks/validate.py [--repeat N] [--cc CC]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hdrtool.merge import merge_into  # noqa: E402
from hdrtool.validate import run as core  # noqa: E402
from hdrtool.core.config import load_arches  # noqa: E402
from hdrtool.sim import runner, scenarios  # noqa: E402
from hdrtool.core.tree import BUNDLED_TREE  # noqa: E402


def _layout(dest: Path) -> Path:
    """The bundled tree, merged and generated into ``dest`` (as hdrtool all)."""
    merge_into(BUNDLED_TREE, dest)
    core.ensure_generated(dest, load_arches(dest))
    return dest


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cc", default="cc")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = _layout(Path(tmp) / "O")
        cfgs = load_arches(tree)
        print(f"{'variant':<16}{'scenario':<13}{'events':>8}{'model s':>10}{'C s':>9}"
              f"{'ratio':>8}{'C events/s':>13}")
        for cfg in cfgs:
            for v in cfg.variants:
                exe = core.build(tree, cfg, v, Path(tmp) / "w", args.cc, BUNDLED_TREE)
                for name in ("workload", "table-churn"):
                    scn = scenarios.load_named(name)
                    stream = core.op_stream(scn, v)
                    lines, rc, _ = core.run_binary(exe, stream)
                    events = len(core.arch_events(lines))
                    tm = _median(lambda: runner.run(scn, cfg, v, trace=True), args.repeat)
                    tc = _median(lambda: core.run_binary(exe, stream), args.repeat)
                    print(f"{v.name:<16}{name:<13}{events:>8}{tm:>10.3f}{tc:>9.4f}"
                          f"{tm / tc:>7.1f}x{events / tc:>13,.0f}")
        scns = [(scenarios.load_named(n), f"{n}.scn") for n in scenarios.names()]
        t0 = time.perf_counter()
        res = core.validate(tree, [(c, c.variants) for c in cfgs], scns, Path(tmp) / "all",
                            args.cc, BUNDLED_TREE)
        total = time.perf_counter() - t0
        print(f"\nfull validate (5 builds, {len(res.runs)} runs, "
              f"{sum(r.events for r in res.runs)} events compared): {total:.2f} s, "
              f"{'clean' if res.clean else 'DIFFERENCES'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
