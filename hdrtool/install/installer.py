"""headers_install, the I/O edge: a safe, incremental, parallel write.

The install directory is ``INSTALL_HDR_PATH/include``.  Next to the headers
sits the manifest ``.hdrtool-manifest`` (JSON, see docs/headers_install.md):
for each file hdrtool installed, its size and mtime as written and a key of
the inputs it was made from.

A clean install (``include`` does not exist yet) renders every file in
memory (any bad input fails the run here, before anything is written), then
builds the whole tree and its manifest in a fresh sibling directory
``.include.hdrtool-tmpPID`` and renames that to ``include``: one rename
instead of one per file, no per-file temporary names or checks, and nothing
is visible before the rename; on any failure the staging directory (and any
directory made to hold it) is removed.  Files are written with
``os.open``/``os.write``/``os.close``, no file objects.

An install into an existing ``include``:

1. checks each planned file against the manifest: when the key (rules,
   steps, the inputs' size and mtime) and the installed file's size and
   mtime are unchanged, the file is up to date and is not even rendered;
2. renders the rest (in worker processes for large batches, ``-j``) fully in
   memory: any bad input fails the run here, before anything is written;
3. writes each file whose bytes differ to a temporary name in its
   directory, and only when all are written renames them into place (a
   failed write removes the temporaries and the directories it created);
4. removes the files the previous manifest lists that are no longer
   exported (and only those; a file modified since is kept with a warning),
   and then directories that became empty;
5. rewrites the manifest, if it changed.

An unchanged file is never rewritten, so its mtime stays.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from hdrtool.core.errors import Diagnostic, HdrError, InputError
from hdrtool.install.plan import InstallItem, InstallPlan, render
from hdrtool.install.uptodate import MANIFEST, MANIFEST_FORMAT, RACY, manifest_fields

#: Below this many files to render, worker processes cost more than they
#: save.  Measured on 2 cores: rendering Linux 6.1's 972 x86 headers takes
#: 0.31 s in-process and 0.37 s with 2 forked workers (start-up and pickling
#: 6 MB back outweigh the split); threads cannot help pure-Python work, and
#: writing (file creation) did not get faster with 2-8 threads either.
PARALLEL_MIN = 4000

Progress = Callable[[int, int], None]


@dataclass
class InstallResult:
    include_dir: Path
    written: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)
    removed: List[str] = field(default_factory=list)
    diagnostics: List[Diagnostic] = field(default_factory=list)
    manifest_written: bool = False

    @property
    def total(self) -> int:
        return len(self.written) + len(self.unchanged)


# --------------------------------------------------------------------------
# Manifest.
# --------------------------------------------------------------------------

def _stat(path) -> Optional[Tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


_TRANSFORM_KEYS: Dict[int, Tuple[object, bytes]] = {}


def _transform_key(transform) -> bytes:
    """repr() of a plan's Transform, once per plan (all its items share it)."""
    hit = _TRANSFORM_KEYS.get(id(transform))
    if hit is None or hit[0] is not transform:
        hit = _TRANSFORM_KEYS[id(transform)] = (transform, repr(transform).encode())
    return hit[1]


def item_key(plan: InstallPlan, item: InstallItem) -> str:
    """What the item's bytes depend on: rules, steps, label and the inputs'
    size and mtime (generated content is hashed itself).  The inputs are
    recorded in ``plan.deps`` with the signature used here.  An item with a
    racy input (see :mod:`hdrtool.install.uptodate`) gets the key RACY, which is
    never up to date."""
    h = hashlib.sha1()
    h.update(f"{plan.rules}\0{item.label}\0{','.join(item.steps)}\0".encode())
    if item.transform is not None:          # the tree's own rules: script, unifdef, allow-list
        h.update(_transform_key(item.transform))
    if item.data is not None:
        h.update(item.data)
    deps = plan.deps
    for path in item.inputs:
        if path not in deps.sigs:
            deps.add(path)
        if path in deps.racy:
            return RACY
        h.update(f"{path}\0{deps.sigs[path]}\0".encode())
    return h.hexdigest()


