"""``hdrtool help``: the targets, one line each, and the variables (like make help)."""

import click

from hdrtool.cli import MakeCommand

_VARS = (
    ("ARCH", "architecture: {arches}, or a pre-merge name ({old})"),
    ("VARIANT", "one variant of ARCH for sim and validate ({variants})"),
    ("SCENARIO", "validate: one simulator scenario, shipped name or path (default: all)"),
    ("O", "output directory for everything hdrtool writes (default build/)"),
    ("INSTALL_HDR_PATH", "headers_install writes INSTALL_HDR_PATH/include/ (default O/usr, "
                         "so O/usr/include)"),
    ("CC", "C compiler for compile tests and the simulator (default $CC or cc)"),
    ("V", "V=1 shows each step"),
    ("PAGE_SIZE", "gen stubs: page size of the new arch (default 4096)"),
    ("LEVELS", "gen stubs: page-table levels of the new arch, 2 to 4 (default 2)"),
    ("TEMPLATES", "gen: template directory (default: the templates shipped with hdrtool)"),
)


def _tree_facts(ctx) -> dict:
    """The arches and variants of the tree (-C DIR, the current directory,
    else the bundled tree) for the ARCH= and VARIANT= lines."""
    from hdrtool.core.config import load_arches
    from hdrtool.core.tree import BUNDLED_TREE, find_srctree
    try:
        cfgs = load_arches(find_srctree(ctx.find_root().params.get("directory")))
    except Exception:       # a tree without arch.toml (Linux), or none: the bundled one
        cfgs = []
    cfgs = cfgs or load_arches(BUNDLED_TREE)
    old = sorted({v.old_arch for c in cfgs for v in c.variants if v.old_arch} -
                 {c.name for c in cfgs})
    return {"arches": ", ".join(c.name for c in cfgs), "old": ", ".join(old),
            "variants": ", ".join(v.name for c in cfgs for v in c.variants)}


@click.command("help", cls=MakeCommand, short_help="List the targets and variables.")
@click.pass_context
def command(ctx):
    """List the targets and variables.  Exit status: 0."""
    group = ctx.parent.command
    names = group.list_commands(ctx.parent)
    width = max(len(n) for n in list(names) + [v for v, _ in _VARS])
    click.echo("Targets:")
    for name in names:
        cmd = group.get_command(ctx.parent, name)
        click.echo(f"  {name:<{width}}  {cmd.get_short_help_str(limit=80)}")
    click.echo("\nVariables (VAR=value after the target, or the matching --option):")
    facts = _tree_facts(ctx)
    for var, text in _VARS:
        click.echo(f"  {var:<{width}}  {text.format(**facts)}")
    click.echo("\nExit status: 0 success, 1 findings, 2 usage or input error, 3 internal error.")
    return 0
