#!/usr/bin/env python3
"""Benchmark: page-table operations per second of the Python model.

Runs the shipped ``workload`` scenario (processes mapping and unmapping
sparse ranges, forking and exiting) and ``table-churn`` (a pte table
allocated and freed per step: nearly all pgalloc API) on every variant, and
prints the median rate next to the issue's target of 200,000 operations
per second, plus the rate with the event trace on (what ``sim run --trace``
and the C comparison pay).

A page-table operation is one pte slot set, cleared, copied or visited by
the generic mm (fault-in, zap, fork, apply) or one call of the arch API
(pte_alloc_one, pte_free, pmd_populate, upper-level alloc/free).  The last
column counts the API calls alone (each with its locks, lockdep checks,
allocator work and invariant bookkeeping) over the same total time: a
strict lower bound that ignores all pte work.

    python benchmarks/sim.py [--repeat N] [--scale K]

``--scale K`` runs the workload K times in one run (one model, more mms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hdrtool.core.config import load_arches  # noqa: E402
from hdrtool.sim import runner, scenarios  # noqa: E402
from hdrtool.sim.scenario import Scenario  # noqa: E402

TARGET = 200_000
REPO = Path(__file__).resolve().parent.parent


def _scaled(scn: Scenario, k: int) -> Scenario:
    return Scenario(scn.name, scn.title, scn.requires, scn.settings, scn.steps * k)


def _rate(scn, arch, variant, trace: bool, repeat: int):
    rates, api_rates, ops = [], [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = runner.run(scn, arch, variant, trace=trace)
        dt = time.perf_counter() - t0
        ops = r.ops
        assert not r.findings, r.findings
        rates.append(ops / dt)
        api_rates.append(r.stats["api_calls"] / dt)
    return ops, statistics.median(rates), statistics.median(api_rates)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--scale", type=int, default=4)
    args = ap.parse_args()
    worst = None
    for name in ("workload", "table-churn"):
        # both scenarios exit every process, so they can run several times in a row
        scn = _scaled(scenarios.load_named(name), args.scale)
        print(f"{name} x{args.scale}, median of {args.repeat} runs, target {TARGET:,} ops/s")
        print(f"{'variant':<16}{'ops':>10}{'ops/s':>14}{'x target':>10}{'ops/s traced':>15}"
              f"{'trace cost':>12}{'API calls/s':>14}")
        for arch in load_arches(REPO):
            for v in arch.variants:
                ops, fast, api = _rate(scn, arch, v, False, args.repeat)
                _, traced, _ = _rate(scn, arch, v, True, args.repeat)
                worst = fast if worst is None else min(worst, fast)
                print(f"{v.name:<16}{ops:>10,}{fast:>14,.0f}{fast / TARGET:>10.1f}"
                      f"{traced:>15,.0f}{fast / traced:>11.2f}x{api:>14,.0f}")
        print()
    print(f"slowest: {worst:,.0f} ops/s = {worst / TARGET:.1f}x the target")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