def load_manifest(include_dir: Path) -> Tuple[Dict[str, list], List[Diagnostic]]:
    path = include_dir / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    try:
        data = json.loads(raw)
        if data.get("format") != MANIFEST_FORMAT:
            raise ValueError("unknown format")
        files = {k: list(v) for k, v in data["files"].items()}
        for k, v in files.items():
            parts = k.split("/")
            if k.startswith("/") or ".." in parts or "" in parts or len(v) != 3:
                raise ValueError(f"bad entry {k!r}")   # never delete outside include/
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, [Diagnostic(str(path), None, "warning", "bad-manifest",
                               f"ignoring unreadable manifest ({exc}); stale files "
                               "of the previous install will not be removed")]
    return files, []


def _manifest_bytes(plan: InstallPlan, files: Dict[str, list]) -> bytes:
    doc = {"format": MANIFEST_FORMAT, "arch": plan.arch, "layout": plan.layout,
           "rules": plan.rules, "files": {k: files[k] for k in sorted(files)}}
    if plan.request:      # what makes the next run's up-to-date check possible
        doc.update(manifest_fields(plan.request, plan.deps,
                                   [d.render() for d in plan.diagnostics]))
    return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()


# --------------------------------------------------------------------------
# Rendering, optionally in worker processes.
# --------------------------------------------------------------------------

def _render_chunk(items: Sequence[InstallItem]):
    out = []
    for item in items:
        try:
            out.append((True, render(item)))
        except HdrError as exc:    # HdrError does not pickle with path/line
            out.append((False, (type(exc).__name__, exc.message, exc.path, exc.line)))
    return out


def render_items(items: Sequence[InstallItem], jobs: int,
                 progress: Optional[Progress] = None) -> List[bytes]:
    """Render every item (in item order); raise the first item's error."""
    results: List = []
    if jobs > 1 and len(items) >= PARALLEL_MIN:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        chunks = [items[i:i + 32] for i in range(0, len(items), 32)]
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            for chunk_out in pool.map(_render_chunk, chunks):
                results.extend(chunk_out)
                if progress:
                    progress(len(results), len(items))
    else:
        for i in range(0, len(items), 32):
            results.extend(_render_chunk(items[i:i + 32]))
            if progress:
                progress(len(results), len(items))
    out = []
    for ok, value in results:
        if not ok:
            _, message, path, line = value
            raise InputError(message, path, line)
        out.append(value)
    return out


# --------------------------------------------------------------------------
# Writing.
# --------------------------------------------------------------------------

