"""headers_install into an existing ``include/``: the whole tree at once.

An update must never leave a mix of the previous install and the new one,
not even when the run is killed (SIGKILL, power cut excepted: nothing is
fsync'ed).  So it is not done file by file: :func:`swap_update` builds the
complete new tree in a staging directory ``.include.hdrtool-tmpPID`` beside
``include`` -- every file that stays is a hard link of the installed one
(same inode, so the same size and mtime, and nothing copied), every file that
changes is written anew, the manifest last -- and then switches the two
directories with one ``renameat2(RENAME_EXCHANGE)``.  Until that call the
previous install is untouched; after it the new one is complete.  The old
tree, now at the staging name, is then removed, file by file, keeping
anything it holds that is not ours (:func:`discard_old`).

Where the file system cannot exchange (ENOSYS, EINVAL, ENOTSUP: no
RENAME_EXCHANGE), the switch is two renames, ``include`` to
``.include.hdrtool-tmpPID.old`` and the stage to ``include``; between them
``include`` is briefly missing (never mixed).

The journal ``.include.hdrtool-journal`` (beside ``include``, written by
rename before the switch, removed last) records the staging and set-aside
names and the identities (st_dev, st_ino) of the old and the new
``include``.  The next run, under the same lock, reads it before anything
else (:func:`recover`): when ``include`` is the new tree the switch is
completed (the old tree discarded); when it is the old one, or missing with
the old tree set aside, it is rolled back (the stage removed, the old tree
put back).  A staging directory with no journal was never switched and holds
only links and files of ours: it is removed.  Every other name of ours
(``.include.hdrtool-*`` beside ``include``; ``.NAME.hdrtool-tmpPID`` below
it, left by earlier versions) is removed too -- and nothing else.

Test-only hooks (documented in docs/headers_install.md, read once at import):
``HDRTOOL_TEST_KILL_AT=POINT[:N]`` makes the process SIGKILL itself at a
named point (``stage:N`` after N entries are in the stage, ``staged``,
``aside``, ``switched``, ``discard:N``, ``clean:N``), and
``HDRTOOL_TEST_NO_EXCHANGE=1`` takes the two-rename switch.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from hdrtool.core.errors import Diagnostic, InputError
from hdrtool.install.uptodate import MANIFEST, OURS_PREFIX

#: Everything of ours beside include/ starts with this (uptodate.OURS_PREFIX).
PREFIX = OURS_PREFIX
JOURNAL = PREFIX + "journal"
#: A per-file temporary of ours below include/ (hdrtool 0.1 wrote them).
_TEMP = re.compile(r"\..+\.hdrtool-tmp\d+\Z", re.S)

_KILL = os.environ.get("HDRTOOL_TEST_KILL_AT", "")
_NO_EXCHANGE = os.environ.get("HDRTOOL_TEST_NO_EXCHANGE", "") == "1"


def kill_point(name: str, n: int = 0) -> None:
    """Test hook: SIGKILL this process at ``name`` (``name:n``)."""
    if _KILL and _KILL == (f"{name}:{n}" if n else name):
        import signal
        os.kill(os.getpid(), signal.SIGKILL)


def is_temp(name: str) -> bool:
    return _TEMP.match(name) is not None


def _ident(path: str) -> Optional[List[int]]:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    return [st.st_dev, st.st_ino]


# --------------------------------------------------------------------------
# The installed tree as it is.
# --------------------------------------------------------------------------

class Tree:
    """What ``include/`` holds: ``dirs`` (posix, relative, "" excluded),
    ``entries`` (everything that is not a directory: files, links, ...),
    ``temps`` (our per-file temporaries among them), and the mode of each
    directory."""

    def __init__(self) -> None:
        self.dirs: List[str] = []
        self.entries: Set[str] = set()
        self.temps: Set[str] = set()
        self.modes: Dict[str, int] = {}


def scan(include: str) -> Tree:
    tree = Tree()
    _scan(include, "", tree)
    return tree


def _scan(top: str, rel: str, tree: Tree) -> None:
    path = os.path.join(top, rel) if rel else top
    try:
        with os.scandir(path) as it:
            found = list(it)
        tree.modes[rel] = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        raise InputError(f"cannot read directory: {exc.strerror}", path) from None
    for e in found:
        r = f"{rel}/{e.name}" if rel else e.name
        if r == MANIFEST:
            continue                        # written anew, never linked
        if e.is_dir(follow_symlinks=False):
            tree.dirs.append(r)
            _scan(top, r, tree)
        else:
            tree.entries.add(r)
            if is_temp(e.name):
                tree.temps.add(r)


def check_paths(include: str, tree: Tree, writes: Iterable[str]) -> None:
    """Before anything is made: each file to write has no non-directory in
    the way of its directories, and is not itself a directory."""
    dirs = set(tree.dirs)
    for dst in writes:
        if dst in dirs:
            raise InputError("is a directory, cannot install a header here",
                             os.path.join(include, dst))
        parts = dst.split("/")
        for i in range(1, len(parts)):
            anc = "/".join(parts[:i])
            if anc in tree.entries:
                what = ("is a symbolic link" if os.path.islink(os.path.join(include, anc))
                        else "exists and is not a directory")
                raise InputError(f"{what}; a directory of headers is installed here",
                                 os.path.join(include, anc))


def _ancestors(rel: str):
    while "/" in rel:
        rel = rel.rpartition("/")[0]
        yield rel


# --------------------------------------------------------------------------
# The journal.
# --------------------------------------------------------------------------

def _write_journal(parent: str, doc: dict) -> None:
    import json
    tmp = os.path.join(parent, f"{PREFIX}journal-tmp{os.getpid()}")
    data = json.dumps(doc, sort_keys=True).encode() + b"\n"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, os.path.join(parent, JOURNAL))
    except OSError as exc:
        _unlink_quiet(tmp)
        raise InputError(f"cannot write: {exc.strerror}", os.path.join(parent, JOURNAL)) from None


def _read_journal(parent: str) -> Optional[dict]:
    import json
    try:
        with open(os.path.join(parent, JOURNAL), "rb") as fh:
            doc = json.loads(fh.read())
        if not all(isinstance(doc.get(k), str) and doc[k].startswith(PREFIX)
                   and "/" not in doc[k] for k in ("stage", "aside")):
            return None
        if not all(isinstance(doc.get(k), list) for k in ("old", "new")):
            return None
        return doc
    except (OSError, ValueError, AttributeError):
        return None


def _unlink_quiet(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


# --------------------------------------------------------------------------
# The switch.
# --------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def exchange(a: str, b: str) -> None:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE);
    OSError(ENOSYS) where there is no such call."""
    if _NO_EXCHANGE:
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
    import ctypes
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS)) from None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e), a)


