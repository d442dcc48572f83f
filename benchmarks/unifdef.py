#!/usr/bin/env python3
"""Benchmark: hdrtool's unifdef engine against Debian's /usr/bin/unifdef.

Both run once per header over the same files in the same run:
``/usr/bin/unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__ FILE`` (a process per
file, as the kernel's headers_install.sh runs it) and
``hdrtool.core.directives.unifdef_changed`` in this process.  Each side is timed
over the whole set, REPEAT times; the medians, the throughput and the ratio
per byte are printed.  Outputs are compared too (a benchmark of a wrong
answer is worthless).

Then every option set of ``OPTION_SETS`` (``--options``): unifdef with the
option, a process per file, against ``hdrtool unifdef --compat`` with the
same words called in this process once per file (its command-line parsing
included), stdout, stderr and exit status compared.

And with ``--large`` the case of issue 15 item 17: a header of some 50 MB
made of 1.26 M ``#ifdef __KERNEL__`` groups (generated in a temporary
directory, never committed; once as plain text, once with a comment per
group so that the general scanner runs), ``unifdef -U__KERNEL__`` against
``hdrtool unifdef -U__KERNEL__``, each as a process, with its peak RSS.

    python benchmarks/unifdef.py [--repeat N] [--linux DIR] [--tree DIR]
                                 [--options] [--only -b,-k] [--large [--no-small]]

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


def bench_large(repeat: int, groups: int = 1_260_000) -> None:
    """The 50 MB header: C unifdef against hdrtool unifdef, processes both."""
    import tempfile
    shapes = {
        "plain": b"#ifdef __KERNEL__\nint kk%d;\n#endif\n",
        "commented": b"#ifdef __KERNEL__ /* k */\nint k%d;\n#endif\n",
    }
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        for name, group in shapes.items():
            path = Path(tmp, f"{name}.h")
            with open(path, "wb") as f:
                for start in range(0, groups, 10_000):
                    f.write(b"".join(group % i for i in range(start, min(groups, start + 10_000))))
            size = path.stat().st_size
            ref, ours = [], []
            for _ in range(repeat):
                ref.append(_run_env(["unifdef", "-U__KERNEL__", str(path)],
                                    os.path.join(tmp, "ref.out"), None))
                ours.append(_run_env([sys.executable, "-m", "hdrtool", "unifdef",
                                      "-U__KERNEL__", str(path)], os.path.join(tmp, "our.out"),
                                     env))
            same = Path(tmp, "ref.out").read_bytes() == Path(tmp, "our.out").read_bytes()
            rt = statistics.median(r[0] for r in ref)
            ot = statistics.median(o[0] for o in ours)
            print(f"large header ({name}): {size / 1e6:.1f} MB, {groups} #ifdef __KERNEL__ groups,"
                  f" median of {repeat}")
            print(f"  /usr/bin/unifdef -U__KERNEL__: {rt:7.2f} s {size / rt / 1e6:6.1f} MB/s"
                  f"  peak RSS {max(r[1] for r in ref):7.1f} MB  exit {ref[0][2]}")
            print(f"  hdrtool unifdef -U__KERNEL__:  {ot:7.2f} s {size / ot / 1e6:6.1f} MB/s"
                  f"  peak RSS {max(o[1] for o in ours):7.1f} MB  exit {ours[0][2]}")
            print(f"  ratio (our time / unifdef's, per byte): {ot / rt:5.2f}x;"
                  f" identical output: {same}")


def _run_env(argv: List[str], stdout_path: str, env):
    """(seconds, peak RSS in MB, exit status) of one process.  The peak is
    GNU time's %M where /usr/bin/time exists (wait4's ru_maxrss of a child
    forked from this Python counts the parent's pages as well)."""
    import shutil
    import tempfile
    gnu_time = shutil.which("time") if os.path.exists("/usr/bin/time") else None
    with open(stdout_path, "wb") as out, tempfile.NamedTemporaryFile("r") as rss:
        if gnu_time:
            argv = ["/usr/bin/time", "-f", "%M", "-o", rss.name, *argv]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        peak = usage.ru_maxrss
        if gnu_time:
            text = rss.read().split()
            peak = int(text[-1]) if text and text[-1].isdigit() else peak
    return elapsed, peak / 1024, _exit_of(status)


def _exit_of(status: int) -> int:
    """GNU time exits with the command's status."""
    return os.waitstatus_to_exitcode(status)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--linux", default=os.environ.get("HDRTOOL_LINUX_SRC")
                    or next(iter(sorted(glob.glob("/var/tmp/hdrtool-linux/linux-source-6.1*"))),
                            None))
    ap.add_argument("--tree", default=str(REPO))
    ap.add_argument("--options", action="store_true", help="time every option set too")
    ap.add_argument("--only", default=None, help="option sets to time, comma separated")
    ap.add_argument("--large", action="store_true", help="the 50 MB header case too")
    ap.add_argument("--no-small", action="store_true", help="skip the tree benchmarks")
    args = ap.parse_args()
    if args.large:
        bench_large(args.repeat)
        if args.no_small:
            return 0
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
