"""``hdrtool validate``: compile the simulator against the generated layout
and compare it with the Python model.

    hdrtool validate [O=DIR] [ARCH=x86|s390|x86_64|...] [VARIANT=NAME]
                     [SCENARIO=NAME|PATH] [CC=cc] [--format text|json]

O=DIR is the merged and generated tree (DIR/include, DIR/arch); if it has
none, 'hdrtool merge O=DIR' makes it, and arches whose pgalloc.h is not
generated get 'gen pgalloc' first.  Each variant is compiled once with
$CC -Wall -Werror; every shipped scenario that applies to it (or SCENARIO)
runs on the binary and on the model.  Exit status: 0 all agree, 1
differences or lockdep findings, 2 bad input or a compile error (reported
as path:line).
"""

import json
import tempfile
from pathlib import Path

import click

from hdrtool.validate import run as core
from hdrtool.cli import (MakeCommand, MakeOption, Progress, Settings, arch_option,
                         common_options)
from hdrtool.core.config import load_arches, resolve_arch
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, InputError
from hdrtool.sim import scenarios
from hdrtool.core.tree import BUNDLED_TREE, is_srctree


def _layout_tree(settings: Settings) -> Path:
    """O=DIR with a merged and generated tree in it (made if missing)."""
    src = settings.srctree()
    out = settings.output_dir(src)
    if not is_srctree(out):
        for note in core.prepare_layout(src, out):
            settings.say(note)
    return out


def _scenarios(name):
    if name:
        found = scenarios.find(name)
        if not found.is_file():
            raise InputError(f"no scenario {name!r} (see 'hdrtool sim list')")
        return [(scenarios.load_named(name), core.scenario_path(name, found, scenarios.DATA))]
    return [(scenarios.load_named(n), f"{n}.scn") for n in scenarios.names()]


def _selection(tree: Path, arch, variant):
    cfgs = load_arches(tree)
    if arch:
        cfg, var = resolve_arch(tree, arch)
        cfgs = [cfg]
    else:
        var = None
    out = []
    for cfg in cfgs:
        vs = list(cfg.variants)
        if variant:
            vs = [cfg.variant(variant)]
        elif var is not None:
            vs = [var]
        out.append((cfg, vs))
    return out


def _text(result: core.Result) -> str:
    lines = []
    for f in result.findings:
        lines.append(f"{f.variant}: {f.scenario}: {f.step}: {f.kind}: {f.message}")
        if f.kind == "trace-mismatch":
            for who, at in (("model", f.model_line), ("C    ", f.c_line)):
                lines.append(f"  {who} line {at[0]}: {at[1]}" if at
                             else f"  {who}: (no more events)")
        elif f.detail:
            lines.extend("  " + d for d in f.detail.rstrip("\n").splitlines())
    for r in result.runs:
        if r.skipped:
            lines.append(f"{r.variant}: {r.scenario}: skipped: {r.skipped}")
    ran = [r for r in result.runs if not r.skipped]
    bad = {(f.variant, f.scenario) for f in result.findings}
    variants = sorted({r.variant for r in ran})
    lines.append(f"validate: {len(ran)} scenario runs on {len(variants)} variant(s) "
                 f"({', '.join(variants)}), {len(ran) - len(bad)} agree with the model, "
                 f"{len(bad)} differ; {sum(r.events for r in ran)} events compared")
    return "\n".join(lines) + "\n"


def _json(result: core.Result) -> str:
    return json.dumps({
        "clean": result.clean,
        "runs": [{"variant": r.variant, "scenario": r.scenario, "events": r.events,
                  "skipped": r.skipped or None, "agree": not r.findings and not r.skipped}
                 for r in result.runs],
        "findings": [f.as_dict() for f in result.findings],
    }, indent=2) + "\n"


@click.command("validate", cls=MakeCommand,
               short_help="Compile the simulator against the generated layout and compare "
                          "with the model.")
@arch_option(help="Arch or variant (ARCH=x86, s390, x86_64, i386 ...); default: every arch.")
@click.option("--variant", cls=MakeOption, make_var="VARIANT", default=None,
              help="One variant of ARCH (VARIANT=x86_32_highpte).")
@click.option("--scenario", cls=MakeOption, make_var="SCENARIO", default=None,
              help="One scenario, shipped name or path (default: every shipped one).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@common_options
@click.pass_obj
def command(settings: Settings, arch, variant, scenario, fmt):
    """Build the simulator's C code (hdrtool/validate/csim, arch/<arch>/mm) against
    the generated layout in O=DIR with $CC -Wall -Werror, run the shipped
    scenarios on it and on the Python model, and compare the event traces
    and the locking (lockdep) of the compiled code."""
    settings = settings or Settings()
    tree = _layout_tree(settings)
    selection = _selection(tree, arch, variant)
    for path in core.ensure_generated(tree, [cfg for cfg, _ in selection]):
        settings.say(f"GEN     {path}")
    scns = _scenarios(scenario)
    if scenario and not any(s.applies_to(core.sim_runner.features(c, v))
                            for s, _ in scns for c, vs in selection for v in vs):
        raise InputError(f"scenario {scns[0][0].name} applies to none of the selected variants")
    progress = Progress("VALIDATE")
    try:
        with tempfile.TemporaryDirectory(prefix="hdrtool-validate-") as work:
            result = core.validate(tree, selection, scns, Path(work), settings.cc, BUNDLED_TREE,
                                   progress=progress)
    finally:
        progress.close()
    click.echo(_json(result) if fmt == "json" else _text(result), nl=False)
    raise click.exceptions.Exit(EXIT_OK if result.clean else EXIT_FINDINGS)