def swap_update(include: str, tree: Tree, pending: Sequence[Tuple[str, bytes]],
                drop: Set[str], manifest_for: Callable[[Dict[str, list]], bytes],
                extra_dirs: Sequence[str], diagnostics: List[Diagnostic],
                make_stage: Callable[[str], str], write_new: Callable[[str, bytes], None]
                ) -> Dict[str, list]:
    """Replace ``include`` by: its current tree, less ``drop``, our
    temporaries and the manifest, with ``pending`` written over it and
    ``manifest_for(stats of the files written)`` as its manifest.  Returns
    those stats ([size, mtime_ns] per written file).  An ``include`` that
    is a symbolic link stays one: the directory it points to is switched."""
    include = os.path.realpath(include)
    parent = os.path.dirname(include)
    replace = {dst for dst, _ in pending}
    gone = drop | tree.temps
    links = sorted(tree.entries - replace - gone - {MANIFEST})
    # directories: every one that holds something, those the plan asks for,
    # and every old one that did not become empty by what we dropped
    emptied = {a for r in gone for a in _ancestors(r)}
    need = set(extra_dirs)
    for r in links:
        need.update(_ancestors(r))
    for r in replace:
        need.update(_ancestors(r))
    need.update(d for d in tree.dirs if d not in emptied)
    for d in list(need):
        need.update(_ancestors(d))
    stage = make_stage(parent)
    _write_journal(parent, {"stage": os.path.basename(stage),
                            "aside": os.path.basename(stage) + ".old",
                            "old": _ident(include), "new": _ident(stage), "pid": os.getpid()})
    stats: Dict[str, list] = {}
    try:
        kill_point("journal")
        top = stage + os.sep
        src = include + os.sep
        mask = os.umask(0)
        os.umask(mask)
        made = 0o777 & ~mask                # what mkdir gives; chmod only for another mode
        try:
            if tree.modes.get("", made) != made:
                os.chmod(stage, tree.modes[""])
            for d in sorted(need, key=lambda p: (p.count("/"), p)):
                os.mkdir(top + d)
                if tree.modes.get(d, made) != made:
                    os.chmod(top + d, tree.modes[d])
        except OSError as exc:
            raise InputError(f"cannot create directory: {exc.strerror}",
                             os.path.join(include, exc.filename or "")) from None
        n = 0
        link = os.link
        for r in links:
            try:
                link(src + r, top + r, follow_symlinks=False)
            except OSError:
                _link_or_copy(src + r, top + r, include)
            n += 1
            if _KILL:
                kill_point("stage", n)
        for dst, data in pending:
            try:
                write_new(top + dst, data)
                st = os.stat(top + dst)
            except OSError as exc:
                raise InputError(f"cannot write: {exc.strerror}",
                                 os.path.join(include, dst)) from None
            stats[dst] = [st.st_size, st.st_mtime_ns]
            n += 1
            kill_point("stage", n)
        try:
            write_new(top + MANIFEST, manifest_for(stats))
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}",
                             os.path.join(include, MANIFEST)) from None
        kill_point("staged")
        old = _switch(stage, include)
    except BaseException:
        import shutil
        shutil.rmtree(stage, ignore_errors=True)
        _unlink_quiet(os.path.join(parent, JOURNAL))
        raise
    kill_point("switched")
    discard_old(old, include, diagnostics)
    _unlink_quiet(os.path.join(parent, JOURNAL))
    return stats


