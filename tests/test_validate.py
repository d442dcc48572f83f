"""validate: the compiled simulator against the generated layout, compared
with the model.

The layout under test is the bundled tree (include/linux, asm-i386 +
asm-x86_64, asm-s390, arch/*/) merged into a temporary O by the merge stage
(asm-x86) with pgalloc.h generated into it by gen: what `hdrtool all` hands
to validate.  Every variant is compiled once per session; the tests that
corrupt a generated header copy the tree and compile only the variant they
break.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hdrtool.validate import run as core
from hdrtool.core.config import load_arches
from hdrtool.sim import runner as sim_runner, scenarios
from hdrtool.core.tree import BUNDLED_TREE

from conftest import require_or_skip

REPO = Path(__file__).resolve().parent.parent
ALL = [(scenarios.load_named(n), f"{n}.scn") for n in scenarios.names()]


def make_layout(dest: Path) -> Path:
    """merge + gen of the bundled tree into ``dest``."""
    notes = core.prepare_layout(BUNDLED_TREE, dest)
    assert [n.split()[0] for n in notes] == ["MERGE"]     # asm-i386 + asm-x86_64 -> asm-x86
    assert not (dest / "include/asm-i386").exists()
    written = core.ensure_generated(dest, load_arches(dest))
    assert {"include/asm-s390/pgalloc.h", "include/asm-x86/pgalloc.h"} <= {
        Path(p).as_posix() for p in written}
    for arch in ("x86", "s390"):
        assert (dest / f"include/asm-{arch}/pgalloc.h").read_bytes().startswith(
            core.GENERATED_MARK)
    return dest


def _can_link(cc: str, flag: str, tmp: Path) -> bool:
    src = tmp / "link.c"
    src.write_text("int main(void) { return 0; }\n")
    return subprocess.run([*cc.split(), flag, "-o", str(tmp / "a.out"), str(src)],
                          capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def layout(tmp_path_factory, cc) -> Path:
    tmp = tmp_path_factory.mktemp("validate")
    for flag in ("-m32", "-m64"):
        if not _can_link(cc, flag, tmp):
            require_or_skip(f"NO {flag} LIBC TO LINK WITH (install gcc-multilib)")
    return make_layout(tmp / "O")


@pytest.fixture(scope="session")
def full_run(layout, tmp_path_factory, cc):
    arches = [(cfg, cfg.variants) for cfg in load_arches(layout)]
    work = tmp_path_factory.mktemp("work")
    return core.validate(layout, arches, ALL, work, cc, BUNDLED_TREE), work


def one(tree: Path, cc: str, work: Path, variant: str, scenario: str) -> core.Result:
    cfg = next(c for c in load_arches(tree) for v in c.variants if v.name == variant)
    scn = scenarios.load_named(scenario)
    return core.validate(tree, [(cfg, [cfg.variant(variant)])], [(scn, f"{scenario}.scn")],
                         work, cc, BUNDLED_TREE)


def corrupt(layout: Path, dest: Path, arch: str, old: str, new: str) -> Path:
    tree = dest / "O"
    shutil.copytree(layout, tree)
    header = tree / "include" / f"asm-{arch}" / "pgalloc.h"
    text = header.read_text()
    assert old in text, f"the generated header changed: {old!r} is gone"
    header.write_text(text.replace(old, new))
    return tree


# --------------------------------------------------------------------------
# The generated layout agrees with the model.
# --------------------------------------------------------------------------

def test_every_variant_agrees_with_the_model_on_every_shipped_scenario(full_run, layout):
    result, _ = full_run
    assert [f.as_dict() for f in result.findings] == []
    expected = {(v.name, s.name) for cfg in load_arches(layout) for v in cfg.variants
                for s, _ in ALL if s.applies_to(sim_runner.features(cfg, v))}
    assert {(r.variant, r.scenario) for r in result.runs} == expected
    skipped = {(r.variant, r.scenario) for r in result.runs if r.skipped}
    assert skipped == {("x86_64", "seed-pgd-lock")}
    # every run compared something, the lockdep ones included
    assert all(r.events > 0 for r in result.runs if not r.skipped)
    assert sum(r.events for r in result.runs) > 100_000


def test_fragment_events_are_observed_from_the_generated_allocator(full_run, layout):
    """frag_alloc/frag_free/pgtable_list come from what page_table_alloc did
    to page->flags and pgtable_list, and they match the model's."""
    _, work = full_run
    cfg = next(c for c in load_arches(layout) if c.name == "s390")
    v = cfg.variant("s390")
    scn = scenarios.load_named("s390-fragments")
    lines, rc, err = core.run_binary(work / "s390" / "csim", core.op_stream(scn, v))
    assert rc == 0, err
    c = sim_runner.run(scn, cfg, v, trace=True).trace
    frag = [e for e in core.arch_events(lines) if e.startswith(("frag_", "pgtable_list"))]
    assert frag == [e for e in core.arch_events(c) if e.startswith(("frag_", "pgtable_list"))]
    # 31-bit: four 1K tables per page; the 12 tables fill pages 2, 3, 4 ...
    assert "frag_alloc pfn=4 frag=3 bits=0xf" in frag
    assert frag.count("pgtable_list mm=1 pfns=-") == 1   # the last table page goes away once


