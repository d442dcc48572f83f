#!/usr/bin/env python3
"""Benchmark: the per-file rewrite read from each tree's script, ours vs sed.

For each real tree, its own program (hdrtool.install.scriptrules) over one install's
worth of headers, three ways, each REPEAT times, medians printed:

* ``read``: finding and reading the program in the tree's script;
* ``ours``: Program.apply (the hand-written fast path where it applies);
* ``general``: the general interpreter (no fast path);
* ``sed``: the real ``sed`` with the script's arguments, one process per
  file, as the kernel's scripts run it.

Outputs are compared (a benchmark of a wrong answer is worthless).  Era B
(perl) runs the stand-in script of tests/test_scriptrules.py once per set.

    python benchmarks/rewrite.py [--repeat N]      (default 9; sed gets N//2 rounds)

Trees: /tmp/trees/linux-2.6.23, /tmp/trees/linux-4.4.121 (unpacked from
/work/shared/linux-trees), HDRTOOL_LINUX_SRC or /var/tmp/hdrtool-linux/
linux-source-6.1, HDRTOOL_LINUX612_SRC or /var/tmp/hdrtool-linux612/
linux-source-6.12; a missing tree is reported and skipped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from hdrtool.install import scriptrules as sr  # noqa: E402

TREES = {
    "2.6.23": (os.environ.get("HDRTOOL_LINUX2623_SRC", "/tmp/trees/linux-2.6.23"),
               ["include/linux", "include/asm-i386", "include/asm-generic"]),
    "4.4.121": (os.environ.get("HDRTOOL_LINUX44_SRC", "/tmp/trees/linux-4.4.121"),
                ["include/uapi", "arch/x86/include/uapi"]),
    "6.1": (os.environ.get("HDRTOOL_LINUX_SRC", "/var/tmp/hdrtool-linux/linux-source-6.1"),
            ["include/uapi", "arch/x86/include/uapi"]),
    "6.12": (os.environ.get("HDRTOOL_LINUX612_SRC",
                            "/var/tmp/hdrtool-linux612/linux-source-6.12"),
             ["include/uapi", "arch/x86/include/uapi"]),
}
ENV_C = dict(os.environ, LC_ALL="C")


def median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def interleaved(fns, repeat):
    """Median time and last result of each fn, rounds alternating between
    them (so that load on a shared machine hits all alike)."""
    times, outs = [[] for _ in fns], [None] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            outs[i] = fn()
            times[i].append(time.perf_counter() - t)
    return [(statistics.median(t), o) for t, o in zip(times, outs)]


def read_program(root: Path, rel: str) -> sr.Program:
    if rel == "2.6.23":
        f = root / "scripts/Makefile.headersinst"
        return sr.hdrsed_from_headersinst(f.read_bytes(), str(f))
    f = root / "scripts/headers_install.sh"
    return sr.sed_from_headers_install_sh(f.read_bytes(), str(f))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    print(f"{'tree':8} {'files':>5} {'read ms':>8} {'ours ms':>8} {'general ms':>10} "
          f"{'sed ms':>8} {'sed/ours':>8} {'sed/gen':>8}")
    perl_inputs = None
    for rel, (root, dirs) in TREES.items():
        root = Path(root)
        if not (root / "scripts").is_dir():
            print(f"{rel:8} missing: {root}")
            continue
        files = sorted(p for d in dirs for p in (root / d).rglob("*.h")
                       if p.is_file() and not p.is_symlink())
        datas = [f.read_bytes() for f in files]
        t_read, program = median_time(lambda: read_program(root, rel), args.repeat)
        slow = sr.general(program)
        (t_ours, ours), (t_gen, gen) = interleaved(
            [lambda: [program.apply(d) for d in datas], lambda: [slow.apply(d) for d in datas]],
            args.repeat)
        argv = ["sed", *map(os.fsdecode, program.argv)]
        t_sed, want = median_time(lambda: [subprocess.run(argv + [str(f)], env=ENV_C, check=True,
                                                          capture_output=True).stdout
                                           for f in files], max(1, args.repeat // 2))
        assert ours == want and gen == want, f"{rel}: output differs from sed"
        print(f"{rel:8} {len(files):5} {t_read * 1e3:8.1f} {t_ours * 1e3:8.1f} {t_gen * 1e3:10.1f} "
              f"{t_sed * 1e3:8.0f} {t_sed / t_ours:8.0f} {t_sed / t_gen:8.0f}")
        if rel == "2.6.23":
            perl_inputs = datas
    if perl_inputs:
        from test_scriptrules import perl_script
        script = perl_script()
        program = sr.perl_from_headers_install_pl(script, "headers_install.pl")
        t_ours, ours = median_time(lambda: [program.apply(d) for d in perl_inputs], args.repeat)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "in").mkdir()
            (tmp / "out").mkdir()
            (tmp / "h.pl").write_bytes(script)
            names = [f"{i}.h" for i in range(len(perl_inputs))]
            for n, d in zip(names, perl_inputs):
                (tmp / "in" / n).write_bytes(d)

            def perl():
                subprocess.run(["perl", str(tmp / "h.pl"), str(tmp / "in"), str(tmp / "out"),
                                *names], env=ENV_C, check=True)
                return [(tmp / "out" / n).read_bytes() for n in names]
            t_perl, want = median_time(perl, args.repeat)
        assert ours == want, "perl output differs"
        print(f"perl (B.2 stand-in, 2.6.23 set, one perl process): {len(names)} files, ours "
              f"{t_ours * 1e3:.1f} ms, perl {t_perl * 1e3:.1f} ms, ratio {t_perl / t_ours:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