def _switch(stage: str, include: str) -> str:
    """Put ``stage`` at ``include``; return where the old tree now is."""
    try:
        exchange(stage, include)
        return stage
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise InputError(f"cannot switch to the new install: {exc.strerror}",
                             include) from None
    aside = stage + ".old"
    try:
        os.rename(include, aside)
    except OSError as exc:
        raise InputError(f"cannot switch to the new install: {exc.strerror}", include) from None
    kill_point("aside")
    try:
        os.rename(stage, include)
    except OSError as exc:
        os.rename(aside, include)
        raise InputError(f"cannot switch to the new install: {exc.strerror}", include) from None
    return aside


def _link_or_copy(a: str, b: str, include: str) -> None:
    try:
        os.link(a, b, follow_symlinks=False)
        return
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK,
                             errno.EXDEV, errno.EACCES):
            raise InputError(f"cannot link into the new install: {exc.strerror}",
                             a) from None
    import shutil                          # no hard links here: a copy, mtime kept
    try:
        shutil.copy2(a, b, follow_symlinks=False)
    except OSError as exc:
        raise InputError(f"cannot copy into the new install: {exc.strerror}", a) from None


# --------------------------------------------------------------------------
# The old tree, after the switch.
# --------------------------------------------------------------------------

def discard_old(old: str, include: str, diagnostics: List[Diagnostic],
                count: Optional[List[int]] = None) -> None:
    """Remove the previous tree ``old`` (switched out of ``include``), but
    only what is ours or also in the new tree.  A file in it is removed when
    the new tree has the same file (a link: same inode; or a copy: same
    bytes), when it is our temporary or the old manifest, or when the old
    manifest lists it (a file we replaced or dropped as stale).  Anything
    else appeared in ``include`` after the stage was built: it is moved into
    the new tree, or when the new tree has that name, the old tree is kept
    under a name that is not ours and a warning says where."""
    from hdrtool.install.installer import load_manifest
    from pathlib import Path
    listed, _ = load_manifest(Path(old))
    count = [0] if count is None else count
    kept: List[str] = []
    _discard(old, include, "", listed, diagnostics, kept, count)
    # the old manifest goes last: until then it says what of the old tree
    # is ours, should this be killed and done again by the next run
    manifest = os.path.join(old, MANIFEST)
    if os.path.lexists(manifest) and MANIFEST not in kept:
        os.unlink(manifest)
        count[0] += 1
        kill_point("discard", count[0])
    if kept:
        dest = _kept_name(os.path.dirname(include))
        os.rename(old, dest)
        for r in kept:
            diagnostics.append(Diagnostic(
                os.path.join(dest, r), None, "warning", "kept-during-install",
                f"appeared in {include} during the install and the new install has "
                f"another {r}; left here"))
        return
    try:
        os.rmdir(old)
    except OSError:
        pass


def _kept_name(parent: str) -> str:
    """A name that is not ours (never removed by a later run)."""
    n = 0
    while os.path.lexists(os.path.join(parent, f"include.hdrtool-kept.{n}")):
        n += 1
    return os.path.join(parent, f"include.hdrtool-kept.{n}")


