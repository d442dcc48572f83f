"""hdrtool merge on the real Linux 2.6.23 tree (../shared/linux-trees), as 2.6.24 did.

The tree carries no file of ours: the x86 merge facts are hdrtool's own
(hdrtool/data/merge/x86.toml).  The golden files in
tests/golden/merge/linux-2.6.23/ are written from the rules of docs/merge.md
(the wrappers, the SRCARCH block, the class counts); the merged Kbuild one
was reviewed against the rules and is checked here independently too
(every word of both old lists, the halves of every exported split name, no
ALTARCH).  No kernel file is copied into the repository: where a merged file
is an old one moved, the test compares it with the unpacked tree.
Regenerate the Kbuild golden after a reviewed change with tests/regen.py.

    2.6.23                                merged (2.6.24 layout)
    include/asm-i386/   243 .h  --+
    include/asm-x86_64/ 173 .h  --+-->   include/asm-x86/  (+ Makefile SRCARCH block)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hdrtool.cli import main
from hdrtool.core.kbuild import Roots, read_kbuild
from hdrtool.merge.verify import compare_installed

from goldens import expect

GOLD = Path(__file__).parent / "golden" / "merge" / "linux-2.6.23"
NEW = "include/asm-x86"


def run(capsys, *args) -> tuple:
    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture(scope="module")
def linux23(shared_linux):
    return shared_linux("2.6.23")


@pytest.fixture(scope="module")
def merged(linux23, tmp_path_factory):
    """The real tree merged into O (one merge for the whole module)."""
    src, _refs = linux23
    out = tmp_path_factory.mktemp("merged") / "o"
    with pytest.raises(SystemExit) as exc:
        main(["-C", str(src), "merge", f"O={out}"])
    assert exc.value.code == 0
    return out


def _tree_files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


# -- 1 and 5: the plan ---------------------------------------------------------

def test_plan_classes_every_file_with_a_reason(linux23, capsys):
    src, _ = linux23
    assert not (src / "arch/x86/arch.toml").exists(), "nothing of ours in the tree"
    rc, out, _ = run(capsys, "-C", src, "merge", "--dry-run", "--format", "json")
    assert rc == 0
    plan = json.loads(out)
    assert plan["counts"] == json.loads((GOLD / "counts.json").read_text())
    assert sum(plan["counts"].values()) == len(plan["entries"])
    sources = {s for e in plan["entries"] for s in e["sources"]}
    old = {p.relative_to(src).as_posix() for d in ("asm-i386", "asm-x86_64")
           for p in (src / "include" / d).rglob("*") if p.is_file()}
    assert (len([p for p in old if p.startswith("include/asm-i386/")]),
            len([p for p in old if p.startswith("include/asm-x86_64/")])) == (243, 174)
    assert sources == old, "every file of both old directories has a class"
    for e in plan["entries"]:
        assert e["class"] and e["reason"], e
    by = {e["name"]: e for e in plan["entries"]}
    assert by["page.h"]["class"] == "split" and by["page.h"]["exported"] == "unifdef-y"
    assert by["mach-default/apm.h"]["class"] == "only32"          # subdirectories
    assert by["frame.i"]["class"] == "only32"                     # non-header files
    assert by["alternative-asm.i"]["class"] == "split"
    assert by["socket.h"]["class"] == "whitespace"
    assert by["bootparam.h"]["class"] == "stub64"
    assert "ALTARCH" in by["Kbuild"]["reason"]
    # the one dangling stub of 2.6.23 is reported, not fatal
    assert any("asm-x86_64/node.h:1: warning" in n for n in plan["notes"])


# -- 1: what is written --------------------------------------------------------

@pytest.mark.parametrize("name", ["page.h", "a.out.h", "apic.h", "alternative-asm.i"])
def test_golden_wrappers(merged, name):
    assert (merged / NEW / name).read_bytes() == (GOLD / name).read_bytes()


def test_halves_and_subdirectories_are_the_old_files(merged, linux23):
    src, _ = linux23
    same = {"page_32.h": "asm-i386/page.h", "page_64.h": "asm-x86_64/page.h",
            "a.out_32.h": "asm-i386/a.out.h", "mach-default/apm.h": "asm-i386/mach-default/apm.h",
            "mach-voyager/irq_vectors.h": "asm-i386/mach-voyager/irq_vectors.h", "frame.i": "asm-i386/frame.i",
            "socket.h": "asm-i386/socket.h", "bootparam.h": "asm-i386/bootparam.h"}
    for new, old in same.items():
        assert (merged / NEW / new).read_bytes() == (src / "include" / old).read_bytes(), new
    # a reference to the other side becomes that side's half (x86_64 includes i386's)
    old = (src / "include/asm-x86_64/cpufeature.h").read_bytes()
    assert (merged / NEW / "cpufeature_64.h").read_bytes() == \
        old.replace(b"<asm-i386/cpufeature.h>", b"<asm/cpufeature_32.h>")
    assert not (merged / "include/asm-i386").exists() and not (merged / "include/asm-x86_64").exists()
    assert (merged / "scripts/Makefile.headersinst").is_file()


def test_merged_kbuild(merged, linux23):
    src, _ = linux23
    data = (merged / NEW / "Kbuild").read_bytes()
    expect(GOLD / "Kbuild", data)
    # independently of the golden file, with the one Kbuild reader
    def words(tree, path, arch):
        mk = read_kbuild((tree / path).read_bytes(), path, Roots(tree),
                         {"ARCH": arch, "srctree": "."})
        return mk, {w.text: var for var in ("header-y", "unifdef-y") for w in mk.entries(var)}
    mk, new = words(merged, f"{NEW}/Kbuild", "x86")
    assert not {"ALTARCH", "ARCHDEF", "ALTARCHDEF"} & set(mk.assigned())
    for d, arch in (("asm-i386", "i386"), ("asm-x86_64", "x86_64")):
        _, old = words(src, f"include/{d}/Kbuild", arch)
        for w, var in old.items():
            assert w in new and (var != "unifdef-y" or new[w] == "unifdef-y"), (d, w)
            base = w[:-2]
            if (merged / NEW / f"{base}_32.h").is_file():      # exported split: halves listed
                assert f"{base}_32.h" in new and f"{base}_64.h" in new, w


def test_top_makefile_maps_old_arches_to_x86(merged, linux23):
    src, _ = linux23
    old, new = (src / "Makefile").read_bytes(), (merged / "Makefile").read_bytes()
    block = (GOLD / "Makefile.srcarch").read_bytes()
    at = old.index(b"UTS_MACHINE := $(ARCH)\n") + len(b"UTS_MACHINE := $(ARCH)\n")
    assert new == old[:at] + block + old[at:]


# -- 2: the merged tree installs, and userspace sees the same ABI ---------------

@pytest.mark.slow
def test_merged_tree_installs_like_2623(merged, linux23, tmp_path, capsys, cc):
    _src, refs = linux23
    for arch, flags in (("i386", ["-m32", "-D__i386__", "-U__x86_64__"]),
                        ("x86_64", ["-m64", "-D__x86_64__", "-U__i386__"])):
        dest = tmp_path / arch
        rc, out, err = run(capsys, "-C", merged, "headers_install", f"ARCH={arch}",
                           f"INSTALL_HDR_PATH={dest}")
        assert rc == 0, err
        new, ref = dest / "include", refs[arch]
        have = {p.relative_to(new).as_posix() for p in new.rglob("*.h")}
        want = {p.relative_to(ref).as_posix() for p in ref.rglob("*.h")}
        # 2.6.23's x86_64 install also had asm-i386/ and asm-x86_64/ behind asm/ stubs;
        # a merged tree installs asm/ alone, as 2.6.24 did: everything else must be there
        lost = {n for n in want - have if not n.startswith(("asm-i386/", "asm-x86_64/"))}
        assert not lost
        assert not (new / "asm-i386").exists() and not (new / "asm-x86_64").exists()
        common = sorted(want & have)
        n, bad = compare_installed(cc, ref, new, flags, tmp_path / f"scratch-{arch}", jobs=2,
                                   names=common, defines=False)
        assert n == len(common) > 560
        # asm/vm86.h was an #error stub on x86_64 in 2.6.23; merged, it is i386's header
        # (only32, exported) and preprocesses: an addition, not a change
        allowed = {"x86_64": ["<asm/vm86.h>"], "i386": []}[arch]
        assert [b.split(":")[0] for b in bad] == allowed, bad
        for b in bad:
            assert "fails to preprocess in the old tree only" in b and "#error" in b


# -- 3: --verify -----------------------------------------------------------------

@pytest.mark.slow
def test_verify_real_tree(linux23, tmp_path, capsys):
    src, _ = linux23
    rc, out, _ = run(capsys, "-C", src, "merge", f"O={tmp_path / 'o'}", "--verify", "-j2")
    assert rc == 0, out
    summary = next(line for line in out.splitlines() if "VERIFY  verify (cc" in line)
    assert "828 checks: 763 proven, 65 could not be (" in summary and summary.endswith(
        ": equivalent"), summary
    notes = [line for line in out.splitlines() if "[merge-unproven]" in line]
    assert notes and all(line.startswith("<") and "could not be preprocessed on its own (" in line
                         for line in notes)
    # named, with where and why: jiffies.h wants CONFIG_HZ
    assert any(line.startswith("<asm/param.h>") or "#error You lose." in line for line in notes)
    assert "merge-verify" not in out


# -- 4: --in-place in git --------------------------------------------------------

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(linux23, tmp_path):
    src, _ = linux23
    r = tmp_path / "linux"
    shutil.copytree(src, r, symlinks=True)
    _git(r, "init", "-q")
    _git(r, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(r, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v2.6.23")
    return r


@pytest.mark.slow
def test_in_place_git_keeps_history(repo, capsys):
    first = _git(repo, "rev-parse", "HEAD").strip()
    rc, out, err = run(capsys, "-C", repo, "merge", "--in-place")
    assert rc == 0, err
    assert "in place (git mv;" in out
    status = _git(repo, "status", "--porcelain")
    assert all(line[0] != " " and not line.startswith("??") for line in status.splitlines()), \
        "one commit-ready index"
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x86: merge")
    log = _git(repo, "log", "--follow", "--format=%H", "--", f"{NEW}/page_32.h").split()
    assert log[-1] == first and len(log) == 2
    renames = _git(repo, "log", "-1", "--follow", "--name-status", "--format=", "--",
                   f"{NEW}/page_32.h")
    assert "include/asm-i386/page.h" in renames


@pytest.mark.slow
def test_in_place_failure_puts_everything_back(repo, capsys, monkeypatch):
    import hdrtool.merge.execute as mx
    before = _tree_files(repo)
    index = (repo / ".git/index").read_bytes()
    real = mx._git_apply

    def half_then_fail(plan, inp, srctree):
        real(plan, inp, srctree)
        raise OSError(5, "Input/output error", str(srctree / NEW / "page.h"))
    monkeypatch.setattr(mx, "_git_apply", half_then_fail)
    with pytest.raises(SystemExit):       # an internal error (exit 3), after the rollback
        main(["-C", str(repo), "merge", "--in-place"])
    assert _tree_files(repo) == before
    assert (repo / ".git/index").read_bytes() == index
    assert _git(repo, "status", "--porcelain") == ""


# -- bad input on the real tree: path:line, exit 2, nothing written ----------------

def _collision(t: Path) -> str:
    (t / "include/asm-i386/page_32.h").write_bytes(b"/* an older page_32.h */\n")
    return ("hdrtool: error: include/asm-x86/page_32.h: two different files would be written "
            "here: from include/asm-i386/page.h and from include/asm-i386/page_32.h\n")


def _only_one_dir(t: Path) -> str:
    shutil.rmtree(t / "include/asm-x86_64")
    return (f"hdrtool: error: {t}/include/asm-x86_64: nothing to merge: include/asm-x86_64 "
            f"does not exist\n")


def _kbuild_unknown(t: Path) -> str:
    kb = t / "include/asm-x86_64/Kbuild"
    data = kb.read_bytes()
    kb.write_bytes(data + b"EXPORTS := page.h\n")
    line = data.count(b"\n") + 1
    return f"hdrtool: error: include/asm-x86_64/Kbuild:{line}: unknown Kbuild variable 'EXPORTS'"


def _unreadable(t: Path) -> str:
    # readable by nobody, root included: reading /proc/self/mem at 0 is EIO
    (t / "include/asm-x86_64/mem.h").symlink_to("/proc/self/mem")
    return f"hdrtool: error: {t}/include/asm-x86_64/mem.h: cannot read: Input/output error\n"


def _snapshot(root: Path) -> dict:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_symlink():
            out[rel] = ("link", os.readlink(p))
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


@pytest.mark.parametrize("case", [_collision, _only_one_dir, _kbuild_unknown, _unreadable],
                         ids=lambda f: f.__name__[1:])
@pytest.mark.parametrize("mode", ["objdir", "in-place"])
def test_bad_real_tree(linux23, tmp_path, capsys, case, mode):
    src, _ = linux23
    tree = tmp_path / "linux"
    shutil.copytree(src, tree, symlinks=True)
    expected = case(tree)
    before = _snapshot(tree)
    out = tmp_path / "out"
    rc, _out, err = run(capsys, "-C", tree, "merge",
                        *([f"O={out}"] if mode == "objdir" else ["--in-place"]))
    assert rc == 2
    assert err.startswith(expected) if not expected.endswith("\n") else err.endswith(expected), err
    assert not out.exists(), "nothing written"
    assert _snapshot(tree) == before, "the tree exactly as it was"
