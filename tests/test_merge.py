"""hdrtool merge on a small tree with one name of every class (merge_helpers).

Goldens live in tests/golden/merge/; regenerate after a reviewed change with
python3 tests/regen.py tests/test_merge.py
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hdrtool.cli import main
from hdrtool.merge.execute import check_nothing_lost, load_input, write_objdir
from hdrtool.merge.plan import plan_merge, wrapper
from hdrtool.merge.verify import tree_symbols, verify_cc, verify_engine

from goldens import expect
from merge_helpers import I386, X86_64, make_tree, x86

GOLDEN = Path(__file__).parent / "golden" / "merge"


def golden(name: str, actual: bytes) -> None:
    expect(GOLDEN / name, actual)


def run(capsys, *args) -> tuple:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture
def tree(tmp_path):
    return make_tree(tmp_path / "src")


@pytest.fixture
def plan(tree):
    inp = load_input(tree, x86())
    return inp, plan_merge(inp)


def test_every_class(plan):
    _, p = plan
    assert {e.name: e.cls for e in p.entries} == {
        "Kbuild": "kbuild", "back.h": "stub32", "io.h": "split",
        "mach-default/apm.h": "only32", "page.h": "split", "real.h": "stub64",
        "same.h": "identical", "vmlinux.lds.S": "split", "vsyscall.h": "only64",
        "ws.h": "whitespace"}
    assert not p.conflicts
    outs = set(p.outputs)
    assert {"include/asm-x86/page_32.h", "include/asm-x86/page_64.h", "include/asm-x86/page.h",
            "include/asm-x86/vmlinux_32.lds.S", "include/asm-x86/mach-default/apm.h",
            "include/asm-x86/vsyscall.h", "include/linux/foo.h"} <= outs
    assert not any("asm-i386" in o or "asm-x86_64" in o for o in outs)
    # the real file of a stub pair is kept, the stub dropped
    assert p.outputs["include/asm-x86/real.h"].origin == "include/asm-i386/real.h"
    assert p.outputs["include/asm-x86/back.h"].origin == "include/asm-x86_64/back.h"
    assert {(d.path, d.reason) for d in p.drops} >= {
        ("include/asm-x86_64/real.h", "stub"), ("include/asm-i386/back.h", "stub"),
        ("include/asm-x86_64/ws.h", "whitespace"), ("include/asm-x86_64/same.h", "identical")}
    assert [(n.path, n.code) for n in p.notes] == [("include/asm-x86_64/ws.h", "merge-whitespace")]


def test_split_non_preprocessed_file_gets_no_wrapper(tmp_path):
    tree = make_tree(tmp_path / "src", i386={**I386, "README": b"i386\n"},
                     x86_64={**X86_64, "README": b"x86_64\n"})
    p = plan_merge(load_input(tree, x86()))
    e = next(e for e in p.entries if e.name == "README")
    assert e.cls == "split" and e.outputs == ("include/asm-x86/README_32",
                                              "include/asm-x86/README_64")
    assert ("include/asm-x86/README", "merge-no-wrapper") in [(n.path, n.code) for n in p.notes]


def test_wrappers_byte_exact():
    spec = x86().merge
    golden("wrapper_kernel.h", wrapper(spec, "io.h", exported=False))
    golden("wrapper_exported.h", wrapper(spec, "page.h", exported=True))
    assert wrapper(spec, "mach/x.h", False).count(b'"x_32.h"') == 1


def test_exported_split_wrapper_and_kbuild(plan):
    inp, p = plan
    assert p.outputs["include/asm-x86/page.h"].data == wrapper(inp.spec, "page.h", True)
    assert p.outputs["include/asm-x86/io.h"].data == wrapper(inp.spec, "io.h", False)
    golden("Kbuild.merged", p.outputs["include/asm-x86/Kbuild"].data)


def test_reference_rewrites(plan):
    inp, p = plan
    got = {(path, e.line, e.old, e.new) for path, e in p.edits}
    assert got == {
        ("include/asm-i386/io.h", 3, b'"page.h"', b'"page_32.h"'),
        ("include/asm-i386/io.h", 4, b"<asm-x86_64/page.h>", b"<asm/page_64.h>"),
        ("include/asm-i386/real.h", 3, b'"page.h"', b'"page_32.h"'),
        ("include/linux/foo.h", 2, b"<asm-i386/page.h>", b"<asm-x86/page_32.h>")}
    foo = p.render(p.outputs["include/linux/foo.h"], inp.files)
    assert foo.startswith(b"/* was asm-x86_64/io.h */\n")   # comments are left alone


def test_plan_text_and_json(plan, capsys, tree):
    rc, out, err = run(capsys, "-C", str(tree), "merge", "--dry-run")
    assert rc == 0
    golden("plan.txt", out.encode())
    rc, out, _ = run(capsys, "-C", str(tree), "merge", "-n", "--format", "json")
    import json
    data = json.loads(out)
    assert data["counts"] == plan[1].counts() and len(data["hashes"]) == len(plan[0].files)
    assert data["generated"]["include/asm-x86/io.h"].encode() == wrapper(x86().merge, "io.h", False)
    assert {"path": "include/linux/foo.h", "line": 2, "old": "<asm-i386/page.h>",
            "new": "<asm-x86/page_32.h>"} in data["rewrites"]
    assert not (tree / "build").exists() and not (tree / "include/asm-x86").exists()


def test_objdir_complete_tree_and_idempotent(tree, tmp_path, capsys):
    out = tmp_path / "build"
    rc, o, _ = run(capsys, "-C", str(tree), "merge", f"O={out}")
    assert rc == 0 and "-> " in o
    assert sorted(p.name for p in out.iterdir()) == [".hdrtool-merge", ".hdrtool-srctree", "arch", "include"]
    assert (out / "arch/x86/arch.toml").is_file()
    assert not (out / "include/asm-i386").exists()
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    rc, o, _ = run(capsys, "-C", str(tree), "merge", f"O={out}")
    assert rc == 0 and "up to date" in o
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    rc, o, _ = run(capsys, "-C", str(out), "merge", f"O={tmp_path / 'again'}")
    assert rc == 0 and "already merged" in o and not (tmp_path / "again").exists()
    # a changed input makes it stale again
    (tree / "include/asm-i386/same.h").write_bytes(b"int changed;\n")
    rc, o, _ = run(capsys, "-C", str(tree), "merge", f"O={out}")
    assert rc == 0 and "up to date" not in o
    assert (out / "include/asm-x86/same_32.h").read_bytes() == b"int changed;\n"


def test_bytes_survive(tmp_path, capsys):
    odd = b"#define X 1\r\n\xff\xfe /* latin */\r\n#include <asm-x86_64/page.h>"  # no final newline
    tree = make_tree(tmp_path / "src", i386={**I386, "odd.h": odd})
    out = tmp_path / "b"
    assert run(capsys, "-C", str(tree), "merge", f"O={out}")[0] == 0
    assert (out / "include/asm-x86/odd.h").read_bytes() == odd.replace(
        b"<asm-x86_64/page.h>", b"<asm/page_64.h>")


def test_nothing_lost_catches_tampering(plan, tmp_path):
    inp, p = plan
    write_objdir(p, inp, tmp_path / "o")
    read = lambda rel: (tmp_path / "o" / rel).read_bytes() if (tmp_path / "o" / rel).exists() \
        else None
    assert check_nothing_lost(p, inp.files, read) == []
    (tmp_path / "o/include/asm-x86/page_64.h").write_bytes(b"#define PAGE_SHIFT 13\n")
    (tmp_path / "o/include/asm-x86/real.h").unlink()
    bad = {(d.path, d.message) for d in check_nothing_lost(p, inp.files, read)}
    assert ("include/asm-x86_64/page.h", "include/asm-x86/page_64.h does not hold this "
            "file's bytes") in bad
    assert ("include/asm-x86_64/real.h", "dropped for include/asm-x86/real.h, which was not "
            "written") in bad



def test_nothing_lost_catches_an_export_list_entry_the_merged_kbuild_dropped(plan, tmp_path):
    # Both old Kbuilds are dropped for the merged one; the audit must see an
    # entry the merged list no longer exports (was untested outside the slow
    # Linux-tree runs: an audit returning nothing left the default suite green)
    inp, p = plan
    write_objdir(p, inp, tmp_path / "o")
    kbuild = tmp_path / "o/include/asm-x86/Kbuild"
    kbuild.write_bytes(kbuild.read_bytes().replace(b"unifdef-y += same.h\n", b""))
    read = lambda rel: (tmp_path / "o" / rel).read_bytes() if (tmp_path / "o" / rel).exists() \
        else None
    bad = sorted((d.path, d.message) for d in check_nothing_lost(p, inp.files, read))
    # each message names the list the old Kbuild had the word in
    assert bad == [("include/asm-i386/Kbuild",
                    "include/asm-x86/Kbuild no longer lists same.h (header-y)"),
                   ("include/asm-x86_64/Kbuild",
                    "include/asm-x86/Kbuild no longer lists same.h (unifdef-y)")]


# -------------------------------------------------------------------- verify

def test_verify_passes(plan, tree, tmp_path, cc):
    inp, p = plan
    write_objdir(p, inp, tmp_path / "o")
    r = verify_cc(p, x86(), tree, tmp_path / "o", tmp_path / "scratch", cc=cc, jobs=2)
    assert r.ok, [d.render() for d in r.failures]
    # 3 variants (2 of them i386) x 2 modes x (7 headers of the old dir + linux/foo.h)
    assert r.checked == 3 * 2 * 8


def _swap_halves(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data.replace(b"_32.h", b"_XX.h").replace(b"_64.h", b"_32.h")
                     .replace(b"_XX.h", b"_64.h"))


def test_verify_fails_precisely_on_swapped_wrapper(plan, tree, tmp_path, cc):
    inp, p = plan
    write_objdir(p, inp, tmp_path / "o")
    _swap_halves(tmp_path / "o/include/asm-x86/page.h")
    r = verify_cc(p, x86(), tree, tmp_path / "o", tmp_path / "scratch", cc=cc, jobs=2)
    msgs = [d.render() for d in r.failures]
    first = ("include/asm-x86/page_64.h:2: error: x86_32 -D__KERNEL__: <asm/page.h> differs at "
             "token 3: old include/asm-i386/page.h:2: '_ASM_PAGE_H' vs new "
             "include/asm-x86/page_64.h:2: '_ASM_X8664_PAGE_H' [merge-verify]")
    assert msgs[0] == first, msgs
    assert all("page.h>" in m for m in msgs)
    e = verify_engine(p, x86(), tree_symbols(tree), lambda rel: (tmp_path / "o" / rel).read_bytes())
    assert e.proof == "engine" and len(e.failures) == 6   # 3 variants x 2 modes
    assert e.failures[0].render() == (
        "include/asm-x86/page.h: error: x86_32 -D__KERNEL__: wrapper includes page_64.h, "
        "expected page_32.h [merge-verify]")


def test_verify_cli(tree, tmp_path, capsys, cc):
    rc, out, _ = run(capsys, "-C", str(tree), "merge", f"O={tmp_path / 'o'}", "--verify")
    assert rc == 0 and "VERIFY  verify (cc -E token comparison): 48 checks: 48 proven: equivalent" in out
    _swap_halves(tmp_path / "o/include/asm-x86/io.h")
    rc, out, _ = run(capsys, "-C", str(tree), "merge", f"O={tmp_path / 'o'}", "--verify")
    assert rc == 1 and "up to date" in out and "<asm/io.h> differs" in out


def test_verify_engine_fallback_cli(tree, tmp_path, capsys):
    rc, out, _ = run(capsys, "-C", str(tree), "merge", f"O={tmp_path / 'o'}", "--verify",
                     "CC=/nonexistent/cc")
    assert rc == 0 and "directive-engine wrapper selection (no C compiler)" in out


# -------------------------------------------------------------------- in place

def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


@pytest.fixture
def repo(tree):
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "pre-merge")
    return tree


def test_in_place_git_history_follows(repo, capsys, cc):
    (repo / "include/linux/dirty.h").write_bytes(b"x\n")
    rc, _, err = run(capsys, "-C", str(repo), "merge", "--in-place")
    assert rc == 2 and "uncommitted changes" in err
    assert not (repo / "include/asm-x86").exists()
    (repo / "include/linux/dirty.h").unlink()
    rc, out, err = run(capsys, "-C", str(repo), "merge", "--in-place", "--verify")
    assert rc == 0, err
    assert "in place (git mv;" in out and "equivalent" in out
    assert not (repo / "include/asm-i386").exists() and not (repo / "include/asm-x86_64").exists()
    _git(repo, "commit", "-qm", "merge")
    log = _git(repo, "log", "--follow", "--name-only", "--format=%s", "--",
               "include/asm-x86/page_32.h")
    assert "include/asm-i386/page.h" in log
    assert _git(repo, "status", "--porcelain") == ""
    rc, out, _ = run(capsys, "-C", str(repo), "merge", "--in-place")
    assert rc == 0 and "already merged" in out


def test_in_place_without_git(tree, capsys):
    rc, out, err = run(capsys, "-C", str(tree), "merge", "--in-place")
    assert rc == 0 and "(files;" in out, err
    assert (tree / "include/asm-x86/page_32.h").read_bytes() == I386["page.h"]
    assert not (tree / "include/asm-i386").exists()
    assert sorted(p.name for p in tree.iterdir()) == ["arch", "include"]


def test_dry_run_verify_writes_nothing(tree, tmp_path, capsys, cc):
    rc, out, _ = run(capsys, "-C", str(tree), "merge", "-n", "--verify", f"O={tmp_path / 'o'}")
    assert rc == 0 and "48 checks: 48 proven: equivalent" in out and "split      page.h" in out
    assert not (tmp_path / "o").exists() and not (tree / "include/asm-x86").exists()


def test_arch_without_merge_table(tree, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)          # the default O=build: never the checkout's
    rc, _, err = run(capsys, "-C", str(tree), "merge", "ARCH=s390")
    assert rc == 2 and "arch s390 has no [merge] table: nothing to merge" in err


def test_verify_shows_progress_on_a_terminal(tree, tmp_path, capsys, cc, monkeypatch):
    import sys
    from hdrtool import cli
    from hdrtool.commands import merge as cmd
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cmd, "Progress", lambda label: cli.Progress(label, after=0.0))
    rc, out, err = run(capsys, "-C", str(tree), "merge", f"O={tmp_path / 'o'}", "--verify")
    assert rc == 0, err
    assert "\r  VERIFY 1/" in err and err.endswith("\n")
    assert "-> " in out                                 # the summary line of the merge


@pytest.mark.parametrize("o", [".", "include", "include/asm-x86", "arch"])
def test_objdir_in_the_source_tree_is_refused(repo, capsys, o):
    # O=T (or inside T's include/ or arch/) without --in-place rewrote the tree itself,
    # bypassing both --in-place and the dirty-tree refusal
    (repo / "include/asm-i386/same.h").write_bytes(b"/* uncommitted */\n")
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    rc, out, err = run(capsys, "-C", str(repo), "merge", f"O={repo / o}")
    assert rc == 2 and "--in-place" in err
    assert err.startswith("hdrtool: error: ") and "output directory (O=) is " in err   # first
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before


def test_objdir_beside_include_and_arch_is_fine(tree, capsys):
    # the README's `hdrtool merge O=build` in the checkout: build/ is inside the tree
    rc, out, err = run(capsys, "-C", str(tree), "merge", f"O={tree / 'build'}")
    assert rc == 0, err
    assert (tree / "build/include/asm-x86").is_dir() and (tree / "include/asm-i386").is_dir()
