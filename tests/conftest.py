"""Shared fixtures: the bundled tree, the C compiler, the real Linux tree.

Tests never write into the repository: everything they produce goes to
``tmp_path``.  Where a reference is missing (no compiler, no unifdef, no
32-bit libc, no Linux tree or the tools to build it) the test is skipped
with a loud reason, always through :func:`require_or_skip`: with
HDRTOOL_REQUIRE_REFS=1 (set by .ci/run) every such skip is a failure
instead; HDRTOOL_REQUIRE_LINUX=1 does the same for the Linux tree alone.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The code under test is this checkout's, in this process and in every
# `python -m hdrtool` a test starts (whatever cwd), never another checkout
# that happens to be pip-installed.
if sys.path[:1] != [str(REPO)]:
    sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(REPO)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])


def require_or_skip(msg: str, *, linux: bool = False) -> None:
    """A reference this test needs is missing: skip with ``msg``, or fail
    with it under HDRTOOL_REQUIRE_REFS=1 (or, for the Linux tree and its
    build tools, ``linux=True``, HDRTOOL_REQUIRE_LINUX=1)."""
    if os.environ.get("HDRTOOL_REQUIRE_REFS") or (linux and os.environ.get("HDRTOOL_REQUIRE_LINUX")):
        pytest.fail(f"{msg} (a reference is required here: HDRTOOL_REQUIRE_REFS/"
                    "HDRTOOL_REQUIRE_LINUX is set)", pytrace=False)
    pytest.skip(msg)


#: Debian's unifdef, the reference for the directive engine.
UNIFDEF = shutil.which("unifdef")


@pytest.fixture(scope="session")
def unifdef() -> str:
    """The path of unifdef(1); a missing one goes through require_or_skip."""
    if UNIFDEF is None:
        require_or_skip("NO UNIFDEF: install Debian's unifdef package")
    return UNIFDEF


@pytest.fixture(scope="session")
def srctree() -> Path:
    """The bundled source tree (read-only: copy it before changing anything)."""
    return REPO


def _find_unpacked(env_var: str, *patterns: str) -> Path | None:
    """An unpacked Linux tree: $env_var, else the first glob hit."""
    env = os.environ.get(env_var)
    candidates = [env] if env else []
    for pattern in patterns:
        candidates += sorted(glob.glob(pattern))
    for c in candidates:
        if c and (Path(c) / "Makefile").is_file() and (Path(c) / "include/uapi").is_dir():
            return Path(c)
    return None


@pytest.fixture(scope="session")
def linux_src() -> Path:
    """A real Linux 6.1 source tree (read-only; run the kernel's make with O=)."""
    path = _find_unpacked("HDRTOOL_LINUX_SRC", "/var/tmp/hdrtool-linux/linux-source-6.1",
                          "/usr/src/linux-source-6.1/")
    if path is None:
        msg = ("NO LINUX SOURCE TREE: set HDRTOOL_LINUX_SRC or install linux-source-6.1 "
               "and unpack it under /var/tmp/hdrtool-linux (bash .ci/run does this)")
        require_or_skip(msg, linux=True)
    return path


@pytest.fixture(scope="session")
def cc() -> str:
    """The C compiler ($CC, default cc); skips loudly where there is none."""
    compiler = os.environ.get("CC") or "cc"
    if shutil.which(compiler.split()[0]) is None:
        require_or_skip(f"NO C COMPILER: {compiler!r} not found")
    return compiler


# --------------------------------------------------------------------------
# The real releases of ../shared/linux-trees (2.6.23, 4.4.121) and Debian's
# linux-source-6.12: unpacked once per session into a temporary directory.
# --------------------------------------------------------------------------

SHARED_TREES = Path(os.environ.get("HDRTOOL_LINUX_TREES", REPO.parent / "shared" / "linux-trees"))


@pytest.fixture(scope="session")
def shared_linux(tmp_path_factory):
    """``shared_linux(release)`` -> (source tree, {ARCH: reference include dir})."""
    import subprocess
    cache = {}

    def get(release: str):
        if release in cache:
            return cache[release]
        top = SHARED_TREES / f"linux-{release}"
        if not (top / "src.tar.xz").is_file():
            require_or_skip(f"NO SHARED LINUX TREE: {top}/src.tar.xz (../shared/linux-trees)", linux=True)
        work = tmp_path_factory.mktemp(f"linux-{release}")
        subprocess.run(["tar", "-xJf", str(top / "src.tar.xz"), "-C", str(work)], check=True)
        refs = {}
        for ref in sorted(top.glob("ref-*.tar.xz")):
            arch = ref.name[len("ref-"):-len(".tar.xz")]
            dest = work / f"ref-{arch}"
            dest.mkdir()
            subprocess.run(["tar", "-xJf", str(ref), "-C", str(dest)], check=True)
            refs[arch] = dest / "include"
        cache[release] = (work / f"linux-{release}", refs)
        return cache[release]
    return get


@pytest.fixture(scope="session")
def linux612_src() -> Path:
    """Debian's linux-source-6.12, unpacked (read-only; .ci/run unpacks it)."""
    path = _find_unpacked("HDRTOOL_LINUX612_SRC", "/var/tmp/hdrtool-linux612/linux-source-6.12")
    if path is None:
        require_or_skip("NO LINUX 6.12 TREE: set HDRTOOL_LINUX612_SRC or unpack linux-source-6.12 "
                 "under /var/tmp/hdrtool-linux612 (bash .ci/run does this)", linux=True)
    return path
