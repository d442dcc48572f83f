"""The main job (``hdrtool all``): merge -> gen -> headers_install ->
headers_check -> validate, on one source tree, into one output directory.

Each stage is the same library call its own target makes; this module only
strings them together and keeps a :class:`StageResult` per stage so the CLI
can print one summary.  The output directory holds::

    O/include, O/arch          the merged tree, with the generated headers
    O/install/<arch>/include   each arch's installed userspace headers

(the simulator builds go to a temporary directory).  Besides the stage
summaries, :attr:`AllResult.variants` has one :class:`VariantRow` per
variant of the tree's arch/*/arch.toml: what each stage did for it.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
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
class CheckCount:
    """The compile test one variant's headers got: under which ``ARCH=``."""

    arch: str
    compiled: int
    passed: int
    errors: int
    warnings: int


@dataclass
class VariantRow:
    """What every stage did for one variant (one row of ``hdrtool all``'s
    table).  None: the stage did not get to it, or has nothing for it (an
    arch without a ``[merge]`` table merges nothing); docs/all.md has the
    meaning of each field."""

    arch: str
    variant: str
    merged: Optional[int] = None        # headers the merge wrote for the arch
    generated: Optional[int] = None     # files gen owns for the arch (written or up to date)
    installed: Optional[int] = None     # headers in O/install/<arch>/include
    checked: Optional[CheckCount] = None
    runs: Optional[int] = None          # validate: scenario runs on the compiled code
    agree: Optional[int] = None         # ... whose trace and locking agree with the model
    skipped: int = 0                    # ... scenarios the compiled code does not model
    events: Optional[int] = None        # arch-visible events compared
    lockdep: Optional[int] = None       # lockdep differences (reports one side only)
    validate_error: str = ""            # the build error that stopped validate

    def as_dict(self) -> Dict[str, object]:
        return asdict(self)


@dataclass
class AllResult:
    out: Path
    stages: List[StageResult] = field(default_factory=list)
    error: Optional[HdrError] = None   # the bad input that stopped the job
    variants: List[VariantRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.stages)

    def rows(self, arch: str) -> List[VariantRow]:
        return [r for r in self.variants if r.arch == arch]


Say = Callable[[str], None]
#: ``progress(stage, event, done, total)``: event "start", "step" or "end".
Progress = Callable[[str, str, int, int], None]


def _no_progress(_stage: str, _event: str, _done: int, _total: int) -> None:
    pass


def _timed(name: str, fn, say: Say) -> StageResult:
    say(f"{name.upper():<8}...")
    start = time.perf_counter()
    ok, summary, diags, details = fn()
    return StageResult(name, ok, time.perf_counter() - start, summary, diags, details)


def stage_merge(srctree: Path, out: Path, result: Optional[AllResult] = None) -> tuple:
    from hdrtool.merge import merge_into
    merged = merge_into(srctree, out)
    counts = merged.counts()
    what = ", ".join(f"{v} {k}" for k, v in counts.items()) if counts else "; ".join(merged.notes)
    if result is not None:
        result.variants = [VariantRow(cfg.name, v.name) for cfg in load_arches(out)
                           for v in cfg.variants]
        for run in merged.runs:
            for row in result.rows(run.cfg.name):
                row.merged = sum(v for k, v in run.plan.counts().items() if k != "kbuild")
    return True, what, [], merged.notes


def _owner(rel: Path, cfgs) -> Optional[str]:
    """The arch a generated path belongs to (include/<its dir>/ or arch/<it>/)."""
    parts = rel.parts
    for cfg in cfgs:
        if parts[:2] in (("include", cfg.include_dir), ("arch", cfg.name)):
            return cfg.name
    return None


def stage_gen(out: Path, result: Optional[AllResult] = None) -> tuple:
    from hdrtool import gen
    cfgs = load_arches(out)
    plan = gen.plan_pgalloc(out, cfgs)
    written = gen.apply(out, plan)
    stale = gen.old_api_calls(out)
    summary = (f"pgalloc API for {', '.join(c.name for c in cfgs)}: "
               f"{len(written)} file(s) written, {len(stale)} old-API caller(s) left")
    if result is not None:
        owned = Counter(_owner(rel, cfgs) for rel in plan.writes)
        for cfg in cfgs:
            for row in result.rows(cfg.name):
                row.generated = owned.get(cfg.name, 0)
    return not stale, summary, list(stale), [f"GEN     {p}" for p in written]


