#!/usr/bin/env python3
"""Benchmark: the kernel's ``make headers_install`` against ``hdrtool headers_install``.

In one run, on the same Linux tree, for ARCH=x86 (or --arch):

  kernel clean   make -s -j2 headers_install with the host tools already built
                 (one warm-up run first), generated headers and the install
                 directory removed before each run
  kernel no-op   the same make again on the finished state
  hdrtool clean  python -m hdrtool -C SRC headers_install -j2 into an empty dir
  hdrtool no-op  the same again (it must write nothing: checked)

Each is timed as a whole process, wall clock, ``--runs`` times; the script
prints medians and minimums and the ratios (kernel / hdrtool) of the medians,
of the best runs, and the median of the per-round ratios (a round times both
tools back to back, which matters on a machine shared with other jobs).

    python benchmarks/headers_install.py [--linux SRC] [--runs 5] [--arch x86]

The work directory defaults to one below /var/tmp: on this machine creating
files below /tmp costs ~0.5 ms each (against ~0.03 ms below /var/tmp), which
would swamp both tools' numbers.

--defer-removal: the file system here is ext4 without a journal, and there
ext4 does not reuse an inode freed less than 60 s ago (fs/ext4/ialloc.c,
recently_deleted(), RECENTCY_MIN): every file created in a block group then
first steps over all such inodes, ~0.3-0.7 ms per file after a few thousand
deletions.  Removing the previous round's trees right before each clean run
(the default, and what a user who deletes and reinstalls within a minute
sees) makes both tools' clean times mostly that.  With --defer-removal the
previous trees are renamed into WORK/trash instead (same state for both
tools: the directories are gone) and removed after all timing.  Part of the
effect stays: scripts/headers_install.sh deletes a temporary file per header,
so each kernel run (no-op included) frees ~900 inodes just before ours.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_linux() -> str:
    env = os.environ.get("HDRTOOL_LINUX_SRC")
    if env:
        return env
    hits = sorted(glob.glob("/var/tmp/hdrtool-linux/linux-source-6.1*"))
    if not hits:
        sys.exit("no Linux tree: pass --linux or set HDRTOOL_LINUX_SRC")
    return hits[0]


def timed(cmd, cwd=None) -> float:
    # flush the previous run's dirty pages first, so that no run pays for the
    # writeback of the one before it (the kernel's clean run writes ~3000 files)
    os.sync()
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


def snapshot(root: Path) -> dict:
    return {str(p): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--linux", default=None)
    ap.add_argument("--arch", default="x86")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--defer-removal", action="store_true",
                    help="move old trees aside, remove them after timing (see above)")
    args = ap.parse_args()
    src = args.linux or find_linux()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="hdrtool-bench-", dir="/var/tmp"))
    obj, kdest, odest = work / "kobj", work / "kernel-usr", work / "hdrtool-usr"
    make = ["make", "-s", "-C", src, f"O={obj}", f"ARCH={args.arch}", "headers_install",
            f"INSTALL_HDR_PATH={kdest}", f"-j{args.jobs}"]
    ours = [sys.executable, "-m", "hdrtool", "-C", src, "headers_install", f"ARCH={args.arch}",
            f"INSTALL_HDR_PATH={odest}", f"-j{args.jobs}"]

    trash = work / "trash"
    moved = 0

    def remove(d: Path) -> None:
        nonlocal moved
        if not args.defer_removal:
            shutil.rmtree(d, ignore_errors=True)
        elif d.exists():
            trash.mkdir(exist_ok=True)
            moved += 1
            d.rename(trash / str(moved))

    def kernel_clean_state():
        # keep the host tools (scripts/, arch/*/tools); drop everything headers_install made
        for d in [obj / "usr", obj / "include", kdest, *obj.glob("arch/*/include/generated")]:
            remove(d)

    print(f"tree {src}  ARCH={args.arch}  -j{args.jobs}  runs {args.runs}  work {work}"
          + ("  (old trees removed after timing)" if args.defer_removal else ""))
    # hdrtool as installed: pip byte-compiles a package when it installs it,
    # but an editable checkout under PYTHONDONTWRITEBYTECODE=1 (set on this
    # machine) would recompile every module on every run (~8 ms).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "hdrtool")], check=True)
    timed(make)                                  # warm-up: builds fixdep, unifdef, ...
    res = {"kernel clean": [], "kernel no-op": [], "hdrtool clean": [], "hdrtool no-op": []}
    kernel_rewrites = ours_rewrites = 0
    for _ in range(args.runs):
        kernel_clean_state()
        res["kernel clean"].append(timed(make))
        before = snapshot(kdest)
        res["kernel no-op"].append(timed(make))
        after = snapshot(kdest)
        kernel_rewrites = sum(after[k] != before.get(k) for k in after)
        remove(odest)
        res["hdrtool clean"].append(timed(ours, cwd=REPO))
        before = snapshot(odest)
        res["hdrtool no-op"].append(timed(ours, cwd=REPO))
        after = snapshot(odest)
        ours_rewrites = sum(after[k] != before.get(k) for k in after)
    nfiles = sum(1 for _ in (kdest / "include").rglob("*.h"))
    print(f"{nfiles} headers; files rewritten by a no-op run: kernel {kernel_rewrites}, "
          f"hdrtool {ours_rewrites}")
    med = {k: statistics.median(v) for k, v in res.items()}
    best = {k: min(v) for k, v in res.items()}
    for k, v in res.items():
        print(f"  {k:14s} median {med[k]:7.3f} s  min {best[k]:7.3f} s   "
              f"runs: {' '.join(f'{x:.3f}' for x in v)}")
    for what, target in (("clean", "target >= 15x and hdrtool < 0.5 s"),
                         ("no-op", "target >= 5x, hdrtool writing nothing")):
        k, o = res[f"kernel {what}"], res[f"hdrtool {what}"]
        # each round times both back to back, so a round's ratio sees one load level
        per_round = statistics.median(a / b for a, b in zip(k, o))
        print(f"{what}: kernel/hdrtool = {med[f'kernel {what}'] / med[f'hdrtool {what}']:.1f}x "
              f"(medians), {per_round:.1f}x (median of per-round ratios), "
              f"{best[f'kernel {what}'] / best[f'hdrtool {what}']:.1f}x (best runs)   ({target})")
    shutil.rmtree(trash, ignore_errors=True)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
