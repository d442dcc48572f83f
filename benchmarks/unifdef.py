#!/usr/bin/env python3
"""Benchmark: hdrtool's unifdef engine against Debian's /usr/bin/unifdef.

Both run once per header over the same files in the same run:
``/usr/bin/unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__ FILE`` (a process per
file, as the kernel's headers_install.sh runs it) and
``hdrtool.core.directives.unifdef_changed`` in this process.  Each side is timed
over the whole set, REPEAT times; the medians, the throughput and the ratio
per byte are printed.  Outputs are compared too (a benchmark of a wrong
answer is worthless).

    python benchmarks/unifdef.py [--repeat N] [--linux DIR] [--tree DIR]

Sets: Linux's include/uapi + arch/x86/include/uapi (HDRTOOL_LINUX_SRC or
/var/tmp/hdrtool-linux/linux-source-6.1*) and the bundled include/ tree.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import List

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hdrtool.core.directives import Symbols, unifdef_changed  # noqa: E402
from hdrtool.core.errors import InputError  # noqa: E402

ARGS = ["-U__KERNEL__", "-D__EXPORTED_HEADERS__"]
SYMBOLS = Symbols({"__EXPORTED_HEADERS__": None}, frozenset({"__KERNEL__"}))


def linux_headers(root: Path) -> List[Path]:
    files = sorted(root.glob("include/uapi/**/*.h")) + sorted(
        root.glob("arch/x86/include/uapi/**/*.h"))
    return [p for p in files if p.is_file()]


def run_reference(files: List[Path]) -> List[bytes]:
    return [subprocess.run(["unifdef", *ARGS, str(p)], capture_output=True).stdout
            for p in files]


def run_ours(datas: List[bytes]) -> List[bytes]:
    out = []
    for data in datas:
        try:
            out.append(unifdef_changed(data, SYMBOLS)[0])
        except InputError:
            out.append(b"")
    return out


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench(name: str, files: List[Path], repeat: int) -> None:
    if not files:
        print(f"{name}: no headers, skipped")
        return
    size = sum(p.stat().st_size for p in files)
    ref_t, ref_out = timed(lambda: run_reference(files), repeat)

    def ours():
        return run_ours([p.read_bytes() for p in files])  # reading is part of the job

    our_t, our_out = timed(ours, repeat)
    same = sum(a == b for a, b in zip(ref_out, our_out))
    print(f"{name}: {len(files)} files, {size / 1e6:.2f} MB, median of {repeat}")
    print(f"  /usr/bin/unifdef (one process per file): {ref_t:8.3f} s  "
          f"{size / ref_t / 1e6:7.1f} MB/s")
    print(f"  hdrtool engine (in process):            {our_t:8.3f} s  "
          f"{size / our_t / 1e6:7.1f} MB/s")
    print(f"  ratio (unifdef time / ours, per byte):  {ref_t / our_t:8.1f}x")
    print(f"  identical outputs: {same}/{len(files)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--linux", default=os.environ.get("HDRTOOL_LINUX_SRC")
                    or next(iter(sorted(glob.glob("/var/tmp/hdrtool-linux/linux-source-6.1*"))),
                            None))
    ap.add_argument("--tree", default=str(REPO))
    args = ap.parse_args()
    if args.linux:
        bench("Linux 6.1 include/uapi + arch/x86/include/uapi",
              linux_headers(Path(args.linux)), args.repeat)
    else:
        print("no Linux tree (set HDRTOOL_LINUX_SRC): skipped")
    bench("bundled include/", sorted(Path(args.tree, "include").glob("**/*.h")), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
