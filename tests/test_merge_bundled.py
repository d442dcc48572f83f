"""hdrtool merge on the bundled tree (include/asm-i386 + include/asm-x86_64).

The class counts are golden (tests/golden/merge/bundled_counts.json,
regenerate after a reviewed change of the tree with
``python3 tests/regen.py tests/test_merge_bundled.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hdrtool.cli import main
from hdrtool.core.config import load_arch
from hdrtool.merge.execute import load_input, write_objdir
from hdrtool.merge.plan import plan_merge
from hdrtool.merge.verify import compare_installed, verify_cc
from hdrtool.core.tree import build_layout

from goldens import expect

GOLDEN = Path(__file__).parent / "golden" / "merge" / "bundled_counts.json"


@pytest.fixture(scope="module")
def bundled(srctree):
    cfg = load_arch(srctree / "arch/x86/arch.toml")
    inp = load_input(srctree, cfg)
    return cfg, inp, plan_merge(inp)


@pytest.fixture(scope="module")
def merged(bundled, tmp_path_factory):
    cfg, inp, plan = bundled
    out = tmp_path_factory.mktemp("bundled") / "build"
    write_objdir(plan, inp, out)
    return out


def test_class_counts_golden(bundled):
    _, inp, plan = bundled
    assert not plan.conflicts, [d.render() for d in plan.conflicts]
    got = {"counts": plan.counts(),
           "classes": {e.name: e.cls for e in plan.entries},
           "rewrites": sorted(f"{p}:{e.line}" for p, e in plan.edits)}
    expect(GOLDEN, json.dumps(got, indent=1, sort_keys=True) + "\n")
    for cls in ("identical", "whitespace", "split", "only32", "only64", "kbuild"):
        assert plan.counts()[cls] > 0, f"the bundled tree has no {cls} header"
    assert plan.counts()["stub32"] + plan.counts()["stub64"] > 0


def test_verify_passes_for_every_variant(bundled, merged, srctree, tmp_path, cc):
    cfg, _, plan = bundled
    r = verify_cc(plan, cfg, srctree, merged, tmp_path, cc=cc, jobs=os.cpu_count() or 1)
    assert r.ok, [d.render() for d in r.failures]
    assert r.checked >= 2 * 3 * 40


@pytest.mark.slow   # a whole second verify run (~10 s on a loaded 2-core machine)
def test_verify_fails_on_swapped_wrapper(bundled, merged, srctree, tmp_path, cc):
    cfg, _, plan = bundled
    broken = tmp_path / "broken"
    shutil.copytree(merged, broken)
    wrapper = next(e for e in plan.entries if e.cls == "split" and e.exported)
    path = broken / wrapper.outputs[0]
    data = path.read_bytes()
    path.write_bytes(data.replace(b"_32.h", b"_XX.h").replace(b"_64.h", b"_32.h")
                     .replace(b"_XX.h", b"_64.h"))
    r = verify_cc(plan, cfg, srctree, broken, tmp_path / "s", cc=cc, jobs=2)
    name = wrapper.name
    msgs = [d.message for d in r.failures]
    assert any(f"<asm/{name}> differs" in m for m in msgs), msgs
    first = r.failures[0].message
    assert " old include/asm-" in first and " vs new include/asm-x86/" in first


def test_headers_compile_from_new_layout(bundled, merged, srctree, tmp_path, cc):
    cfg, _, plan = bundled
    for v in cfg.variants:
        names = sorted(p[len(f"include/{v.old_dir}/"):] for p in plan.hashes
                       if p.startswith(f"include/{v.old_dir}/") and p.endswith(".h"))
        mains = []
        for i, n in enumerate(names):
            m = tmp_path / v.name / f"m{i}.c"
            m.parent.mkdir(parents=True, exist_ok=True)
            m.write_text(f"#include <asm/{n}>\n")
            mains.append(str(m))
        for i, (tree, asm) in enumerate(((srctree, srctree / "include" / v.old_dir),
                                         (merged, merged / "include" / cfg.merge.into))):
            lay = build_layout(tree, cfg, v, tmp_path / f"l{i}", asm_dir=asm)
            r = subprocess.run(cc.split() + ["-fsyntax-only", *lay.flags(kernel=True), *mains],
                               capture_output=True, text=True)
            assert r.returncode == 0, f"{v.name} {tree}: {r.stderr[:2000]}"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def test_in_place_in_git_copy(bundled, srctree, tmp_path, capsys, cc):
    repo = tmp_path / "repo"
    for top in ("include", "arch"):
        shutil.copytree(srctree / top, repo / top)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "pre-merge")
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(repo), "merge", "--in-place"])
    out, err = capsys.readouterr()
    assert exc.value.code == 0, err
    assert "git mv" in out
    _git(repo, "commit", "-qm", "merge")
    log = _git(repo, "log", "--follow", "--name-only", "--format=%s", "--",
               "include/asm-x86/page_32.h")
    assert "include/asm-i386/page.h" in log.splitlines()


def test_install_after_merge_equals_pre_merge(bundled, merged, srctree, tmp_path, cc):
    for arch in ("i386", "x86_64"):
        with pytest.raises(SystemExit) as exc:
            main(["-C", str(srctree), "headers_install", f"ARCH={arch}",
                  f"INSTALL_HDR_PATH={tmp_path / arch}"])
        assert exc.value.code == 0
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(merged), "headers_install", "ARCH=x86",
              f"INSTALL_HDR_PATH={tmp_path / 'x86'}"])
    assert exc.value.code == 0
    for arch, flags in (("i386", ["-m32", "-D__i386__", "-U__x86_64__"]),
                        ("x86_64", ["-m64", "-D__x86_64__", "-U__i386__"])):
        n, bad = compare_installed(cc, tmp_path / arch / "include", tmp_path / "x86" / "include",
                                   flags, tmp_path / f"s-{arch}", jobs=2)
        assert n > 20 and bad == [], bad
