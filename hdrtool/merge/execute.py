"""The merge's I/O edge: read the tree, write the plan, prove nothing is lost.

Two ways to write (``hdrtool merge`` picks one):

* :func:`write_objdir` builds a complete merged source tree (``include/`` and
  ``arch/``) in a staging directory inside ``O``, checks it, and only then
  renames it into place: a failure leaves ``O`` as it was.
* :func:`write_in_place` changes the source tree itself; in a git work tree
  with ``git mv`` (so ``git log --follow`` on ``asm-x86/page_32.h`` reaches
  ``asm-i386/page.h``) and ``git rm``/``git add`` for the rest.

Both refuse a plan with conflicts before writing anything, and both run
:func:`check_nothing_lost` on what they wrote before reporting success.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Tuple

from hdrtool.core.config import ArchConfig, MergeSpec
from hdrtool.core.errors import Diagnostic, HdrError, InputError
from hdrtool.core.kbuild import KBUILD_ASM, Roots, parse_kbuild, read_kbuild
from hdrtool.merge.plan import (KBUILD, KbuildList, MergeInput, MergePlan, normalize_ws,
                                sha256, undo_edits)
from hdrtool.core.tree import iter_files, read_bytes, write_atomic

#: The top-level directories and files of a source tree that the merged tree
#: holds: enough for the stages after the merge (a Linux tree's headers_install
#: reads scripts/ and the top Makefile, which gets the SRCARCH block).
TREE_DIRS = ("include", "arch", "scripts")
TREE_FILES = ("Makefile", "Kbuild", "COPYING")
TREE_TOPS = TREE_DIRS + TREE_FILES
#: Kbuild variables of a per-variant list that the merged list has no use
#: for: with one directory for both, nothing installs as asm-$(ALTARCH)/.
DROPPED_VARIABLES = ("ALTARCH", "ARCHDEF", "ALTARCHDEF")
STAMP = ".hdrtool-merge"
_STAGE = ".hdrtool-merge.tmp"


class MergeConflict(HdrError):
    """The plan has conflicts: nothing was written."""

    def __init__(self, conflicts: List[Diagnostic]):
        first = conflicts[0]
        # the CLI prints "hdrtool: error: " + str(self): one line per conflict
        more = "".join(f"\nhdrtool: error: {d.path}" + (f":{d.line}" if d.line else "")
                       + f": {d.message}" for d in conflicts[1:])
        super().__init__(first.message + more, first.path, first.line)
        self.conflicts = conflicts


def merge_state(srctree: Path, spec: MergeSpec) -> str:
    """``"merged"`` (only the new dir), ``"unmerged"`` (both old dirs, no new
    one); anything else is an InputError naming what is wrong."""
    inc = Path(srctree) / "include"
    new, d32, d64 = ((inc / d).is_dir() for d in (spec.into, spec.dir32, spec.dir64))
    if new and not (d32 or d64):
        return "merged"
    if d32 and d64 and not new:
        return "unmerged"
    if new:
        return _partial(inc, spec)
    missing = spec.dir32 if not d32 else spec.dir64
    raise InputError(f"nothing to merge: include/{missing} does not exist", inc / missing)


def _partial(inc: Path, spec: MergeSpec) -> str:
    old = [d for d in (spec.dir32, spec.dir64) if (inc / d).is_dir()]
    raise InputError(f"include/{spec.into} already exists next to "
                     f"{' and '.join('include/' + d for d in old)}: a partly merged tree; "
                     f"restore it (e.g. git checkout) before merging", inc / spec.into)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------

def load_input(srctree: Path, cfg: ArchConfig) -> MergeInput:
    """Read every file below include/ and arch/ and parse the export lists
    of the two old dirs (with the legacy parser of :mod:`hdrtool.core.kbuild`)."""
    spec = cfg.merge
    if spec is None:
        raise InputError(f"arch {cfg.name} has no [merge] table", cfg.path)
    srctree = Path(srctree)
    files: Dict[str, bytes] = {}
    for top in TREE_DIRS:
        if not (srctree / top).is_dir():
            continue
        for rel in iter_files(srctree / top):
            files[f"{top}/{rel.as_posix()}"] = read_bytes(srctree / top / rel)
    for top in TREE_FILES:
        if (srctree / top).is_file():
            files[top] = read_bytes(srctree / top)
    roots = Roots(srctree)
    kbuild: Dict[str, KbuildList] = {}
    for d in (spec.dir32, spec.dir64):
        prefix = f"include/{d}/"
        for path in files:
            if path.startswith(prefix) and path.rsplit("/", 1)[-1] == KBUILD:
                kbuild[path] = _parse_list(path, files[path], roots, kbuild_variables(cfg, d),
                                           top=path == prefix + KBUILD)
    srcarch = {v.old_arch: cfg.name for v in cfg.variants if v.old_arch != cfg.name}
    return MergeInput(spec, files, kbuild, srcarch)


def kbuild_variables(cfg: ArchConfig, d: str) -> Dict[str, str]:
    """What make sets while reading the export list of ``include/<d>``."""
    arch = {v.old_dir: v.old_arch for v in cfg.variants}.get(d, d[len("asm-"):])
    return {"ARCH": arch, "SRCARCH": arch, "srctree": "."}


def _parse_list(path: str, data: bytes, roots: Roots, variables, top: bool) -> KbuildList:
    entries = parse_kbuild(data, path, roots, variables)
    assigned = read_kbuild(data, path, roots, variables).assigned()
    dropped = tuple(v for v in DROPPED_VARIABLES if v in assigned)
    own = tuple((e.var, e.word) for e in entries if e.kbuild == path)
    others = [e for e in entries if e.kbuild != path]
    includes = list(dict.fromkeys(e.kbuild for e in others))
    # as hdrtool.core.kbuild.legacy_exports: an arch's list always has Kbuild.asm
    if top and KBUILD_ASM not in includes and roots.find(KBUILD_ASM):
        others += parse_kbuild(roots.read(KBUILD_ASM), KBUILD_ASM, roots, variables)
        includes.append(KBUILD_ASM)
    return KbuildList(path, own, tuple(includes), tuple((e.var, e.word) for e in others),
                      dropped)


def input_digest(inp: MergeInput) -> str:
    """One hash over the spec and every input file: the stamp of a merge."""
    h = hashlib.sha256(repr(inp.spec).encode())
    for path in sorted(inp.files):
        h.update(path.encode() + b"\0" + hashlib.sha256(inp.files[path]).digest())
    return h.hexdigest()


# --------------------------------------------------------------------------
# Nothing lost
# --------------------------------------------------------------------------

def check_nothing_lost(plan: MergePlan, files: Mapping[str, bytes],
                       read: Callable[[str], Optional[bytes]]) -> List[Diagnostic]:
    """Every input file must be accounted for in what was written: an output
    that gives back its exact bytes once the reference rewrites are undone,
    or a drop whose reason holds (a stub whose target was written, a
    white-space twin of the written file, an export list whose every entry
    the merged list still exports).  ``read(path)`` returns written bytes."""
    bad: List[Diagnostic] = []
    held = {o.origin: o for o in plan.outputs.values() if o.origin}

    def fail(path: str, message: str) -> None:
        bad.append(Diagnostic(path, None, "error", "merge-lost", message))

    for path, digest in plan.hashes.items():
        out = held.get(path)
        if out is not None:
            data = read(out.path)
            if data is None:
                fail(path, f"{out.path} was not written")
            elif sha256(undo_edits(data, out.edits)) != digest:
                fail(path, f"{out.path} does not hold this file's bytes")
    for drop in plan.drops:
        kept = read(drop.kept)
        if kept is None:
            fail(drop.path, f"dropped for {drop.kept}, which was not written")
            continue
        src = files[drop.path]
        if sha256(src) != plan.hashes[drop.path]:
            fail(drop.path, "changed while merging")
        elif drop.reason == "identical" and src != _unedited(plan, drop.kept, kept):
            fail(drop.path, f"dropped as identical to {drop.kept}, which differs")
        elif drop.reason == "whitespace" and \
                normalize_ws(src) != normalize_ws(_unedited(plan, drop.kept, kept)):
            fail(drop.path, f"dropped as a white-space twin of {drop.kept}, which differs")
        elif drop.reason == "kbuild":
            for message in _kbuild_lost(drop.path, src, drop.kept, kept, files, read):
                fail(drop.path, message)
    held_paths = set(held) | {d.path for d in plan.drops}
    for path in plan.hashes:
        if path not in held_paths:
            fail(path, "neither written nor accounted for")
    return bad


def _unedited(plan: MergePlan, path: str, data: bytes) -> bytes:
    return undo_edits(data, plan.outputs[path].edits)


def _kbuild_lost(old_path: str, old: bytes, new_path: str, new: bytes,
                 files: Mapping[str, bytes], read: Callable[[str], Optional[bytes]]) -> List[str]:
    """What the merged list ``new`` loses of the old list ``old``, both read
    with the one Kbuild reader (:func:`hdrtool.core.kbuild.read_kbuild`; the old
    one's includes from the input, the new one's from what was written):
    an exported word no longer listed, a ``unifdef-y`` word no longer run
    through unifdef, or a per-variant variable (ALTARCH) left in it."""
    def exports(data: bytes, path: str, lookup) -> Tuple[Dict[str, str], Dict]:
        d = path.split("/")[1]
        mk = read_kbuild(data, path, None, {"ARCH": d[len("asm-"):], "srctree": "."},
                         lookup=lookup)
        out: Dict[str, str] = {}
        for var in ("header-y", "objhdr-y", "unifdef-y"):
            for w in mk.entries(var):
                out[w.text] = var
        return out, mk.assigned()
    old_words, _ = exports(old, old_path, files.get)
    new_words, assigned = exports(new, new_path, read)
    bad = [f"{new_path} no longer lists {w} ({v})" for w, v in sorted(old_words.items())
           if w not in new_words]
    bad += [f"{new_path} lists {w} as {new_words[w]}, was unifdef-y" for w, v in
            sorted(old_words.items()) if v == "unifdef-y" and new_words.get(w, v) != v]
    bad += [f"{new_path} still sets {v}" for v in DROPPED_VARIABLES if v in assigned]
    return bad


# --------------------------------------------------------------------------
# Writing into O
# --------------------------------------------------------------------------

def write_objdir(plan: MergePlan, inp: MergeInput, objdir: Path) -> None:
    """Write the merged tree to ``objdir/include`` and ``objdir/arch``:
    staged, checked, then renamed into place (the old ones removed)."""
    if plan.conflicts:
        raise MergeConflict(plan.conflicts)
    objdir = Path(objdir)
    stage = objdir / _STAGE
    if stage.exists():
        shutil.rmtree(stage)
    try:
        _write_fresh(stage, ((o.path, plan.render(o, inp.files))
                             for o in plan.outputs.values()))
        lost = check_nothing_lost(plan, inp.files, lambda p: _read_or_none(stage / p))
        if lost:
            raise MergeConflict(lost)
        old = stage / ".old"
        old.mkdir()
        for top in TREE_TOPS:
            if (objdir / top).exists():
                os.rename(objdir / top, old / top)
        for top in TREE_TOPS:
            if (stage / top).exists():
                os.rename(stage / top, objdir / top)
        write_atomic(objdir / STAMP, (input_digest(inp) + "\n").encode())
    except OSError as exc:
        raise InputError(f"cannot write the merged tree: {exc.strerror}",
                         exc.filename or objdir) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _write_fresh(root: Path, items) -> None:
    """Write files into a new, private staging directory: no temporary
    names needed (the whole directory is renamed into place at the end)."""
    made = set()
    base = str(root)
    for rel, data in items:
        path = f"{base}/{rel}"
        parent = path.rsplit("/", 1)[0]
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "wb") as fh:
            fh.write(data)


def objdir_up_to_date(objdir: Path, inp: MergeInput) -> bool:
    stamp = Path(objdir) / STAMP
    return (stamp.is_file() and (Path(objdir) / "include" / inp.spec.into).is_dir()
            and stamp.read_text().strip() == input_digest(inp))


def _read_or_none(path: Path) -> Optional[bytes]:
    try:
        return path.read_bytes()
    except OSError:
        return None


# --------------------------------------------------------------------------
# Writing in place
# --------------------------------------------------------------------------

def git_worktree(srctree: Path) -> bool:
    try:
        r = subprocess.run(["git", "-C", str(srctree), "rev-parse", "--is-inside-work-tree"],
                           capture_output=True, text=True)
    except OSError:
        return False
    return r.returncode == 0 and r.stdout.strip() == "true"


def _git(srctree: Path, *args: str) -> str:
    r = subprocess.run(["git", "-C", str(srctree), *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise InputError(f"git {' '.join(args[:2])} failed: {r.stderr.strip()}", srctree)
    return r.stdout


def write_in_place(plan: MergePlan, inp: MergeInput, srctree: Path, *, force: bool = False,
                   use_git: Optional[bool] = None) -> str:
    """Perform the merge in ``srctree``; returns "git" or "files" (how)."""
    if plan.conflicts:
        raise MergeConflict(plan.conflicts)
    srctree = Path(srctree)
    use_git = git_worktree(srctree) if use_git is None else use_git
    if not use_git:
        _swap_in_place(plan, inp, srctree)
        return "files"
    dirty = _git(srctree, "status", "--porcelain")
    if dirty.strip() and not force:
        first = dirty.splitlines()[0][3:]
        raise InputError(f"the work tree has uncommitted changes (e.g. {first}); "
                         f"commit or stash them, or use --force", srctree)
    _check_git_plan(plan, srctree)
    with _Backup(srctree) as backup:
        try:
            _git_apply(plan, inp, srctree)
            lost = check_nothing_lost(plan, inp.files, lambda p: _read_or_none(srctree / p))
            if lost:
                raise MergeConflict(lost)
        except BaseException:
            backup.restore()
            raise
    return "git"


# An in-place merge in git is all or nothing.  Everything git would refuse
# is checked before the first move (_check_git_plan); and before it the
# tree's include/ and arch/ and git's index are copied aside (_Backup), so
# that a failure at any later point -- a git command, a write, the
# nothing-lost check, Ctrl-C -- puts back exactly what was there, dirty
# files and staged changes of a --force run included.

def _check_git_plan(plan: MergePlan, srctree: Path) -> None:
    """Every file in the two old directories must be tracked (``git mv``
    and ``git rm`` take nothing else): an untracked or ignored one is named
    before anything moves."""
    old = [f"include/{plan.spec.dir32}", f"include/{plan.spec.dir64}"]
    others = _git(srctree, "ls-files", "-z", "--others", "--", *old).split("\0")
    others = sorted(p for p in others if p)
    if others:
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        raise InputError(f"not tracked by git{more}: an in-place merge moves every file of "
                         f"{' and '.join(old)} with git mv; git add or remove it first",
                         srctree / others[0])


def copy_top(src: Path, dst: Path, *, symlinks: bool = True) -> None:
    """Copy one top-level directory or file of a tree (if it is there)."""
    if src.is_dir():
        shutil.copytree(src, dst, symlinks=symlinks, dirs_exist_ok=True)
    elif src.is_file():
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


class _Backup:
    """A copy of ``include/``, ``arch/`` and the git index, to put back."""

    def __init__(self, srctree: Path) -> None:
        self.srctree = srctree

    def __enter__(self) -> "_Backup":
        import tempfile
        self.tmp = Path(tempfile.mkdtemp(prefix="hdrtool-merge-backup-"))
        index = Path(_git(self.srctree, "rev-parse", "--git-path", "index").strip())
        self.index = index if index.is_absolute() else self.srctree / index
        self.index_bytes = self.index.read_bytes() if self.index.is_file() else None
        for top in TREE_TOPS:
            copy_top(self.srctree / top, self.tmp / top)
        return self

    def restore(self) -> None:
        for top in TREE_TOPS:
            if (self.tmp / top).exists():
                if (self.srctree / top).is_dir():
                    shutil.rmtree(self.srctree / top, ignore_errors=True)
                copy_top(self.tmp / top, self.srctree / top)
        if self.index_bytes is not None:
            write_atomic(self.index, self.index_bytes)

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _git_apply(plan: MergePlan, inp: MergeInput, srctree: Path) -> None:
    old = (f"include/{plan.spec.dir32}/", f"include/{plan.spec.dir64}/")
    for out in plan.outputs.values():
        if out.rename and out.origin != out.path and out.origin.startswith(old):
            (srctree / out.path).parent.mkdir(parents=True, exist_ok=True)
            _git(srctree, "mv", "--", out.origin, out.path)
    dropped = [d.path for d in plan.drops]
    for i in range(0, len(dropped), 200):
        _git(srctree, "rm", "-q", "--", *dropped[i:i + 200])
    changed = []
    for out in plan.outputs.values():
        if out.data is not None or out.edits:
            write_atomic(srctree / out.path, plan.render(out, inp.files))
            changed.append(out.path)
    for i in range(0, len(changed), 200):
        _git(srctree, "add", "--", *changed[i:i + 200])
    for d in (plan.spec.dir32, plan.spec.dir64):
        _remove_empty_dirs(srctree / "include" / d)


def _remove_empty_dirs(root: Path) -> None:
    if not root.is_dir():
        return
    for dirpath, _dirs, _files in sorted(os.walk(root), key=lambda t: -len(t[0])):
        try:
            os.rmdir(dirpath)
        except OSError:
            pass
    if root.exists():
        left = next(iter_files(root))
        raise InputError("files left behind in an old directory", root / left)


def _swap_in_place(plan: MergePlan, inp: MergeInput, srctree: Path) -> None:
    """Not a git tree: stage the new include/ and arch/ next to the old
    ones, check them, then swap the directories."""
    write_objdir(plan, inp, srctree / _STAGE / "new")
    new = srctree / _STAGE / "new"
    try:
        for top in TREE_TOPS:
            if (new / top).exists():
                if (srctree / top).exists():
                    os.rename(srctree / top, srctree / _STAGE / f"old-{top}")
                os.rename(new / top, srctree / top)
    finally:
        shutil.rmtree(srctree / _STAGE, ignore_errors=True)


def merge_into(srctree: Path, out: Path) -> Tuple[List[str], Dict[str, int]]:
    """The merged tree of ``srctree`` in ``out`` (kbuild's ``O=``), for the
    stages that build on it (validate, all): every arch with a ``[merge]``
    table that is not merged yet is merged (or left alone when ``out`` is up
    to date); a source tree that is merged already is copied as it is, so
    that later stages never write into the source tree.  Returns progress
    notes and the class counts of the plan."""
    from hdrtool.core.config import merge_arches
    from hdrtool.merge.plan import plan_merge
    notes: List[str] = []
    counts: Dict[str, int] = {}
    for cfg in merge_arches(srctree):
        if merge_state(srctree, cfg.merge) == "merged":
            continue
        inp = load_input(srctree, cfg)
        plan = plan_merge(inp)
        if plan.conflicts:
            raise MergeConflict(plan.conflicts)
        counts = plan.counts()
        spec = cfg.merge
        if objdir_up_to_date(out, inp):
            notes.append(f"MERGE   {out}/include/{spec.into} is up to date")
        else:
            write_objdir(plan, inp, out)
            notes.append(f"MERGE   {srctree}/include/{spec.dir32} + {spec.dir64} -> "
                         f"{out}/include/{spec.into}")
    if not notes:
        for top in TREE_TOPS:
            copy_top(srctree / top, out / top)
        notes.append(f"COPY    {srctree} (merged already) -> {out}")
    return notes, counts