def test_the_lockdep_scenarios_report_the_same_in_the_compiled_code(full_run):
    result, _ = full_run
    ran = {r.scenario for r in result.runs if not r.skipped}
    assert {"lockdep-circular", "lockdep-recursive", "lockdep-bad-unlock",
            "lockdep-hardirq", "lockdep-chain"} <= ran
    # agreeing means the replay of the C run made each of the model's reports
    assert not [f for f in result.findings if f.kind.startswith("lockdep")]


# --------------------------------------------------------------------------
# Broken generated code is caught, with a precise message.
# --------------------------------------------------------------------------

def test_pte_free_without_dtor_is_the_first_difference(layout, tmp_path, cc):
    tree = corrupt(layout, tmp_path, "x86", "\tpgtable_page_dtor(pte);\n\t__free_page(pte);",
                   "\t__free_page(pte);")
    result = one(tree, cc, tmp_path / "w", "x86_64", "lost-race")
    first = result.findings[0]
    assert (first.kind, first.step, first.message) == (
        "trace-mismatch", "lost-race.scn:8 fault 0x400000 race", "first difference: events differ")
    assert first.model_line == (34, "dtor pfn=3 nr_pagetable=1")
    assert first.c_line[1] == "page_free pfn=3 order=0"
    # the runtime saw it too: a table page went back with its ctor state
    assert any(f.kind == "runtime-check" and "dtor-missing page 3" in f.message
               for f in result.findings)


def test_pmd_pgtable_returning_the_page_not_the_fragment(layout, tmp_path, cc):
    tree = corrupt(layout, tmp_path, "s390",
                   "((pgtable_t)__va(pmd_val(pmd) & ~(unsigned long)(PTE_FRAG_SIZE - 1)))",
                   "((pgtable_t)__va(pmd_val(pmd) & ~(unsigned long)(PAGE_SIZE - 1)))")
    result = one(tree, cc, tmp_path / "w", "s390x", "lost-race")
    first = result.findings[0]
    assert first.kind == "trace-mismatch" and first.step == "lost-race.scn:11 exit"
    assert first.model_line == (48, "pmd_pgtable pmd=0x00004020 pgtable=0x00008800")
    assert first.c_line[1] == "pmd_pgtable pmd=0x00004020 pgtable=0x00008000"


def test_pmd_pgtable_handing_out_another_page_crashes_and_says_where(layout, tmp_path, cc):
    tree = corrupt(layout, tmp_path, "x86", "#define pmd_pgtable(pmd)\tpmd_page(pmd)",
                   "#define pmd_pgtable(pmd)\t(pmd_page(pmd) + 1)")
    result = one(tree, cc, tmp_path / "w", "x86_32", "table-churn")
    kinds = [f.kind for f in result.findings]
    assert kinds[0] == "trace-mismatch" and "crash" in kinds
    assert result.findings[0].model_line[1].startswith("pmd_pgtable ")
    crash = result.findings[kinds.index("crash")]
    assert "is not allocated" in crash.detail and crash.step.startswith("table-churn.scn:")


PLAIN_LOCK = [("spin_lock_irqsave(&pgd_lock, flags);", "spin_lock(&pgd_lock); (void)flags;"),
              ("spin_unlock_irqrestore(&pgd_lock, flags);", "spin_unlock(&pgd_lock);")]


