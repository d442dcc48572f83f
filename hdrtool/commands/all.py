"""hdrtool all [O=DIR] [CC=cc] [-j N] [V=1] [--format text|json]

The main job: merge -> gen -> headers_install -> headers_check -> validate
on the source tree (-C, default the bundled one) into O (default build/).
On a terminal, a status line on stderr follows the stages as they run
(with V=1, each step is printed instead).
Then one summary line per stage, and a table with one row per variant of
the tree's arch/*/arch.toml and a column per stage: headers merged,
generated, installed and compile-tested, the validate scenario runs that
agree with the model, the events compared, and the lockdep verdict.
--format json prints the same as one JSON document (docs/all.md has the
schema).  The check compile-tests each install once per word size it
serves (x86: ARCH=i386 and ARCH=x86_64); with -j N > 1 the variants'
simulator builds run in N processes, alongside the check.

Exit status: 0 every stage clean, 1 a stage has findings (headers that do
not compile, for the simulator build too), 2 bad input (the stage that met
it stops the job), 3 internal error.
"""

from __future__ import annotations

import json
import sys
import time
from typing import List, Optional

import click

from hdrtool.cli import MakeCommand, Settings, doc_help, target_options
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from hdrtool.pipeline import AllResult, VariantRow, run_all

#: The table's columns: heading, and how a row's cell reads.
COLUMNS = ("variant", "merged", "generated", "installed", "checked", "validate", "events",
           "lockdep")


def _n(value: Optional[int]) -> str:
    return "-" if value is None else str(value)


def cells(row: VariantRow) -> List[str]:
    """The table cells of one variant (docs/all.md says what each means)."""
    if row.checked is not None:
        c = row.checked
        checked = f"{c.arch} {c.passed}/{c.compiled}"
        if c.errors or c.warnings:
            checked += f" ({c.errors} err, {c.warnings} warn)"
    else:
        checked = "-"
    if row.validate_error:
        validate, events, lockdep = "build failed", "-", "-"
    elif row.runs is None:
        validate, events, lockdep = "-", "-", "-"
    else:
        validate = f"{row.agree}/{row.runs} agree"
        if row.skipped:
            validate += f", {row.skipped} skipped"
        events = str(row.events)
        lockdep = "as model" if not row.lockdep else f"{row.lockdep} differ"
    return [row.variant, _n(row.merged), _n(row.generated), _n(row.installed), checked,
            validate, events, lockdep]


def table(result: AllResult) -> str:
    rows = [list(COLUMNS)] + [cells(r) for r in result.variants]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    numeric = {1, 2, 3, 6}
    lines = []
    for r in rows:
        parts = [c.rjust(w) if i in numeric else c.ljust(w)
                 for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  " + "  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def as_json(result: AllResult, srctree, out, seconds: float, status: int) -> dict:
    """The ``--format json`` document (schema 2, docs/all.md)."""
    return {
        "schema": 2,
        "srctree": str(srctree),
        "out": str(out),
        "clean": result.ok and result.error is None,
        "exit_status": status,
        "seconds": round(seconds, 3),
        "error": None if result.error is None else str(result.error),
        "stages": [{"name": st.name, "ok": st.ok, "seconds": round(st.seconds, 3),
                    "summary": st.summary,
                    "diagnostics": [d._asdict() for d in st.diagnostics]}
                   for st in result.stages],
        "variants": [r.as_dict() for r in result.variants],
    }


class StageStatus:
    """One status line on stderr that follows the stages, on a terminal
    only (never in a pipe or a CI log), erased when the job ends."""

    def __init__(self, stream=None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.done: List[str] = []
        self.begun = {}

    def _show(self, text: str) -> None:
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()

    def __call__(self, stage: str, event: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        before = ", ".join(self.done)
        prefix = f"hdrtool all: {before}; " if before else "hdrtool all: "
        if event == "start":
            self.begun[stage] = time.monotonic()
            extra = " (validate runs alongside)" if stage == "check" else ""
            self._show(f"{prefix}{stage}...{extra}")
        elif event == "step":
            self._show(f"{prefix}{stage}: {done}/{total} variants")
        elif event == "end":
            secs = time.monotonic() - self.begun.get(stage, time.monotonic())
            self.done.append(f"{stage} {secs:.1f}s")
            self._show(f"hdrtool all: {', '.join(self.done)}")

    def close(self) -> None:
        if self.enabled and self.done:
            self._show("")


@click.command("all", cls=MakeCommand,
               short_help="Run the main job (merge, gen, headers_install, headers_check, "
                          "validate) and show each variant.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: stage lines and the variant table; json: for CI.")
@target_options("O", "V", "CC", "j")
@click.pass_context
def command(ctx: click.Context, fmt: str) -> None:
    s = ctx.ensure_object(Settings)
    src = s.srctree()
    out = s.output_dir(src)
    if fmt == "text":
        click.echo(f"hdrtool all: {src} -> {out}")
    status = StageStatus(enabled=not s.verbose)     # V=1 prints each step instead
    start = time.perf_counter()
    try:
        result = run_all(src, out, cc=s.cc, jobs=s.jobs, say=s.say, progress=status)
    finally:
        status.close()
    seconds = time.perf_counter() - start
    for st in result.stages:
        for d in st.diagnostics:
            if d.severity != "note" or s.verbose:
                click.echo(d.render(), err=True)
    rc = EXIT_USAGE if result.error is not None else EXIT_OK if result.ok else EXIT_FINDINGS
    if fmt == "json":
        click.echo(json.dumps(as_json(result, src, out, seconds, rc), indent=2))
    else:
        width = max(len(st.name) for st in result.stages)
        for st in result.stages:
            mark = "ok" if st.ok else "FAIL"
            summary = st.summary.splitlines()[0] if st.summary else ""
            click.echo(f"  {st.name:<{width}}  {mark:<4}  {st.seconds:6.2f}s  {summary}")
        if result.variants:
            click.echo("")
            click.echo(table(result), nl=False)
            click.echo("")
        click.echo(f"hdrtool all: {'clean' if result.ok else 'FINDINGS'} in {seconds:.1f}s; "
                   f"merged tree in {out}/include, installs in {out}/install/<arch>/include")
    if result.error is not None:
        raise result.error
    ctx.exit(rc)


command.help = doc_help(__doc__)
