#!/usr/bin/env python3
"""Benchmark: hdrtool headers_check vs Linux 6.1's own compile test, same tree, same -j.

    python benchmarks/headers_check.py [--linux SRC] [--jobs 2] [--jobs 1] [--repeat 3]

1. Installs the x86 headers with the kernel's own ``make headers_install``.
2. Runs, alternately, ``--repeat`` times each:
   - the kernel: usr/include/Makefile's HDRTEST rules through kbuild
     (tests/kernel_hdrtest.py: make -f scripts/Makefile.build obj=usr/include,
     stamps removed before each run so every header is compiled again);
   - ours: ``python -m hdrtool headers_check ARCH=x86 --tree ... -j N`` (the whole
     CLI: start-up, static checks, compile test, output).
3. Prints the medians and the ratio, and checks that both agree on pass/fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from hdrtool.check import check_tree  # noqa: E402
from kernel_hdrtest import KernelHdrtest  # noqa: E402


def _linux() -> Path:
    env = os.environ.get("HDRTOOL_LINUX_SRC")
    if env:
        return Path(env)
    hits = sorted(Path("/var/tmp/hdrtool-linux").glob("linux-source-6.1*"))
    if not hits:
        sys.exit("no Linux 6.1 tree: set HDRTOOL_LINUX_SRC")
    return hits[0]


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _timed(argv, cpu: list, **kw) -> float:
    """Wall seconds of one run; its CPU seconds (user+sys, children) go to ``cpu``."""
    c, t = _cpu(), time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - t
    cpu.append(_cpu() - c)
    if proc.returncode != 0:
        sys.exit(f"{argv[:4]}... failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--linux", type=Path, default=None)
    ap.add_argument("--jobs", type=int, action="append", default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    src = args.linux or _linux()
    jobs_list = args.jobs or [2]
    with tempfile.TemporaryDirectory(prefix="hdrtool-bench-check-") as tmp:
        tmp = Path(tmp)
        subprocess.run(["make", "-s", "-C", str(src), f"O={tmp / 'o'}", "ARCH=x86",
                        "headers_install", f"INSTALL_HDR_PATH={tmp / 'usr'}"], check=True)
        tree = tmp / "usr" / "include"
        kernel = KernelHdrtest.prepare(src, tree, tmp / "k", "x86", ["-m64"])
        n = len(kernel.headers())
        env = dict(os.environ, PYTHONPATH=str(REPO))
        print(f"Linux 6.1 x86 installed tree: {n} headers; cpus: {os.cpu_count()}")
        for jobs in jobs_list:
            ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
            for _ in range(args.repeat):
                kernel.clean()
                theirs.append(_timed(kernel.argv(jobs), theirs_cpu, cwd=kernel.objtree))
                ours.append(_timed([sys.executable, "-m", "hdrtool", "headers_check", "ARCH=x86",
                                    "--tree", str(tree), f"-j{jobs}", "--format", "json"],
                                   ours_cpu, env=env))
            k, o = statistics.median(theirs), statistics.median(ours)
            kc, oc = statistics.median(theirs_cpu), statistics.median(ours_cpu)
            print(f"-j{jobs}: kernel compile test median {k:.2f} s {_fmt(theirs)}; "
                  f"hdrtool headers_check median {o:.2f} s {_fmt(ours)}; ratio {k / o:.2f}x")
            print(f"      CPU (user+sys): kernel {kc:.2f} s, hdrtool {oc:.2f} s; "
                  f"ratio {kc / oc:.2f}x")
        passed = kernel.passed()
        result = check_tree(tree, arch="x86", cc="gcc", jobs=jobs_list[0])
        same = result.failed == sorted(set(result.compiled) - passed)
        print(f"kernel: {len(passed)}/{n} headers passed; hdrtool: {len(result.passed)} of "
              f"{len(result.compiled)} compiled passed, {len(result.skipped)} skipped; "
              f"pass/fail {'identical' if same else 'DIFFERENT'}")


def _fmt(xs) -> str:
    return "(" + ", ".join(f"{x:.2f}" for x in xs) + ")"


if __name__ == "__main__":
    main()
