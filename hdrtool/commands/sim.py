"""``hdrtool sim``: run page-table scenarios on the Python model with lockdep.

    hdrtool sim list
    hdrtool sim run SCENARIO ARCH=x86 [VARIANT=x86_64] [--trace] [--format text|json]
    hdrtool sim compare SCENARIO [--format json]

SCENARIO is the name of a shipped scenario (see ``sim list``) or a path.
``run`` without VARIANT runs every variant of ARCH the scenario applies to.
Exit status: 0 clean, 1 findings (lockdep reports, invariant violations),
2 bad input.
"""

from pathlib import Path
from typing import Optional

import click

from hdrtool.cli import MakeCommand, MakeOption, Settings, arch_option
from hdrtool.core.config import PGD_LOCK_MODES, ArchConfig, load_arches, resolve_arch
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, InputError
from hdrtool.sim import render, runner, scenarios, selftest
from hdrtool.sim.layout import pgd_lock_mode
from hdrtool.sim.scenario import MAX_STEPS
from hdrtool.core.tree import BUNDLED_TREE


def rendered_pgd_lock(cfg: ArchConfig, srctree: Path, mode: str) -> Optional[str]:
    """:func:`pgd_lock_mode` of the pgalloc.h gen renders for ``cfg`` with
    ``pgd_lock = mode`` (what ``hdrtool gen PGD_LOCK=mode`` writes)."""
    import dataclasses
    from hdrtool import gen
    text = gen.render_file("pgalloc.h.j2", dataclasses.replace(cfg, pgd_lock=mode),
                           srctree=srctree)
    return pgd_lock_mode(text.encode("utf-8"))

def _arch_tree(settings: Settings):
    """The tree whose arch/*/arch.toml we read: the simulator needs only
    arch/, so a checkout without include/ (yet) falls back to the bundled one."""
    try:
        return settings.srctree()
    except InputError:
        if settings.directory is None and any((BUNDLED_TREE / "arch").glob("*/arch.toml")):
            return BUNDLED_TREE
        raise


def _layouts(scn, cfg, srctree):
    """(pgd_lock mode, label) of the layouts to run ``scn`` against: a
    scenario that names a lock discipline (``set pgd_lock=``) runs against
    the layout gen makes with it -- the pre-fix one side by side with the
    fixed one; the
    mode is read from the header gen renders, as validate reads it from the
    layout it is given."""
    asked = dict(scn.settings).get("pgd_lock")
    if asked is None or not cfg.pgd_list:
        return [(None, "")]
    out = []
    modes = (asked, *(m for m in PGD_LOCK_MODES if m != asked)) if asked == "spin_lock" else (asked,)
    for mode in modes:
        what = "pre-fix" if mode == "spin_lock" else "fixed"
        out.append((rendered_pgd_lock(cfg, srctree, mode),
                    f"{what} layout (gen PGD_LOCK={mode})"))
    return out


def _selftest(settings, arch, variant):
    """Every generated locking-selftest case on the model: exit 1 when a
    verdict is not the kernel's."""
    srctree = _arch_tree(settings)
    cfg, var = resolve_arch(srctree, arch or "x86_64")
    var = cfg.variant(variant) if variant else var or cfg.variants[0]
    rows = []
    for case in selftest.cases():
        r = runner.run(case.scenario, cfg, var, path=f"{case.name}.scn")
        rows.append((case, selftest.lockdep_kinds(r.findings), None))
    click.echo(selftest.table(rows), nl=False)
    ok = all(selftest.verdict(m) == c.expect for c, m, _ in rows)
    raise click.exceptions.Exit(EXIT_OK if ok else EXIT_FINDINGS)


@click.command("sim", cls=MakeCommand, short_help="Run page-table simulator scenarios with lockdep.")
@click.argument("action", type=click.Choice(["run", "compare", "list", "steps", "selftest"]))
@click.argument("scenario", required=False)
@arch_option()
@click.option("--variant", cls=MakeOption, make_var="VARIANT", default=None,
              metavar="NAME", help="Variant of ARCH (VARIANT=x86_64); default: all of them.")
@click.option("--trace", is_flag=True, help="Print the event trace (docs/sim.md).")
@click.option("--full-checks", is_flag=True, help="Recheck every invariant from the tables after each step.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--max-steps", cls=MakeOption, make_var="MAX_STEPS", type=click.IntRange(min=0),
              default=None, metavar="N", help=f"Most steps a scenario may expand to (MAX_STEPS=N; "
                                              f"default {MAX_STEPS}).")
@click.pass_obj
def command(settings: Settings, action, scenario, arch, variant, trace, full_checks, fmt,
            max_steps):
    """Run page-table simulator scenarios on the Python model with lockdep.

    \b
    hdrtool sim list
    hdrtool sim run SCENARIO ARCH=x86 [VARIANT=x86_64] [--trace] [--format text|json]
    hdrtool sim compare SCENARIO [--format json]
    hdrtool sim steps SCENARIO      (the flattened steps, as the C simulator reads them)
    hdrtool sim selftest [ARCH=x86_64]  (lib/locking-selftest.c's spin-lock cases)

    Exit status: 0 clean, 1 findings (lockdep reports, invariant
    violations), 2 usage or input error, 3 internal error.
    """
    settings = settings or Settings()
    if action == "list":
        for name, title in scenarios.catalogue():
            click.echo(f"{name:<28} {title}")
        return EXIT_OK
    if action == "selftest":
        return _selftest(settings, arch, variant)
    if not scenario:
        raise click.UsageError(f"sim {action}: which SCENARIO? (see 'hdrtool sim list')")
    found = scenarios.find(scenario)
    # shipped scenarios are named by file name, others by the path given
    path = found.name if found.parent == scenarios.DATA else str(found)
    scn = scenarios.load_named(scenario, max_steps)
    if action == "steps":
        for s in scn.iter_steps():
            click.echo(f"{s.loc} {s.render()}")
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
    results = []
    for v in variants:
        for mode, layout in _layouts(scn, cfg, srctree):
            r = runner.run(scn, cfg, v, trace=trace, full_checks=full_checks, path=str(path),
                           pgd_lock=mode)
            r.layout = layout
            results.append(r)
    if fmt == "json":
        click.echo(render.runs_json(results, trace), nl=False)
    else:
        click.echo("".join(render.run_text(r, trace) for r in results), nl=False)
        if any(r.layout for r in results):
            click.echo(render.layouts_text(results), nl=False)
    raise click.exceptions.Exit(EXIT_FINDINGS if any(r.findings for r in results) else EXIT_OK)
