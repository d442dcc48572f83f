"""The top Makefile's SRCARCH block of a merged tree (pure).

A merged tree has no ALTARCH: ARCH=i386 and ARCH=x86_64 find the merged
directory through the top Makefile, as in Linux 2.6.24, whose Makefile has::

    SRCARCH 	:= $(ARCH)

    # Additional ARCH settings for x86
    ifeq ($(ARCH),i386)
            SRCARCH := x86
    endif

which is what :func:`hdrtool.core.era.srcarch_map` reads when the merged tree is
installed.  The block goes after the ``UTS_MACHINE := $(ARCH)`` line (where
2.6.24 has it); a Makefile that maps every old name already is left alone.
"""

from __future__ import annotations

import re
from typing import List, Mapping, Tuple

from hdrtool.core.errors import Diagnostic

MAKEFILE = "Makefile"
_AFTER = re.compile(rb"^UTS_MACHINE[ \t]*:=[ \t]*\$\(ARCH\)[ \t]*\n", re.M)
_SET = re.compile(rb"^SRCARCH[ \t]*:=", re.M)


def srcarch_edits(data: bytes, srcarch: Mapping[str, str], into: str
                  ) -> Tuple[tuple, List[Diagnostic]]:
    """(edits of the Makefile ``data``, notes): the block mapping each old
    ARCH of ``srcarch`` (``{"i386": "x86"}``) that the Makefile does not map
    yet; ``into`` is the merged include directory, for the comment."""
    from hdrtool.core.era import srcarch_map
    from hdrtool.merge.plan import Edit
    have = srcarch_map(data.decode("latin-1"))
    need = {a: d for a, d in srcarch.items() if have.get(a) != d}
    if not need:
        return (), []
    m = _AFTER.search(data)
    if m is None:
        return (), [Diagnostic(
            MAKEFILE, None, "warning", "merge-srcarch",
            f"no 'UTS_MACHINE := $(ARCH)' line to put the SRCARCH block after: the merged "
            f"tree does not say that ARCH={' or ARCH='.join(need)} use include/{into}")]
    block = [] if _SET.search(data) else ["SRCARCH\t:= $(ARCH)"]
    block += ["", f"# Additional ARCH settings for {', '.join(sorted(set(need.values())))} "
                  f"(include/{into})"]
    for arch, new in need.items():
        block += [f"ifeq ($(ARCH),{arch})", f"        SRCARCH := {new}", "endif"]
    line = data.count(b"\n", 0, m.end()) + 1
    return (Edit(line, m.end(), b"", ("\n".join(block) + "\n").encode()),), []
