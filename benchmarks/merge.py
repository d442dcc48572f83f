"""Benchmark: hdrtool merge on three trees, beside copying the same tree.

    python benchmarks/merge.py [--runs 5] [--verify-runs 3] [--per-side 500]
                               [--linux ../shared/linux-trees/linux-2.6.23 | --no-linux]
                               [--no-verify] [--in-place]

Trees, each merged into a fresh O= every run:

* ``bundled``: hdrtool's own tree (include/ and arch/ of this checkout);
* ``generated``: 500 headers per side mixing the classes the way a real
  2.6.23 tree does (~30% identical, ~5% white space, ~5% stubs, ~45% split,
  ~15% one side only, every third file including a sibling through an old
  path), plus 100 linux/ headers referring to them;
* ``linux-2.6.23``: the real tree (its src.tar.xz unpacked into a temporary
  directory), with hdrtool's bundled x86 facts: 6586 files, of which the
  merge changes 132 (halves, wrappers, merged Kbuild, files whose includes
  are rewritten, the Makefile) and hard-links the other 6559.

Per tree it prints medians of: the phases in this process (load = read and
hash every file, plan, execute = write into O's staging directory and the
nothing-lost audit, then rename into place), the same execute with every
output written (``link=False``, what hdrtool did before), and the whole
``hdrtool merge O=`` command as a new process (wall, and user+sys CPU,
which the machine's load does not inflate the way it does wall time);
for Linux also ``hdrtool merge O= --verify -j2`` (wall and CPU, the
compilers included).

The references run in the same loop, on the same tree, interleaved with
ours, so the machine's load hits both alike:

* ``cp -a SRC O``: the conventional way to get a tree into a build
  directory; every file created and written, which is what the merge's
  executor amounts to if it writes its whole output.
* ``cp -al SRC O``: the floor for any O= that holds a complete tree
  (one directory entry per file, no data): what the merge's I/O can at best
  come down to.

There is no reference implementation of 96a388de to time against: Linux
did it once, by a hand-written script and ``git mv``.  Ratios are
``hdrtool merge`` (process wall) over each reference's wall.

With ``--in-place``, ``hdrtool merge --in-place`` on a git repository of the
Linux tree (a fresh ``cp -a`` of it each run) is timed beside that script:
one ``git mv`` per moved file, ``git rm`` of the dropped ones, the changed
files written and ``git add``-ed, which gives the same index; hdrtool does
that and its checks, backup and audit on top.
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

from hdrtool.core.config import load_arch, merge_arches        # noqa: E402
from hdrtool.merge.execute import load_input, write_objdir   # noqa: E402
from hdrtool.merge.plan import plan_merge                 # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO.parent / "shared/linux-trees/linux-2.6.23"


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
        (root / f"include/linux/l{i}.h").write_bytes(
            b"#include <asm-i386/h%d.h>\n" % (i * 20 % 400 + 8))
    (root / "include/asm-generic/Kbuild.asm").write_text("")
    for arch in ("x86", "s390"):
        (root / "arch" / arch).mkdir(parents=True)
        shutil.copy(REPO / "arch" / arch / "arch.toml", root / "arch" / arch)


def _cmd(argv) -> tuple:
    """(wall, user+sys CPU of the children) of one command."""
    c0 = os.times()
    t0 = time.perf_counter()
    r = subprocess.run(argv, capture_output=True, text=True, cwd=REPO,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - t0
    c1 = os.times()
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv))} failed ({r.returncode}): "
                         f"{r.stdout}{r.stderr}")
    return wall, (c1.children_user - c0.children_user) + \
        (c1.children_system - c0.children_system), r.stdout


def _hdrtool(src: Path, out: Path, *extra: str) -> tuple:
    return _cmd([sys.executable, "-m", "hdrtool", "-C", str(src), "merge", f"O={out}", *extra])


def bench(label: str, src: Path, cfg, tmp: Path, runs: int, verify_runs: int) -> None:
    t: dict = {}

    def add(key: str, value: float) -> None:
        t.setdefault(key, []).append(value)

    summary = ""
    for run in range(runs):
        out = tmp / "o"
        c0 = os.times()
        t0 = time.perf_counter()
        inp = load_input(src, cfg)
        t1 = time.perf_counter()
        plan = plan_merge(inp)
        t2 = time.perf_counter()
        write_objdir(plan, inp, out)
        t3 = time.perf_counter()
        c1 = os.times()
        add("load", t1 - t0)
        add("plan", t2 - t1)
        add("execute", t3 - t2)
        add("in-process CPU", (c1.user - c0.user) + (c1.system - c0.system))
        shutil.rmtree(out)
        t4 = time.perf_counter()
        write_objdir(plan, inp, out, link=False)
        add("execute, every file written", time.perf_counter() - t4)
        shutil.rmtree(out)
        wall, cpu, _ = _hdrtool(src, out)
        add("hdrtool merge", wall)
        add("hdrtool merge CPU", cpu)
        shutil.rmtree(out)
        for ref, argv in (("cp -a", ["cp", "-a"]), ("cp -al", ["cp", "-al"])):
            wall, _, _ = _cmd(argv + [str(src), str(out)])
            add(ref, wall)
            shutil.rmtree(out)
    for run in range(verify_runs):
        wall, cpu, stdout = _hdrtool(src, tmp / "o", "--verify", "-j2")
        add("hdrtool merge --verify -j2", wall)
        add("hdrtool merge --verify -j2 CPU", cpu)
        shutil.rmtree(tmp / "o")
        summary = next((ln.strip() for ln in stdout.splitlines() if "VERIFY" in ln), "")
    written = sum(1 for o in plan.outputs.values() if o.data is not None or o.edits)
    print(f"\n{label}: {len(inp.files)} files in, {len(plan.outputs)} out, {written} of them "
          f"written (the rest hard-links), medians of {runs}")
    print("  " + ", ".join(f"{k} {v}" for k, v in plan.counts().items()))
    med = {k: statistics.median(v) for k, v in t.items()}
    for k, v in med.items():
        unit = f"{v * 1000:8.1f} ms" if v < 1 else f"{v:8.2f} s "
        print(f"  {k:<32} {unit}")
    for ref in ("cp -a", "cp -al"):
        print(f"  hdrtool merge / {ref:<7} {med['hdrtool merge'] / med[ref]:5.2f}x")
    if summary:
        print(f"  {summary}")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@b"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def _by_git_mv(repo: Path, plan, inp) -> None:
    """The reference for --in-place: what a script does by hand, one git mv
    per moved file (as Linux did), git rm of the dropped, the changed files
    written and git add-ed: the same index as hdrtool's."""
    old = (f"include/{plan.spec.dir32}/", f"include/{plan.spec.dir64}/")
    for out in plan.outputs.values():
        if out.rename and out.origin != out.path and out.origin.startswith(old):
            (repo / out.path).parent.mkdir(parents=True, exist_ok=True)
            _git(repo, "mv", "--", out.origin, out.path)
    dropped = [d.path for d in plan.drops]
    for i in range(0, len(dropped), 200):
        _git(repo, "rm", "-q", "--", *dropped[i:i + 200])
    changed = [o for o in plan.outputs.values() if o.data is not None or o.edits]
    for out in changed:
        (repo / out.path).write_bytes(plan.render(out, inp.files))
    for i in range(0, len(changed), 200):
        _git(repo, "add", "--", *[o.path for o in changed[i:i + 200]])


