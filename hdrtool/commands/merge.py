"""``hdrtool merge [O=dir] [--in-place [--force]] [--dry-run [--format json]] [--verify]``

Merge include/asm-i386 + include/asm-x86_64 into include/asm-x86 the way
Linux 2.6.24 did (commit 96a388de); which directories, suffixes and wrapper
symbols come from the arch's [merge] table in arch/<arch>/arch.toml.

By default the complete merged tree (include/ and arch/) is written to O
(default build/), so later targets run on it with ``hdrtool -C build ...``.
--in-place merges the source tree itself (git mv in a git work tree; a dirty
work tree needs --force).  --dry-run prints the plan and writes nothing.
--verify proves the result: every header preprocesses to the same tokens
as before, for every variant, with and without __KERNEL__.
A merged tree is recognised and left alone.  Conflicts: exit 2, nothing written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import click

from hdrtool.cli import MakeCommand, Progress, Settings, arch_option, common_options
from hdrtool.core.config import ArchConfig, merge_arches, resolve_arch
from hdrtool.core.errors import ConfigError
from hdrtool.merge.execute import (TREE_TOPS, MergeConflict, copy_top, load_input, merge_state,
                                objdir_up_to_date, write_in_place, write_objdir)
from hdrtool.merge.plan import plan_merge
from hdrtool.merge.verify import VerifyResult, tree_symbols, verify_cc, verify_engine


@click.command("merge", cls=MakeCommand, help=__doc__,
               short_help="Merge asm-i386 + asm-x86_64 into asm-x86 (Linux 2.6.24 layout).")
@arch_option(help="Arch whose old directories merge (default: every arch with a [merge] table).")
@click.option("--in-place", is_flag=True, help="Merge the source tree itself (git mv in git).")
@click.option("--force", is_flag=True, help="With --in-place: run on a dirty git work tree.")
@click.option("--dry-run", "-n", is_flag=True, help="Print the plan; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Plan format for --dry-run.")
@click.option("--verify", is_flag=True, help="Prove old and new trees preprocess alike.")
@common_options
@click.pass_context
def command(ctx, arch, in_place, force, dry_run, fmt, verify):
    s = ctx.ensure_object(Settings)
    srctree = s.srctree()
    cfgs = _arches(srctree, arch)
    if not in_place and not dry_run:
        s.check_output(srctree)      # before any work; claimed when written
    rc = 0
    for cfg in cfgs:
        rc = max(rc, _merge_one(s, srctree, cfg, in_place, force, dry_run, fmt, verify))
    ctx.exit(rc)


def _arches(srctree: Path, arch):
    """The tree's arch.toml with a [merge] table, else hdrtool's bundled facts."""
    arches = merge_arches(srctree)
    if arch:
        for cfg in arches:
            if arch == cfg.name or arch in {v.old_arch for v in cfg.variants}:
                return [cfg]
        cfg, _variant = resolve_arch(srctree, arch)
        raise ConfigError(f"arch {cfg.name} has no [merge] table: nothing to merge", cfg.path)
    return arches


def _merge_one(s: Settings, srctree: Path, cfg: ArchConfig, in_place, force, dry_run, fmt,
               verify) -> int:
    spec = cfg.merge
    if merge_state(srctree, spec) == "merged":
        click.echo(f"  MERGE   include/{spec.into}: already merged, nothing to do")
        return 0
    inp = load_input(srctree, cfg)
    plan = plan_merge(inp)
    if dry_run:
        click.echo(json.dumps(plan.to_json(), indent=1) if fmt == "json" else plan.to_text(),
                   nl=fmt == "json")
        if plan.conflicts:
            raise MergeConflict(plan.conflicts)
        return _verify_staged(s, cfg, plan, inp, srctree) if verify else 0
    if plan.conflicts:
        raise MergeConflict(plan.conflicts)
    for d in plan.notes:
        s.say(d.render(), level=0)
    counts = ", ".join(f"{k} {v}" for k, v in plan.counts().items() if v)
    if in_place:
        with tempfile.TemporaryDirectory(prefix="hdrtool-merge-") as tmp:
            old = _snapshot(srctree, Path(tmp)) if verify else None
            how = write_in_place(plan, inp, srctree, force=force)
            click.echo(f"  MERGE   include/{spec.dir32} + include/{spec.dir64} -> "
                       f"include/{spec.into} in place ({'git mv' if how == 'git' else 'files'}; "
                       f"{counts})")
            return _report(_verify(s, cfg, plan, old, srctree)) if verify else 0
    objdir = s.output_dir(srctree)
    if objdir_up_to_date(objdir, inp):
        click.echo(f"  MERGE   {objdir}/include/{spec.into} is up to date")
    else:
        write_objdir(plan, inp, objdir)
        click.echo(f"  MERGE   include/{spec.dir32} + include/{spec.dir64} -> "
                   f"{objdir}/include/{spec.into} ({counts})")
    return _report(_verify(s, cfg, plan, srctree, objdir)) if verify else 0


def _snapshot(srctree: Path, tmp: Path) -> Path:
    for top in TREE_TOPS:
        copy_top(srctree / top, tmp / "old" / top, symlinks=False)
    return tmp / "old"


def _verify_staged(s, cfg, plan, inp, srctree) -> int:
    with tempfile.TemporaryDirectory(prefix="hdrtool-merge-") as tmp:
        write_objdir(plan, inp, Path(tmp) / "new")
        return _report(_verify(s, cfg, plan, srctree, Path(tmp) / "new"))


def _verify(s: Settings, cfg, plan, old: Path, new: Path) -> VerifyResult:
    if shutil.which(s.cc.split()[0]) is None:
        return verify_engine(plan, cfg, tree_symbols(old), lambda p: (new / p).read_bytes())
    progress = Progress("VERIFY")
    try:
        with tempfile.TemporaryDirectory(prefix="hdrtool-verify-") as tmp:
            return verify_cc(plan, cfg, old, new, Path(tmp), cc=s.cc, jobs=s.jobs,
                             progress=progress)
    finally:
        progress.close()


def _report(result: VerifyResult) -> int:
    for d in result.failures + result.unproven_by_header():
        click.echo(d.render())
    click.echo(f"  VERIFY  {result.summary()}")
    return 0 if result.ok else 1
