"""The one comparison every golden suite makes, and the one way to rewrite it.

A test compares what it produced with an expected file under tests/golden/
through :func:`expect` (one file) or :func:`expect_tree` (a directory of
files).  In a test run they only read and assert: a test never writes into
the repository, and a stale or missing golden file is a failure, never a
reason to rewrite it.

Regeneration after a reviewed change is ``python3 tests/regen.py [pytest
args]`` (see its docstring): it runs the same tests with a
:class:`Recorder` installed, so ``expect`` notes what the code produced
instead of comparing; regen.py then writes the notes and lists what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Union

Data = Union[bytes, str, None]


class Recorder:
    """What a regeneration run saw: path -> bytes (None: must not exist),
    and directories to replace wholesale."""

    def __init__(self) -> None:
        self.files: Dict[Path, Optional[bytes]] = {}
        self.trees: Dict[Path, Optional[Dict[str, bytes]]] = {}


#: Installed only by tests/regen.py (its pytest plugin); None in a test run.
recorder: Optional[Recorder] = None


def _bytes(data: Data) -> Optional[bytes]:
    return data.encode("utf-8") if isinstance(data, str) else data


def expect(path: Path, actual: Data) -> None:
    """``actual`` must equal the bytes of ``path`` (str is compared as
    UTF-8); ``actual`` None: ``path`` must not exist."""
    path = Path(path)
    want = _bytes(actual)
    if recorder is not None:
        recorder.files[path] = want
        return
    if want is None:
        assert not path.exists(), f"{path} should not exist (python3 tests/regen.py removes it)"
        return
    assert path.is_file(), f"missing golden file {path} (python3 tests/regen.py creates it)"
    got = path.read_bytes()
    if isinstance(actual, str):
        assert actual == got.decode("utf-8"), f"differs from {path}"
    else:
        assert actual == got, f"differs from {path}"


def expect_tree(root: Path, actual: Optional[Dict[str, bytes]], read) -> None:
    """The files below ``root`` (``read(root)`` -> {relative path: bytes})
    must be ``actual``; None: ``root`` must not exist."""
    root = Path(root)
    if recorder is not None:
        recorder.trees[root] = actual
        return
    if actual is None:
        assert not root.exists(), f"{root} should not exist (python3 tests/regen.py removes it)"
        return
    assert root.is_dir(), f"missing golden directory {root} (python3 tests/regen.py creates it)"
    assert actual == read(root), f"differs from {root}"
