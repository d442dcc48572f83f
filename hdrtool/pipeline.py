"""The main job (``hdrtool all``): merge -> gen -> headers_install ->
headers_check -> validate, on one source tree, into one output directory.

Each stage is the same library call its own target makes; this module only
strings them together and keeps a :class:`StageResult` per stage so the CLI
can print one summary.  The output directory holds::

    O/include, O/arch          the merged tree, with the generated headers
    O/install/<arch>/include   each arch's installed userspace headers
    O/.validate                the simulator builds
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from hdrtool.core.config import load_arches
from hdrtool.core.errors import Diagnostic, HdrError


@dataclass
class StageResult:
    name: str
    ok: bool
    seconds: float
    summary: str
    diagnostics: List[Diagnostic] = field(default_factory=list)
    details: List[str] = field(default_factory=list)


@dataclass
class AllResult:
    out: Path
    stages: List[StageResult] = field(default_factory=list)
    error: Optional[HdrError] = None   # the bad input that stopped the job

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.stages)


Say = Callable[[str], None]


def _timed(name: str, fn, say: Say) -> StageResult:
    say(f"{name.upper():<8}...")
    start = time.perf_counter()
    ok, summary, diags, details = fn()
    return StageResult(name, ok, time.perf_counter() - start, summary, diags, details)


def stage_merge(srctree: Path, out: Path) -> tuple:
    from hdrtool.merge.execute import merge_into
    notes, counts = merge_into(srctree, out)
    what = ", ".join(f"{v} {k}" for k, v in counts.items()) if counts else "; ".join(notes)
    return True, what, [], notes


def stage_gen(out: Path) -> tuple:
    from hdrtool.gen import tree as gen_tree
    cfgs = load_arches(out)
    plan = gen_tree.plan_pgalloc(out, cfgs)
    written = gen_tree.apply(out, plan)
    stale = gen_tree.old_api_calls(out)
    summary = (f"pgalloc API for {', '.join(c.name for c in cfgs)}: "
               f"{len(written)} file(s) written, {len(stale)} old-API caller(s) left")
    return not stale, summary, list(stale), [f"GEN     {p}" for p in written]


def stage_install(out: Path, jobs: int) -> tuple:
    from hdrtool.install.plan import plan_install
    from hdrtool.install.installer import install
    parts, diags, details = [], [], []
    for cfg in load_arches(out):
        plan = plan_install(out, cfg.name)
        res = install(plan, out / "install" / cfg.name, jobs=jobs)
        diags.extend(res.diagnostics)
        parts.append(f"{cfg.name} {res.total}")
        details.append(f"ARCH={cfg.name}: {res.total} headers in {res.include_dir} "
                       f"({len(res.written)} written, {len(res.unchanged)} unchanged, "
                       f"{len(res.removed)} removed)")
    ok = not any(d.severity == "error" for d in diags)
    return ok, "headers installed: " + ", ".join(parts), diags, details


def check_targets(cfg) -> List[Tuple[str, Optional[str]]]:
    """The ``ARCH=`` values headers_check needs to cover every variant an
    install of ``cfg`` serves, as (what the variants are called, ARCH or None).

    One installed tree serves every variant of its arch (x86: i386 and
    x86_64), so the compile test runs once per word size, under the ARCH=
    name the check's profiles know whose SRCARCH is this arch and whose -m
    flag is the variant's (:func:`hdrtool.validate.run.target_flags`).  A variant
    no profile fits gets None (it is reported, never silently dropped).

    >>> from hdrtool.core.config import load_arch
    >>> from hdrtool.core.tree import BUNDLED_TREE
    >>> check_targets(load_arch(BUNDLED_TREE / "arch/x86/arch.toml"))
    [('x86_32, x86_32_highpte', 'i386'), ('x86_64', 'x86_64')]
    """
    from hdrtool.check.data import arch_profile
    from hdrtool.validate.run import target_flags
    targets: Dict[Optional[str], List[str]] = {}
    for v in cfg.variants:
        want = set(target_flags(v))
        fits = None
        for name in dict.fromkeys((v.old_arch, v.name, cfg.name)):
            prof = arch_profile(name)
            if prof.srcarch == cfg.name and want <= set(prof.cflags):
                fits = name
                break
        key = fits if fits is not None else f"?{v.name}"
        targets.setdefault(key, []).append(v.name)
    return [(", ".join(names), None if key.startswith("?") else key)
            for key, names in targets.items()]


def stage_check(out: Path, cc: str, jobs: int) -> tuple:
    from hdrtool.check import check_tree
    parts, diags, details = [], [], []
    ok = True
    for cfg in load_arches(out):
        root = out / "install" / cfg.name / "include"
        for variants, arch in check_targets(cfg):
            if arch is None:
                # hdrtool/check/data/arches.toml has no profile with this
                # variant's -m flag: say so rather than skip it quietly.
                diags.append(Diagnostic(
                    str(root), None, "note", "all-check-variant",
                    f"{cfg.name} variant(s) {variants}: not compile-tested: no headers_check "
                    f"ARCH= profile has SRCARCH {cfg.name} and the variant's -m flag"))
                parts.append(f"{cfg.name} variant {variants} not compile-tested")
                continue
            res = check_tree(root, arch=arch, cc=cc, jobs=jobs)
            c = res.counts()
            diags.extend(res.diagnostics)
            ok = ok and res.errors == 0
            parts.append(f"{arch} {c['passed']}/{c['compiled']} compiled, "
                         f"{c['errors']} errors, {c['warnings']} warnings")
            details.append(f"ARCH={arch} ({variants}): {c}")
    return ok, "; ".join(parts), _unique(diags), details


def _unique(diags: List[Diagnostic]) -> List[Diagnostic]:
    """Each finding once: the static checks see the same file per variant."""
    return list(dict.fromkeys(diags))


def stage_validate(out: Path, cc: str) -> tuple:
    from hdrtool.validate import run as core
    from hdrtool.sim import scenarios
    from hdrtool.core.tree import BUNDLED_TREE
    selection = [(cfg, list(cfg.variants)) for cfg in load_arches(out)]
    scns = [(scenarios.load_named(n), f"{n}.scn") for n in scenarios.names()]
    with tempfile.TemporaryDirectory(prefix="hdrtool-all-") as work:
        try:
            res = core.validate(out, selection, scns, Path(work), cc, BUNDLED_TREE)
        except core.BuildError as exc:
            # The merged tree's headers do not compile: in the main job that
            # is a finding about the tree (exit 1), as headers_check's are.
            return False, f"not run: {exc.message}", _build_diagnostics(exc), []
    ran = [r for r in res.runs if not r.skipped]
    bad = {(f.variant, f.scenario) for f in res.findings}
    details = [f"{f.variant}: {f.scenario}: {f.step}: {f.kind}: {f.message}" for f in res.findings]
    summary = (f"{len(ran)} scenario runs on {len({r.variant for r in ran})} variants, "
               f"{len(ran) - len(bad)} agree with the model, "
               f"{sum(r.events for r in ran)} events compared")
    return res.clean, summary, [], details


_BUILD_DIAG = re.compile(r"^(?P<path>.*?):(?P<line>\d+): error: (?P<msg>.*)$")


def _build_diagnostics(exc) -> List[Diagnostic]:
    """A :class:`hdrtool.validate.run.BuildError`'s compiler lines as records."""
    out = []
    for text in exc.diagnostics:
        m = _BUILD_DIAG.match(text)
        if m:
            out.append(Diagnostic(m["path"], int(m["line"]), "error", "validate-build", m["msg"]))
        else:
            out.append(Diagnostic(None, None, "error", "validate-build", text))
    return out


def run_all(srctree: Path, out: Path, *, cc: str = "cc", jobs: int = 1,
            say: Say = lambda _m: None) -> AllResult:
    """Run every stage; a stage that raises (bad input) stops the job."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = AllResult(out)
    steps = [
        ("merge", lambda: stage_merge(srctree, out)),
        ("gen", lambda: stage_gen(out)),
        ("install", lambda: stage_install(out, jobs)),
        ("check", lambda: stage_check(out, cc, jobs)),
        ("validate", lambda: stage_validate(out, cc)),
    ]
    for name, fn in steps:
        try:
            stage = _timed(name, fn, say)
        except HdrError as exc:
            result.stages.append(StageResult(name, False, 0.0, f"stopped: {exc}"))
            result.error = exc
            break
        result.stages.append(stage)
        for line in stage.details:
            say(f"  {line}")
    return result
