"""The README's promise: its two commands work in either order in the same
checkout (issue 15 item 2).  `hdrtool all` leaves build/ in the checkout;
the suites that once took that build/ as the overlay of unrelated source
trees (32 failures) must still pass beside it.

The checkout is a copy of this one (its tracked and untracked, not ignored,
files), so the test writes nothing into the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

#: The suites that failed beside a build/ made by `hdrtool all`.
SUITES = ("tests/install/test_uptodate.py", "tests/install/test_install_cli.py",
          "tests/install/test_entry.py", "tests/merge/test_merge_install.py",
          "tests/install/test_objdir_owner.py")


def _copy_checkout(dst: Path) -> None:
    files = subprocess.run(["git", "-C", str(REPO), "ls-files", "-co", "--exclude-standard", "-z"],
                           capture_output=True, check=True).stdout.split(b"\0")
    for rel in filter(None, (f.decode() for f in files)):
        src = REPO / rel
        if src.is_file():
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / rel)


@pytest.mark.slow
def test_the_tests_pass_after_hdrtool_all_in_the_same_checkout(tmp_path):
    checkout = tmp_path / "hdrtool"
    _copy_checkout(checkout)
    env = dict(os.environ, PYTHONPATH=str(checkout))
    r = subprocess.run([sys.executable, "-m", "hdrtool", "all"], cwd=checkout, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (checkout / "build" / "include").is_dir()
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "-m", "not slow", *SUITES], cwd=checkout, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert (checkout / "build" / "include").is_dir()       # and nothing removed it
