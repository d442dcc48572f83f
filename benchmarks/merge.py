"""Benchmark: plan + execute a merge of a generated tree, 500 headers per side.

    python benchmarks/merge.py [--per-side 500] [--runs 5]
    python benchmarks/merge.py --linux [../shared/linux-trees/linux-2.6.23] [--runs 3]

With ``--linux`` the real Linux 2.6.23 tree (its src.tar.xz unpacked into a
temporary directory) is merged instead, with hdrtool's bundled x86 facts:
the same load / plan / execute split, then the whole ``hdrtool merge``
command without and with ``--verify -j2`` (wall and CPU of the process and
its compilers), beside ``cp -r`` of the same tree.

The generated tree mixes the classes the way a real 2.6.23 tree does
(~30% identical, ~5% white space, ~5% stubs, ~45% split, ~15% one side
only, every third file including a sibling through an old path).  Prints
the median wall time of load (reading the tree), plan, and execute (write
into O, including the nothing-lost check), of the whole merge, and how much of it was Python (user CPU time) and
how much the file system (system time: on a loaded overlay file system
that is most of it, as the cp -r figure shows).  There is no reference implementation of 96a388de to time against
(Linux did it by hand, once, with git mv), so as a yardstick the same run
prints the median of copying the same tree with `cp -r`: the cost of just
moving the bytes through the file system.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hdrtool.core.config import load_arch                     # noqa: E402
from hdrtool.merge.execute import load_input, write_objdir   # noqa: E402
from hdrtool.merge.plan import plan_merge                 # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def header(i: int, side: str) -> bytes:
    body = [b"#ifndef _ASM_H%d\n#define _ASM_H%d\n" % (i, i)]
    if i % 3 == 0:
        body.append(b"#include <asm-%s/h%d.h>\n" % (side.encode(), (i // 20) * 20 + 8))
    body += [b"#define H%d_%d %d\n" % (i, k, k) for k in range(30)]
    body.append(b"#endif\n")
    return b"".join(body)


def make(root: Path, per_side: int) -> None:
    d32, d64 = root / "include/asm-i386", root / "include/asm-x86_64"
    for d in (d32, d64, root / "include/linux", root / "include/asm-generic"):
        d.mkdir(parents=True)
    kb32, kb64 = [], []
    for i in range(per_side):
        name = f"h{i}.h"
        a = header(i, "i386")
        kind = i % 20
        if kind < 6:                       # identical
            b = a
        elif kind == 6:                    # white space
            b = a.replace(b"#define ", b"#define  ")
        elif kind == 7:                    # stub
            b = b"#include <asm-i386/%s>\n" % name.encode()
        elif kind < 17:                    # split
            b = header(i, "x86_64").replace(b" 1\n", b" 2\n")
        else:                              # one side only
            (d32 if kind % 2 else d64).joinpath(name).write_bytes(a)
            (d64 if kind % 2 else d32).joinpath(f"x{i}.h").write_bytes(a)
            continue
        d32.joinpath(name).write_bytes(a)
        d64.joinpath(name).write_bytes(b)
        (kb32 if i % 2 else kb64).append(f"unifdef-y += {name}\n")
    d32.joinpath("Kbuild").write_text("".join(kb32))
    d64.joinpath("Kbuild").write_text("".join(kb64))
    for i in range(100):
        (root / f"include/linux/l{i}.h").write_bytes(b"#include <asm-i386/h%d.h>\n" % (i * 20 % 400 + 8))
    (root / "include/asm-generic/Kbuild.asm").write_text("")
    for arch in ("x86", "s390"):
        (root / "arch" / arch).mkdir(parents=True)
        shutil.copy(REPO / "arch" / arch / "arch.toml", root / "arch" / arch)


def _phases(src: Path, cfg, tmp: Path, runs: int) -> dict:
    times = {"load": [], "plan": [], "execute": [], "total": [], "user": [], "sys": [], "cp -r": []}
    for run in range(runs):
        out = tmp / f"o{run}"
        c0 = os.times()
        t0 = time.perf_counter()
        inp = load_input(src, cfg)
        t1 = time.perf_counter()
        plan = plan_merge(inp)
        t2 = time.perf_counter()
        write_objdir(plan, inp, out)
        t3 = time.perf_counter()
        c1 = os.times()
        for k, v in (("load", t1 - t0), ("plan", t2 - t1), ("execute", t3 - t2),
                     ("total", t3 - t0), ("user", c1.user - c0.user),
                     ("sys", c1.system - c0.system)):
            times[k].append(v)
        t4 = time.perf_counter()
        subprocess.run(["cp", "-r", str(src), str(tmp / f"cp{run}")], check=True)
        times["cp -r"].append(time.perf_counter() - t4)
        shutil.rmtree(out)
        shutil.rmtree(tmp / f"cp{run}")
    times["_counts"] = plan.counts()
    times["_files"] = len(inp.files)
    return times


def _print(times: dict) -> None:
    for k, v in times.items():
        if not k.startswith("_"):
            print(f"  {k:<8} median {statistics.median(v) * 1000:7.1f} ms")


def _cli(src: Path, out: Path, *extra: str) -> tuple:
    """Wall, user+sys CPU (children included) of one ``hdrtool merge``."""
    c0 = os.times()
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "hdrtool", "-C", str(src), "merge", f"O={out}",
                        *extra], capture_output=True, text=True, cwd=REPO,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - t0
    c1 = os.times()
    if r.returncode != 0:
        raise SystemExit(f"hdrtool merge failed ({r.returncode}): {r.stdout}{r.stderr}")
    shutil.rmtree(out)
    cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    return wall, cpu, r.stdout


def linux(tree_dir: Path, runs: int) -> None:
    from hdrtool.core.config import merge_arches
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run(["tar", "-xJf", str(tree_dir / "src.tar.xz"), "-C", str(tmp)], check=True)
        src = next(tmp.glob("linux-*"))
        cfg = merge_arches(src)[0]
        times = _phases(src, cfg, tmp, runs)
        print(f"tree: {src.name}, {times['_files']} files, counts {times['_counts']}")
        _print(times)
        for label, extra in (("hdrtool merge", ()), ("hdrtool merge --verify -j2", ("--verify", "-j2"))):
            walls, cpus = [], []
            for run in range(runs):
                wall, cpu, out = _cli(src, tmp / "cli", *extra)
                walls.append(wall)
                cpus.append(cpu)
            print(f"  {label:<28} median {statistics.median(walls):6.2f} s wall, "
                  f"{statistics.median(cpus):6.2f} s CPU")
        summary = [line for line in out.splitlines() if "VERIFY" in line]
        print("  " + (summary[0].strip() if summary else ""))
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-side", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--linux", nargs="?", const=str(REPO.parent / "shared/linux-trees/linux-2.6.23"),
                    default=None, help="merge the real tree (a linux-trees/<release> directory)")
    args = ap.parse_args()
    if args.linux:
        linux(Path(args.linux), args.runs if args.runs != 5 else 3)
        return
    cfg = load_arch(REPO / "arch/x86/arch.toml")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        make(src, args.per_side)
        times = {"load": [], "plan": [], "execute": [], "total": [], "user": [], "sys": [], "cp -r": []}
        for run in range(args.runs):
            out = Path(tmp) / f"o{run}"
            c0 = os.times()
            t0 = time.perf_counter()
            inp = load_input(src, cfg)
            t1 = time.perf_counter()
            plan = plan_merge(inp)
            t2 = time.perf_counter()
            write_objdir(plan, inp, out)
            t3 = time.perf_counter()
            times["load"].append(t1 - t0)
            times["plan"].append(t2 - t1)
            times["execute"].append(t3 - t2)
            times["total"].append(t3 - t0)
            c1 = os.times()
            times["user"].append(c1.user - c0.user)
            times["sys"].append(c1.system - c0.system)
            t4 = time.perf_counter()
            subprocess.run(["cp", "-r", str(src), str(Path(tmp) / f"cp{run}")], check=True)
            times["cp -r"].append(time.perf_counter() - t4)
        n = len(inp.files)
        print(f"tree: {args.per_side} headers per side, {n} files, counts {plan.counts()}")
        for k, v in times.items():
            print(f"  {k:<8} median {statistics.median(v) * 1000:7.1f} ms")
        ratio = statistics.median(times["total"]) / statistics.median(times["cp -r"])
        print(f"  hdrtool merge (load+plan+execute) / cp -r: {ratio:.1f}x")
        budget = statistics.median(times["plan"]) + statistics.median(times["execute"])
        print(f"  planner + executor: {budget:.3f} s wall ({'under' if budget < 1 else 'OVER'} 1 s); "
              f"of which Python (user) {statistics.median(times['user']):.3f} s, "
              f"file system (sys) {statistics.median(times['sys']):.3f} s")


if __name__ == "__main__":
    main()
