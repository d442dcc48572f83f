"""``hdrtool sim``: run page-table scenarios on the Python model with lockdep.

    hdrtool sim list
    hdrtool sim run SCENARIO ARCH=x86 [VARIANT=x86_64] [--trace] [--format text|json]
    hdrtool sim compare SCENARIO [--format json]

SCENARIO is the name of a shipped scenario (see ``sim list``) or a path.
``run`` without VARIANT runs every variant of ARCH the scenario applies to.
Exit status: 0 clean, 1 findings (lockdep reports, invariant violations),
2 bad input.
"""

import click

from hdrtool.cli import MakeCommand, MakeOption, Settings, arch_option, common_options
from hdrtool.core.config import load_arches, resolve_arch
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, InputError
from hdrtool.sim import render, runner, scenarios
from hdrtool.core.tree import BUNDLED_TREE


def _arch_tree(settings: Settings):
    """The tree whose arch/*/arch.toml we read: the simulator needs only
    arch/, so a checkout without include/ (yet) falls back to the bundled one."""
    try:
        return settings.srctree()
    except InputError:
        if settings.directory is None and any((BUNDLED_TREE / "arch").glob("*/arch.toml")):
            return BUNDLED_TREE
        raise


@click.command("sim", cls=MakeCommand, short_help="Run page-table simulator scenarios with lockdep.")
@click.argument("action", type=click.Choice(["run", "compare", "list", "steps"]))
@click.argument("scenario", required=False)
@arch_option()
@click.option("--variant", cls=MakeOption, make_var="VARIANT", default=None,
              help="Variant of ARCH (VARIANT=x86_64); default: all of them.")
@click.option("--trace", is_flag=True, help="Print the event trace (docs/sim.md).")
@click.option("--full-checks", is_flag=True, help="Recheck every invariant from the tables after each step.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@common_options
@click.pass_obj
def command(settings: Settings, action, scenario, arch, variant, trace, full_checks, fmt):
    """Run page-table simulator scenarios on the Python model with lockdep.

    \b
    hdrtool sim list
    hdrtool sim run SCENARIO ARCH=x86 [VARIANT=x86_64] [--trace] [--format text|json]
    hdrtool sim compare SCENARIO [--format json]
    hdrtool sim steps SCENARIO      (the flattened steps, as the C simulator reads them)
    """
    settings = settings or Settings()
    if action == "list":
        for name, title in scenarios.catalogue():
            click.echo(f"{name:<28} {title}")
        return EXIT_OK
    if not scenario:
        raise click.UsageError(f"sim {action}: which SCENARIO? (see 'hdrtool sim list')")
    found = scenarios.find(scenario)
    # shipped scenarios are named by file name, others by the path given
    path = found.name if found.parent == scenarios.DATA else str(found)
    scn = scenarios.load_named(scenario)
    if action == "steps":
        click.echo("".join(f"{s.loc} {s.render()}\n" for s in scn.steps), nl=False)
        return EXIT_OK
    srctree = _arch_tree(settings)
    if action == "compare":
        rows = runner.compare(scn, load_arches(srctree))
        text = (render.compare_json(scn.name, rows) if fmt == "json"
                else render.compare_text(scn.name, scn.title, rows))
        click.echo(text, nl=False)
        dirty = any(r.result is not None and r.result.findings for r in rows)
        raise click.exceptions.Exit(EXIT_FINDINGS if dirty else EXIT_OK)
    if not arch:
        raise click.UsageError("sim run: ARCH= is required (x86, s390, i386, x86_64, ...)")
    cfg, var = resolve_arch(srctree, arch)
    if variant:
        var = cfg.variant(variant)
    variants = [var] if var else [v for v in cfg.variants
                                  if scn.applies_to(runner.features(cfg, v))]
    if not variants:
        raise InputError(f"scenario {scn.name} applies to no variant of {cfg.name}", path)
    results = [runner.run(scn, cfg, v, trace=trace, full_checks=full_checks, path=str(path))
               for v in variants]
    if fmt == "json":
        click.echo(render.runs_json(results, trace), nl=False)
    else:
        click.echo("".join(render.run_text(r, trace) for r in results), nl=False)
    raise click.exceptions.Exit(EXIT_FINDINGS if any(r.findings for r in results) else EXIT_OK)