def stage_install(out: Path, jobs: int, result: Optional[AllResult] = None) -> tuple:
    from hdrtool.install import install, plan_install
    parts, diags, details = [], [], []
    for cfg in load_arches(out):
        plan = plan_install(out, cfg.name)
        res = install(plan, out / "install" / cfg.name, jobs=jobs)
        diags.extend(res.diagnostics)
        parts.append(f"{cfg.name} {res.total}")
        details.append(f"ARCH={cfg.name}: {res.total} headers in {res.include_dir} "
                       f"({len(res.written)} written, {len(res.unchanged)} unchanged, "
                       f"{len(res.removed)} removed)")
        if result is not None:
            for row in result.rows(cfg.name):
                row.installed = res.total
    ok = not any(d.severity == "error" for d in diags)
    return ok, "headers installed: " + ", ".join(parts), diags, details


def check_targets(cfg) -> List[Tuple[str, Optional[str]]]:
    """The ``ARCH=`` values headers_check needs to cover every variant an
    install of ``cfg`` serves, as (what the variants are called, ARCH or None).

    One installed tree serves every variant of its arch (x86: i386 and
    x86_64), so the compile test runs once per word size, under the ARCH=
    name the check's profiles know whose SRCARCH is this arch and whose -m
    flag is the variant's (:func:`hdrtool.validate.run.target_flags`).  A variant
    no profile fits gets None: :func:`stage_check` compiles it with the arch's
    profile and the variant's own -m flag.

    >>> from hdrtool.core.config import load_arch
    >>> from hdrtool.core.tree import BUNDLED_TREE
    >>> check_targets(load_arch(BUNDLED_TREE / "arch/x86/arch.toml"))
    [('x86_32, x86_32_highpte', 'i386'), ('x86_64', 'x86_64')]
    """
    from hdrtool.check import arch_profile
    from hdrtool.validate import target_flags
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


def stage_check(out: Path, cc: str, jobs: int, result: Optional[AllResult] = None) -> tuple:
    from hdrtool.check import check_tree
    from hdrtool.validate import target_flags
    parts, diags, details = [], [], []
    ok = True
    for cfg in load_arches(out):
        root = out / "install" / cfg.name / "include"
        for variants, arch in check_targets(cfg):
            rows = [r for r in (result.rows(cfg.name) if result else ())
                    if r.variant in variants.split(", ")]
            flags = None
            if arch is None:
                # No headers_check ARCH= profile has this variant's -m flag
                # (s390's 31-bit variant): the arch's profile, with the flag
                # the variant is built with on the host.
                flags = target_flags(cfg.variant(variants.split(", ")[0]))
            res = check_tree(root, arch=arch or cfg.name, cc=cc, jobs=jobs, cflags=flags)
            if flags is not None:
                arch = f"{cfg.name} {' '.join(flags)}"
            c = res.counts()
            diags.extend(res.diagnostics)
            ok = ok and res.errors == 0
            parts.append(f"{arch} {c['passed']}/{c['compiled']} compiled, "
                         f"{c['errors']} errors, {c['warnings']} warnings")
            details.append(f"ARCH={arch} ({variants}): {c}")
            for row in rows:
                row.checked = CheckCount(arch, c["compiled"], c["passed"], c["errors"],
                                         c["warnings"])
    return ok, "; ".join(parts), _unique(diags), details


def _unique(diags: List[Diagnostic]) -> List[Diagnostic]:
    """Each finding once: the static checks see the same file per variant."""
    return list(dict.fromkeys(diags))


# --------------------------------------------------------------------------
# validate: one simulator build and its scenario runs per variant.  The
# variants are independent (each its own build directory), so with jobs > 1
# they run in forked worker processes, started before the check stage so
# that the two overlap (check reads the installs, validate the merged tree:
# neither writes what the other reads).  Results are put back in variant
# order, so the outcome is the same as one process doing them in turn.
# --------------------------------------------------------------------------

#: What the forked workers read: (tree, cc, [(cfg, variant)], scenarios, workdir).
_JOB: Optional[tuple] = None


def _validate_variant(i: int) -> tuple:
    """(Result or None, BuildError or None, seconds) of variant ``i`` of _JOB."""
    from hdrtool import validate as core
    from hdrtool.core.tree import BUNDLED_TREE
    tree, cc, selection, scns, work = _JOB
    cfg, variant = selection[i]
    start = time.perf_counter()
    try:
        res = core.validate(tree, [(cfg, [variant])], scns, work / variant.name, cc,
                            BUNDLED_TREE)
    except core.BuildError as exc:
        return None, exc, time.perf_counter() - start
    return res, None, time.perf_counter() - start


def _quiet_worker() -> None:
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent handles ^C


