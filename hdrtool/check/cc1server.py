"""Compile many small translation units with GCC's cc1, forked, not exec'd.

A header's compile test is tiny: most of a ``cc -fsyntax-only`` run is the
compiler starting up (exec, dynamic linking, target and builtin
initialisation), ~5 ms, against ~1 ms of parsing.  :class:`Cc1Server` starts
cc1 once, with the exact command line the driver would give it for a
translation unit, and ``cc1_server.c`` (preloaded into it) forks it at the
point where the preprocessor opens the unit's placeholder include: each
request is then compiled by its own child process, from the state a fresh
cc1 has at that point, and reports its own exit status and messages.

The translation unit is ``hdrtool-tu.c``, one line ``#include
"hdrtool-tu.h"``; a request's text is what the placeholder holds in that
child.  Compared with compiling the text as a file of its own, the only
differences are one more include level (``__INCLUDE_LEVEL__``, and one more
"In file included from" frame in messages) and the main file's name.

Only for GCC on glibc.  Anything unexpected (no cc1, a driver that does not
answer ``-###``, a shim that cannot be built or loaded, a self-test that
does not give the known answers) raises :class:`Unavailable`, and the
caller compiles the usual way.
"""

from __future__ import annotations

import hashlib
import os
import queue
import shlex
import struct
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

SHIM_SOURCE = Path(__file__).with_name("cc1_server.c")
TU_NAME = "hdrtool-tu.c"
PLACEHOLDER = "hdrtool-tu.h"
_PLACEHOLDER_TEXT = '#error "hdrtool: the cc1 fork server did not engage"\n'
_HEADER = struct.Struct("=II")


class Unavailable(Exception):
    """The fork server cannot be used here; the message says why."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hdrtool"


def _run(argv: Sequence[str], cwd: Optional[Path] = None, env=None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True, text=True,
                              errors="replace", stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise Unavailable(f"cannot run {argv[0]}: {exc.strerror}") from None


def cc1_command(cc: Sequence[str], flags: Sequence[str], tu: Path, env) -> List[str]:
    """cc1's command line for ``cc FLAGS -fsyntax-only tu``, as the driver
    reports it with ``-###``."""
    proc = _run(list(cc) + list(flags) + ["-fsyntax-only", "-###", "-x", "c", str(tu)],
                cwd=tu.parent, env=env)
    if proc.returncode != 0:
        raise Unavailable(f"'{' '.join(cc)} -###' failed")
    cmds = [shlex.split(line) for line in proc.stderr.splitlines() if line.startswith(" ")]
    if len(cmds) != 1 or os.path.basename(cmds[0][0]) != "cc1":
        raise Unavailable("the compiler driver does not run GCC's cc1 alone for -fsyntax-only")
    argv = cmds[0]
    if argv.count(str(tu)) != 1 or not os.access(argv[0], os.X_OK):
        raise Unavailable("unexpected cc1 command line")
    return argv


