"""``hdrtool gen``: generate the page-table allocation API, or a new arch.

    hdrtool -C DIR gen pgalloc [ARCH=x86|s390]     pgalloc.h + pgtable_t (default: every arch)
    hdrtool -C DIR gen stubs ARCH=toy [PAGE_SIZE=8192] [LEVELS=3] [--force]
    hdrtool -C DIR gen --check                      exit 1 + diff when generated files drift,
                                                    or a caller uses the old page-table API

Where it writes: with O=DIR given, into DIR as an overlay of the tree (the
headers there, e.g. what 'hdrtool merge' wrote to build/include, take
precedence over the tree's; headers_install reads the same overlay).
Without O=, into the tree given by -C itself (e.g. a complete merged tree);
it refuses to write into hdrtool's own bundled tree that way unless
--in-place is given.
"""

from pathlib import Path
from typing import Optional

import click

from hdrtool.gen import stubs as gen_stubs
from hdrtool.gen import tree as gen_tree
from hdrtool.cli import MakeCommand, MakeOption, Settings, arch_option, common_options
from hdrtool.core.config import load_arches, resolve_arch
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, HdrError
from hdrtool.core.tree import BUNDLED_TREE


def _overlay(settings: Settings) -> Optional[Path]:
    """The output directory when O= (or -O) was given, else None."""
    return settings.objdir() if settings.objtree_given else None


def _writable(srctree: Path, overlay: Optional[Path], in_place: bool) -> None:
    if overlay is None and srctree.resolve() == BUNDLED_TREE and not in_place:
        raise HdrError("refusing to write generated files into hdrtool's bundled tree; "
                       "give O=DIR (an output directory), -C DIR (a copy), or --in-place",
                       srctree)


@click.command("gen", cls=MakeCommand,
               short_help="Generate the pgtable_t page-table allocation API, or stubs for a new arch.")
@click.argument("what", required=False, type=click.Choice(["pgalloc", "stubs"]))
@arch_option(help="Arch to generate for (pgalloc: default every arch; stubs: the new arch's name).")
@click.option("--check", is_flag=True, help="Exit 1 and print a diff if generated files are out of date.")
@click.option("--page-size", "page_size", cls=MakeOption, make_var="PAGE_SIZE", type=int,
              default=4096, show_default=True, help="stubs: page size in bytes.")
@click.option("--levels", "levels", cls=MakeOption, make_var="LEVELS", type=int, default=2,
              show_default=True, help="stubs: page-table levels (2, 3 or 4).")
@click.option("--force", is_flag=True, help="stubs: overwrite an existing arch.")
@click.option("--templates", "templates", cls=MakeOption, make_var="TEMPLATES",
              type=click.Path(file_okay=False, exists=True), default=None,
              help="Template directory (default: the templates shipped with hdrtool).")
@click.option("--in-place", is_flag=True, help="Allow writing into hdrtool's bundled tree.")
@common_options
@click.pass_obj
def command(settings: Settings, what, arch, check, page_size, levels, force, templates, in_place):
    """Generate the post-2008 page-table allocation API (pgtable_t, pgalloc.h)
    from arch/<arch>/arch.toml and the Jinja2 templates, create a new arch's
    stubs, or check that generated files are up to date."""
    srctree = settings.srctree()
    overlay = _overlay(settings)
    if overlay is not None:
        settings.check_owner(srctree)    # before reading it
    tdir = Path(templates) if templates else None
    if check:
        if what:
            raise click.UsageError("--check takes no target word")
        seen, drifts = gen_tree.check(srctree, template_dir=tdir, overlay=overlay)
        for d in drifts:
            click.echo(d.diff, nl=False)
        for d in drifts:
            click.echo(f"hdrtool: {d.path.as_posix()}: generated file is out of date", err=True)
        old = gen_tree.old_api_calls(srctree, overlay)
        for diag in old:
            click.echo(diag.render(), err=True)
        click.echo(f"gen --check: {seen} generated file(s) or block(s) checked, "
                   f"{len(drifts)} out of date, {len(old)} old-API caller(s)", err=True)
        click.get_current_context().exit(EXIT_FINDINGS if drifts or old else EXIT_OK)
    what = what or "pgalloc"
    if what == "stubs":
        if overlay is not None:
            raise click.UsageError("gen stubs writes a new arch into the tree itself: "
                                   "use -C DIR, not O=")
        if not arch:
            raise click.UsageError("gen stubs needs ARCH=<new arch>")
        plan = gen_stubs.plan_stubs(srctree, arch, page_size=page_size, levels=levels,
                                    force=force, template_dir=tdir)
    else:
        cfgs = [resolve_arch(srctree, arch)[0]] if arch else load_arches(srctree)
        plan = gen_tree.plan_pgalloc(srctree, cfgs, template_dir=tdir, overlay=overlay)
    _writable(srctree, overlay, in_place)
    if overlay is not None:
        overlay = settings.output_dir(srctree)
    for line in plan.lines():
        settings.say(line.strip())
    target = overlay or srctree
    changed = gen_tree.apply(target, plan)
    removed = sum(1 for rel in changed if rel in plan.removes)
    written = len(changed) - removed
    click.echo(f"gen {what}: {len(plan.writes)} file(s) in {target} ({written} written, "
               f"{len(plan.writes) - written} unchanged, {removed} removed)")