def bench_in_place(src: Path, cfg, tmp: Path, runs: int) -> None:
    """hdrtool merge --in-place on a git repository of the tree, beside one
    git mv per file; each run on a fresh copy of the repository."""
    repo = tmp / "repo"
    shutil.copytree(src, repo, symlinks=True)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "pre-merge")
    inp = load_input(src, cfg)
    plan = plan_merge(inp)
    t: dict = {}
    for run in range(runs):
        for label in ("hdrtool merge --in-place", "git mv per file (script)"):
            work = tmp / "work"
            subprocess.run(["cp", "-a", str(repo), str(work)], check=True)
            if label.startswith("hdrtool"):
                wall, cpu, _ = _cmd([sys.executable, "-m", "hdrtool", "-C", str(work), "merge",
                                     "--in-place"])
                t.setdefault(label + " CPU", []).append(cpu)
            else:
                t0 = time.perf_counter()
                _by_git_mv(work, plan, inp)
                wall = time.perf_counter() - t0
            t.setdefault(label, []).append(wall)
            shutil.rmtree(work)
    print(f"\n{src.name} --in-place (git repository of the tree), medians of {runs}")
    for k, v in t.items():
        print(f"  {k:<32} {statistics.median(v):8.2f} s")
    ratio = statistics.median(t["hdrtool merge --in-place"]) / \
        statistics.median(t["git mv per file (script)"])
    print(f"  hdrtool / script: {ratio:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-side", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--verify-runs", type=int, default=3)
    ap.add_argument("--no-verify", action="store_true")
    ap.add_argument("--linux", default=str(LINUX),
                    help="a linux-trees/<release> directory with src.tar.xz")
    ap.add_argument("--no-linux", action="store_true")
    ap.add_argument("--in-place", action="store_true",
                    help="also time --in-place on a git repository of the Linux tree")
    args = ap.parse_args()
    verify_runs = 0 if args.no_verify else args.verify_runs
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at start")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bundled = tmp / "bundled"
        for top in ("include", "arch"):
            shutil.copytree(REPO / top, bundled / top)
        bench("bundled", bundled, load_arch(bundled / "arch/x86/arch.toml"), tmp, args.runs, 0)
        gen = tmp / "generated"
        make(gen, args.per_side)
        bench(f"generated ({args.per_side} per side)", gen,
              load_arch(gen / "arch/x86/arch.toml"), tmp, args.runs, 0)
        tarball = Path(args.linux) / "src.tar.xz"
        if not args.no_linux and tarball.is_file():
            subprocess.run(["tar", "-xJf", str(tarball), "-C", str(tmp)], check=True)
            src = next(tmp.glob("linux-*"))
            bench(src.name, src, merge_arches(src)[0], tmp, args.runs, verify_runs)
            if args.in_place:
                bench_in_place(src, merge_arches(src)[0], tmp, min(args.runs, 3))
        elif not args.no_linux:
            print(f"\n(no {tarball}: the Linux tree is left out)")
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")


if __name__ == "__main__":
    main()
