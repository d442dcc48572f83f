"""Run Linux's own compile test (usr/include/Makefile) on an installed tree.

Used by tests/test_check_linux.py (as the reference) and
benchmarks/headers_check.py (as the competitor).  It runs the kernel's real
kbuild rules, not a copy of them: ``make -f scripts/Makefile.build
obj=usr/include`` from a scratch objtree whose usr/include is a copy of the
tree, with the variables the top-level Makefile would pass (CC, PERL,
SRCARCH, and KBUILD_CFLAGS carrying -m32/-m64, which is all that
usr/include/Makefile takes from it).  Skipping the top-level Makefile
skips `prepare` (objtool, kconfig), which a full
`make allnoconfig + UAPI_HEADER_TEST + make usr/include/` would build first
(about 30 s here) without changing a single HDRTEST command.  The one tool
the rules need, scripts/basic/fixdep, is compiled from the kernel's source.

The result: which headers passed (their .hdrtest stamp exists after
``make -k``) and which failed.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Set


@dataclass
class KernelHdrtest:
    src: Path          # the Linux source tree (read-only)
    objtree: Path      # scratch; usr/include inside it is the tree under test
    srcarch: str
    cflags: Sequence[str]
    cc: str = "gcc"

    @classmethod
    def prepare(cls, src: Path, tree: Path, objtree: Path, srcarch: str,
                cflags: Sequence[str], cc: str = "gcc") -> "KernelHdrtest":
        """Copy ``tree`` (an installed include dir) to objtree/usr/include and
        build fixdep."""
        dest = objtree / "usr" / "include"
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(tree, dest, symlinks=True)
        (dest / "Makefile").unlink(missing_ok=True)
        fixdep = objtree / "scripts" / "basic" / "fixdep"
        fixdep.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["gcc", "-O2", "-o", str(fixdep), str(src / "scripts/basic/fixdep.c")],
                       check=True)
        return cls(src, objtree, srcarch, tuple(cflags), cc)

    @property
    def include(self) -> Path:
        return self.objtree / "usr" / "include"

    def clean(self) -> None:
        for stamp in list(self.include.rglob("*.hdrtest")) + list(self.include.rglob(".*.cmd")) \
                + list(self.include.rglob(".*.d")):
            stamp.unlink()

    def argv(self, jobs: int) -> List[str]:
        return ["make", "-k", f"-j{jobs}", "-f", str(self.src / "scripts/Makefile.build"),
                "obj=usr/include", "src=usr/include", f"srctree={self.src}",
                f"CC={self.cc}", "PERL=perl", f"SRCARCH={self.srcarch}",
                "KBUILD_CPPFLAGS=", f"KBUILD_CFLAGS={' '.join(self.cflags)}", "quiet=quiet_"]

    def run(self, jobs: int = 2) -> subprocess.CompletedProcess:
        self.clean()
        return subprocess.run(self.argv(jobs), cwd=self.objtree, capture_output=True, text=True)

    def headers(self) -> List[str]:
        return sorted(p.relative_to(self.include).as_posix() for p in self.include.rglob("*.h"))

    def passed(self) -> Set[str]:
        return {p.relative_to(self.include).as_posix()[:-len(".hdrtest")] + ".h"
                for p in self.include.rglob("*.hdrtest")}
