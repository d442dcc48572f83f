"""Regenerate the golden files under tests/golden/ after a reviewed change.

    python3 tests/regen.py                         # every golden suite
    python3 tests/regen.py tests/test_gen.py -k error_golden

It runs the given tests (default: every suite that has goldens) with a
recorder installed in :mod:`goldens`, so each ``goldens.expect`` notes what
the code produced instead of comparing; then it writes what was noted (only
files whose bytes changed, removing the ones that must not exist) and lists
them.  Read ``git diff tests/golden`` before committing, then run the tests:
this script is not a test run, and a test run never regenerates anything.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

#: Suites whose expected files live under tests/golden/.
SUITES = ("test_golden_cases.py", "test_config.py", "test_gen.py", "test_merge.py",
          "test_merge_bad.py", "test_merge_bundled.py")


class _Plugin:
    def __init__(self, recorder) -> None:
        self.recorder = recorder

    def pytest_configure(self, config) -> None:
        import goldens
        goldens.recorder = self.recorder


def _write(path: Path, data) -> bool:
    if data is None:
        if path.exists():
            path.unlink()
            return True
        return False
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _write_tree(root: Path, files) -> bool:
    old = None
    if root.is_dir():
        old = {p.relative_to(root).as_posix(): p.read_bytes()
               for p in root.rglob("*") if p.is_file()}
    if old == files:
        return False
    if root.exists():
        shutil.rmtree(root)
    for rel, data in (files or {}).items():
        _write(root / rel, data)
    return True


def main(argv) -> int:
    import pytest
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO))
    import goldens
    recorder = goldens.Recorder()
    args = list(argv) or [str(p) for s in SUITES for p in sorted(HERE.rglob(s))]
    rc = pytest.main(["-q", "-p", "no:cacheprovider", *args], plugins=[_Plugin(recorder)])
    changed = [p for p, d in sorted(recorder.files.items()) if _write(p, d)]
    changed += [p for p, t in sorted(recorder.trees.items()) if _write_tree(p, t)]
    for p in changed:
        print(f"  REGEN   {p.relative_to(REPO) if REPO in p.parents else p}")
    print(f"regen: {len(recorder.files) + len(recorder.trees)} golden file(s) and "
          f"directories seen, {len(changed)} rewritten"
          + ("" if rc == 0 else f"; pytest exited {int(rc)}: read its failures too"))
    return 0 if rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
