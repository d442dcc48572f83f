#!/usr/bin/env python3
"""Benchmark: what the call chains of lockdep reports cost the compiled run.

Builds the x86_64 simulator twice against a freshly generated layout (as the
tests do) -- once as validate builds it, with ``-finstrument-functions``
keeping the shadow stack and a ``# chain`` line before every lock
acquisition, once with ``-fno-instrument-functions`` (the reference: the
simulator as it was before) -- runs the ``workload`` and ``table-churn``
scenarios on both in the same run, and prints the median wall times and
their ratio.  It also times the step count of a scenario of 10**24 steps
(parse: counted, not expanded) and the first 10,000 of its steps streamed.

    python benchmarks/lockdep_chain.py [--repeat N] [--cc CC]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hdrtool.merge import merge_into  # noqa: E402
from hdrtool.validate import run as core  # noqa: E402
from hdrtool.core.config import load_arches  # noqa: E402
from hdrtool.sim import scenarios  # noqa: E402
from hdrtool.sim.scenario import parse  # noqa: E402
from hdrtool.core.tree import BUNDLED_TREE  # noqa: E402

NESTED = ("task p 1\nexec\nrepeat 1000000000000 {\n repeat 1000000000000 {\n"
          "  map 0x400000 4K\n  unmap 0x400000 4K\n }\n}\n")


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--cc", default="cc")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "O"
        merge_into(BUNDLED_TREE, tree)
        core.ensure_generated(tree, load_arches(tree))
        cfg = next(c for c in load_arches(tree) if c.name == "x86")
        v = cfg.variant("x86_64")
        exe = core.build(tree, cfg, v, Path(tmp) / "chain", args.cc, BUNDLED_TREE)
        saved = core.INSTRUMENT
        core.INSTRUMENT = "-fno-instrument-functions"
        try:
            ref = core.build(tree, cfg, v, Path(tmp) / "plain", args.cc, BUNDLED_TREE)
        finally:
            core.INSTRUMENT = saved
        print(f"{'scenario':<13}{'locks':>7}{'plain s':>10}{'chains s':>10}{'ratio':>8}")
        for name in ("workload", "table-churn"):
            stream = core.op_stream(scenarios.load_named(name), v)
            lines = core.run_binary(exe, stream)[0]
            locks = sum(1 for line in lines if line.startswith("lock_acquire "))
            tp = _median(lambda: core.run_binary(ref, stream), args.repeat)
            tc = _median(lambda: core.run_binary(exe, stream), args.repeat)
            print(f"{name:<13}{locks:>7}{tp:>10.4f}{tc:>10.4f}{tc / tp:>7.2f}x")
    big = parse(NESTED, "nested.scn", max_steps=10 ** 30)
    tparse = _median(lambda: parse(NESTED, "nested.scn", max_steps=10 ** 30), args.repeat)
    tfirst = _median(lambda: sum(1 for _ in itertools.islice(big.iter_steps(), 10_000)),
                     args.repeat)
    print(f"\nnested repeat: {big.count:.3g} steps counted in {tparse * 1e3:.2f} ms; "
          f"first 10,000 streamed in {tfirst * 1e3:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
