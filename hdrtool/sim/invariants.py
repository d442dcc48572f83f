"""Invariants of the model, checked after every step.

The cheap checks compare counters that are kept independently (O(1) per
mm); the full check (tests, ``check`` steps, ``full_checks=True``) walks
every page table and recomputes everything from the tables themselves.
"""

from __future__ import annotations

from typing import Dict, List

from hdrtool.sim.machine import Machine, Mm


def quick(m: Machine) -> List[str]:
    """Problems visible from the counters alone."""
    out = []
    a = m.alloc
    pte_pages = a.by_kind.get("pte", 0)
    if a.nr_pagetable != pte_pages:
        out.append(f"NR_PAGETABLE is {a.nr_pagetable} but {pte_pages} pte table pages are allocated")
    for mm in m.mms.values():
        if mm.nr_ptes != mm.populated:
            out.append(f"mm {mm.id}: nr_ptes is {mm.nr_ptes} but {mm.populated} pmds are populated")
    return out


def full(m: Machine) -> List[str]:
    """Recompute everything from the page tables and compare."""
    out = quick(m)
    reached: Dict[int, Mm] = {}
    populated: Dict[int, int] = {}
    mms = list(m.mms.values()) + ([m.init_mm] if m.init_mm else [])
    for mm in mms:
        populated[mm.id] = 0
        _walk(m, mm, mm.pgd, 0, reached, populated, out)
        if mm is not m.init_mm and populated[mm.id] != mm.nr_ptes:
            out.append(f"mm {mm.id}: walking finds {populated[mm.id]} populated pmds, "
                       f"nr_ptes is {mm.nr_ptes}")
    if set(reached) != m.live_tables:
        out.append(f"pte tables reachable {sorted(reached)} != handed out {sorted(m.live_tables)}")
    pages: Dict[int, int] = {}
    for phys, mm in reached.items():
        pfn = phys >> m.page_shift
        pages[pfn] = pages.get(pfn, 0) | m.pt.table_bits(mm) << m.pt.frag_index(phys)
    ctor = sum(1 for p in m.alloc.pages.values() if p.ctor)
    pte_pages = {p.pfn for p in m.alloc.pages.values() if p.kind in ("pte", "kpte")}
    if set(pages) != pte_pages:
        out.append(f"pages holding pte tables {sorted(pages)} != pte table pages allocated "
                   f"{sorted(pte_pages)}")
    if ctor != m.alloc.nr_pagetable:
        out.append(f"NR_PAGETABLE is {m.alloc.nr_pagetable} but {ctor} pages passed the ctor")
    for pfn in sorted(pages):
        page = m.alloc.pages.get(pfn)
        if page is None or page.kind == "pte" and not page.ptl:
            out.append(f"table page {pfn}: split ptl not initialised")
    return out + m.pt.check(pages, mms)


def _walk(m: Machine, mm: Mm, table: int, depth: int, reached, populated, out) -> None:
    pmd_level = depth == len(m.levels) - 2
    esize = m.levels[depth].entry_size
    for idx, entry in enumerate(m.mem[table]):
        if not entry:
            continue
        child = entry & ~1
        if pmd_level:
            populated[mm.id] += 1
            if child in reached:
                out.append(f"pte table {child:#010x} installed twice")
            reached[child] = mm
            if m.installed.get(table + idx * esize) != child:
                out.append(f"pmd {table + idx * esize:#010x} holds {child:#010x}, "
                           f"pmd_populate installed {m.installed.get(table + idx * esize)}")
        else:
            _walk(m, mm, child, depth + 1, reached, populated, out)