def _prepare_root(dest: Path) -> Path:
    """Check (without creating anything) that ``dest/include`` can be written."""
    include = dest / "include"
    probe = include
    while not probe.is_dir():
        if probe.exists() or probe.is_symlink():
            raise InputError("exists and is not a directory", probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    if not os.access(probe, os.W_OK | os.X_OK):
        raise InputError("directory is not writable", probe)
    return include


def _same_bytes(path: str, data: bytes) -> bool:
    st = _stat(path)
    if st is None or st[0] != len(data):
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read() == data
    except OSError:
        return False


#: open() flags: a new file in the fresh staging directory, and a temporary
#: name next to an installed file (truncated if a killed run left it).
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_TRUNCATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _write_new(path: str, data: bytes, flags: int = _CREATE) -> None:
    """Write ``data`` to ``path`` with three system calls, no file object."""
    fd = os.open(path, flags, 0o666)
    try:
        n = os.write(fd, data)
        if n < len(data):                  # only on a full disk or the like
            view = memoryview(data)
            while n < len(data):
                n += os.write(fd, view[n:])
    finally:
        os.close(fd)


def _write_all(include: Path, pending: List[Tuple[str, bytes]]) -> None:
    """Write every file to a temporary name, then rename all into place.

    Plain string paths: this loop runs once per installed file."""
    created: List[str] = []
    known_dirs = set()
    temps: List[Tuple[str, str]] = []
    suffix = f".hdrtool-tmp{os.getpid()}"
    try:
        for dst, data in pending:
            target = os.path.join(include, dst)
            parent, name = os.path.split(target)
            if parent not in known_dirs:
                _mkdirs(parent, created)
                known_dirs.add(parent)
            if os.path.isdir(target):
                raise InputError("is a directory, cannot install a header here", target)
            tmp = os.path.join(parent, f".{name}{suffix}")
            temps.append((tmp, target))
            try:
                _write_new(tmp, data, _TRUNCATE)
            except OSError as exc:
                raise InputError(f"cannot write: {exc.strerror}", target) from None
    except BaseException:
        for tmp, _ in temps:
            _unlink_quiet(tmp)
        _rmdirs(created)
        raise
    for tmp, target in temps:
        os.replace(tmp, target)


def _write_tree(include: str, pending: List[Tuple[str, bytes]],
                manifest_for: Callable[[Dict[str, list]], bytes]) -> None:
    """A clean install: build the whole tree in a fresh sibling directory
    ``.include.hdrtool-tmpPID`` and rename it to ``include`` when complete
    -- one rename instead of one per file, and nothing is visible before.
    ``manifest_for`` gets each file's [size, mtime_ns] and returns the
    manifest, which goes in before the rename.  On any failure the staging
    directory and the directories made for it are removed."""
    parent = os.path.dirname(include)
    created: List[str] = []
    _mkdirs(parent, created)
    stage = _make_stage(parent)
    try:
        top = stage + os.sep
        made = {""}
        stats: Dict[str, list] = {}
        for dst, data in pending:
            d = dst.rpartition("/")[0]
            if d not in made:
                _mkdirs_below(top, d, made, include)
            try:
                _write_new(top + dst, data)
                st = os.stat(top + dst)
            except OSError as exc:
                raise InputError(f"cannot write: {exc.strerror}",
                                 os.path.join(include, dst)) from None
            stats[dst] = [st.st_size, st.st_mtime_ns]
        try:
            _write_new(top + MANIFEST, manifest_for(stats))
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}",
                             os.path.join(include, MANIFEST)) from None
        try:
            os.rename(stage, include)
        except OSError as exc:             # include/ appeared meanwhile
            raise InputError(f"cannot install: {exc.strerror}", include) from None
    except BaseException:
        import shutil
        shutil.rmtree(stage, ignore_errors=True)
        _rmdirs(created)
        raise


def _rmdirs(created: List[str]) -> None:
    """Undo _mkdirs: remove the directories it created, deepest first."""
    for d in reversed(created):
        try:
            os.rmdir(d)
        except OSError:
            pass


def _make_stage(parent: str) -> str:
    """Create the staging directory (another name if a killed run left one)."""
    base = os.path.join(parent, f".include.hdrtool-tmp{os.getpid()}")
    for n in range(100):
        stage = f"{base}.{n}" if n else base
        try:
            os.mkdir(stage)
            return stage
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError(f"cannot create directory: {exc.strerror}", stage) from None
    raise InputError("cannot create a staging directory: all names taken", base)


def _mkdirs_below(top: str, d: str, made: set, include: str) -> None:
    """Create ``d`` (posix, relative) and its missing parents below the
    fresh staging directory ``top``; ``made`` holds those already there."""
    parent = d.rpartition("/")[0]
    if parent not in made:
        _mkdirs_below(top, parent, made, include)
    try:
        os.mkdir(top + d)
    except OSError as exc:
        raise InputError(f"cannot create directory: {exc.strerror}",
                         os.path.join(include, d)) from None
    made.add(d)


