"""``linux/version.h`` as the tree's own Makefile writes it.

Every release generates ``version.h`` from a ``define filechk_version.h``
block in its top Makefile, and the block changed over the years (2.6.23
writes two lines, 6.12 five, with a SUBLEVEL clamp).  Rather than keep a
copy of each, hdrtool runs that very block with make: it writes a small
makefile holding the tree's ``VERSION``/``PATCHLEVEL``/``SUBLEVEL``/
``EXTRAVERSION`` assignments and the block, and takes what it prints.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from hdrtool.core.errors import InputError

_DEFINE = re.compile(rb"^define filechk_version\.h[ \t]*\n(.*?)^endef[ \t]*$", re.M | re.S)
_VARS = re.compile(rb"^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)[ \t]*=.*$", re.M)


def version_h(makefile: bytes, path: str = "Makefile") -> bytes:
    """The bytes ``filechk_version.h`` of ``makefile`` prints (make and a
    POSIX shell must be installed, as for the kernel's own build)."""
    block = _DEFINE.search(makefile)
    if block is None:
        raise InputError("no 'define filechk_version.h' block: cannot tell how this tree "
                         "writes linux/version.h", path)
    assigns = b"\n".join(m.group(0) for m in _VARS.finditer(makefile))
    if b"VERSION" not in assigns:
        raise InputError("cannot read VERSION/PATCHLEVEL/SUBLEVEL", path)
    make = shutil.which("make")
    if make is None:
        raise InputError("make is needed to run the tree's filechk_version.h", path)
    text = (assigns + b"\ndefine filechk_version.h\n" + block.group(1)
            + b"endef\n.PHONY: all\nall:\n\t@$(filechk_version.h)\n")
    with tempfile.NamedTemporaryFile("wb", suffix=".mk", delete=False) as f:
        f.write(text)
    try:
        proc = subprocess.run([make, "-s", "-r", "-R", "-f", f.name, "all"],
                              capture_output=True, env={**os.environ, "LC_ALL": "C"})
    finally:
        os.unlink(f.name)
    if proc.returncode != 0 or not proc.stdout:
        lineno = makefile.count(b"\n", 0, block.start()) + 1
        raise InputError("filechk_version.h failed: "
                         + proc.stderr.decode("utf-8", "replace").strip(), path, lineno)
    return proc.stdout
