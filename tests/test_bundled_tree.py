"""The bundled source tree has every case the later stages are built for.

The counts are computed from the files by a classifier of its own (no
hdrtool merge code), so that a change to the tree that removes a case, or
moves a pair from one category to another, fails here first.  When the
tree grows on purpose, update EXPECTED (and docs/tree.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from hdrtool.core.tree import iter_files

from conftest import require_or_skip

REPO = Path(__file__).resolve().parent.parent
INC = REPO / "include"
I386, X86_64 = "asm-i386", "asm-x86_64"

# The exact counts of the merge categories of asm-i386 + asm-x86_64.
EXPECTED = {
    "identical": 9,
    "whitespace": 1,
    "stub64": 4,          # x86_64 file is `#include <asm-i386/foo.h>`
    "stub32": 2,          # i386 file includes the x86_64 one
    "different": 41,
    "only-i386": 10,
    "only-x86_64": 4,
}
# ... and the minimums the issue asks for.
MINIMUM = {"identical": 6, "whitespace": 1, "stub64": 3, "stub32": 2, "different": 20}
NAMED_DIFFERENT = ["page.h", "pgtable.h", "pgalloc.h", "ptrace.h", "unistd.h", "posix_types.h",
                   "sigcontext.h", "byteorder.h", "types.h", "processor.h", "elf.h",
                   "mmu_context.h", "tlb.h"]
NAMED_ONLY_I386 = ["highmem.h", "kmap_types.h", "pgtable-2level.h", "pgtable-3level.h"]
NAMED_ONLY_X86_64 = ["pda.h", "proto.h", "vsyscall.h"]
NAMED_S390 = ["page.h", "pgtable.h", "pgalloc.h", "mmu.h", "mmu_context.h", "tlb.h", "types.h",
              "posix_types.h", "ptrace.h", "unistd.h"]
NAMED_LINUX = ["mm.h", "mm_types.h", "spinlock.h", "spinlock_types.h", "types.h", "list.h",
               "gfp.h", "highmem.h", "vmstat.h", "page-flags.h", "string.h", "slab.h"]

_STUB = re.compile(rb'\A\s*#\s*include\s*([<"])(asm-[\w.-]+)/([\w./-]+)[>"]\s*\Z')


# ---------------------------------------------------------------- classifier

def headers(dirname: str) -> Dict[str, bytes]:
    root = INC / dirname
    return {rel.as_posix(): (root / rel).read_bytes() for rel in iter_files(root)
            if rel.suffix == ".h"}


def stub_target(data: bytes) -> Optional[Tuple[str, str, str]]:
    """(quote, dir, name) if the file is nothing but one #include line."""
    m = _STUB.match(data)
    return (m.group(1).decode(), m.group(2).decode(), m.group(3).decode()) if m else None


def classify(name: str, a: Optional[bytes], b: Optional[bytes]) -> str:
    if a is None:
        return "only-x86_64"
    if b is None:
        return "only-i386"
    if a == b:
        return "identical"
    if a.split() == b.split():
        return "whitespace"
    if stub_target(b) and stub_target(b)[1:] == (I386, name):
        return "stub64"
    if stub_target(a) and stub_target(a)[1:] == (X86_64, name):
        return "stub32"
    return "different"


@pytest.fixture(scope="module")
def pairs() -> Dict[str, str]:
    a, b = headers(I386), headers(X86_64)
    return {name: classify(name, a.get(name), b.get(name)) for name in sorted(set(a) | set(b))}


def names_in(pairs: Dict[str, str], category: str) -> List[str]:
    return [n for n, c in pairs.items() if c == category]


def test_classifier_on_small_cases():
    assert classify("x.h", b"a b\n", b"a b\n") == "identical"
    assert classify("x.h", b"a\tb\n", b"a  b \r\n") == "whitespace"
    assert classify("x.h", b"int a;\n", b"#include <asm-i386/x.h>\n") == "stub64"
    assert classify("x.h", b'#include "asm-x86_64/x.h"\n', b"int a;\n") == "stub32"
    assert classify("x.h", b"#include <asm-i386/y.h>\n", b"int a;\n") == "different"
    assert classify("x.h", b"int a;\n", b"int b;\n") == "different"
    assert classify("x.h", None, b"") == "only-x86_64"


# ------------------------------------------------------------ x86 categories