def test_pgd_lock_taken_with_plain_spin_lock_is_caught_by_lockdep(layout, tmp_path, cc):
    tree = corrupt(layout, tmp_path, "x86", *PLAIN_LOCK[0])
    header = tree / "include/asm-x86/pgalloc.h"
    header.write_text(header.read_text().replace(*PLAIN_LOCK[1]))
    result = one(tree, cc, tmp_path / "w", "x86_64", "seed-pgd-lock-irqsafe")
    lockdep = [f for f in result.findings if f.kind == "lockdep"]
    assert len(lockdep) == 1
    rep = lockdep[0]
    assert rep.message == "[ INFO: inconsistent lock state ] (pgd_lock) in the compiled code"
    assert rep.step == "seed-pgd-lock-irqsafe.scn:12 exec"
    assert "inconsistent {in-softirq-W} -> {softirq-on-W} usage." in rep.detail
    # the same report as the model's own run of the seed bug
    cfg = next(c for c in load_arches(tree) if c.name == "x86")
    seed = sim_runner.run(scenarios.load_named("seed-pgd-lock"), cfg, cfg.variant("x86_64"))
    # (usage, task and irq state, lock with its usage string; the stacks
    # differ: the replay knows the step, not the model's call frames)
    model_lines = [f.report.splitlines() for f in seed.findings]
    c_lines = rep.detail.splitlines()
    assert [m[4:6] for m in model_lines] == [c_lines[4:6]]
    assert [m[6].split(", at:")[0] for m in model_lines] == [c_lines[6].split(", at:")[0]]
    # and the trace shows the lock taken with interrupts on
    assert result.findings[0].c_line[1] == \
        "lock_acquire class=pgd_lock ctx=task hardirqs=1 softirqs=1"


def test_compile_error_in_a_generated_header_names_path_and_line(layout, tmp_path, cc):
    tree = corrupt(layout, tmp_path, "s390", "static inline void page_table_free(",
                   "static inline void page_table_free(int broken;")
    line = (tree / "include/asm-s390/pgalloc.h").read_text().splitlines().index(
        next(x for x in (tree / "include/asm-s390/pgalloc.h").read_text().splitlines()
             if "int broken;" in x)) + 1
    with pytest.raises(core.BuildError) as err:
        one(tree, cc, tmp_path / "w", "s390x", "lost-race")
    assert err.value.message.startswith("s390x: runtime.c does not compile against ")
    assert err.value.diagnostics[0].startswith(f"{tree}/include/asm-s390/pgalloc.h:{line}: error: ")


# --------------------------------------------------------------------------
# The op stream and the lockdep replay.
# --------------------------------------------------------------------------

def test_op_stream_is_geometry_settings_and_flattened_steps(layout):
    cfg = next(c for c in load_arches(layout) if c.name == "s390")
    text = core.op_stream(scenarios.load_named("s390-noexec"), cfg.variant("s390x"))
    lines = text.splitlines()
    assert lines[:7] == ["csim 1", "scenario s390-noexec", "geometry 42",
                         "level pgd 31 2048 8", "level pmd 20 2048 8", "level pte 12 256 8",
                         "set noexec 1"]
    assert lines[7].startswith("step s390-noexec.scn:") and lines[-1] == "end"


def test_replay_reports_plain_lock_after_softirq_use():
    from hdrtool.validate.lockdep import replay
    lines = ["# step a.scn:1 softirq_enter", "# lockdep enter softirq",
             "lock_acquire class=L ctx=softirq hardirqs=1 softirqs=0", "lock_release class=L",
             "# lockdep leave softirq", "# step a.scn:3 exec",
             "lock_acquire class=L ctx=task hardirqs=1 softirqs=1", "lock_release class=L"]
    reps = replay(lines, "t")
    assert [(r.kind, r.lock, r.step) for r in reps] == [
        ("inconsistent-lock-state", "L", "a.scn:3 exec")]


def test_replay_says_when_the_runtime_irq_state_disagrees():
    from hdrtool.validate.lockdep import replay
    reps = replay(["# step a.scn:1 lock L", "lock_acquire class=L ctx=task hardirqs=0 softirqs=1"],
                  "t")
    assert [(r.kind, r.headline) for r in reps] == [("trace", "irq state disagrees")]


# --------------------------------------------------------------------------
# The command.
# --------------------------------------------------------------------------

def hdrtool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([os.sys.executable, "-m", "hdrtool", *args], cwd=REPO,
                          capture_output=True, text=True)