def _mkdirs(d: str, created: List[str]) -> None:
    """Create ``d`` and its missing parents, recording each in ``created``.
    ``d`` is made absolute first: ``os.path.dirname`` of a relative name
    ends at "" (never a directory), not at the current directory."""
    missing = []
    d = os.path.abspath(d)
    while not os.path.isdir(d):
        if os.path.lexists(d):
            raise InputError("exists and is not a directory", d)
        missing.append(d)
        d = os.path.dirname(d)
    for m in reversed(missing):
        try:
            os.mkdir(m)
        except OSError as exc:
            raise InputError(f"cannot create directory: {exc.strerror}", m) from None
        created.append(m)


def _unlink_quiet(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def _remove_stale(include: Path, old: Dict[str, list], keep: Dict[str, list],
                  result: InstallResult) -> None:
    dirs = set()
    for dst in sorted(set(old) - set(keep)):
        path = include / dst
        st = _stat(path)
        if st is None:
            continue
        if list(st) != list(old[dst][:2]):
            result.diagnostics.append(Diagnostic(
                str(path), None, "warning", "stale-modified",
                "no longer exported but modified since hdrtool installed it; left in place"))
            continue
        try:
            path.unlink()
        except OSError as exc:
            raise InputError(f"cannot remove stale file: {exc.strerror}", path) from None
        result.removed.append(dst)
        dirs.update(path.parents)
    for d in sorted((d for d in dirs if include in d.parents), key=lambda p: -len(p.parts)):
        try:
            d.rmdir()            # only succeeds when empty
        except OSError:
            pass


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def check_destination(include: Path, trees: Sequence[Path]) -> None:
    """Refuse an install directory that would write into a source tree:
    the tree itself, anything inside its ``include/`` or ``arch/``, or a
    directory that contains the tree.  ``trees``: the source tree and the
    overlay (O), if any.  Paths are compared resolved (links followed)."""
    inc = os.path.realpath(include)
    for tree in trees:
        top = os.path.realpath(tree)
        if _inside(top, inc):
            what = "is" if top == inc else "contains"
            raise InputError(f"install directory {what} the source tree {top}; "
                             "give another INSTALL_HDR_PATH", include)
        for sub in ("include", "arch"):
            if _inside(inc, os.path.join(top, sub)):
                raise InputError(f"install directory is inside the source tree's {sub}/ "
                                 f"({os.path.join(top, sub)}); give another INSTALL_HDR_PATH",
                                 include)


def _refuse_foreign(include: Path, old: Dict[str, list],
                    pending: List[Tuple[str, bytes]]) -> None:
    """Never overwrite a file no hdrtool install wrote (not in the manifest):
    the kernel's rsync would, we do not.  Checked before anything is written."""
    top = str(include) + os.sep
    for dst, _ in pending:
        if dst not in old and os.path.lexists(top + dst):
            raise InputError(f"not installed by hdrtool (not in {MANIFEST}); refusing to "
                             "overwrite it: remove it, or install elsewhere", top + dst)


def install(plan: InstallPlan, dest: Path, jobs: int = 1,
            progress: Optional[Progress] = None,
            overlay: Optional[Path] = None) -> InstallResult:
    """Install ``plan`` into ``dest/include`` (``dest`` is INSTALL_HDR_PATH,
    relative to the current directory).  An install directory in the source
    tree (or the overlay) and a file no hdrtool install wrote are refused
    before anything is written."""
    dest = Path(os.path.abspath(dest))
    check_destination(dest / "include", [plan.srctree] + ([overlay] if overlay is not None else []))
    include = _prepare_root(dest)
    created: List[str] = []
    _mkdirs(str(dest), created)
    try:
        with _locked(str(dest)):
            result = _install(plan, include, jobs, progress)
            for d in plan.dirs:          # what the kernel's install leaves empty
                os.makedirs(os.path.join(result.include_dir, d), exist_ok=True)
            return result
    except BaseException:
        _rmdirs(created)
        raise


# --------------------------------------------------------------------------
# One install at a time per INSTALL_HDR_PATH.
#
# Two runs into one directory would each write their own files and
# manifest, and leave the union of both (files that are in no manifest and
# that no later run removes).  A run holds an flock(2) on the
# INSTALL_HDR_PATH directory itself for its whole duration; a second run
# stops with a message instead of waiting (two installs into one directory
# are a mistake in the build, not something to serialise).  Locking the
# directory rather than a lock file in it leaves nothing of ours beside the
# headers (the installed tree compares file for file with the kernel's) and
# does not even change the directory's mtime on a no-op run.  include/
# itself cannot carry the lock: a clean install renames a staging
# directory to include/.
# --------------------------------------------------------------------------

class _locked:
    def __init__(self, dest: str) -> None:
        self.path = dest
        self.fd = -1

    def __enter__(self) -> "_locked":
        import fcntl
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
                         | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise InputError(f"cannot open to lock it: {exc.strerror}", self.path) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError("another hdrtool headers_install is writing to this "
                             "directory (it holds the lock); run again when it has "
                             "finished", self.path) from None
        mine = os.fstat(fd)
        if _stat_id(self.path) != (mine.st_dev, mine.st_ino):
            os.close(fd)          # removed (and made again) by a run that failed
            raise InputError("the directory was replaced while this run started; "
                             "run again", self.path)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        os.close(self.fd)


def _stat_id(path: str) -> Optional[Tuple[int, int]]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _install(plan: InstallPlan, include: Path, jobs: int,
             progress: Optional[Progress]) -> InstallResult:
    """:func:`install` with the destination checked, created and locked."""
    if not os.path.lexists(include):
        return _install_clean(plan, include, jobs, progress)
    old, diags = load_manifest(include)
    result = InstallResult(include, diagnostics=list(plan.diagnostics) + diags)
    new: Dict[str, list] = {}
    todo: List[Tuple[InstallItem, str]] = []
    top = str(include) + os.sep
    for item in plan.items:
        key = item_key(plan, item)
        prev = old.get(item.dst)
        if (prev is not None and key != RACY and prev[2] == key
                and list(_stat(top + item.dst) or ()) == prev[:2]):
            new[item.dst] = prev
            result.unchanged.append(item.dst)
        else:
            todo.append((item, key))
    rendered = render_items([i for i, _ in todo], jobs, progress)
    pending = []
    for (item, _), data in zip(todo, rendered):
        if _same_bytes(top + item.dst, data):
            result.unchanged.append(item.dst)
        else:
            pending.append((item.dst, data))
            result.written.append(item.dst)
    _refuse_foreign(include, old, pending)
    _write_all(include, pending)
    for item, key in todo:
        st = _stat(top + item.dst)
        new[item.dst] = [st[0], st[1], key]
    _remove_stale(include, old, new, result)
    manifest = _manifest_bytes(plan, new)
    if not _same_bytes(top + MANIFEST, manifest):
        _write_all(include, [(MANIFEST, manifest)])
        result.manifest_written = True
    result.unchanged.sort()
    return result


def _install_clean(plan: InstallPlan, include: Path, jobs: int,
                   progress: Optional[Progress]) -> InstallResult:
    """``include`` does not exist: no manifest, nothing to compare or remove."""
    keys = [item_key(plan, item) for item in plan.items]    # inputs stat'ed before reading
    rendered = render_items(plan.items, jobs, progress)
    pending = [(item.dst, data) for item, data in zip(plan.items, rendered)]

    def manifest_for(stats: Dict[str, list]) -> bytes:
        return _manifest_bytes(plan, {item.dst: stats[item.dst] + [key]
                                      for item, key in zip(plan.items, keys)})

    _write_tree(str(include), pending, manifest_for)
    return InstallResult(include, written=[dst for dst, _ in pending],
                         diagnostics=list(plan.diagnostics), manifest_written=True)