def test_category_counts(pairs):
    counts = Counter(pairs.values())
    assert dict(counts) == EXPECTED, {c: names_in(pairs, c) for c in counts}
    for category, least in MINIMUM.items():
        assert counts[category] >= least, category


def test_arch_dirs_are_big_enough():
    assert len(headers(I386)) >= 40
    assert len(headers(X86_64)) >= 40
    assert len(headers("asm-s390")) >= 15


def test_named_pairs_and_one_sided_headers(pairs):
    for name in NAMED_DIFFERENT:
        assert pairs.get(name) == "different", name
    for name in NAMED_ONLY_I386:
        assert pairs.get(name) == "only-i386", name
    for name in NAMED_ONLY_X86_64:
        assert pairs.get(name) == "only-x86_64", name
    mach = [n for n in pairs if n.startswith("mach-default/")]
    assert mach and all(pairs[n] == "only-i386" for n in mach)


def test_stub_forms(pairs):
    quotes = [stub_target(headers(I386)[n])[0] for n in names_in(pairs, "stub32")]
    assert sorted(quotes) == ['"', "<"], "one i386 stub uses the quoted form"
    for name in names_in(pairs, "stub64"):
        assert headers(X86_64)[name] == f"#include <asm-i386/{name}>\n".encode()


def test_a_64_bit_half_includes_an_i386_header(pairs):
    """The merge must rewrite an <asm-i386/...> include in a future foo_64.h."""
    x86_64 = headers(X86_64)
    found = [n for n in names_in(pairs, "different") if b"#include <asm-i386/" in x86_64[n]]
    assert "processor.h" in found


# --------------------------------------------------------- byte-level cases

def all_headers() -> Dict[str, bytes]:
    return {f"include/{rel.as_posix()}": (INC / rel).read_bytes()
            for rel in iter_files(INC) if rel.suffix == ".h"}


def _in_comment(data: bytes, pos: int) -> bool:
    return any(m.start() < pos < m.end() for m in re.finditer(rb"/\*.*?\*/", data, re.S))


def test_one_crlf_header_all_crlf():
    crlf = [p for p, d in all_headers().items() if b"\r\n" in d]
    assert crlf == ["include/asm-x86_64/ipcbuf.h"]
    data = all_headers()[crlf[0]]
    assert data.count(b"\n") == data.count(b"\r\n")


def test_one_header_without_final_newline():
    assert [p for p, d in all_headers().items() if not d.endswith(b"\n")] == \
        ["include/asm-i386/sembuf.h"]


def test_one_header_with_a_latin1_byte_in_a_comment():
    found = []
    for path, data in all_headers().items():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(path)
            assert data[exc.start] >= 0x80 and _in_comment(data, exc.start)
            data.decode("latin-1")
    assert found == ["include/asm-i386/shmbuf.h"]


# ------------------------------------------------------------- export lists

def kbuild_entries(kbuild: Path, seen=()) -> List[Tuple[str, str]]:
    """(list, word) pairs of a Kbuild file, `include` lines followed."""
    out = []
    for line in kbuild.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("include "):
            target = REPO / line.split()[1]
            assert target not in seen, f"{kbuild}: include loop"
            out += kbuild_entries(target, seen + (kbuild,))
            continue
        m = re.fullmatch(r"(header-y|unifdef-y)\s*\+=\s*(\S+)", line)
        assert m, f"{kbuild}: unexpected line {line!r}"
        out.append((m.group(1), m.group(2)))
    return out


def exported() -> Dict[str, str]:
    """tree path -> 'header-y' or 'unifdef-y', for every exported header."""
    out: Dict[str, str] = {}

    def walk(d: Path) -> None:
        for var, word in kbuild_entries(d / "Kbuild"):
            if word.endswith("/"):
                walk(d / word.rstrip("/"))
                continue
            key = (d / word).relative_to(REPO).as_posix()
            if out.get(key) != "unifdef-y":
                out[key] = var
    for d in sorted(INC.iterdir()):
        if (d / "Kbuild").is_file():
            walk(d)
    return out


