"""``hdrtool all [O=DIR] [CC=cc] [-j N] [V=1]``: the main job.

merge -> gen -> headers_install -> headers_check -> validate on the source
tree (-C, default the bundled one) into O (default build/), then one summary
line per stage.  The check compile-tests each install once per word size it
serves (x86: ARCH=i386 and ARCH=x86_64).  Exit status: 0 every stage clean,
1 a stage has findings (headers that do not compile, for the simulator
build too), 2 bad input (the stage that met it stops the job).
"""

import click

from hdrtool.cli import MakeCommand, Settings, common_options
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK
from hdrtool.pipeline import run_all


@click.command("all", cls=MakeCommand,
               short_help="Run the main job (merge, gen, headers_install, headers_check, validate).")
@common_options
@click.pass_context
def command(ctx: click.Context) -> None:
    s = ctx.ensure_object(Settings)
    src = s.srctree()
    out = s.output_dir(src)
    click.echo(f"hdrtool all: {src} -> {out}")
    result = run_all(src, out, cc=s.cc, jobs=s.jobs, say=s.say)
    width = max(len(st.name) for st in result.stages)
    for st in result.stages:
        for d in st.diagnostics:
            if d.severity != "note" or s.verbose:
                click.echo(d.render(), err=True)
        mark = "ok" if st.ok else "FAIL"
        summary = st.summary.splitlines()[0] if st.summary else ""
        click.echo(f"  {st.name:<{width}}  {mark:<4}  {st.seconds:6.2f}s  {summary}")
    total = sum(st.seconds for st in result.stages)
    click.echo(f"hdrtool all: {'clean' if result.ok else 'FINDINGS'} in {total:.1f}s; "
               f"merged tree in {out}/include, installs in {out}/install/<arch>/include")
    if result.error is not None:
        raise result.error
    ctx.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


command.help = __doc__
