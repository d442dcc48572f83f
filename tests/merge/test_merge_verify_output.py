"""``merge --verify`` proves what the merge wrote into O, not what gen made
of it afterwards, and names files the user can open (issue 15 item 10).

After ``hdrtool all``, ``merge --verify`` used to report 43 differences that
are not the merge's (gen had rewritten page.h and pgalloc.h in build/), with
paths relative to build/ instead of to where the user stands.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hdrtool.core import srctree
from hdrtool.commands.merge import GEN_MARK, merge_view, shown
from hdrtool.core.config import merge_arches
from hdrtool.merge.execute import load_input
from hdrtool.merge.plan import plan_merge
from hdrtool.pipeline import stage_gen, stage_merge

REPO = Path(__file__).resolve().parent.parent.parent


def bundled_copy(where: Path) -> Path:
    t = where / "src"
    t.mkdir(parents=True)
    for sub in ("include", "arch"):
        shutil.copytree(REPO / sub, t / sub)
    return t


def hdrtool(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hdrtool", *args], cwd=cwd,
                          env=dict(os.environ, PYTHONPATH=str(REPO), LC_ALL="C"),
                          capture_output=True, text=True)


def x86_plan(tree: Path):
    cfg = next(c for c in merge_arches(tree) if c.name == "x86")
    inp = load_input(tree, cfg)
    return inp, plan_merge(inp)


def test_the_view_is_the_merge_output_not_what_gen_made_of_it(tmp_path):
    tree = bundled_copy(tmp_path)
    out = tmp_path / "build"
    stage_merge(tree, out)
    merged = {p.relative_to(out).as_posix(): p.read_bytes()
              for p in (out / "include/asm-x86").rglob("*") if p.is_file()}
    stage_gen(out)
    edited = out / "include/asm-x86/io.h"           # a merge output edited by hand
    edited.write_bytes(edited.read_bytes() + b"#define BY_HAND 1\n")
    inp, plan = x86_plan(tree)
    changed, removed = merge_view(plan, inp, out, tmp_path / "view")
    assert changed == ["include/asm-s390/page.h", "include/asm-s390/pgalloc.h",
                       "include/asm-x86/page.h", "include/asm-x86/pgalloc.h"]
    assert removed == ["include/asm-x86/pgalloc_32.h", "include/asm-x86/pgalloc_64.h"]
    assert GEN_MARK in (out / "include/asm-x86/page.h").read_bytes()
    view = tmp_path / "view"
    for rel, data in merged.items():
        want = data + b"#define BY_HAND 1\n" if rel == "include/asm-x86/io.h" else data
        assert (view / rel).read_bytes() == want, rel
    assert {p.relative_to(view).as_posix() for p in view.rglob("*") if p.is_file()} == \
        set(plan.outputs)


def test_shown_paths_are_relative_to_the_current_directory(tmp_path, monkeypatch):
    (tmp_path / "build").mkdir()
    monkeypatch.chdir(tmp_path)
    assert shown(tmp_path / "build/include/asm-x86/page.h") == "build/include/asm-x86/page.h"
    assert shown("/elsewhere/x.h") == "/elsewhere/x.h"
    monkeypatch.chdir(tmp_path / "build")
    assert shown(tmp_path / "src/x.h") == str(tmp_path / "src/x.h")


@pytest.fixture(scope="module")
def after_all(tmp_path_factory, cc):
    """A copy of the bundled tree after ``hdrtool all`` run in it (O=build)."""
    tree = bundled_copy(tmp_path_factory.mktemp("all"))
    r = hdrtool(tree, "all")
    assert r.returncode == 0, r.stdout + r.stderr
    assert GEN_MARK in (tree / "build/include/asm-x86/page.h").read_bytes()
    return tree


@pytest.mark.slow
def test_merge_verify_after_all_finds_no_difference(after_all):
    r = hdrtool(after_all, "merge", "--verify")
    assert r.returncode == 0, r.stdout + r.stderr
    m = re.search(r"VERIFY  verify \(cc -E token comparison\): (\d+) checks: \1 proven: "
                  r"equivalent$", r.stdout, re.M)
    assert m and int(m[1]) >= 300, r.stdout
    assert "difference" not in r.stdout
    line = next(l for l in r.stdout.splitlines() if "as the merge wrote them" in l)
    rewrote = re.search(r"(\d+) gen rewrote since \(([^)]*)\)", line)
    files = rewrote[2].split(", ")
    assert int(rewrote[1]) == len(files) and "build/include/asm-x86/page.h" in files
    assert all((after_all / f).is_file() for f in files)      # openable from where we stand


@pytest.mark.slow
def test_a_real_difference_is_still_reported_with_a_path_to_open(after_all, tmp_path):
    tree = tmp_path / "src"
    shutil.copytree(after_all, tree, symlinks=True)       # mtimes kept: the stamp still holds
    srctree.claim(str(tree / "build"), str(tree))         # the copy's build/ is the copy's
    inp, plan = x86_plan(tree)
    wrapper = next(e for e in plan.entries if e.cls == "split" and e.exported
                   and e.name not in ("page.h", "pgalloc.h"))
    path = tree / "build" / wrapper.outputs[0]
    data = path.read_bytes()
    path.write_bytes(data.replace(b"_32.h", b"_XX.h").replace(b"_64.h", b"_32.h")
                     .replace(b"_XX.h", b"_64.h"))
    r = hdrtool(tree, "merge", "--verify")
    assert r.returncode == 1, r.stdout + r.stderr
    diffs = [l for l in r.stdout.splitlines()
             if f"<asm/{wrapper.name}> differs at token" in l]
    assert diffs, r.stdout
    where = re.match(r"(build/include/asm-x86/[\w./-]+):(\d+): error: ", diffs[0])
    assert where, diffs[0]
    opened = (tree / where[1]).read_bytes().splitlines()[int(where[2]) - 1]
    token = re.search(r" vs new [^:]+:\d+: '([^']*)'", diffs[0])[1]
    assert token.encode() in opened
    old = re.search(r" old ([^:]+):(\d+): '", diffs[0])
    assert (tree / old[1]).is_file() and old[1].startswith("include/asm-")