def _discard(old: str, include: str, rel: str, listed: Dict[str, list],
             diagnostics: List[Diagnostic], kept: List[str], count: List[int]) -> bool:
    """Empty ``old/rel``; True when it could be (it was then removed)."""
    path = os.path.join(old, rel) if rel else old
    try:
        with os.scandir(path) as it:
            found = list(it)
    except OSError:
        kept.append(rel or ".")
        return False
    # the new tree's inodes of this directory, from readdir (no stat): an
    # entry of the old tree with the same inode is a link of it
    same: Dict[str, int] = {}
    try:
        with os.scandir(os.path.join(include, rel) if rel else include) as it:
            same = {e.name: e.inode() for e in it}
    except OSError:
        pass
    empty = True
    for e in found:
        r = f"{rel}/{e.name}" if rel else e.name
        if r == MANIFEST:
            continue                        # discard_old removes it last
        if same.get(e.name) == e.inode() and not e.is_dir(follow_symlinks=False):
            try:
                os.unlink(e.path)
            except FileNotFoundError:
                pass
            count[0] += 1
            if _KILL:
                kill_point("discard", count[0])
            continue
        if e.is_dir(follow_symlinks=False):
            if _discard(old, include, r, listed, diagnostics, kept, count):
                try:
                    os.rmdir(e.path)
                except OSError:
                    empty = False
            else:
                empty = False
            continue
        if not _remove_one(e.path, r, include, listed, diagnostics):
            kept.append(r)
            empty = False
            continue
        count[0] += 1
        kill_point("discard", count[0])
    return empty


def _remove_one(path: str, rel: str, include: str, listed: Dict[str, list],
                diagnostics: List[Diagnostic]) -> bool:
    new = os.path.join(include, rel)
    try:
        a = os.lstat(path)
    except OSError:
        return True
    try:
        b = os.lstat(new)
    except OSError:
        b = None
    ours = (b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)) \
        or is_temp(os.path.basename(rel)) or rel == MANIFEST or rel in listed \
        or (b is not None and _same_file(path, new, a, b))
    if ours:
        os.unlink(path)
        return True
    if b is None:                           # a user's file, new meanwhile: keep it
        try:
            os.makedirs(os.path.dirname(new), exist_ok=True)
            os.rename(path, new)
        except OSError:
            return False
        diagnostics.append(Diagnostic(new, None, "warning", "moved-during-install",
                                      "appeared during the install; moved into the new one"))
        return True
    return False


def _same_file(a: str, b: str, sa: os.stat_result, sb: os.stat_result) -> bool:
    if stat.S_IFMT(sa.st_mode) != stat.S_IFMT(sb.st_mode):
        return False
    if stat.S_ISLNK(sa.st_mode):
        return os.readlink(a) == os.readlink(b)
    if not stat.S_ISREG(sa.st_mode) or sa.st_size != sb.st_size:
        return False
    try:
        with open(a, "rb") as fa, open(b, "rb") as fb:
            return fa.read() == fb.read()
    except OSError:
        return False


# --------------------------------------------------------------------------
# The next run: complete or roll back, then clean.
# --------------------------------------------------------------------------

def recover(include: str) -> List[Diagnostic]:
    """Under the install's lock, before anything else: finish or undo a
    switch a killed run left half done, and remove every name of ours
    beside ``include`` (staging directories, the journal, temporaries)."""
    import shutil
    include = os.path.realpath(include)      # a link's directory is what is switched
    parent = os.path.dirname(include)
    try:
        names = [n for n in os.listdir(parent) if n.startswith(PREFIX)]
    except OSError:
        return []
    if not names:
        return []
    diags: List[Diagnostic] = []
    if JOURNAL in names:
        j = _read_journal(parent)
        if j is None:          # not ours as written (by rename): touch nothing
            raise InputError("unreadable install journal; the directories beside it may "
                             "hold the previous install: look at them, then remove them "
                             "and the journal", os.path.join(parent, JOURNAL))
        stage, aside = os.path.join(parent, j["stage"]), os.path.join(parent, j["aside"])
        now = _ident(include)
        if now is None and _ident(aside) == j["old"]:
            os.rename(aside, include)          # roll back the two-rename switch
            now = _ident(include)
        if now == j["new"]:                    # switched: complete it
            for d in (stage, aside):
                if _ident(d) == j["old"]:
                    discard_old(d, include, diags)
        for d in (stage, aside):               # never switched in: ours alone
            if os.path.lexists(d) and _ident(d) == j["new"]:
                shutil.rmtree(d, ignore_errors=True)
        for d in (stage, aside):
            if _ident(d) == j["old"]:          # include is neither: keep the old tree
                kept = _kept_name(parent)
                os.rename(d, kept)
                diags.append(Diagnostic(kept, None, "warning", "kept-during-install",
                                        "the previous install, left by a killed run while "
                                        "include/ was replaced by something else"))
        _unlink_quiet(os.path.join(parent, JOURNAL))
    for n in os.listdir(parent):
        if not n.startswith(PREFIX):
            continue
        p = os.path.join(parent, n)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p, ignore_errors=True)     # a stage never switched in
        else:
            _unlink_quiet(p)
    return diags


def remove_temps(include: str, temps: Iterable[str]) -> None:
    for r in temps:
        _unlink_quiet(os.path.join(include, r))
