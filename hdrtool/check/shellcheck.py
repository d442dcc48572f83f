"""A tree's ``scripts/hdrcheck.sh`` (2.6.18-2.6.26), run the way sh runs it.

Per installed header, as ``scripts/Makefile.headersinst``'s ``cmd_check``
calls it (``hdrcheck.sh $(INSTALL_HDR_PATH)/include FILE STAMP``): ``grep``
the lines matching its pattern (a basic regex: ``[ \\t]`` there is space,
backslash and ``t``, so a tab after ``#`` hides the line), keep what lies
between the first ``<`` and the next ``>``, keep those starting as its
``egrep`` says (``^linux|^asm``), split the lot into words as the shell
does, and fail at the first word that is not a readable file or directory
under the install.  One finding at most per header.  Not modelled: the
shell's pathname expansion of a word holding ``*?[`` (relative to make's
working directory).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import List

from hdrtool.check import codes
from hdrtool.check.perlcheck import physical_lines
from hdrtool.core.errors import Diagnostic

#: The shell's default IFS (space, tab, newline; not \r or \f).
_IFS = re.compile(rb"[ \t\n]+")


def run_shell_check(check, root: Path, data: bytes, shown: str) -> List[Diagnostic]:
    """What ``sh hdrcheck.sh ROOT ROOT/rel STAMP`` reports for one header."""
    base = os.fsencode(root)
    for lineno, line in enumerate(physical_lines(data), 1):
        line = line.rstrip(b"\n")
        if not check.include_line.search(line):
            continue
        name = line.split(b"<", 1)[1].split(b">", 1)[0]
        if not check.keep.search(name):
            continue
        for word in _IFS.split(name):
            if not word:
                continue
            if not os.access(base + b"/" + word, os.R_OK):
                message = check.message.format(file=word.decode("latin-1"))
                return [Diagnostic(shown, lineno, "error", codes.INCLUDE_NOT_EXPORTED, message)]
    return []
