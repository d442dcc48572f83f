"""``gen stubs``: a new arch from scratch.

From a name, a page size and a number of levels this plans
``arch/<new>/arch.toml`` and ``include/asm-<new>/`` with every header that
the export list (``include/asm-generic/Kbuild.asm``) and the kernel headers
of the tree (``#include <asm/...>`` in ``include/linux``) need:

* a one-line ``#include <asm-generic/foo.h>`` wrapper where a generic
  version exists;
* ``page.h``, ``pgtable.h`` and ``pgalloc.h`` from the same templates as
  every arch, and ``templates/stubs/<foo>.j2`` for other headers with no
  generic version;
* a ``Kbuild`` that exports what every arch exports.

The geometry is the simplest one: a pte table is one page, every table of
every level is one page of word-sized entries (4 bytes, a 32-bit arch,
while that maps no more than 32 address bits; else 8 bytes, 64-bit), so
``PAGE_SIZE=8192 LEVELS=3`` maps 1024 entries per level and 43 address bits.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List, Optional, Set, Tuple

from hdrtool.gen import render as gen
from hdrtool.core.config import parse_arch
from hdrtool.core.errors import ConfigError, HdrError, InputError
from hdrtool.gen.tree import GenPlan
from hdrtool.core.kbuild import KBUILD_ASM, Roots, parse_kbuild
from hdrtool.core.tree import iter_files, read_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LEVEL_NAMES = {1: ("pte",), 2: ("pgd", "pte"), 3: ("pgd", "pmd", "pte"),
                4: ("pgd", "pud", "pmd", "pte")}
#: Headers the templates generate for every arch.
_GENERATED = {"page.h": "page.h.j2", "pgtable.h": "pgtable.h.j2", "pgalloc.h": "pgalloc.h.j2"}
_ASM_INCLUDE = re.compile(rb"^\s*#\s*include\s*<asm/([\w./-]+)>", re.M)


def _geometry(name: str, page_size: int, levels: int, toml_path: Path) -> dict:
    if levels not in _LEVEL_NAMES:
        raise ConfigError(f"variants[0].levels: {levels} levels are impossible "
                          "(2 to 4: pgd, [pud,] [pmd,] pte)", toml_path)
    # Word-sized entries: 4 bytes (a 32-bit arch) while the tables map no
    # more than 32 address bits, else 8 bytes (64-bit).
    shift0 = max(page_size, 1).bit_length() - 1
    per4 = max(page_size // 4, 1).bit_length() - 1
    entry = 4 if shift0 + (levels - 1) * per4 <= 32 else 8
    entries = max(page_size // entry, 1)
    shift = shift0
    out = []
    for lname in reversed(_LEVEL_NAMES[levels]):
        out.append({"name": lname, "shift": shift, "entries": entries, "entry_size": entry})
        shift += entries.bit_length() - 1
    bits = 32 if entry == 4 else 64
    return {"name": name, "page_size": page_size, "levels": list(reversed(out)), "bits": bits,
            "config": ["CONFIG_64BIT"] if bits == 64 else []}


def exported_asm(srctree: Path) -> List[str]:
    """What every arch exports (include/asm-generic/Kbuild.asm), read with
    the one legacy Kbuild parser (hdrtool.core.kbuild)."""
    if not (srctree / KBUILD_ASM).is_file():
        return []
    roots = Roots(srctree)
    names: List[str] = []
    for entry in parse_kbuild(roots.read(KBUILD_ASM), KBUILD_ASM, roots, {}):
        if entry.word.endswith(".h") and entry.word not in names:
            names.append(entry.word)
    return names


def required_asm(srctree: Path) -> Set[str]:
    """asm headers the tree's kernel headers include (include/linux)."""
    linux = srctree / "include" / "linux"
    need: Set[str] = set()
    if linux.is_dir():
        for rel in iter_files(linux):
            if rel.suffix == ".h":
                need.update(m.group(1).decode() for m in
                            _ASM_INCLUDE.finditer(read_bytes(linux / rel)))
    return need


#: Headers the simulator's arch code includes besides pgalloc.h (the users
#: of the page-table API in every arch of the bundled tree).
_SIM_NEEDS = ("tlb.h", "tlbflush.h", "mmu_context.h")


def _choose(header: str, exported: Set[str], generic: Path, tdir: Path) -> Tuple[str, str]:
    """How to make asm/<header>: ("template", name) or ("wrapper", "")."""
    if header in _GENERATED:
        return "template", _GENERATED[header]
    if (tdir / "stubs" / f"{header}.j2").is_file():
        return "template", f"stubs/{header}.j2"
    if (generic / header).is_file():
        return "wrapper", ""
    if header in exported:
        return "template", "stubs/abi.h.j2"
    raise InputError(f"asm/{header} is needed but has no asm-generic version and "
                     f"no template stubs/{header}.j2", generic / header)


def plan_stubs(srctree: Path, name: str, *, page_size: int = 4096, levels: int = 2,
               force: bool = False, template_dir: Optional[Path] = None) -> GenPlan:
    """Everything a new arch ``name`` needs, or an error before anything is written."""
    srctree = Path(srctree)
    if not _NAME.match(name):
        raise HdrError(f"ARCH={name!r}: an arch name is lower-case letters, digits and _")
    toml_rel = Path("arch") / name / "arch.toml"
    asm_rel = Path("include") / f"asm-{name}"
    for rel in (toml_rel, asm_rel):
        if (srctree / rel).exists() and not force:
            raise InputError(f"arch {name} exists already (use --force to overwrite)", srctree / rel)
    toml_text = gen.render("stubs/arch.toml.j2",
                           _geometry(name, page_size, levels, srctree / toml_rel),
                           template_dir=template_dir)
    cfg = parse_arch(tomllib.loads(toml_text), srctree / toml_rel)
    plan = GenPlan()
    plan.writes[toml_rel] = toml_text.encode()
    generic = srctree / "include" / "asm-generic"
    tdir = Path(template_dir or gen.TEMPLATE_DIR)
    exported = set(exported_asm(srctree))
    todo = sorted(exported | required_asm(srctree) | set(_GENERATED) | set(_SIM_NEEDS))
    while todo:
        header = todo.pop(0)
        how, template = _choose(header, exported, generic, tdir)
        if how == "wrapper":
            data = f"#include <asm-generic/{header}>\n".encode()
            scan = read_bytes(generic / header)
        else:
            data = gen.render_file(template, cfg, srctree=srctree, template_dir=template_dir,
                                   extra={"header": header}).encode()
            scan = data
        plan.writes[asm_rel / header] = data
        # What this header includes from asm/ is needed too.
        for m in _ASM_INCLUDE.finditer(scan):
            more = m.group(1).decode()
            if asm_rel / more not in plan.writes and more not in todo:
                todo.append(more)
    plan.writes[asm_rel / "Kbuild"] = b"include include/asm-generic/Kbuild.asm\n"
    return plan
