#!/usr/bin/env python3
"""Benchmark: ``hdrtool all`` from a fresh clone, against the 5 s budget.

Runs the real command (``python -m hdrtool all``, a new process each time,
as a user runs it) into a new output directory each time -- what a fresh
clone's first ``hdrtool all`` does -- once with ``-j 1`` (one process doing
the stages and the variants in turn, as before the variants ran in
parallel) and once with ``-j N`` (default: the number of cores), alternating
so both see the same machine load.  Prints, for each, the median wall time,
the median CPU time (user + system, the process and its children: the work
done, whatever the load of the machine) and the ratio of the medians; then
where the time goes inside one ``-j N`` run (the stage times ``all``
prints, check and validate overlap).  Checks that both give the same
variant table (the parallel run changes no result).

    python benchmarks/all.py [--repeat N] [-j N] [--budget SECONDS]

The machine's load is printed too, and what it gives a CPU-bound process
right now (the share of a core one process gets, and how much more two
get): on a shared machine the wall times are the load's as much as ours;
the CPU times are not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(out: Path, jobs: int) -> tuple:
    """(wall s, cpu s, JSON document) of one ``hdrtool all``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "hdrtool", "all", f"O={out}", "-j", str(jobs),
                        "--format", "json"], cwd=REPO, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(REPO), "LC_ALL": "C"})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        sys.exit(f"hdrtool all -j {jobs} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    return wall, cpu, json.loads(r.stdout)


def _burn(n: int) -> float:
    x = 0
    for i in range(n):
        x += i * i
    return time.process_time()


def capacity() -> tuple:
    """(share of a core one process gets, speed-up two processes get) for a
    pure CPU loop of about 0.3 s, on the machine as it is right now."""
    from concurrent.futures import ProcessPoolExecutor
    n = 3_000_000
    c0 = time.process_time()
    t0 = time.perf_counter()
    _burn(n)
    one_wall, one_cpu = time.perf_counter() - t0, time.process_time() - c0
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1, 1]))            # start the workers first
        t0 = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two_wall = time.perf_counter() - t0
    return one_cpu / one_wall, 2 * one_wall / two_wall


def table(doc: dict) -> list:
    return [{k: v for k, v in row.items()} for row in doc["variants"]]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--budget", type=float, default=5.0)
    args = ap.parse_args()
    share, speedup = capacity()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}, "
          f"-j {args.jobs}, {args.repeat} runs each; a CPU loop gets {share:.0%} of a core, "
          f"two get {speedup:.2f}x one")
    results = {1: [], args.jobs: []}
    docs = {}
    with tempfile.TemporaryDirectory(prefix="hdrtool-bench-all-") as tmp:
        for i in range(args.repeat):
            for jobs in results:
                out = Path(tmp) / f"O-{jobs}-{i}"     # a fresh output directory each run
                wall, cpu, doc = run(out, jobs)
                results[jobs].append((wall, cpu))
                docs[jobs] = doc
    if table(docs[1]) != table(docs[args.jobs]):
        print("DIFFERENT RESULTS: -j 1 and -j", args.jobs)
        return 1
    med = {j: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
           for j, r in results.items()}
    print(f"{'':<12}{'wall s':>8}{'cpu s':>8}")
    for j, (w, c) in med.items():
        print(f"{'-j ' + str(j):<12}{w:>8.2f}{c:>8.2f}")
    print(f"ratio -j 1 / -j {args.jobs}: {med[1][0] / med[args.jobs][0]:.2f}x wall")
    print(f"budget {args.budget:.1f} s: -j {args.jobs} median {med[args.jobs][0]:.2f} s "
          f"{'within' if med[args.jobs][0] <= args.budget else 'OVER'}")
    print("\nstages of the last -j", args.jobs, "run (check and validate overlap):")
    for st in docs[args.jobs]["stages"]:
        print(f"  {st['name']:<9}{st['seconds']:>7.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
