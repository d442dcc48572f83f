"""gen: golden headers, compile tests per variant, type checks that must fail,
gen --check, stubs for a new arch.

The tree the tests generate into is tests/golden/gen/kernel (a minimal
kernel-style tree with an already merged asm-x86) plus the repository's
arch.toml files, copied to tmp_path.  Golden files are regenerated after a
reviewed change with ``python3 tests/regen.py tests/test_gen.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hdrtool.gen import render as gen
from hdrtool.gen import tree as gen_tree
from hdrtool.cli import _register, cli
from hdrtool.core.config import load_arch, load_arches
from hdrtool.core.tree import build_layout

from conftest import require_or_skip
from goldens import expect

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "gen"
API_C = GOLDEN / "api.c"
VARIANTS = [(a, v.name) for a in ("x86", "s390")
            for v in load_arch(REPO / "arch" / a / "arch.toml").variants]


def _golden(expected: Path, actual: bytes) -> None:
    expect(expected, actual)


def make_tree(dest: Path) -> Path:
    shutil.copytree(GOLDEN / "kernel" / "include", dest / "include")
    for arch in ("x86", "s390"):
        (dest / "arch" / arch).mkdir(parents=True)
        shutil.copy(REPO / "arch" / arch / "arch.toml", dest / "arch" / arch)
    return dest


def run(*args: str):
    _register()
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, standalone_mode=False)


def hdrtool(*args: str) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess: exit code and stderr as a user sees them."""
    return subprocess.run([os.sys.executable, "-m", "hdrtool", *args], cwd=REPO,
                          capture_output=True, text=True)


@pytest.fixture
def tree(tmp_path) -> Path:
    t = make_tree(tmp_path / "tree")
    gen_tree.apply(t, gen_tree.plan_pgalloc(t, load_arches(t)))
    return t


# --------------------------------------------------------------------------
# Goldens: the unified header per arch, and each variant's view of it
# (unifdef with the variant's config symbols, the others undefined).
# --------------------------------------------------------------------------

@pytest.mark.parametrize("arch", ["x86", "s390"])
def test_golden_unified_header(tree, arch):
    _golden(GOLDEN / "expected" / arch / "pgalloc.h",
            (tree / "include" / f"asm-{arch}" / "pgalloc.h").read_bytes())


def _variant_view(tree: Path, arch: str, variant: str) -> bytes:
    cfg = load_arch(tree / "arch" / arch / "arch.toml")
    v = cfg.variant(variant)
    syms = {s for w in cfg.variants for s in w.config}
    args = [f"-D{s}" for s in v.config] + [f"-U{s}" for s in sorted(syms - set(v.config))]
    r = subprocess.run(["unifdef", *args, str(tree / "include" / f"asm-{arch}" / "pgalloc.h")],
                       capture_output=True)
    assert r.returncode in (0, 1), r.stderr
    return r.stdout


@pytest.mark.usefixtures("unifdef")
@pytest.mark.parametrize("arch,variant", VARIANTS)
def test_golden_variant_view(tree, arch, variant):
    view = _variant_view(tree, arch, variant)
    _golden(GOLDEN / "expected" / "variants" / variant / "pgalloc.h", view)
    text = view.decode()
    assert "pgtable_t pte_alloc_one(struct mm_struct *mm, unsigned long address)" in text
    assert "void pte_free(struct mm_struct *mm, pgtable_t pte)" in text
    assert "void pgd_free(struct mm_struct *mm, pgd_t *pgd)" in text
    assert "#if" not in text.split("#define _ASM_")[1].split("#endif /* _ASM_")[0]


@pytest.mark.usefixtures("unifdef")
def test_variant_views_say_what_arch_toml_says(tree):
    """Semantics, not just bytes: where the ctor, irq-safe pgd_lock, highmem
    and the fragment size appear per variant."""
    v = {name: _variant_view(tree, a, name).decode() for a, name in VARIANTS}
    for name in ("x86_32", "x86_32_highpte", "x86_64"):
        assert v[name].count("\tpgtable_page_ctor(") == 1
        assert v[name].count("spin_lock_irqsave(&pgd_lock") == 2
        assert "spin_lock(&pgd_lock" not in v[name]
    assert "__GFP_HIGHMEM" in v["x86_32_highpte"]
    assert "__GFP_HIGHMEM" not in v["x86_32"] and "__GFP_HIGHMEM" not in v["x86_64"]
    assert "pud_alloc_one" in v["x86_64"] and "pud_alloc_one" not in v["x86_32"]
    assert "#define PTE_FRAG_SIZE\t1024" in v["s390"]
    assert "#define PTE_FRAG_SIZE\t2048" in v["s390x"]
    for name in ("s390", "s390x"):
        assert v[name].count("\tpgtable_page_ctor(") == 1  # in the fragment allocator only
        assert "pgd_lock" not in v[name]


