"""lib/locking-selftest.c's spin-lock families, generated from
hdrtool/sim/data/locking-selftest.toml, on the model and on the compiled
simulator: every case must get the kernel's dotest() verdict."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hdrtool.merge import merge_into
from hdrtool.validate import run as core
from hdrtool.core.config import load_arch
from hdrtool.sim import runner, selftest
from hdrtool.core.tree import BUNDLED_TREE
from hdrtool.validate.lockdep import replay

from conftest import require_or_skip

REPO = Path(__file__).resolve().parent.parent.parent
X86 = load_arch(REPO / "arch" / "x86" / "arch.toml")
X86_64 = X86.variant("x86_64")
CASES = selftest.cases()
KERNEL_SELFTEST = Path("/var/tmp/hdrtool-linux612/linux-source-6.12/lib/locking-selftest.c")


def _model(scn):
    return selftest.lockdep_kinds(runner.run(scn, X86, X86_64).findings)


def test_every_family_and_permutation_is_generated():
    names = {c.name for c in CASES}
    assert len(CASES) == len(names) == 8 + 4 + 2 + 4 + 12 + 12
    for fam in ("irqsafe3", "irqsafe4"):
        for irq in ("hard", "soft"):
            assert {f"{fam}_{irq}_spin_{p}" for p in ("123", "132", "213", "231", "312", "321")} <= names
    assert {"AA_spin", "double_unlock_spin", "irqsafe2A_spin_12", "irqsafe2A_spin_21",
            "irqsafe1_soft_spin_21", "irqsafe2B_hard_spin_12"} <= names


def test_case_names_are_the_kernels():
    """Every generated name is a test function the kernel's selftest
    defines (GENERATE_TESTCASE / GENERATE_PERMUTATIONS_* of the same name)."""
    if not KERNEL_SELFTEST.is_file():
        require_or_skip(f"NO {KERNEL_SELFTEST} (Debian linux-source-6.12, unpacked by .ci/run)",
                        linux=True)
    text = KERNEL_SELFTEST.read_text("utf-8", "replace")
    for case in CASES:
        base = case.name[: -len(case.order) - 1] if case.order else case.name
        macro = ("GENERATE_PERMUTATIONS_3_EVENTS" if len(case.order) == 3 else
                 "GENERATE_PERMUTATIONS_2_EVENTS" if case.order else "GENERATE_TESTCASE")
        assert f"{macro}({base})" in text, case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_model_verdict_is_the_kernels(case):
    assert selftest.verdict(_model(case.scenario)) == case.expect


# The case (irqsafe4): which of the two graph rules fires depends on
# whether the A -> B dependency (E1) is made before or after both usages.
@pytest.mark.parametrize("irq", ["hard", "soft"])
@pytest.mark.parametrize("order,kind", [
    ("123", "irq-lock-inversion"), ("132", "irq-lock-inversion"),
    ("213", "irq-lock-inversion"), ("312", "irq-lock-inversion"),
    ("231", "irq-safe-unsafe-order"), ("321", "irq-safe-unsafe-order"),
])
def test_irqsafe4_report_kind(irq, order, kind):
    case = next(c for c in CASES if c.name == f"irqsafe4_{irq}_spin_{order}")
    assert _model(case.scenario) == [kind]


def test_irqsafe4_is_clean_once_b_is_irq_safe(tmp_path):
    """The control: the same data with B taken with the irq disabled in E2
    too -- nothing to report, in every order, hard and soft."""
    data = selftest.DATA.read_text("utf-8")
    e2 = '"LOCK(B); UNLOCK(B)",\n          "IRQ_ENTER(); LOCK(A); UNLOCK(A); IRQ_EXIT()"]'
    assert data.count(e2) == 2                      # irqsafe3 and irqsafe4
    data = data.replace(e2, e2.replace('"LOCK(B); UNLOCK(B)"',
                                       '"IRQ_DISABLE(); LOCK(B); UNLOCK(B); IRQ_ENABLE()"'))
    (tmp_path / "control.toml").write_text(data)
    control = [c for c in selftest.cases(tmp_path / "control.toml") if c.family == "irqsafe4"]
    assert len(control) == 12
    for case in control:
        assert _model(case.scenario) == [], case.name


def test_report_texts():
    inv = next(c for c in CASES if c.name == "irqsafe4_hard_spin_123")
    order = next(c for c in CASES if c.name == "irqsafe4_soft_spin_231")
    r = runner.run(inv.scenario, X86, X86_64).findings[0].report
    assert r.splitlines()[1] == "[ INFO: possible irq lock inversion dependency detected ]"
    assert "but this lock took another, HARDIRQ-unsafe lock in the past:\n (B){--..}\n" in r
    r = runner.run(order.scenario, X86, X86_64).findings[0].report
    assert r.splitlines()[1] == "[ INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected ]"
    assert "which would create a new lock dependency:\n (A){-+..} -> (B){--..}\n" in r
    assert "but this new dependency connects a SOFTIRQ-irq-safe lock:\n (A){-+..}\n" in r


def _can_link(cc: str, tmp: Path) -> bool:
    src = tmp / "link.c"
    src.write_text("int main(void) { return 0; }\n")
    return subprocess.run([*cc.split(), "-m64", "-o", str(tmp / "a.out"), str(src)],
                          capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def csim(tmp_path_factory, cc):
    tmp = tmp_path_factory.mktemp("selftest")
    if not _can_link(cc, tmp):
        require_or_skip("NO -m64 LIBC TO LINK WITH")
    tree = tmp / "O"
    merge_into(BUNDLED_TREE, tree)
    core.ensure_generated(tree, [load_arch(tree / "arch/x86/arch.toml")])
    cfg = load_arch(tree / "arch/x86/arch.toml")
    return core.build(tree, cfg, cfg.variant("x86_64"), tmp / "work", cc, BUNDLED_TREE)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_compiled_verdict_is_the_kernels(csim, case):
    """The compiled runtime's lock and irq events, replayed into the
    validator, give the kernel's verdict and the model's report."""
    lines, rc, err = core.run_binary(csim, core.op_stream(case.scenario, X86_64))
    assert rc == 0, err
    kinds = [r.kind for r in replay(lines, "selftest")]
    assert selftest.verdict(kinds) == case.expect
    assert kinds == _model(case.scenario)


def test_validate_runs_the_selftest_on_compiled_code(tmp_path, cc):
    """``hdrtool validate SCENARIO=locking-selftest``: every case on the
    compiled code agrees with the model (the reports come from the
    scenarios' own lock steps: not findings about the generated code)."""
    import json
    import os
    import sys
    if not _can_link(cc, tmp_path):
        require_or_skip("NO -m64 LIBC TO LINK WITH")
    tree = tmp_path / "O"
    merge_into(BUNDLED_TREE, tree)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    r = subprocess.run([sys.executable, "-m", "hdrtool", "validate", f"O={tree}", "ARCH=x86_64",
                        "SCENARIO=locking-selftest", "--format", "json"], capture_output=True,
                       text=True, env=env, cwd=REPO, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    runs = json.loads(r.stdout)["runs"]
    assert len(runs) == len(CASES) and all(run["agree"] for run in runs)
    kinds = {run["scenario"]: [x["kind"] for x in run["lockdep"]] for run in runs}
    assert all(len(kinds[c.name]) == 1 for c in CASES)
    assert kinds["irqsafe4_hard_spin_231"] == ["irq-safe-unsafe-order"]
