#!/usr/bin/env python3
"""Benchmark: the kernel's ``make headers_install`` against ``hdrtool headers_install``.

In one run, on the same Linux tree, for ARCH=x86 (or --arch):

  kernel clean   make -s -j2 headers_install with the host tools already built
                 (one warm-up run first), without the generated headers and
                 the install directory
  kernel no-op   the same make again on the finished state
  hdrtool clean  python -m hdrtool -C SRC headers_install -j2 into an empty dir
  hdrtool no-op  the same again (it must write nothing: checked)

"python" is a virtual environment of this interpreter (made in the work
directory, untimed) whose one .pth file puts this checkout and this
interpreter's site-packages (click, jinja2) on sys.path: a Python as on a
user's machine.  This interpreter itself runs the .pth hooks found in its
site-packages at every start (here: a CA injection that imports certifi,
and pip's editable-install finder, ~40 ms together), which are neither
hdrtool's nor the user's; the no-op is also timed with it, and both
interpreters' bare start-up (python -c pass) is printed.

Each is timed as a whole process, wall clock, ``--runs`` times, with ``sync``
before each; the script prints medians and minimums and the ratios (kernel /
hdrtool) of the medians, of the best runs, and the median of the per-round
ratios (a round times both tools back to back, which matters on a machine
shared with other jobs).

    python benchmarks/headers_install.py [--linux SRC] [--runs 5] [--fs fresh|disk]
    python benchmarks/headers_install.py --releases 6.12,4.4.121,2.6.23 [--runs 5]

``--releases`` runs the whole comparison once per release, in one run: 6.1
and 6.12 are Debian's linux-source packages (unpacked as .ci/run does), the
others the trees of ../shared/linux-trees, unpacked into the work directory
(2.6.23's scripts/unifdef.c gets make-ref.sh's getline rename in that copy,
so the kernel's own make can build it with today's glibc).  Each release
uses its default ARCH (x86; i386 for 2.6.23, whose x86 is two arches).

Where the output goes (--fs) matters more on this machine than anything
either tool does.  Its root file system is ext4 without a journal, and there
ext4 does not reuse an inode freed less than 60 s ago (fs/ext4/ialloc.c,
recently_deleted(), RECENTCY_MIN): every file created in a block group first
steps over all such inodes, ~0.3-0.7 ms per file after a few thousand
deletions against ~0.02 ms normally.  A benchmark that removes the last
round's trees, or runs one tool right after the other has deleted files
(scripts/headers_install.sh deletes a temporary file per header, no-op runs
included), times mostly that.

  --fs fresh   (default when run as root) every round gives each tool a file
               system of its own: a new, empty ext4 without a journal (as /
               is here), loop-mounted from an image in the work directory.
               The kernel's build directory with its host tools is copied in
               before its clean run, untimed; the no-op run follows on the
               same file system.  Nothing one tool deletes is seen by the
               other; each still pays for what it deletes itself.  This is a
               user installing into a fresh directory on a disk that saw no
               mass deletion in the last minute.
  --fs disk    everything in one work directory on / (below /var/tmp:
               creating files below /tmp costs ~0.5 ms each here); the
               previous round's trees are renamed aside and removed after all
               timing.  The kernel's deletions still slow down the clean run
               that follows them, whichever tool's it is.
  --fs disk --remove-now   remove the previous round's trees right before
               each clean run: a user deleting and reinstalling at once.
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


def plain_python(work: Path) -> str:
    """A venv of this interpreter that sees this checkout and this
    interpreter's site-packages as plain path entries: no .pth hook of
    either runs (see above)."""
    import sysconfig
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    py = str(venv / "bin" / "python")
    purelib = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "hdrtool-benchmark.pth").write_text(
        f"{REPO}\n{sysconfig.get_paths()['purelib']}\n")
    return py


def startup(py: str, n: int = 11) -> float:
    """Median wall time of ``py -c pass``."""
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        run([py, "-c", "pass"])
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def find_linux() -> str:
    env = os.environ.get("HDRTOOL_LINUX_SRC")
    if env:
        return env
    hits = sorted(glob.glob("/var/tmp/hdrtool-linux/linux-source-6.1*"))
    if not hits:
        sys.exit("no Linux tree: pass --linux or set HDRTOOL_LINUX_SRC")
    return hits[0]


def run(cmd, cwd=None) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def timed(cmd, cwd=None) -> float:
    # flush the previous run's dirty pages first, so that no run pays for the
    # writeback of the one before it (the kernel's clean run writes ~3000 files)
    os.sync()
    t = time.perf_counter()
    run(cmd, cwd)
    return time.perf_counter() - t


def snapshot(root: Path) -> dict:
    return {str(p): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


class FreshFs:
    """A new, empty, journal-less ext4 loop-mounted at ``mnt`` for one round."""

    def __init__(self, mnt: Path, size_mb: int) -> None:
        self.mnt, self.image, self.size = mnt, mnt.with_suffix(".img"), size_mb << 20

    def __enter__(self) -> Path:
        with open(self.image, "wb") as f:
            f.truncate(self.size)
        # inode tables initialised now, not by a background thread while timing
        run(["mkfs.ext4", "-q", "-F", "-O", "^has_journal",
             "-E", "lazy_itable_init=0,lazy_journal_init=0", str(self.image)])
        self.mnt.mkdir(exist_ok=True)
        run(["mount", "-o", "loop", str(self.image), str(self.mnt)])
        return self.mnt

    def __exit__(self, *exc) -> None:
        run(["umount", str(self.mnt)])
        self.image.unlink()

    @staticmethod
    def available() -> bool:
        return os.geteuid() == 0 and all(shutil.which(t) for t in ("mkfs.ext4", "mount"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--linux", default=None)
    ap.add_argument("--arch", default="x86")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--fs", choices=("fresh", "disk"), default=None,
                    help="a fresh file system per tool and round (default as root), "
                         "or the work directory (see above)")
    ap.add_argument("--remove-now", action="store_true",
                    help="with --fs disk: remove old trees right before each clean run")
    ap.add_argument("--releases", default=None,
                    help="comma-separated: 6.1, 6.12, 4.4.121, 2.6.23 (see above)")
    args = ap.parse_args()
    fs = args.fs or ("fresh" if FreshFs.available() else "disk")
    if fs == "fresh" and not FreshFs.available():
        sys.exit("--fs fresh needs root, mkfs.ext4 and mount")
    if args.remove_now and fs != "disk":
        sys.exit("--remove-now goes with --fs disk")
    top = Path(args.workdir or tempfile.mkdtemp(prefix="hdrtool-bench-", dir="/var/tmp"))
    if not args.releases:
        bench(args, fs, args.linux or find_linux(), args.arch, top)
    else:
        summary = []
        for rel in args.releases.split(","):
            src, arch = release_tree(rel, top)
            summary.append((rel, arch, bench(args, fs, src, arch, top / f"work-{rel}")))
        print("\nsummary (kernel/hdrtool, medians):")
        for rel, arch, (clean, noop) in summary:
            print(f"  {rel:8s} ARCH={arch:6s} clean {clean:5.1f}x   no-op {noop:5.1f}x")
    if not args.workdir:
        shutil.rmtree(top, ignore_errors=True)


SHARED = REPO.parent / "shared" / "linux-trees"


def release_tree(rel: str, top: Path):
    """(source tree, default ARCH) of a release for --releases."""
    if rel in ("6.1", "6.12"):
        hits = sorted(glob.glob(f"/var/tmp/hdrtool-linux{'' if rel == '6.1' else '612'}/"
                                f"linux-source-{rel}"))
        if not hits:
            sys.exit(f"no unpacked linux-source-{rel} (bash .ci/run unpacks it)")
        return hits[0], "x86"
    tarball = SHARED / f"linux-{rel}" / "src.tar.xz"
    if not tarball.is_file():
        sys.exit(f"no {tarball}")
    dest = top / "trees"
    dest.mkdir(parents=True, exist_ok=True)
    run(["tar", "-xJf", str(tarball), "-C", str(dest)])
    src = dest / f"linux-{rel}"
    unifdef_c = src / "scripts/unifdef.c"
    text = unifdef_c.read_text(errors="replace")
    if "get_line" not in text and "getline(" in text:      # as make-ref.sh does
        import re
        unifdef_c.write_text(re.sub(r"\bgetline\b", "parseline", text))
    return str(src), ("i386" if rel.startswith("2.6.") else "x86")


def bench(args, fs: str, src: str, arch: str, work: Path):
    """The comparison on one tree; returns the (clean, no-op) median ratios."""
    work.mkdir(parents=True, exist_ok=True)

    def make(obj: Path, dest: Path):
        obj.mkdir(parents=True, exist_ok=True)      # 2.6.x's make wants O= to exist
        return ["make", "-s", "-C", src, f"O={obj}", f"ARCH={arch}", "headers_install",
                f"INSTALL_HDR_PATH={dest}", f"-j{args.jobs}"]

    def ours(dest: Path, py=None):
        return [py or python, "-m", "hdrtool", "-C", src, "headers_install",
                f"ARCH={arch}", f"INSTALL_HDR_PATH={dest}", f"-j{args.jobs}"]

    trash = work / "trash"
    moved = 0

    def remove(d: Path) -> None:
        nonlocal moved
        if args.remove_now:
            shutil.rmtree(d, ignore_errors=True)
        elif d.exists():
            trash.mkdir(exist_ok=True)
            moved += 1
            d.rename(trash / str(moved))

    def drop_outputs(obj: Path, dest: Path) -> None:
        # keep the host tools (scripts/, arch/*/tools); drop what headers_install made
        for d in [obj / "usr", obj / "include", dest, *obj.glob("arch/*/include/generated")]:
            remove(d)

    print(f"tree {src}  ARCH={arch}  -j{args.jobs}  runs {args.runs}  work {work}  "
          f"--fs {fs}" + ("  --remove-now" if args.remove_now else ""))
    # hdrtool as installed: pip byte-compiles a package when it installs it,
    # but an editable checkout under PYTHONDONTWRITEBYTECODE=1 (set on this
    # machine) would recompile every module on every run (~8 ms).
    run([sys.executable, "-m", "compileall", "-q", str(REPO / "hdrtool")])
    try:
        python = plain_python(work)
    except (subprocess.CalledProcessError, OSError) as exc:   # e.g. Debian without python3-venv
        print(f"no venv ({exc}); hdrtool runs with {sys.executable}, start-up hooks included")
        python = sys.executable
    base = work / "kobj"
    run(make(base, work / "kernel-usr"))         # warm-up: builds fixdep, unifdef, ...
    if fs == "fresh":
        drop_outputs(base, work / "kernel-usr")  # the state every clean run starts from
        kb = sum(p.stat().st_size for p in base.rglob("*") if p.is_file()) >> 20
        size_mb = max(256, 4 * kb + 128)
    res = {"kernel clean": [], "kernel no-op": [], "hdrtool clean": [], "hdrtool no-op": [],
           "hdrtool no-op, this python": []}
    rewrites = {"kernel": 0, "hdrtool": 0, "headers": 0}

    def kernel_round(root: Path) -> None:
        if fs == "fresh":
            obj = root / "kobj"
            run(["cp", "-a", str(base), str(obj)])    # untimed: host tools as built
        else:
            obj = base
            drop_outputs(obj, root / "kernel-usr")
        dest = root / "kernel-usr"
        res["kernel clean"].append(timed(make(obj, dest)))
        before = snapshot(dest)
        res["kernel no-op"].append(timed(make(obj, dest)))
        after = snapshot(dest)
        rewrites["kernel"] = sum(after[k] != before.get(k) for k in after)

    def ours_round(root: Path) -> None:
        dest = root / "hdrtool-usr"
        if fs == "disk":
            remove(dest)
        res["hdrtool clean"].append(timed(ours(dest), cwd=REPO))
        before = snapshot(dest)
        res["hdrtool no-op"].append(timed(ours(dest), cwd=REPO))
        after = snapshot(dest)
        rewrites["hdrtool"] = sum(after[k] != before.get(k) for k in after)
        res["hdrtool no-op, this python"].append(timed(ours(dest, sys.executable), cwd=REPO))
        rewrites["headers"] = sum(1 for _ in (dest / "include").rglob("*.h"))

    for _ in range(args.runs):
        for name, body in (("kernel", kernel_round), ("hdrtool", ours_round)):
            if fs == "fresh":
                with FreshFs(work / f"{name}-fs", size_mb) as root:
                    body(root)
            else:
                body(work)
    print(f"{rewrites['headers']} headers; files rewritten by a no-op run: kernel {rewrites['kernel']}, "
          f"hdrtool {rewrites['hdrtool']}")
    print(f"python -c pass: {startup(python) * 1e3:.1f} ms (venv), "
          f"{startup(sys.executable) * 1e3:.1f} ms ({sys.executable}, with its .pth hooks)")
    med = {k: statistics.median(v) for k, v in res.items()}
    best = {k: min(v) for k, v in res.items()}
    for k, v in res.items():
        print(f"  {k:26s} median {med[k]:7.3f} s  min {best[k]:7.3f} s   "
              f"runs: {' '.join(f'{x:.3f}' for x in v)}")
    for what, target in (("clean", "target >= 15x and hdrtool < 0.5 s"),
                         ("no-op", "target >= 5x, hdrtool writing nothing")):
        k, o = res[f"kernel {what}"], res[f"hdrtool {what}"]
        # each round times both back to back, so a round's ratio sees one load level
        per_round = statistics.median(a / b for a, b in zip(k, o))
        print(f"{what}: kernel/hdrtool = {med[f'kernel {what}'] / med[f'hdrtool {what}']:.1f}x "
              f"(medians), {per_round:.1f}x (median of per-round ratios), "
              f"{best[f'kernel {what}'] / best[f'hdrtool {what}']:.1f}x (best runs)   ({target})")
    here = res["hdrtool no-op, this python"]
    print(f"no-op with {sys.executable}: kernel/hdrtool = "
          f"{med['kernel no-op'] / statistics.median(here):.1f}x (medians)")
    shutil.rmtree(trash, ignore_errors=True)
    return tuple(med[f"kernel {w}"] / med[f"hdrtool {w}"] for w in ("clean", "no-op"))


if __name__ == "__main__":
    main()