def test_pgtable_t_typedef_in_page_h(tree):
    x86 = (tree / "include/asm-x86/page.h").read_text()
    s390 = (tree / "include/asm-s390/page.h").read_text()
    assert "typedef struct page *pgtable_t;" in x86
    assert "typedef pte_t *pgtable_t;" in s390
    # it lands inside the include guard, after the entry types
    assert x86.index("pgtable_t;") > x86.index("} pte_t;")
    assert x86.rstrip().endswith("#endif")


def test_regenerating_is_idempotent(tree):
    plan = gen_tree.plan_pgalloc(tree, load_arches(tree))
    assert gen_tree.apply(tree, plan) == []


def test_split_pgalloc_of_a_merge_is_replaced(tmp_path):
    t = make_tree(tmp_path / "t")
    for half in ("pgalloc_32.h", "pgalloc_64.h"):
        (t / "include/asm-x86" / half).write_text("/* old api */\n")
    (t / "include/asm-x86/pgalloc.h").write_text('#ifdef CONFIG_X86_32\n# include "pgalloc_32.h"\n'
                                                 '#else\n# include "pgalloc_64.h"\n#endif\n')
    run("-C", str(t), "gen", "pgalloc", "ARCH=x86")
    names = sorted(p.name for p in (t / "include/asm-x86").iterdir())
    assert names == ["mmu.h", "page.h", "pgalloc.h", "pgtable.h"]
    assert (t / "include/asm-x86/pgalloc.h").read_text().startswith("/* Generated by hdrtool")


# --------------------------------------------------------------------------
# Compile tests in the build layout.
# --------------------------------------------------------------------------

def _compile(cc: str, tree: Path, arch: str, variant: str, source: Path, scratch: Path,
             extra=()) -> subprocess.CompletedProcess:
    cfg = load_arch(tree / "arch" / arch / "arch.toml")
    v = cfg.variant(variant)
    layout = build_layout(tree, cfg, v, scratch)
    has = [f"-DHAS_{n.upper()}" for n in v.level_names]
    cmd = cc.split() + ["-Wall", "-Werror", "-fsyntax-only", *layout.flags(), *has, *extra,
                        str(source)]
    return subprocess.run(cmd, capture_output=True, text=True)


@pytest.mark.parametrize("arch,variant", VARIANTS)
def test_every_api_function_compiles(cc, tree, tmp_path, arch, variant):
    r = _compile(cc, tree, arch, variant, API_C, tmp_path / "scratch")
    assert r.returncode == 0, r.stderr


NEGATIVE = {
    # arch: (what is passed where pgtable_t is expected, the call)
    "x86": "pte_t *wrong = pte_alloc_one_kernel(mm, 0UL);\n\tpte_free(mm, wrong);",
    "s390": "struct page *wrong = alloc_page(GFP_KERNEL);\n\tpte_free(mm, wrong);",
}


@pytest.mark.parametrize("arch,variant", VARIANTS)
def test_wrong_handle_type_does_not_compile(cc, tree, tmp_path, arch, variant):
    src = tmp_path / "wrong.c"
    src.write_text("#include <asm/pgalloc.h>\nvoid f(struct mm_struct *mm);\n"
                   "void f(struct mm_struct *mm)\n{\n\t" + NEGATIVE[arch] + "\n}\n")
    r = _compile(cc, tree, arch, variant, src, tmp_path / "scratch")
    assert r.returncode != 0
    assert "incompatible pointer type" in r.stderr
    # the same file with the right type compiles: the failure is the type
    right = src.read_text().replace("pte_free(mm, wrong)", "pte_free(mm, (pgtable_t)wrong)")
    src.write_text(right)
    assert _compile(cc, tree, arch, variant, src, tmp_path / "scratch").returncode == 0


def test_old_free_signature_does_not_compile(cc, tree, tmp_path):
    src = tmp_path / "old.c"
    src.write_text("#include <asm/pgalloc.h>\nvoid f(pgd_t *pgd);\n"
                   "void f(pgd_t *pgd)\n{\n\tpgd_free(pgd);\n}\n")
    r = _compile(cc, tree, "x86", "x86_64", src, tmp_path / "scratch")
    assert r.returncode != 0 and "pgd_free" in r.stderr


# --------------------------------------------------------------------------
# gen --check
# --------------------------------------------------------------------------

def test_check_clean_on_fresh_output(tree):
    r = hdrtool("-C", str(tree), "gen", "--check")
    assert (r.returncode, r.stdout) == (0, "")
    assert r.stderr.startswith("gen --check: ") and ", 0 out of date, 0 old-API" in r.stderr


