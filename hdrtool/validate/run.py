"""validate: build the simulator's C code against a generated layout, run
it, and compare it with the Python model (docs/validate.md).

For each variant:

1. **build** -- compile ``hdrtool/validate/csim/*.c`` (the generic mm, the runtime,
   the driver) and ``arch/<arch>/mm/*.c`` with ``$CC -Wall -Werror`` in the
   variant's build layout (:func:`hdrtool.core.tree.build_layout`), so that
   ``<asm/pgalloc.h>`` is the generated header under test.  ``host.c`` (the
   libc half) is compiled with the host's headers.  A compile error is
   :class:`BuildError`: bad input, exit 2, each diagnostic as ``path:line``.
2. **run** -- every shipped scenario that applies to the variant is lowered
   to the op stream (:func:`op_stream`) and fed to the binary, which writes
   the event trace; the model runs the same scenario with the trace on.
3. **compare** -- the arch-visible events (:func:`hdrtool.sim.trace.arch_events`)
   of both traces, in order; the first difference is a finding with the
   scenario step and both lines with their line numbers.
4. **lockdep** -- the C run's lock and irq events are replayed into the
   Python lock validator (:mod:`hdrtool.validate.lockdep`); a report the
   model does not also make is a finding, and so is a model report the
   compiled code does not reproduce.  The kernel half is compiled with
   ``-finstrument-functions``: each report carries the chain of C functions
   that took the lock (named from the binary's symbols), compared frame by
   frame with the model's; a report both make on a lock the generated code
   took is a ``lockdep-report`` finding.  The model takes pgd_lock the way
   the layout's generated header does (:mod:`hdrtool.sim.layout`).

The core returns a :class:`Result`; nothing here prints.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from hdrtool.core.config import ArchConfig, Variant
from hdrtool.core.errors import HdrError
from hdrtool.core.tree import build_layout
from hdrtool.sim import Scenario, arch_events, features, layout_pgd_lock, run_scenario
from hdrtool.validate.lockdep import kernel_frames, model_chain, replay, symbols

CSIM = Path(__file__).resolve().parent / "csim"
KERNEL_SOURCES = ("runtime.c", "mm.c", "vma.c", "driver.c")
CFLAGS = ("-Wall", "-Werror", "-Og", "-fno-strict-aliasing")
# The kernel half keeps a shadow call stack for lockdep's chains (host.c has
# the hooks); the runtime, which takes the locks, is not a frame.
INSTRUMENT = "-finstrument-functions"
NOT_INSTRUMENTED = ("runtime.c",)
OP_STREAM_VERSION = 1

class BuildError(HdrError):
    """The simulator does not compile against the layout."""

    def __init__(self, message: str, diagnostics: Sequence[str] = ()):
        super().__init__(message)
        self.diagnostics = list(diagnostics)

    def __str__(self) -> str:
        return "\n".join([self.message] + [f"  {d}" for d in self.diagnostics])


@dataclass(frozen=True)
class Finding:
    """One difference between the compiled code and the model."""

    variant: str
    scenario: str
    kind: str          # trace-mismatch | lockdep | lockdep-missing | crash
    step: str          # scenario location and step, e.g. "lost-race.scn:8 fault 0x400000 race"
    message: str
    model_line: Optional[Tuple[int, str]] = None
    c_line: Optional[Tuple[int, str]] = None
    detail: str = ""

    def as_dict(self) -> Dict[str, object]:
        d: Dict[str, object] = {"variant": self.variant, "scenario": self.scenario,
                                "kind": self.kind, "step": self.step, "message": self.message}
        if self.model_line:
            d["model"] = {"line": self.model_line[0], "text": self.model_line[1]}
        if self.c_line:
            d["c"] = {"line": self.c_line[0], "text": self.c_line[1]}
        if self.detail:
            d["detail"] = self.detail
        return d


@dataclass(frozen=True)
class LockReport:
    """A lockdep report both the compiled code and the model make, with the
    same call chain."""

    kind: str
    lock: str
    what: str                 # "inconsistent {in-softirq-W} -> {softirq-on-W} usage." ...
    step: str
    chain: Tuple[str, ...]    # the kernel frames, innermost first
    text: str                 # the report from the compiled run


@dataclass
class ScenarioRun:
    variant: str
    scenario: str
    events: int = 0
    skipped: str = ""
    findings: List[Finding] = field(default_factory=list)
    reports: List[LockReport] = field(default_factory=list)
    pgd_lock: Optional[str] = None


@dataclass
class Result:
    runs: List[ScenarioRun] = field(default_factory=list)

    @property
    def findings(self) -> List[Finding]:
        return [f for r in self.runs for f in r.findings]

    @property
    def clean(self) -> bool:
        return not self.findings


# --------------------------------------------------------------------------
# The op stream (docs/validate.md).
# --------------------------------------------------------------------------

def op_stream_lines(scn: Scenario, variant: Variant) -> Iterator[str]:
    """The scenario as the compiled driver reads it, line by line: geometry,
    settings and the flattened steps (``hdrtool sim steps``), streamed."""
    yield f"csim {OP_STREAM_VERSION}\n"
    yield f"scenario {scn.name}\n"
    yield f"geometry {variant.address_bits}\n"
    for lvl in variant.levels:
        yield f"level {lvl.name} {lvl.shift} {lvl.entries} {lvl.entry_size}\n"
    for k, v in scn.settings:
        if k != "pgd_lock":
            yield f"set {k} {v}\n"
    for s in scn.iter_steps():
        yield f"step {s.loc} {s.render()}\n"
    yield "end\n"


def op_stream(scn: Scenario, variant: Variant) -> str:
    """:func:`op_stream_lines` as one string."""
    return "".join(op_stream_lines(scn, variant))


# --------------------------------------------------------------------------
# Building.
# --------------------------------------------------------------------------

def target_flags(variant: Variant) -> List[str]:
    """-m32/-m64: arch.toml's cflags (s390's 31-bit variant runs on the host
    as a 32-bit program), else from the variant's bits for a new arch's toml."""
    flags = [f for f in variant.cflags if f in ("-m32", "-m64")]
    return flags or (["-m32"] if variant.bits <= 32 else ["-m64"])


def arch_sources(tree: Path, cfg: ArchConfig, fallback: Path) -> List[Path]:
    """arch/<arch>/mm/*.c of the tree, else of hdrtool's own tree."""
    for root in (tree, fallback):
        found = sorted((root / "arch" / cfg.name / "mm").glob("*.c"))
        if found:
            return found
    raise HdrError(f"no simulator arch code arch/{cfg.name}/mm/*.c", tree / "arch" / cfg.name)


_DIAG = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?:\d+:)? (?:fatal )?error: (?P<msg>.*)$")


def compile_diagnostics(stderr: str, links: Sequence[Tuple[Path, Path]] = ()) -> List[str]:
    """``path:line: error: message`` for each error of the compiler's output;
    paths through the layout's ``asm`` link name the real header."""
    out = []
    for line in stderr.splitlines():
        m = _DIAG.match(line)
        if m:
            path = m["path"]
            for link, real in links:
                if path.startswith(f"{link}/"):
                    path = f"{real}/{path[len(str(link)) + 1:]}"
            out.append(f"{path}:{m['line']}: error: {m['msg']}")
    return out or [line for line in stderr.splitlines() if line.strip()][:20]


def build(tree: Path, cfg: ArchConfig, variant: Variant, workdir: Path, cc: str,
          fallback: Path) -> Path:
    """Compile and link the simulator for ``variant``; returns the binary."""
    layout = build_layout(tree, cfg, variant, workdir / "layout")
    out = workdir / variant.name
    out.mkdir(parents=True, exist_ok=True)
    target = target_flags(variant)
    kflags = [f for f in layout.flags() if f not in ("-m32", "-m64")]
    units = [(CSIM / n, True) for n in KERNEL_SOURCES]
    units += [(p, True) for p in arch_sources(tree, cfg, fallback)]
    units.append((CSIM / "host.c", False))
    objs = []
    for src, kernel in units:
        obj = out / f"{src.parent.name}-{src.stem}.o"
        flags = [*kflags, f"-I{CSIM}"] if kernel else []
        if kernel and src.name not in NOT_INSTRUMENTED:
            flags.append(INSTRUMENT)
        _cc([*cc.split(), *CFLAGS, *target, *flags, "-c", "-o", str(obj), str(src)],
            f"{variant.name}: {src.name} does not compile against {layout.asm_dir}",
            [(d / "asm", layout.asm_dir) for d in layout.include_dirs])
        objs.append(str(obj))
    exe = out / "csim"
    _cc([*cc.split(), *target, "-o", str(exe), *objs],
        f"{variant.name}: the simulator does not link")
    return exe


def _cc(cmd: List[str], what: str, links: Sequence[Tuple[Path, Path]] = ()) -> None:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True,
                           env={**os.environ, "LC_ALL": "C"})
    except OSError as exc:
        raise HdrError(f"cannot run the C compiler {cmd[0]!r}: {exc.strerror}") from None
    if r.returncode:
        raise BuildError(what, compile_diagnostics(r.stderr, links))


# --------------------------------------------------------------------------
# Running and comparing.
# --------------------------------------------------------------------------

def run_binary(exe: Path, stream: Union[str, Iterable[str]],
               timeout: float = 60) -> Tuple[List[str], int, str]:
    """(trace lines, exit status, stderr) of one run; the op stream (a string
    or its lines) goes through a temporary file, never whole in memory; a
    run that does not end within ``timeout`` seconds is killed (status -9)
    with what it wrote."""
    with tempfile.TemporaryFile() as f:
        for chunk in ([stream] if isinstance(stream, str) else stream):
            f.write(chunk.encode())
        f.seek(0)
        return _run_binary(exe, f, timeout)


def _run_binary(exe: Path, stdin, timeout: float) -> Tuple[List[str], int, str]:
    try:
        r = subprocess.run([str(exe)], stdin=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode("utf-8", "replace").splitlines()
        return out, -9, f"killed after {timeout:g} s (an endless loop in the code under test?)"
    return (r.stdout.decode("utf-8", "replace").splitlines(), r.returncode,
            r.stderr.decode("utf-8", "replace").strip())


def _events_with_steps(lines: List[str]) -> List[Tuple[int, str, str]]:
    """(line number, event, step) for each arch-visible event."""
    out, step = [], "-"
    append = out.append
    for no, line in enumerate(lines, 1):
        c = line[:1]
        if c == "#":
            if line.startswith("# step "):
                step = line[7:]
        elif c and c != "!":
            append((no, line, step))
    return out


Line = Optional[Tuple[int, str]]


def first_difference(model: List[str], c: List[str]) -> Optional[Tuple[str, Line, Line]]:
    """(step, model line, C line) of the first differing event, or None."""
    m, k = _events_with_steps(model), _events_with_steps(c)
    for i in range(max(len(m), len(k))):
        a = m[i] if i < len(m) else None
        b = k[i] if i < len(k) else None
        if a is None or b is None or a[1] != b[1]:
            step = (a or b)[2]
            return (step, (a[0], a[1]) if a else None, (b[0], b[1]) if b else None)
    return None


def check_scenario(exe: Path, scn: Scenario, cfg: ArchConfig, variant: Variant,
                   path: str, pgd_lock: Optional[str] = None, name=None) -> ScenarioRun:
    """Run ``scn`` on the binary and on the model; ``pgd_lock`` is the
    layout's locking as its generated header has it (the model follows it),
    ``name`` the binary's symboliser for the call chains."""
    run = ScenarioRun(variant.name, scn.name, pgd_lock=pgd_lock)
    model = run_scenario(scn, cfg, variant, trace=True, path=path, pgd_lock=pgd_lock)
    c_lines, rc, err = run_binary(exe, op_stream_lines(scn, variant))
    run.events = len(arch_events(c_lines))

    def add(kind, step, message, ml=None, cl=None, detail=""):
        run.findings.append(Finding(variant.name, scn.name, kind, step, message, ml, cl, detail))

    diff = first_difference(model.trace, c_lines)
    if diff is not None:
        step, ml, cl = diff
        what = ("the compiled code stops early" if cl is None else
                "the compiled code does more" if ml is None else "events differ")
        add("trace-mismatch", step, f"first difference: {what}", ml, cl)
    if rc:
        add("crash", _last_step(c_lines), f"the compiled simulator failed (exit status {rc})",
            detail=err)
    model_reports = {tuple(m.groups()) for m in map(_LOCKDEP_LINE.match, model.trace) if m}
    model_text = {}
    for f in model.findings:
        if f.report:
            model_text.setdefault(f.kind, f.report)
    for rep in replay(c_lines, f"hdrtool-validate {variant.name}", name):
        if (rep.kind, rep.lock) not in model_reports:
            add("lockdep", rep.step, f"{rep.headline} ({rep.lock}) in the compiled code",
                detail=rep.text)
            continue
        model_reports.discard((rep.kind, rep.lock))
        op = rep.step.split(" ")[1] if " " in rep.step else "?"
        mine = kernel_frames(model_chain(model_text.get(rep.kind, "")), (op,))
        theirs = kernel_frames(rep.chain, ("step", "main"))
        what = _what(rep.text)
        if name is not None and mine != theirs:
            add("lockdep-chain", rep.step,
                f"{what} ({rep.lock}): the call chains differ",
                detail="model:    " + " <- ".join(mine) + "\ncompiled: " + " <- ".join(theirs))
            continue
        run.reports.append(LockReport(rep.kind, rep.lock, what, rep.step, theirs, rep.text))
        if theirs:      # taken by the code under test, not by a scenario's lock step
            add("lockdep-report", rep.step,
                f"{what} ({rep.lock}), chain {' <- '.join(theirs)} (the model agrees, "
                f"frame by frame)", detail=rep.text)
    model_kinds = {line.split(" ")[1] for line in model.trace if line.startswith("! ")}
    seen = set()
    for no, line, step in _checks(c_lines):
        kind = line.split(" ")[1]
        if kind not in model_kinds and kind not in seen:
            seen.add(kind)
            add("runtime-check", step, f"the runtime caught: {line[2:]}", cl=(no, line))
    for kind, lock in sorted(model_reports):
        add("lockdep-missing", "-",
            f"the model reports {kind} ({lock}); the compiled code does not")
    return run


def _what(text: str) -> str:
    """The line that says what a report is: the usage line of an
    inconsistent lock state, else the headline."""
    lines = text.splitlines()
    if len(lines) > 4 and lines[4].startswith("inconsistent {"):
        return lines[4]
    return lines[1].strip("[] ") if len(lines) > 1 else text


_LOCKDEP_LINE = re.compile(r"^! lockdep (\S+) class=(\S+)$")


def _checks(lines: List[str]) -> List[Tuple[int, str, str]]:
    """(line number, "! KIND ..." line, step) of the runtime's own checks."""
    out, step = [], "-"
    for no, line in enumerate(lines, 1):
        if line.startswith("# step "):
            step = line[len("# step "):]
        elif line.startswith("! "):
            out.append((no, line, step))
    return out


def _last_step(lines: List[str]) -> str:
    for line in reversed(lines):
        if line.startswith("# step "):
            return line[len("# step "):]
    return "-"


def validate(tree: Path, arches: Sequence[Tuple[ArchConfig, Sequence[Variant]]],
             scenarios: Sequence[Tuple[Scenario, str]], workdir: Path, cc: str,
             fallback: Path, progress=None) -> Result:
    """Build each variant once and check every scenario that applies to it;
    ``progress(done, total)`` is called after each run."""
    result = Result()
    plan = []
    for cfg, variants in arches:
        for v in variants:
            todo = [(s, p) for s, p in scenarios if s.applies_to(features(cfg, v))]
            if todo:
                plan.append((cfg, v, todo))
    total = sum(len(todo) for _, _, todo in plan)
    for cfg, v, todo in plan:
        exe = build(tree, cfg, v, workdir, cc, fallback)
        mode = layout_pgd_lock(tree, cfg)
        name = symbols(exe)
        for scn, path in todo:
            result.runs.append(check_scenario(exe, scn, cfg, v, path, mode, name))
            if progress is not None:
                progress(len(result.runs), total)
    return result


def default_workdir(objdir: Path) -> Path:
    return Path(os.fspath(objdir)) / ".validate"


# --------------------------------------------------------------------------
# The layout under test.
# --------------------------------------------------------------------------

GENERATED_MARK = b"/* Generated by hdrtool"


def ungenerated(tree: Path, cfgs: Sequence[ArchConfig]) -> List[ArchConfig]:
    """Arches of ``tree`` whose pgalloc.h is missing or not generated."""
    out = []
    for cfg in cfgs:
        header = tree / "include" / cfg.include_dir / "pgalloc.h"
        try:
            ok = header.read_bytes().startswith(GENERATED_MARK)
        except OSError:
            ok = False
        if not ok:
            out.append(cfg)
    return out


def ensure_generated(tree: Path, cfgs: Sequence[ArchConfig]) -> List[Path]:
    """Run gen (hdrtool.gen.tree) for the arches whose header is not
    generated yet; returns the files written."""
    from hdrtool import gen
    todo = ungenerated(tree, cfgs)
    if not todo:
        return []
    return gen.apply(tree, gen.plan_pgalloc(tree, todo))


def scenario_path(name: str, found: Path, data: Path) -> str:
    """How a scenario is named in messages: shipped ones by file name."""
    return found.name if found.parent == data else str(found)