def build_shim(cc: Sequence[str], cc1: str) -> Path:
    """``cc1_server.c`` compiled for ``cc1`` (cached by source and compiler)."""
    source = SHIM_SOURCE.read_bytes()
    st = os.stat(cc1)
    key = hashlib.sha256(source + f"\0{' '.join(cc)}\0{os.path.realpath(cc1)}\0"
                         f"{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()[:20]
    out = _cache_dir() / f"cc1-server-{key}.so"
    if out.is_file():
        return out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        where = out.parent
    except OSError:
        where = Path(tempfile.mkdtemp(prefix="hdrtool-cc1-"))   # no cache: build for this run
        out = where / out.name
    tmp = where / f".{out.name}.{os.getpid()}"
    proc = _run(list(cc) + ["-O2", "-shared", "-fPIC", "-o", str(tmp), str(SHIM_SOURCE), "-ldl"])
    if proc.returncode != 0:
        raise Unavailable("cannot build the cc1 fork server: "
                          + (proc.stderr.strip().splitlines() or ["?"])[-1])
    os.replace(tmp, out)
    return out


class Cc1Server:
    """One cc1 serving requests one at a time (use one per job)."""

    def __init__(self, argv: Sequence[str], shim: Path, scratch: Path, env: Dict[str, str]):
        placeholder = scratch / PLACEHOLDER
        req_r, self._req = os.pipe()
        self._reply, reply_w = os.pipe()
        env = dict(env)
        env["LD_PRELOAD"] = " ".join(filter(None, [str(shim), env.get("LD_PRELOAD", "")]))
        env["HDRTOOL_CC1_SERVE"] = f"{req_r},{reply_w},{placeholder}"
        try:
            self._proc = subprocess.Popen(list(argv), cwd=scratch, env=env, pass_fds=(req_r, reply_w),
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE)
        except OSError as exc:
            os.close(self._req)
            os.close(self._reply)
            raise Unavailable(f"cannot start cc1: {exc.strerror}") from None
        finally:
            os.close(req_r)
            os.close(reply_w)

    def compile(self, text: str) -> Tuple[int, str]:
        """cc1's exit status and messages for ``text`` as the placeholder."""
        data = text.encode()
        try:
            os.write(self._req, struct.pack("=I", len(data)) + data)
            status, size = _HEADER.unpack(self._read(_HEADER.size))
            return status, self._read(size).decode("utf-8", "replace")
        except (OSError, EOFError):
            raise Unavailable("cc1 fork server stopped: " + self._stderr()) from None

    def _read(self, n: int) -> bytes:
        chunks, got = [], 0
        while got < n:
            chunk = os.read(self._reply, n - got)
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def _stderr(self) -> str:
        """Why the server stopped: the first line cc1 itself printed."""
        self._stop()
        err = self._proc.stderr.read().decode("utf-8", "replace") if self._proc.stderr else ""
        self.close()
        return (err.strip().splitlines() or [f"exit status {self._proc.returncode}"])[0]

    def _stop(self) -> None:
        for fd in (self._req, self._reply):
            if fd >= 0:
                os.close(fd)
        self._req = self._reply = -1          # end of requests: the server exits
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def close(self) -> None:
        self._stop()
        if self._proc.stderr:
            self._proc.stderr.close()


def _self_test(server: Cc1Server) -> None:
    """Known answers: a syntax error fails, at the placeholder's line 1, and
    a declaration passes silently.  Anything else: not this server."""
    status, out = server.compile("int hdrtool_probe = ;\n")
    if status != 1 or f"{PLACEHOLDER}:1:" not in out or "error:" not in out:
        raise Unavailable("cc1 fork server self-test failed: " + (out.strip().splitlines() or
                                                                   [f"status {status}"])[0])
    status, out = server.compile("typedef int hdrtool_probe;\n")
    if status != 0 or out:
        raise Unavailable(f"cc1 fork server self-test failed: status {status}")


class Cc1Pool:
    """``jobs`` servers for one command line; :meth:`map` spreads requests."""

    def __init__(self, cc: Sequence[str], flags: Sequence[str], scratch: Path, jobs: int,
                 env: Dict[str, str]):
        tu = scratch / TU_NAME
        tu.write_text(f'#include "{PLACEHOLDER}"\n')
        (scratch / PLACEHOLDER).write_text(_PLACEHOLDER_TEXT)
        argv = cc1_command(cc, flags, tu, env)
        shim = build_shim(cc, argv[0])
        self.servers: List[Cc1Server] = []
        try:
            for _ in range(max(1, jobs)):
                server = Cc1Server(argv, shim, scratch, env)
                self.servers.append(server)
                _self_test(server)
        except BaseException:
            self.close()
            raise

    def map(self, fn: Callable[[Cc1Server, str], object], items: Iterable[str]) -> List:
        """``fn(server, item)`` for each item, on the servers in parallel, in order."""
        idle: "queue.SimpleQueue[Cc1Server]" = queue.SimpleQueue()
        for s in self.servers:
            idle.put(s)

        def one(item: str):
            server = idle.get()
            try:
                return fn(server, item)
            finally:
                idle.put(server)

        with ThreadPoolExecutor(max_workers=len(self.servers)) as pool:
            return list(pool.map(one, items))

    def close(self) -> None:
        for s in self.servers:
            s.close()

    def __enter__(self) -> "Cc1Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
