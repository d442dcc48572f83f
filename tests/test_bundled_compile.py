"""Every header of the bundled tree compiles on its own, per variant.

For each variant of arch/*/arch.toml the headers are compiled in that
variant's build layout (hdrtool.core.tree.build_layout: -nostdinc, <asm/...>
through an `asm` link to the variant's directory, the variant's -D/-U
symbols and -m32/-m64, -D__KERNEL__) with ``cc -fsyntax-only -Wall
-Werror``, one translation unit per header:

* every header of the variant's asm directory (subdirectories included;
  exported headers too, here under __KERNEL__),
* every header of include/linux,
* every include/asm-generic header that the two sets above actually
  include in that variant (an asm-generic header is a template for the
  arches that use it: pgtable-nopmd.h makes no sense for x86_64).

All headers of a variant go to one compiler run (cc compiles the files
one after the other), so the whole module takes a few seconds.  On a
failure the headers the diagnostics point at are compiled again alone.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import pytest

from hdrtool.core.config import load_arches
from hdrtool.core.tree import build_layout, iter_files

REPO = Path(__file__).resolve().parent.parent
CFLAGS = ("-fsyntax-only", "-Wall", "-Werror")

VARIANTS = [(cfg.name, v.name) for cfg in load_arches(REPO) for v in cfg.variants]


@dataclass
class Result:
    headers: List[str]            # include names compiled, e.g. "asm/page.h"
    failures: Dict[str, str]      # include name -> compiler output
    generic_reached: List[str]    # asm-generic headers the variant includes


def _headers_under(root: Path, prefix: str) -> List[str]:
    return [f"{prefix}/{rel.as_posix()}" for rel in iter_files(root) if rel.suffix == ".h"]


JOBS = 2   # compiler runs in parallel (the machine has two cores)


def _compile(cc: str, flags: Sequence[str], names: Sequence[str], work: Path) -> Tuple[int, str]:
    """Compile one wrapper file per header name (hN.c includes names[N]),
    in JOBS compiler runs side by side; dependency files land in work."""
    work.mkdir(parents=True, exist_ok=True)
    files = []
    for i, name in enumerate(names):
        src = work / f"h{i}.c"
        src.write_text(f"#include <{name}>\n")
        files.append(src.name)
    procs = [subprocess.Popen([*cc.split(), *CFLAGS, "-MD", *flags, *files[j::JOBS]],
                              cwd=work, stderr=subprocess.PIPE, text=True)
             for j in range(min(JOBS, len(files)))]
    errs = [p.communicate()[1] for p in procs]
    return max(p.returncode for p in procs), "".join(errs)


def _failures(cc: str, flags: Sequence[str], names: Sequence[str], work: Path) -> Dict[str, str]:
    rc, err = _compile(cc, flags, names, work)
    if rc == 0 and not err.strip():
        return {}
    # Diagnostics name the wrapper (hN.c) they come from; compile those
    # again alone for a self-contained report.
    suspects = sorted({int(m) for m in re.findall(r"\bh(\d+)\.c\b", err)})
    out = {}
    for i in suspects:
        rc1, err1 = _compile(cc, flags, [names[i]], work / f"one{i}")
        if rc1 != 0 or err1.strip():
            out[names[i]] = err1
    return out or {"<batch>": err}


def _deps(work: Path) -> List[Path]:
    paths = set()
    for dep in work.glob("*.d"):
        for word in dep.read_text().replace("\\\n", " ").split():
            if word.endswith(".h"):
                paths.add(Path(word).resolve())
    return sorted(paths)


def compile_variant(cc: str, srctree: Path, arch: str, variant: str, scratch: Path) -> Result:
    cfg = next(c for c in load_arches(srctree) if c.name == arch)
    layout = build_layout(srctree, cfg, cfg.variant(variant), scratch / "layout")
    flags = layout.flags()
    include = (srctree / "include").resolve()
    names = _headers_under(layout.asm_dir, "asm") + _headers_under(include / "linux", "linux")
    work = scratch / "main"
    failures = _failures(cc, flags, names, work)
    generic_dir = include / "asm-generic"
    generic = sorted({f"asm-generic/{p.relative_to(generic_dir).as_posix()}"
                      for p in _deps(work) if generic_dir in p.parents})
    if generic:
        failures.update(_failures(cc, flags, generic, scratch / "generic"))
    return Result(names + generic, failures, generic)


@functools.lru_cache(maxsize=None)
def _cached(cc: str, arch: str, variant: str, scratch: str) -> Result:
    return compile_variant(cc, REPO, arch, variant, Path(scratch))


@pytest.fixture(scope="module")
def results(cc, tmp_path_factory):
    base = tmp_path_factory.mktemp("bundled-compile")
    return lambda arch, variant: _cached(cc, arch, variant, str(base / variant))


@pytest.mark.parametrize("arch,variant", VARIANTS, ids=[v for _, v in VARIANTS])
def test_every_header_compiles_alone(results, arch, variant):
    res = results(arch, variant)
    assert len(res.headers) > 60, res.headers
    report = "\n".join(f"--- {name}\n{err}" for name, err in res.failures.items())
    assert not res.failures, f"{len(res.failures)} header(s) fail in {variant}:\n{report}"


def test_every_generic_header_is_compiled_by_some_variant(results):
    reached = set()
    for arch, variant in VARIANTS:
        reached.update(results(arch, variant).generic_reached)
    every = set(_headers_under(REPO / "include" / "asm-generic", "asm-generic"))
    assert every - reached == set(), "asm-generic headers no variant includes (so none compiles)"


# Page-table geometry of the headers against arch.toml, checked by the
# compiler: table sizes and entry sizes per level, and the shifts.
_LEVEL_MACROS = {
    "pgd": ("PGDIR_SHIFT", "PTRS_PER_PGD", "pgd_t"),
    "pud": ("PUD_SHIFT", "PTRS_PER_PUD", "pud_t"),
    "pmd": ("PMD_SHIFT", "PTRS_PER_PMD", "pmd_t"),
    "pte": ("PAGE_SHIFT", "PTRS_PER_PTE", "pte_t"),
}


def _geometry_source(variant) -> str:
    lines = ["#include <linux/mm.h>", "#include <asm/pgalloc.h>"]
    for lvl in variant.levels:
        shift, ptrs, ctype = _LEVEL_MACROS[lvl.name]
        lines += [f"_Static_assert({shift} == {lvl.shift}, \"{lvl.name} shift\");",
                  f"_Static_assert({ptrs} == {lvl.entries}, \"{lvl.name} entries\");",
                  f"_Static_assert(sizeof({ctype}) == {lvl.entry_size}, \"{lvl.name} entry size\");"]
    for name in ("pud", "pmd"):
        if variant.level(name) is None:   # folded: one entry per table
            lines.append(f"_Static_assert({_LEVEL_MACROS[name][1]} == 1, \"{name} folded\");")
    lines.append(f"_Static_assert(PAGE_SIZE == {variant.page_size}, \"page size\");")
    lines.append(f"_Static_assert(sizeof(unsigned long) * 8 == {64 if variant.bits == 64 else 32}, "
                 "\"word size\");")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("arch,variant", VARIANTS, ids=[v for _, v in VARIANTS])
def test_geometry_matches_arch_toml(cc, tmp_path, arch, variant):
    cfg = next(c for c in load_arches(REPO) if c.name == arch)
    v = cfg.variant(variant)
    layout = build_layout(REPO, cfg, v, tmp_path / "layout")
    src = tmp_path / "geometry.c"
    src.write_text(_geometry_source(v))
    proc = subprocess.run([*cc.split(), *CFLAGS, *layout.flags(), str(src)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_highpte_maps_pte_tables_through_kmap(cc, tmp_path):
    """With CONFIG_HIGHPTE pte_offset_map() goes through kmap_atomic(KM_PTE0);
    without it, through page_address()."""
    cfg = next(c for c in load_arches(REPO) if c.name == "x86")
    expanded = {}
    for name in ("x86_32", "x86_32_highpte"):
        layout = build_layout(REPO, cfg, cfg.variant(name), tmp_path / "layout")
        src = tmp_path / f"{name}.c"
        src.write_text("#include <linux/mm.h>\n#include <linux/highmem.h>\n"
                       "MAP: pte_offset_map(pmd, addr)\n")
        proc = subprocess.run([*cc.split(), "-E", "-P", *layout.flags(), str(src)],
                              capture_output=True, text=True, check=True)
        expanded[name] = next(l for l in proc.stdout.splitlines() if l.startswith("MAP:"))
    assert "kmap_atomic" in expanded["x86_32_highpte"] and "KM_PTE0" in expanded["x86_32_highpte"]
    assert "kmap_atomic" not in expanded["x86_32"] and "page_address" in expanded["x86_32"]


def test_a_broken_header_is_reported(cc, tmp_path):
    """The checker itself: a header with an unused local variable (an
    error under -Wall -Werror) is named, the good ones are not."""
    tree = tmp_path / "tree"
    shutil.copytree(REPO / "include", tree / "include")
    for toml in (REPO / "arch").glob("*/arch.toml"):
        (tree / toml.relative_to(REPO)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(toml, tree / toml.relative_to(REPO))
    (tree / "include/linux/broken.h").write_text(
        "#ifndef _LINUX_BROKEN_H\n#define _LINUX_BROKEN_H\n"
        "static inline int broken(int x)\n{\n\tint never_used;\n\treturn x;\n}\n#endif\n")
    res = compile_variant(cc, tree, "s390", "s390x", tmp_path / "scratch")
    assert list(res.failures) == ["linux/broken.h"]
    assert "never_used" in res.failures["linux/broken.h"]