def test_kbuild_lists_name_existing_files_only():
    dirs = sorted(p.parent.name for p in INC.glob("*/Kbuild"))
    assert dirs == ["asm-generic", "asm-i386", "asm-s390", "asm-x86_64", "linux"]
    for arch in ("asm-i386", "asm-x86_64", "asm-s390"):
        first = (INC / arch / "Kbuild").read_text().splitlines()[0]
        assert first == "include include/asm-generic/Kbuild.asm", arch
    missing = [p for p in exported() if not (REPO / p).is_file()]
    assert missing == []
    assert (INC / "linux/byteorder/Kbuild").is_file(), "linux/Kbuild lists byteorder/"


def test_every_arch_has_what_kbuild_asm_exports():
    common = [w for _, w in kbuild_entries(INC / "asm-generic/Kbuild.asm")]
    assert len(common) >= 20
    for arch in ("asm-i386", "asm-x86_64", "asm-s390"):
        assert [w for w in common if not (INC / arch / w).is_file()] == [], arch


def test_exported_headers_have_guards():
    guard = re.compile(rb"\A(?:\s*/\*.*?\*/)*\s*#\s*ifndef\s+(\w+)\s*\n\s*#\s*define\s+(\w+)", re.S)
    for path in exported():
        m = guard.match((REPO / path).read_bytes().replace(b"\r\n", b"\n"))
        assert m and m.group(1) == m.group(2), path


def test_exported_features_are_present():
    data = {p: (REPO / p).read_bytes() for p in exported()}
    joined = b"".join(data.values())
    assert re.search(rb"#if defined\(__KERNEL__\) && defined\(CONFIG_\w+\)", joined)
    assert re.search(rb"#if !defined\(__KERNEL__\) \|\| defined\(\w+\)", joined)
    assert re.search(rb"[\s(]__user\s", joined)
    assert re.search(rb"[\s(]__iomem\s", joined)
    assert re.search(rb"(?m)^static inline ", joined), "bare inline"
    assert re.search(rb"(?m)^\s+asm[ (]", joined), "bare asm"
    assert b"#include <linux/compiler.h>" in joined


def test_exported_parts_have_no_config_symbols():
    """After unifdef -U__KERNEL__ (as make headers_install runs it on
    unifdef-y headers; header-y headers are copied as they are) no
    CONFIG_ symbol and no __KERNEL__ test is left outside comments."""
    unifdef = shutil.which("unifdef")
    if unifdef is None:
        require_or_skip("NO unifdef: install Debian's unifdef package")
    for path, var in exported().items():
        data = (REPO / path).read_bytes()
        if var == "unifdef-y":
            proc = subprocess.run([unifdef, "-U__KERNEL__", "-D__EXPORTED_HEADERS__"],
                                  input=data, capture_output=True)
            assert proc.returncode in (0, 1), (path, proc.stderr)
            data = proc.stdout
        code = re.sub(rb"/\*.*?\*/", b"", data, flags=re.S)
        assert b"CONFIG_" not in code, path
        assert b"__KERNEL__" not in code, path


# ----------------------------------------------------- s390, linux, old API

def test_s390_and_linux_named_headers():
    for name in NAMED_S390:
        assert (INC / "asm-s390" / name).is_file(), name
    for name in NAMED_LINUX:
        assert (INC / "linux" / name).is_file(), name
    mmu = (INC / "asm-s390/mmu.h").read_text()
    for field in ("struct list_head pgtable_list;", "int noexec;", "int has_pgste;",
                  "int alloc_pgste;"):
        assert field in mmu


def test_pgalloc_headers_use_the_old_api():
    for arch in ("asm-i386", "asm-x86_64", "asm-s390"):
        text = (INC / arch / "pgalloc.h").read_text()
        assert re.search(r"struct page \*pte_alloc_one\(struct mm_struct \*mm,", text), arch
        assert re.search(r"pte_t \*pte_alloc_one_kernel\(struct mm_struct \*mm,", text), arch
        assert re.search(r"void pte_free\(struct page \*pte\)", text), arch
        assert re.search(r"pgd_free\((pgd_t \*)?pgd\)", text), arch
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        assert "pmd_populate(" in code and "pgtable_t" not in code, arch


def test_mm_h_has_the_page_table_ctor_and_dtor():
    text = (INC / "linux/mm.h").read_text()
    for decl in ("static inline void pgtable_page_ctor(struct page *page)",
                 "static inline void pgtable_page_dtor(struct page *page)"):
        assert decl in text
    assert "NR_PAGETABLE" in text and "inc_zone_page_state" in text
