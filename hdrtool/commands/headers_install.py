"""hdrtool headers_install ARCH=<arch> [INSTALL_HDR_PATH=DIR] [O=DIR] [-j N] [V=1]

Install the sanitized userspace headers of ARCH into INSTALL_HDR_PATH/include
(default O/usr/include), as 'make headers_install' does: a Linux (>= 3.7)
tree with include/uapi, or a legacy tree with Kbuild header-y/unifdef-y lists.
Incremental: unchanged files are not rewritten; files an earlier hdrtool
install put there that are no longer exported are removed (tracked in
include/.hdrtool-manifest); other files are never touched.  For a legacy tree, merge/gen output in O/include takes
precedence.  See docs/headers_install.md.

Exit status: 0 installed (or up to date), 2 usage or input error (a header
that cannot be exported: nothing is half-written), 3 internal error.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from hdrtool.install import uptodate
from hdrtool.cli import (MakeCommand, MakeOption, Progress, Settings, arch_option, doc_help,
                         nonempty, target_options)
from hdrtool.install.request import (ForeignObjdir, install_dest, summary, up_to_date_lines,
                                     up_to_date_summary)
from hdrtool.core.errors import InputError

#: Show a progress line only when rendering runs longer than this (seconds).
PROGRESS_AFTER = 0.5


def _Progress() -> Progress:
    return Progress("HDRINST", PROGRESS_AFTER)


@click.command("headers_install", cls=MakeCommand,
               short_help="Install sanitized userspace headers (as make headers_install).")
@arch_option(required=True)
@click.option("--install-hdr-path", "install_hdr_path", cls=MakeOption,
              make_var="INSTALL_HDR_PATH", type=click.Path(), metavar="DIR",
              callback=nonempty("INSTALL_HDR_PATH"), default=None,
              help="Where headers land, under include/ (INSTALL_HDR_PATH=dir, default O/usr).")
@target_options("O", "V", "j", hidden=("CC",))
@click.pass_context
def command(ctx: click.Context, arch: str, install_hdr_path) -> None:
    s = ctx.ensure_object(Settings)
    if not arch:   # click 8.4 does not enforce required=True next to default=None
        raise click.UsageError("missing ARCH=<arch> (e.g. ARCH=x86, ARCH=i386, ARCH=s390)", ctx)
    srctree = s.srctree()
    try:
        overlay, dest = install_dest(s.objtree, install_hdr_path, srctree, s.objtree_given)
    except ForeignObjdir as exc:
        raise InputError(str(exc), s.objdir()) from None
    # make's question first: when nothing the last install was made from has
    # changed, there is nothing to do (and nothing more to import)
    done = uptodate.check(os.path.join(dest, "include"),
                          uptodate.request_key(srctree, arch, overlay))
    if done is not None:
        for line in up_to_date_lines(done, arch, dest, s.verbose):
            click.echo(line, err=True)
        click.echo(up_to_date_summary(done, dest))
        return
    dest = Path(dest)
    overlay = Path(overlay) if overlay is not None else None
    from hdrtool.install.plan import plan_install
    from hdrtool.install.installer import install
    plan = plan_install(srctree, arch, overlay=overlay)
    if overlay is not None and plan.layout == "legacy":
        s.say(f"reading {overlay}/include before {srctree}/include")
    progress = _Progress()
    try:
        result = install(plan, dest, jobs=s.jobs, progress=progress, overlay=overlay)
    finally:
        progress.close()
    for d in result.diagnostics:
        click.echo(d.render(), err=True)
    for dst in result.written:
        s.say(f"INSTALL {dst}")
    for dst in result.removed:
        s.say(f"REMOVE  {dst}")
    s.say(f"{plan.layout} layout, ARCH={arch}: {result.total} headers in {result.include_dir} "
          f"({len(result.written)} written, {len(result.unchanged)} unchanged, "
          f"{len(result.removed)} removed)")
    click.echo(summary(result.total, result.include_dir, len(result.written),
                       len(result.unchanged), len(result.removed)))


command.help = doc_help(__doc__)