class Validation:
    """The validate stage, started early (see above) and finished later."""

    def __init__(self, out: Path, cc: str, jobs: int) -> None:
        global _JOB
        self.start = time.perf_counter()
        self.error: Optional[HdrError] = None
        self.pool = None
        self.futures: list = []
        self.tmp = tempfile.TemporaryDirectory(prefix="hdrtool-all-")
        try:
            from hdrtool import sim
            selection = [(cfg, v) for cfg in load_arches(out) for v in cfg.variants]
            scns = [(sim.load_named(n), f"{n}.scn") for n in sim.scenario_names()]
        except HdrError as exc:      # reported when the stage's turn comes
            self.error, self.selection = exc, []
            return
        self.selection = selection
        _JOB = (out, cc, selection, scns, Path(self.tmp.name))
        workers = min(jobs, len(selection))
        if workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            try:
                ctx = multiprocessing.get_context("fork")
            except ValueError:       # no fork (not Linux): one at a time
                return
            # with fork, every worker is started by the first submit, from
            # this thread, before any other thread exists
            import sys
            for stream in (sys.stdout, sys.stderr):    # a child must not repeat them
                stream.flush()
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                            initializer=_quiet_worker)
            self.futures = [self.pool.submit(_validate_variant, i)
                            for i in range(len(selection))]

    def results(self, step: Callable[[int, int], None]) -> List[tuple]:
        """Each variant's (Result, BuildError, seconds), in variant order."""
        total = len(self.selection)
        if not self.futures:
            out = []
            for i in range(total):
                out.append(_validate_variant(i))
                step(i + 1, total)
            return out
        from concurrent.futures import as_completed
        done = 0
        for _f in as_completed(self.futures):
            done += 1
            step(done, total)
        return [f.result() for f in self.futures]

    def close(self) -> None:
        global _JOB
        if self.pool is not None:
            for f in self.futures:
                f.cancel()
            if any(not f.done() for f in self.futures):   # stopped early: do not wait
                for proc in list(getattr(self.pool, "_processes", {}).values()):
                    proc.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        _JOB = None
        self.tmp.cleanup()


def stage_validate(validation: Validation, result: Optional[AllResult] = None,
                   step: Callable[[int, int], None] = lambda _d, _t: None) -> tuple:
    if validation.error is not None:
        raise validation.error
    outcomes = validation.results(step)
    first_error = None
    runs = []
    findings = []
    for (cfg, variant), (res, exc, _secs) in zip(validation.selection, outcomes):
        row = next((r for r in (result.rows(cfg.name) if result else ())
                    if r.variant == variant.name), None)
        if exc is not None:
            first_error = first_error or exc
            if row is not None:
                row.validate_error = exc.message
            continue
        runs.extend(res.runs)
        findings.extend(res.findings)
        if row is not None:
            ran = [r for r in res.runs if not r.skipped]
            row.runs = len(ran)
            row.agree = sum(1 for r in ran if not r.findings)
            row.skipped = len(res.runs) - len(ran)
            row.events = sum(r.events for r in ran)
            row.lockdep = sum(1 for f in res.findings if f.kind.startswith("lockdep"))
    if first_error is not None:
        # The merged tree's headers do not compile: in the main job that
        # is a finding about the tree (exit 1), as headers_check's are.
        return (False, f"not run: {first_error.message}", _build_diagnostics(first_error), [])
    ran = [r for r in runs if not r.skipped]
    bad = {(f.variant, f.scenario) for f in findings}
    details = [f"{f.variant}: {f.scenario}: {f.step}: {f.kind}: {f.message}" for f in findings]
    summary = (f"{len(ran)} scenario runs on {len({r.variant for r in ran})} variants, "
               f"{len(ran) - len(bad)} agree with the model, "
               f"{sum(r.events for r in ran)} events compared")
    return not findings, summary, [], details


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
            say: Say = lambda _m: None, progress: Progress = _no_progress) -> AllResult:
    """Run every stage; a stage that raises (bad input) stops the job.
    ``progress(stage, event, done, total)`` follows the stages as they run."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = AllResult(out)

    def run(name, fn, started=None) -> bool:
        progress(name, "start", 0, 0)
        begin = time.perf_counter() if started is None else started
        try:
            stage = _timed(name, fn, say)
        except HdrError as exc:
            result.stages.append(StageResult(name, False, time.perf_counter() - begin,
                                             f"stopped: {exc}"))
            result.error = exc
            progress(name, "end", 0, 0)
            return False
        stage.seconds = time.perf_counter() - begin
        result.stages.append(stage)
        progress(name, "end", 0, 0)
        for line in stage.details:
            say(f"  {line}")
        return True

    steps = [
        ("merge", lambda: stage_merge(srctree, out, result)),
        ("gen", lambda: stage_gen(out, result)),
        ("install", lambda: stage_install(out, jobs, result)),
    ]
    for name, fn in steps:
        if not run(name, fn):
            return result
    validation = Validation(out, cc, jobs)
    try:
        if run("check", lambda: stage_check(out, cc, jobs, result)):
            step = lambda done, total: progress("validate", "step", done, total)
            run("validate", lambda: stage_validate(validation, result, step),
                started=validation.start)
    finally:
        validation.close()
    return result