def test_cli_clean_run_and_json(layout):
    r = hdrtool("validate", f"O={layout}", "ARCH=s390", "SCENARIO=lost-race")
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout.startswith("validate: 2 scenario runs on 2 variant(s) (s390, s390x), "
                               "2 agree with the model, 0 differ; ")
    r = hdrtool("validate", f"O={layout}", "ARCH=x86", "VARIANT=x86_32_highpte",
                "SCENARIO=highpte-kmap", "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 0 and doc["clean"] and doc["runs"][0]["variant"] == "x86_32_highpte"


def test_cli_differences_exit_1_with_step_and_both_lines(layout, tmp_path):
    tree = corrupt(layout, tmp_path, "x86", "\tpgtable_page_dtor(pte);\n\t__free_page(pte);",
                   "\t__free_page(pte);")
    r = hdrtool("validate", f"O={tree}", "ARCH=x86_64", "SCENARIO=lost-race")
    assert r.returncode == 1
    assert r.stdout.splitlines()[:3] == [
        "x86_64: lost-race: lost-race.scn:8 fault 0x400000 race: trace-mismatch: "
        "first difference: events differ",
        "  model line 34: dtor pfn=3 nr_pagetable=1",
        "  C     line 35: page_free pfn=3 order=0"]


def test_cli_input_errors_exit_2(layout, tmp_path):
    r = hdrtool("validate", f"O={layout}", "SCENARIO=no-such-scenario")
    assert (r.returncode, r.stderr) == (2, "hdrtool: error: no scenario 'no-such-scenario' "
                                           "(see 'hdrtool sim list')\n")
    r = hdrtool("validate", f"O={layout}", "ARCH=s390", "SCENARIO=highpte-kmap")
    assert r.returncode == 2 and "applies to none of the selected variants" in r.stderr
    tree = corrupt(layout, tmp_path, "x86", "static inline pgd_t *pgd_alloc(",
                   "static inline pgd_t *pgd_alloc(int;")
    r = hdrtool("validate", f"O={tree}", "ARCH=x86_32", "SCENARIO=lost-race")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("hdrtool: error: x86_32: runtime.c does not compile against ")
    assert f"\n  {tree}/include/asm-x86/pgalloc.h:" in r.stderr


def test_cli_merges_and_generates_into_an_empty_O(tmp_path):
    """The whole chain on a copy of the bundled (pre-merge) tree: merge ->
    gen -> compile -> compare; the source tree is left as it was."""
    src = tmp_path / "src"
    for top in ("include", "arch"):
        shutil.copytree(BUNDLED_TREE / top, src / top)
    before = sorted(p.relative_to(src) for p in src.rglob("*"))
    out = tmp_path / "O"
    r = hdrtool("-C", str(src), "validate", f"O={out}", "ARCH=x86",
                "SCENARIO=seed-pgd-lock-irqsafe")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("validate: 3 scenario runs on 3 variant(s) "
                               "(x86_32, x86_32_highpte, x86_64), 3 agree with the model")
    assert (out / "include/asm-x86/pgalloc.h").read_bytes().startswith(core.GENERATED_MARK)
    assert sorted(p.relative_to(src) for p in src.rglob("*")) == before


def test_layout_whose_entry_sizes_are_not_arch_toml_s_is_named(layout, tmp_path, cc):
    """s390's 31-bit variant built as a 64-bit program: every entry is 8
    bytes, arch.toml says 4; the run stops before the first step and says why."""
    tree = tmp_path / "O"
    shutil.copytree(layout, tree)
    toml = tree / "arch/s390/arch.toml"
    text = toml.read_text()
    assert 'cflags = ["-m32"]' in text
    toml.write_text(text.replace('cflags = ["-m32"]', 'cflags = ["-m64"]', 1))
    result = one(tree, cc, tmp_path / "w", "s390", "lost-race")
    kinds = {f.kind: f for f in result.findings}
    assert kinds["trace-mismatch"].message == "first difference: the compiled code stops early"
    assert kinds["crash"].detail == ("csim: geometry: sizeof(pgd_t) is 8 in the compiled layout, "
                                     "arch.toml says 4")


KERNEL_PGD_FAILS = """\
title vmap whose init_mm pgd allocation fails, then succeeds
task proc 1
exec
fail_alloc 1
vmap 0x00800000 64K
vunmap 0x00800000 64K
vmap 0x00800000 64K
exit
"""


def test_failed_kernel_pgd_fails_the_vmap_on_both_sides(layout, tmp_path):
    """init_mm's top table is the first allocation of the first vmap; when
    it fails, the model and the compiled code both fail that vmap and retry
    at the next (the model used to crash here)."""
    scn = tmp_path / "kpgd.scn"
    scn.write_text(KERNEL_PGD_FAILS)
    r = hdrtool("validate", f"O={layout}", f"SCENARIO={scn}", "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    runs = json.loads(r.stdout)["runs"]
    assert len(runs) == 5 and all(run["agree"] for run in runs)
    trace = hdrtool("sim", "run", str(scn), "ARCH=s390x", "--trace")
    assert trace.returncode == 0, trace.stdout + trace.stderr
    assert "page_alloc_fail" in trace.stdout and trace.stdout.count("# init_mm pgd=") == 1


def test_progress_counts_every_run(layout, tmp_path, cc):
    cfg = next(c for c in load_arches(layout) if c.name == "s390")
    scns = [(scenarios.load_named(n), f"{n}.scn") for n in ("lost-race",)]
    calls = []
    res = core.validate(layout, [(cfg, list(cfg.variants))], scns, tmp_path, cc, BUNDLED_TREE,
                        progress=lambda done, total: calls.append((done, total)))
    n = len(res.runs)
    assert n > 0 and calls == [(i, n) for i in range(1, n + 1)]
