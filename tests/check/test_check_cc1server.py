"""The cc1 fork server (hdrtool/check/cc1server.py, cc1_server.c).

What must hold for it to stand in for one compiler run per header:
each request is compiled from a fresh compiler state (nothing leaks from
one request to the next), its status and messages are its own, and
wherever the server cannot work, headers_check says so and compiles the
usual way with the same results.  The golden tests of headers_check run in
both modes (tests/test_golden_cases.py); the Linux tests compare the server with
the kernel's own compile test on a deliberately broken copy of the Linux
install (test_check_linux.py).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hdrtool.check import cc1server, check_tree
from hdrtool.check.cc1server import Cc1Pool, Unavailable
from hdrtool.check.compile import UAPI_CFLAGS, _C_LOCALE, compile_headers
from hdrtool.core.errors import InputError

GOLDEN = Path(__file__).parent.parent / "golden" / "headers_check"


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    """The shim's cache, per test session (not the user's ~/.cache)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def pool(tmp_path, cc):
    with Cc1Pool(cc.split(), list(UAPI_CFLAGS), tmp_path, 2, _C_LOCALE) as p:
        yield p


def one(pool, text):
    return pool.map(lambda server, t: server.compile(t), [text])[0]


def test_each_request_starts_from_a_fresh_compiler(pool):
    assert one(pool, "int hdrtool_a;\n#define HDRTOOL_M 1\n") == (0, "")
    status, out = one(pool, "int hdrtool_b = sizeof(hdrtool_a);\n")
    assert status == 1 and "'hdrtool_a' undeclared" in out
    assert one(pool, "#ifdef HDRTOOL_M\n#error leaked\n#endif\n") == (0, "")


def test_status_and_messages_are_the_requests_own(pool):
    texts = [("int ok%d;\n" % i) if i % 3 else ("int bad%d = ;\n" % i) for i in range(60)]
    results = pool.map(lambda server, t: server.compile(t), texts)
    for i, (status, out) in enumerate(results):
        if i % 3:
            assert (status, out) == (0, "")
        else:
            assert status == 1 and f"'bad{i}'" not in out and "expected expression" in out
            assert out.count("error:") == 1


def test_messages_carry_the_include_chain(pool, tmp_path):
    h = tmp_path / "broken.h"
    h.write_text("#ifndef BROKEN_H\n#define BROKEN_H\nint broken = ;\n#endif\n")
    status, out = one(pool, f'#include "{h}"\n')
    assert status == 1
    assert f"In file included from {tmp_path}/hdrtool-tu.h:1" in out
    assert f"from {tmp_path}/hdrtool-tu.c:1" in out
    assert f"{h}:3:" in out


def test_warnings_do_not_fail_and_werror_does(pool):
    status, out = one(pool, "static void f(void) { int unused; }\n")
    assert status == 0 and "warning:" in out
    status, out = one(pool, "static void f(void) { g(); }\n")
    assert status == 1 and "implicit declaration of function 'g'" in out


def test_the_one_documented_difference_is_the_include_level(pool):
    # the text sits one include level deeper than a file compiled on its own
    assert one(pool, "#if __INCLUDE_LEVEL__ != 1\n#error level\n#endif\n") == (0, "")


def test_servers_end_cleanly(tmp_path, cc):
    p = Cc1Pool(cc.split(), list(UAPI_CFLAGS), tmp_path, 2, _C_LOCALE)
    procs = [s._proc for s in p.servers]
    p.close()
    assert [pr.returncode for pr in procs] == [0, 0]


def test_the_shim_is_built_once(tmp_path, cc):
    (tmp_path / "a").mkdir()
    with Cc1Pool(cc.split(), [], tmp_path / "a", 1, _C_LOCALE):
        pass
    built = list((Path(os.environ["XDG_CACHE_HOME"]) / "hdrtool").glob("cc1-server-*.so"))
    assert len(built) == 1
    mtime = built[0].stat().st_mtime_ns
    (tmp_path / "b").mkdir()
    with Cc1Pool(cc.split(), [], tmp_path / "b", 1, _C_LOCALE):
        pass
    assert built[0].stat().st_mtime_ns == mtime


# --------------------------------------------------------------------------
# Where the server cannot work: the usual way, same results, and said why.
# --------------------------------------------------------------------------

def _tree() -> Path:
    return GOLDEN / "compile_error" / "input"


def _both(tree, cc, **kw):
    how = []
    got = compile_headers(tree, sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.h")),
                          cc=cc, jobs=2, how=how, **kw)
    return {rel: (o.ok, o.diagnostics) for rel, o in got.items()}, how


def test_a_driver_that_is_not_gcc_falls_back(tmp_path, cc):
    wrapper = tmp_path / "notgcc"
    wrapper.write_text('#!/bin/sh\nfor a; do [ "$a" = "-###" ] && exit 1; done\n'
                       f'exec {cc} "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    served, how1 = _both(_tree(), cc)
    fallback, how2 = _both(_tree(), str(wrapper))
    assert how1 == ["cc1 fork servers: 2"]
    assert how2[0].startswith("compiler runs of up to 48 files (") and "-###" in how2[0]
    assert fallback == served
    assert any(not ok for ok, _ in served.values())


def test_a_shim_that_does_not_load_falls_back(tmp_path, cc, monkeypatch):
    bogus = tmp_path / "bogus.so"
    bogus.write_text("not an ELF file\n")
    monkeypatch.setattr(cc1server, "build_shim", lambda cc, cc1: bogus)
    served, how = _both(_tree(), cc)
    assert how[0].startswith("compiler runs of up to 48 files (cc1 fork server")
    monkeypatch.undo()
    assert served == _both(_tree(), cc)[0]


def test_forcing_an_unavailable_server_is_an_input_error(tmp_path, cc, monkeypatch):
    def unavailable(*a):
        raise Unavailable("no cc1 here")
    monkeypatch.setattr(cc1server, "cc1_command", unavailable)
    with pytest.raises(InputError, match="no cc1 here"):
        _both(_tree(), cc, server=True)


def test_environment_switch_and_result_field(monkeypatch, cc):
    assert check_tree(_tree(), arch="x86_64", cc=cc, jobs=2).compiler == "cc1 fork servers: 2"
    monkeypatch.setenv("HDRTOOL_CC1_SERVER", "0")
    assert check_tree(_tree(), arch="x86_64", cc=cc, jobs=2).compiler == \
        "compiler runs of up to 48 files"
