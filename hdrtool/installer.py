"""headers_install, the I/O edge: a safe, incremental, parallel write.

The install directory is ``INSTALL_HDR_PATH/include``.  Next to the headers
sits the manifest ``.hdrtool-manifest`` (JSON, see docs/headers_install.md):
for each file hdrtool installed, its size and mtime as written and a key of
the inputs it was made from.  A run:

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

from hdrtool.errors import Diagnostic, HdrError, InputError
from hdrtool.install import InstallItem, InstallPlan, render
from hdrtool.uptodate import MANIFEST, MANIFEST_FORMAT, RACY, manifest_fields

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


def item_key(plan: InstallPlan, item: InstallItem) -> str:
    """What the item's bytes depend on: rules, steps, label and the inputs'
    size and mtime (generated content is hashed itself).  The inputs are
    recorded in ``plan.deps`` with the signature used here.  An item with a
    racy input (see :mod:`hdrtool.uptodate`) gets the key RACY, which is
    never up to date."""
    h = hashlib.sha1()
    h.update(f"{plan.rules}\0{item.label}\0{','.join(item.steps)}\0".encode())
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
                with open(tmp, "wb") as fh:
                    fh.write(data)
            except OSError as exc:
                raise InputError(f"cannot write: {exc.strerror}", target) from None
    except BaseException:
        for tmp, _ in temps:
            _unlink_quiet(tmp)
        for d in reversed(created):
            try:
                os.rmdir(d)
            except OSError:
                pass
        raise
    for tmp, target in temps:
        os.replace(tmp, target)


def _mkdirs(d: str, created: List[str]) -> None:
    missing = []
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


def install(plan: InstallPlan, dest: Path, jobs: int = 1,
            progress: Optional[Progress] = None) -> InstallResult:
    """Install ``plan`` into ``dest/include`` (``dest`` is INSTALL_HDR_PATH)."""
    include = _prepare_root(Path(dest))
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
