#!/usr/bin/env python3
"""Benchmark: hdrtool's unifdef engine against Debian's /usr/bin/unifdef.

Both run once per header over the same files in the same run:
``/usr/bin/unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__ FILE`` (a process per
file, as the kernel's headers_install.sh runs it) and
``hdrtool.directives.unifdef_changed`` in this process.  Each side is timed
over the whole set, REPEAT times; the medians, the throughput and the ratio
per byte are printed.  Outputs are compared too (a benchmark of a wrong
answer is worthless).

Then every option set of ``OPTION_SETS`` (``--options``): unifdef with the
option, a process per file, against ``hdrtool unifdef --compat`` with the
same words called in this process once per file (its command-line parsing
included), stdout, stderr and exit status compared.

    python benchmarks/unifdef.py [--repeat N] [--linux DIR] [--tree DIR]
                                 [--options] [--only -b,-k]

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

from hdrtool.directives import Symbols, unifdef_changed  # noqa: E402
from hdrtool.errors import InputError  # noqa: E402

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


#: The option sets timed with --options (each with the kernel's symbols).
OPTION_SETS = [[], ["-b"], ["-B"], ["-c"], ["-e"], ["-k"], ["-K"], ["-n"], ["-s"], ["-S"],
               ["-t"], ["-x2"], ["-c", "-b", "-k"], ["-B", "-n"], ["-iU__KERNEL__"],
               ["-f", "{defs}"]]


def bench_options(files: List[Path], repeat: int, only=None) -> None:
    """Each option set over ``files``: unifdef once per file against
    ``hdrtool unifdef --compat`` once per file in this process."""
    import io
    import tempfile
    from hdrtool.commands.unifdef import main as hdrtool_unifdef
    size = sum(p.stat().st_size for p in files)
    with tempfile.TemporaryDirectory() as tmp:
        defs = Path(tmp, "defs.h")
        defs.write_bytes(b"#undef __KERNEL__\n#define __EXPORTED_HEADERS__ 1\n")
        print(f"option sets over {len(files)} files, {size / 1e6:.2f} MB, median of {repeat}")
        print(f"  {'options':24} {'unifdef s':>10} {'hdrtool s':>10} {'ratio':>7}  same")
        for opts in OPTION_SETS:
            words = [w.replace("{defs}", str(defs)) for w in opts]
            if only and " ".join(opts) not in only:
                continue
            args = words + ([] if "-f" in opts else ARGS)

            def ref():
                return [(p.returncode, p.stdout, p.stderr) for p in
                        (subprocess.run(["unifdef", *args, str(f)], capture_output=True)
                         for f in files)]

            def ours():
                res = []
                for f in files:
                    out, err = io.BytesIO(), io.BytesIO()
                    rc = hdrtool_unifdef(["--compat", *args, str(f)], None, out, err)
                    res.append((rc, out.getvalue(), err.getvalue()))
                return res

            ref_t, ref_out = timed(ref, repeat)
            our_t, our_out = timed(ours, repeat)
            same = sum(a == b for a, b in zip(ref_out, our_out))
            label = " ".join(opts) or "(none)"
            print(f"  {label:24} {ref_t:10.3f} {our_t:10.3f} {ref_t / our_t:6.1f}x  "
                  f"{same}/{len(files)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--linux", default=os.environ.get("HDRTOOL_LINUX_SRC")
                    or next(iter(sorted(glob.glob("/var/tmp/hdrtool-linux/linux-source-6.1*"))),
                            None))
    ap.add_argument("--tree", default=str(REPO))
    ap.add_argument("--options", action="store_true", help="time every option set too")
    ap.add_argument("--only", default=None, help="option sets to time, comma separated")
    args = ap.parse_args()
    if args.linux:
        bench("Linux 6.1 include/uapi + arch/x86/include/uapi",
              linux_headers(Path(args.linux)), args.repeat)
    else:
        print("no Linux tree (set HDRTOOL_LINUX_SRC): skipped")
    bench("bundled include/", sorted(Path(args.tree, "include").glob("**/*.h")), args.repeat)
    if args.options:
        files = linux_headers(Path(args.linux)) if args.linux else \
            sorted(Path(args.tree, "include").glob("**/*.h"))
        bench_options(files, args.repeat, args.only.split(",") if args.only else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
