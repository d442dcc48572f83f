"""Which ``headers_install`` a tree carries, read from the tree itself.

A Linux tree says how it installs its headers through the files it carries;
nothing here is keyed on a release number.  :func:`read_tree` looks at

* ``scripts/Makefile.headersinst`` and the per-file script beside it, by
  content: the ``HDRSED`` sed pipeline (2.6.18-2.6.26), a call of
  ``scripts/headers_install.pl`` (2.6.27-3.x), ``scripts/headers_install.sh``
  called per directory with ``header-y`` lists (3.x-5.2) or per file with
  every uapi header exported (5.3-);
* the top ``Makefile``'s ``ifeq ($(ARCH),i386)`` / ``SRCARCH := x86`` (and
  ``hdr-arch :=``) blocks: how ``ARCH=`` maps to the directory installed;
* ``scripts/unifdef.c``: which unifdef the tree builds (its identity string);

and returns a :class:`TreeRules`.  A tree it cannot place is one error that
says what was looked for.  The tree shipped with hdrtool (``arch/*/arch.toml``,
no kernel scripts) is its own kind, ``hdrtool``.

    >>> read_tree(Path("/usr/src/linux-2.6.23")).machinery     # doctest: +SKIP
    'headersinst-sed'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool.core.errors import InputError

#: The install machineries, in the order the kernel had them.
MACHINERIES = {
    "headersinst-sed": "scripts/Makefile.headersinst runs HDRSED (sed) and unifdef itself",
    "headers_install.pl": "scripts/Makefile.headersinst calls scripts/headers_install.pl per directory",
    "headers_install.sh-dir": "scripts/Makefile.headersinst calls scripts/headers_install.sh per "
                              "directory with header-y lists",
    "headers_install.sh-file": "scripts/Makefile.headersinst calls scripts/headers_install.sh per "
                               "file and exports every uapi header",
    "hdrtool": "hdrtool's own tree layout: include/asm-*/Kbuild lists and arch/*/arch.toml",
}

HEADERSINST = "scripts/Makefile.headersinst"


@dataclass(frozen=True)
class TreeRules:
    """What a tree's own files say about its header install.

    ``machinery``: a key of :data:`MACHINERIES`; ``script``: the per-file
    script's tree-relative path (None where Makefile.headersinst does the
    work); ``srcarch``: ARCH -> the directory name it installs from (only
    the entries the Makefile maps; other names map to themselves);
    ``unifdef_c``: tree-relative path of the tree's unifdef source, if any;
    ``uapi``: the tree has ``include/uapi``."""

    srctree: Path
    machinery: str
    script: Optional[str]
    srcarch: Dict[str, str] = field(default_factory=dict)
    unifdef_c: Optional[str] = None
    uapi: bool = False
    refused: Dict[str, str] = field(default_factory=dict)

    def arch_dir_name(self, arch: str) -> str:
        """SRCARCH (or hdr-arch) for ``ARCH=<arch>``."""
        return self.srcarch.get(arch, arch)


def exportable_arches(rules: TreeRules) -> List[str]:
    """The ARCH= names the tree can install headers for (for messages):
    the arch directories its machinery reads, and the ARCH names its
    Makefile maps onto them."""
    top = rules.srctree
    if rules.machinery == "hdrtool":
        names = {p.parent.name for p in top.glob("arch/*/arch.toml")}
    elif rules.machinery in ("headersinst-sed", "headers_install.pl"):
        names = {p.parent.name[len("asm-"):] for p in top.glob("include/asm-*/Kbuild")}
        names |= {p.parents[2].name for p in top.glob("arch/*/include/asm/Kbuild")}
        names.discard("generic")
    else:
        names = {p.parents[2].name for p in top.glob("arch/*/include/uapi/asm")}
    names |= {a for a, d in rules.srcarch.items() if d in names}
    return sorted(names - set(rules.refused))


def read_tree(srctree: Path) -> TreeRules:
    """The install rules the tree at ``srctree`` carries (see the module doc)."""
    srctree = Path(srctree)
    hi = srctree / HEADERSINST
    uapi = (srctree / "include" / "uapi").is_dir()
    unifdef_c = "scripts/unifdef.c" if (srctree / "scripts/unifdef.c").is_file() else None
    if not hi.is_file():
        if any((srctree / "arch").glob("*/arch.toml")) and any(
                (srctree / "include").glob("asm-*/Kbuild")):
            return TreeRules(srctree, "hdrtool", None, {}, None, uapi)
        raise InputError(
            "cannot tell how this tree installs its headers: looked for "
            f"{HEADERSINST} (a Linux tree, 2.6.18 and later) and for include/asm-*/Kbuild "
            "with arch/*/arch.toml (hdrtool's own layout); found neither", srctree)
    text = _text(hi, HEADERSINST)
    machinery, script = _machinery(srctree, text)
    srcarch = srcarch_map(_text(srctree / "Makefile", "Makefile")) \
        if (srctree / "Makefile").is_file() else {}
    refused = refused_arches(_text(srctree / "Makefile", "Makefile")) \
        if (srctree / "Makefile").is_file() else {}
    return TreeRules(srctree, machinery, script, srcarch, unifdef_c, uapi, refused)


_REFUSE = re.compile(r"\$\(if\s+\$\(filter\s+([\w\s-]+?)\s*,\s*\$\(SRCARCH\)\)\s*,"
                     r"\s*\$\(error\s+([^)]*)\)\s*\)")


def refused_arches(makefile: str) -> Dict[str, str]:
    """SRCARCH -> message of the top Makefile's ``$(if $(filter um,
    $(SRCARCH)), $(error Headers not exportable for UML))`` (6.1-).

    >>> refused_arches("$(if $(filter um, $(SRCARCH)), $(error No UML))")
    {'um': 'No UML'}
    """
    out: Dict[str, str] = {}
    for m in _REFUSE.finditer(makefile):
        for name in m.group(1).split():
            out.setdefault(name, m.group(2).strip())
    return out


def _machinery(srctree: Path, text: str) -> Tuple[str, Optional[str]]:
    if re.search(r"^HDRSED\s*:?=", text, re.M):
        return "headersinst-sed", None
    if "headers_install.pl" in text:
        _need(srctree, "scripts/headers_install.pl")
        return "headers_install.pl", "scripts/headers_install.pl"
    if "headers_install.sh" in text:
        _need(srctree, "scripts/headers_install.sh")
        if "header-y" in text:
            return "headers_install.sh-dir", "scripts/headers_install.sh"
        return "headers_install.sh-file", "scripts/headers_install.sh"
    raise InputError(
        "unknown header install machinery: looked for an HDRSED sed pipeline, a call of "
        "scripts/headers_install.pl, or a call of scripts/headers_install.sh", HEADERSINST)


def _need(srctree: Path, rel: str) -> None:
    if not (srctree / rel).is_file():
        raise InputError(f"{HEADERSINST} runs {rel}, which the tree does not carry", HEADERSINST)


_IFEQ_ARCH = re.compile(r"^ifeq\s*\(\s*\$\(ARCH\)\s*,\s*([A-Za-z0-9_-]+)\s*\)\s*$")
_SET = re.compile(r"^\s*(SRCARCH|hdr-arch)\s*:?=\s*([A-Za-z0-9_-]+)\s*$")


def srcarch_map(makefile: str) -> Dict[str, str]:
    """ARCH -> SRCARCH / hdr-arch, from the top Makefile's
    ``ifeq ($(ARCH),X)`` blocks that set one of them to a plain name.
    ``hdr-arch`` (2.6.27-2.6.28 sparc64) wins over SRCARCH for headers.

    >>> srcarch_map("ifeq ($(ARCH),i386)\\n        SRCARCH := x86\\nendif\\n")
    {'i386': 'x86'}
    """
    out: Dict[str, str] = {}
    hdr: Dict[str, str] = {}
    arch = None
    for line in makefile.splitlines():
        m = _IFEQ_ARCH.match(line.strip())
        if m:
            arch = m.group(1)
            continue
        if line.strip().startswith("endif") or line.strip().startswith("else"):
            arch = None
            continue
        if arch is not None:
            s = _SET.match(line)
            if s:
                (hdr if s.group(1) == "hdr-arch" else out)[arch] = s.group(2)
    out.update(hdr)
    return out


def _text(path: Path, label: str) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", label) from None
