"""hdrtool merge [ARCH=x86] [O=DIR] [--in-place [--force]] [--dry-run [--format json]] [--verify]

Merge include/asm-i386 + include/asm-x86_64 into include/asm-x86 the way
Linux 2.6.24 did (commit 96a388de); which directories, suffixes and wrapper
symbols come from the arch's [merge] table in arch/<arch>/arch.toml.

By default the complete merged tree (include/ and arch/) is written to O
(default build/), so later targets run on it with ``hdrtool -C build ...``.
--in-place merges the source tree itself (git mv in a git work tree; a dirty
work tree needs --force).  --dry-run prints the plan and writes nothing.
--verify proves the result: every header preprocesses to the same tokens
as before, for every variant, with and without __KERNEL__.  In O it proves
what the merge wrote: a file gen rewrote or removed since is verified as the
merge wrote it (a hand edit counts); paths are relative to where you stand.
A merged tree is recognised and left alone.  CC= and -j are for --verify's
preprocessor runs.

Exit status: 0 merged (or nothing to do), 1 --verify found a header that
preprocesses differently, 2 usage or input error (a conflict: nothing is
written), 3 internal error.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import List, Tuple

import click

from hdrtool.cli import MakeCommand, Progress, Settings, arch_option, common_options, doc_help
from hdrtool.core.config import ArchConfig, merge_arches, resolve_arch
from hdrtool.core.errors import ConfigError
from hdrtool.merge.execute import (STAMP, TREE_TOPS, MergeConflict, copy_top, load_input,
                                   merge_into, merge_state, write_in_place, write_objdir)
from hdrtool.merge.plan import plan_merge
from hdrtool.merge.verify import VerifyResult, tree_symbols, verify_cc, verify_engine


@click.command("merge", cls=MakeCommand, help=doc_help(__doc__),
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
    if not dry_run and not in_place:
        return _merge_objdir(s, srctree, cfg, verify)
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
            # old paths: where those files were, in the tree, before the merge
            show = _shower({"old": srctree, "new": srctree})
            return _report(_verify(s, cfg, plan, old, srctree, show)) if verify else 0


def _merge_objdir(s: Settings, srctree: Path, cfg: ArchConfig, verify) -> int:
    """Into O: :func:`hdrtool.merge.merge_into`, the one merge into O there is."""
    spec, objdir = cfg.merge, s.check_output(srctree)
    run = merge_into(srctree, objdir, [cfg], copy_merged=False).runs[0]
    s.output_dir(srctree)        # claimed for srctree once written (a conflict writes nothing)
    for d in run.plan.notes:
        s.say(d.render(), level=0)
    if run.written:
        counts = ", ".join(f"{k} {v}" for k, v in run.plan.counts().items() if v)
        click.echo(f"  MERGE   include/{spec.dir32} + include/{spec.dir64} -> "
                   f"{objdir}/include/{spec.into} ({counts})")
    else:
        click.echo(f"  MERGE   {objdir}/include/{spec.into} is up to date")
    return _verify_output(s, cfg, run.plan, run.inp, srctree, objdir) if verify else 0


def _snapshot(srctree: Path, tmp: Path) -> Path:
    for top in TREE_TOPS:
        copy_top(srctree / top, tmp / "old" / top, symlinks=False)
    return tmp / "old"


def _verify_staged(s, cfg, plan, inp, srctree) -> int:
    with tempfile.TemporaryDirectory(prefix="hdrtool-merge-") as tmp:
        write_objdir(plan, inp, Path(tmp) / "new")
        show = _shower({"old": srctree})      # new: the tree-relative name (not written)
        return _report(_verify(s, cfg, plan, srctree, Path(tmp) / "new", show))


def _verify(s: Settings, cfg, plan, old: Path, new: Path, show=None) -> VerifyResult:
    show = show or _shower({"old": old, "new": new})
    if shutil.which(s.cc.split()[0]) is None:
        return verify_engine(plan, cfg, tree_symbols(old), lambda p: (new / p).read_bytes(),
                             show=show)
    progress = Progress("VERIFY")
    try:
        with tempfile.TemporaryDirectory(prefix="hdrtool-verify-") as tmp:
            return verify_cc(plan, cfg, old, new, Path(tmp), cc=s.cc, jobs=s.jobs,
                             progress=progress, show=show)
    finally:
        progress.close()


# --------------------------------------------------------------------------
# --verify of O: what the merge wrote, not what a later stage made of it.
#
# After ``hdrtool all`` (or ``gen``), O holds the merge's output as gen left
# it: page.h with the pgtable_t block, a generated pgalloc.h instead of the
# split pair.  Those are not differences of the merge.  So the tree verified
# is a view of O -- hard links in a scratch directory inside O -- in which
# every merge output changed since the merge's stamp and carrying gen's
# banner, or removed since, is put back as the merge writes it (rendered
# again from the plan); an output edited otherwise (by hand) is verified as
# it is, so a real difference is still found.  Findings name the files in
# O, relative to the current directory (absolute outside it).
# --------------------------------------------------------------------------

#: The fixed part of what gen writes in a file or block (hdrtool.gen.BANNER).
GEN_MARK = b"Generated by hdrtool from templates/"


def _verify_output(s: Settings, cfg, plan, inp, srctree: Path, objdir: Path) -> int:
    objdir = Path(objdir)
    with tempfile.TemporaryDirectory(prefix=".hdrtool-verify-", dir=objdir) as tmp:
        view = Path(tmp) / "merged"
        changed, removed = merge_view(plan, inp, objdir, view)
        if changed or removed:
            def names(paths):
                return ", ".join(shown(objdir / p) for p in paths)
            what = ([f"{len(changed)} gen rewrote since ({names(changed)})"] if changed else []) \
                + ([f"{len(removed)} it removed ({names(removed)})"] if removed else [])
            click.echo("  VERIFY  as the merge wrote them: " + " and ".join(what))
        show = _shower({"old": srctree, "new": objdir})
        return _report(_verify(s, cfg, plan, srctree, view, show))


def merge_view(plan, inp, objdir: Path, view: Path) -> Tuple[List[str], List[str]]:
    """Build in ``view`` the merge's output set from ``objdir``: each output
    linked from ``objdir``, or rendered from the plan where gen changed or
    removed it since the merge.  Returns those outputs (tree-relative):
    (changed, removed)."""
    try:
        since = os.stat(objdir / STAMP).st_mtime_ns      # written after the merge's files
    except OSError:
        since = 0
    changed: List[str] = []
    removed: List[str] = []
    made = set()
    for o in sorted(plan.outputs.values(), key=lambda o: o.path):
        src, dst = objdir / o.path, view / o.path
        if dst.parent not in made:
            dst.parent.mkdir(parents=True, exist_ok=True)
            made.add(dst.parent)
        try:
            st = os.stat(src)
        except OSError:
            st = None
        if st is not None and st.st_mtime_ns < since:
            _link(src, dst)
            continue
        merged = plan.render(o, inp.files)
        data = src.read_bytes() if st is not None else None
        if data is None or (data != merged and GEN_MARK in data and GEN_MARK not in merged):
            dst.write_bytes(merged)
            (removed if data is None else changed).append(o.path)
        else:
            _link(src, dst)             # as the merge wrote it, or edited by hand
    return changed, removed


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def shown(path) -> str:
    """A path the user can open: relative to the current directory when
    below it, else absolute."""
    path = os.path.abspath(path)
    rel = os.path.relpath(path)
    return path if rel == ".." or rel.startswith(".." + os.sep) else rel


def _shower(roots):
    """``show(side, tree-relative path)`` for the verifier: ``roots`` maps
    "old"/"new" to the tree whose file the user should open."""
    def show(side: str, path: str) -> str:
        if side not in roots or not path or os.path.isabs(path) or path.startswith("<"):
            return path
        return shown(Path(roots[side]) / path)
    return show


def _report(result: VerifyResult) -> int:
    for d in result.failures + result.unproven_by_header():
        click.echo(d.render())
    click.echo(f"  VERIFY  {result.summary()}")
    return 0 if result.ok else 1