def test_check_on_the_repository_is_clean():
    r = hdrtool("gen", "--check")
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_fails_on_hand_edited_file(tree):
    path = tree / "include/asm-x86/pgalloc.h"
    path.write_text(path.read_text().replace("spin_lock_irqsave(&pgd_lock, flags);",
                                             "spin_lock(&pgd_lock);", 1))
    r = hdrtool("-C", str(tree), "gen", "--check")
    assert r.returncode == 1
    assert "--- a/include/asm-x86/pgalloc.h\n+++ b/include/asm-x86/pgalloc.h\n" in r.stdout
    assert "-\tspin_lock(&pgd_lock);\n+\tspin_lock_irqsave(&pgd_lock, flags);\n" in r.stdout
    assert r.stderr.startswith("hdrtool: include/asm-x86/pgalloc.h: generated file is out of date\n"
                               "gen --check: ")
    assert ", 1 out of date, " in r.stderr


def test_check_fails_on_hand_edited_block(tree):
    path = tree / "include/asm-s390/page.h"
    path.write_text(path.read_text().replace("typedef pte_t *pgtable_t;",
                                             "typedef struct page *pgtable_t;"))
    r = hdrtool("-C", str(tree), "gen", "--check")
    assert r.returncode == 1
    assert "-typedef struct page *pgtable_t;\n+typedef pte_t *pgtable_t;\n" in r.stdout


def test_refuses_to_write_into_the_bundled_tree():
    r = hdrtool("gen", "pgalloc", "ARCH=s390")
    assert r.returncode == 2
    assert "refusing to write generated files into hdrtool's bundled tree" in r.stderr


# --------------------------------------------------------------------------
# Template and input errors: exact message, exit 2, nothing written.
# A case directory holds `args` ($TREE, $TEMPLATES are substituted), and
# overlays: templates/ (over a copy of the shipped templates) and arch/ (over
# the tree's arch.toml files); expected.err and expected.rc.
# --------------------------------------------------------------------------

ERRORS = GOLDEN / "errors"


def _snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(p.name for p in ERRORS.iterdir() if p.is_dir()))
def test_error_golden(tmp_path, case):
    src = ERRORS / case
    t = make_tree(tmp_path / "tree")
    templates = tmp_path / "templates"
    shutil.copytree(gen.TEMPLATE_DIR, templates)
    if (src / "templates").is_dir():
        shutil.copytree(src / "templates", templates, dirs_exist_ok=True)
    if (src / "arch").is_dir():
        shutil.copytree(src / "arch", t / "arch", dirs_exist_ok=True)
    before = _snapshot(t)
    args = (src / "args").read_text().replace("$TREE", str(t)).replace("$TEMPLATES", str(templates))
    r = hdrtool(*args.split())
    err = r.stderr.replace(str(templates), "$TEMPLATES").replace(str(t), "$TREE")
    _golden(src / "expected.err", err.encode())
    _golden(src / "expected.rc", f"{r.returncode}\n".encode())
    assert r.returncode == 2 and r.stdout == ""
    assert _snapshot(t) == before


# --------------------------------------------------------------------------
# No caller of the old signatures (free without the mm) may remain.
# --------------------------------------------------------------------------

def test_no_old_api_caller_in_generated_tree(tree):
    assert gen_tree.old_api_calls(tree) == []


def test_old_api_callers_are_found_and_fail_check(tree):
    (tree / "include/asm-x86/tlb.h").write_text(
        "/* pte_free(page) in a comment is fine */\n"
        "#define tlb_remove_pte(tlb, p) pte_free(p)\n"
        "#define tlb_remove_pmd(tlb, p) pmd_free((tlb)->mm, p)\n"
        "static inline void f(pgd_t *pgd) { pgd_free(pgd); }\n")
    found = [d.render() for d in gen_tree.old_api_calls(tree)]
    assert found == [
        "include/asm-x86/tlb.h:2: error: pte_free() with 1 argument(s): the page-table API "
        "takes 2 (the mm first) [gen-old-api]",
        "include/asm-x86/tlb.h:4: error: pgd_free() with 1 argument(s): the page-table API "
        "takes 2 (the mm first) [gen-old-api]"]
    r = hdrtool("-C", str(tree), "gen", "--check")
    assert r.returncode == 1 and r.stdout == "" and "tlb.h:2: error: pte_free()" in r.stderr


def test_no_old_api_caller_in_bundled_tree_outside_pgalloc(srctree):
    assert [d.render() for d in gen_tree.old_api_calls(srctree)] == []


# --------------------------------------------------------------------------
# Run the generated code: runtime.c (a page pool and printing ctor/dtor and
# locks) + scenario.c, linked per variant; the trace is a golden file.
# --------------------------------------------------------------------------

