"""hdrtool [-C SRC] headers_check [ARCH=<arch>] [INSTALL_HDR_PATH=dir | --tree DIR] [--format F] [--strict] [-j N]

Check an installed header tree: static checks (unexported includes, leftover
__KERNEL__ conditionals and kernel annotations, CONFIG_ leaks, include
guards, kernel declarations, __u32 without <linux/types.h>) and the kernel's
compile test (each header on its own, twice, -std=c90, -m32/-m64 per ARCH),
except for headers on the exclusion list, which are counted and reported.

With a Linux source tree (-C SRC, or the current directory), the checks
are that release's own, read from the tree: scripts/hdrcheck.sh
(2.6.18-2.6.26), the check_* subs scripts/headers_check.pl calls
(2.6.27-5.2), or usr/include/Makefile's compile test with its
no-header-test list and the headers_check.pl it runs (5.3-).

The tree is INSTALL_HDR_PATH/include (default O/usr/include, where
headers_install puts it), or any installed tree given with --tree (e.g.
/usr/include).  Exit status: 0 clean, 1 errors (or warnings with --strict),
2 usage or input error.  docs/headers_check.md lists the finding codes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import click

from hdrtool.check import check_tree
from hdrtool.check.data import DEFAULT_EXCLUDE_LIST, load_exclusions
from hdrtool.check.rules import CheckRules, read_check_rules
from hdrtool.check.render import FORMATS, render, summary_line
from hdrtool.cli import MakeCommand, MakeOption, Settings, arch_option, common_options, nonempty
from hdrtool.core.errors import InputError


def _shown(path: Path) -> str:
    """A path under the current directory is shown relative to it (as CI
    annotations want); others as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return os.fspath(path)
    return os.fspath(path) if rel.startswith("..") else rel


def _source_rules(s: Settings, arch: Optional[str]) -> Optional[CheckRules]:
    """The source tree's own checks: -C SRC, or the current directory when
    it is a Linux tree; None for hdrtool's own tree (or none at all)."""
    try:
        src = s.srctree()
    except InputError:
        if s.directory:
            raise
        return None
    return read_check_rules(src, arch)


@click.command("headers_check", cls=MakeCommand,
               short_help="Check an installed header tree (static checks and compile test).")
@arch_option(help="Architecture whose compile flags and exclusions apply (ARCH=x86, i386, s390).")
@click.option("--install-hdr-path", "install_hdr_path", cls=MakeOption,
              make_var="INSTALL_HDR_PATH", type=click.Path(file_okay=False), default=None,
              callback=nonempty("INSTALL_HDR_PATH"),
              help="Check INSTALL_HDR_PATH/include (default O/usr).")
@click.option("--tree", "tree", type=click.Path(file_okay=False), default=None,
              help="Check this installed include directory instead (e.g. /usr/include).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
@click.option("--no-compile", "no_compile", is_flag=True, help="Static checks only.")
@click.option("--exclude-list", "exclude_list", type=click.Path(dir_okay=False), default=None,
              help=f"TOML exclusion list for the compile test (default: {DEFAULT_EXCLUDE_LIST.name}, "
                   "Linux 6.1's no-header-test).")
@common_options
@click.pass_context
def command(ctx: click.Context, arch, install_hdr_path, tree, fmt, strict, no_compile,
            exclude_list) -> None:
    s = ctx.ensure_object(Settings)
    if tree and install_hdr_path:
        raise click.UsageError("give either --tree or INSTALL_HDR_PATH, not both", ctx)
    if tree:
        root = Path(tree)
    else:
        root = (Path(install_hdr_path) if install_hdr_path else s.objdir() / "usr") / "include"
    exclusions = load_exclusions(Path(exclude_list)) if exclude_list else None
    rules = _source_rules(s, arch)
    s.say(f"checking {root} (ARCH={arch or 'host'}, CC={s.cc}, -j{s.jobs})")
    if rules is not None:
        s.say(f"the checks of {rules.srctree}: {rules.describe()}")
    result = check_tree(root, arch=arch, cc=s.cc, jobs=s.jobs, compile=not no_compile,
                        exclusions=exclusions, shown_as=_shown(root), rules=rules)
    if result.compiler:
        s.say(f"compile test: {result.compiler}")
    click.echo(render(result, fmt, notes=s.verbose > 0), nl=False)
    if fmt == "text":
        click.echo(f"headers_check: {summary_line(result)}", err=True)
    ctx.exit(result.exit_code(strict))


command.help = __doc__