RUN = GOLDEN / "run"


def _can_link(cc: str, cflags, tmp: Path) -> bool:
    src = tmp / "link.c"
    src.write_text("int main(void) { return 0; }\n")
    return subprocess.run(cc.split() + list(cflags) + ["-o", str(tmp / "link"), str(src)],
                          capture_output=True).returncode == 0


@pytest.mark.parametrize("arch,variant", VARIANTS)
def test_generated_code_runs(cc, tree, tmp_path, arch, variant):
    cfg = load_arch(tree / "arch" / arch / "arch.toml")
    v = cfg.variant(variant)
    if not _can_link(cc, v.cflags, tmp_path):
        require_or_skip(f"NO {' '.join(v.cflags)} LIBC TO LINK WITH (install gcc-multilib)")
    layout = build_layout(tree, cfg, v, tmp_path / "scratch")
    exe = tmp_path / "scenario"
    r = subprocess.run(cc.split() + ["-Wall", "-Werror", "-O1", *layout.flags(), "-o", str(exe),
                                     str(RUN / "runtime.c"), str(RUN / "scenario.c")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = subprocess.run([str(exe)], capture_output=True, timeout=30)
    assert out.returncode == 0, out.stdout.decode()[-2000:]
    _golden(RUN / "expected" / f"{variant}.trace", out.stdout)
    trace = out.stdout.decode()
    ctors = trace.count("ctor page")
    assert ctors == trace.count("dtor page")  # every table page given back
    assert "BUG" not in trace


def test_x86_without_merged_dir_says_run_merge(tmp_path):
    t = make_tree(tmp_path / "t")
    shutil.rmtree(t / "include/asm-x86")
    r = hdrtool("-C", str(t), "gen", "pgalloc")
    assert r.returncode == 2
    assert r.stderr == (f"hdrtool: error: {t}/include/asm-x86: no header directory include/asm-x86 "
                        "for arch x86 (run 'hdrtool merge' first: it writes the merged directory)\n")
    assert not (t / "include/asm-s390/pgalloc.h").exists()  # nothing written for s390 either


def test_overlay_output_leaves_the_tree_alone(tmp_path):
    """O=DIR: the merge output there wins over the tree, gen writes only there."""
    t = make_tree(tmp_path / "t")
    out = tmp_path / "build"
    shutil.copytree(t / "include/asm-x86", out / "include/asm-x86")   # as merge would
    shutil.rmtree(t / "include/asm-x86")
    (out / "include/asm-x86/pgalloc_32.h").write_text("/* old */\n")
    before = _snapshot(t)
    r = hdrtool("-C", str(t), "gen", "pgalloc", f"O={out}")
    assert r.returncode == 0, r.stderr
    assert _snapshot(t) == before
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.h")) == [
        "include/asm-s390/page.h", "include/asm-s390/pgalloc.h",
        "include/asm-x86/mmu.h", "include/asm-x86/page.h", "include/asm-x86/pgalloc.h",
        "include/asm-x86/pgtable.h"]
    assert "typedef pte_t *pgtable_t;" in (out / "include/asm-s390/page.h").read_text()
    assert hdrtool("-C", str(t), "gen", "--check", f"O={out}").returncode == 0
    page = out / "include/asm-s390/page.h"
    page.write_text(page.read_text().replace("pte_t *pgtable_t", "void *pgtable_t"))
    assert hdrtool("-C", str(t), "gen", "--check", f"O={out}").returncode == 1


def test_gen_pgalloc_prints_one_summary_line(tree, tmp_path):
    import re
    r = hdrtool("-C", str(tree), "gen", "pgalloc", f"O={tmp_path / 'out'}")
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    m = re.fullmatch(rf"gen pgalloc: (\d+) file\(s\) in {re.escape(str(tmp_path / 'out'))} "
                     r"\((\d+) written, 0 unchanged, 0 removed\)\n", r.stdout)
    assert m and m[1] == m[2] and int(m[1]) > 0, r.stdout
    again = hdrtool("-C", str(tree), "gen", "pgalloc", f"O={tmp_path / 'out'}")
    m = re.fullmatch(rf"gen pgalloc: (\d+) file\(s\) in {re.escape(str(tmp_path / 'out'))} "
                     r"\(0 written, (\d+) unchanged, 0 removed\)\n", again.stdout)
    assert m and m[1] == m[2], again.stdout


def test_gen_check_with_nothing_generated_says_so(tmp_path):
    t = make_tree(tmp_path / "bare")           # no pgalloc.h generated yet
    r = hdrtool("-C", str(t), "gen", "--check")
    assert r.returncode in (0, 1)
    assert "gen --check: 0 generated file(s) or block(s) checked" in r.stderr
