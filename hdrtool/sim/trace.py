"""The event trace, version 1 (docs/sim.md): which lines are arch-visible.

The compiled simulator emits the arch-visible events only; comments (``#``)
and model findings (``!``) are the model's own and are not compared.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Tuple

VERSION = 1
HEADER = f"# hdrtool-trace {VERSION}"

#: Every arch-visible event and its keys, in the order they are printed.
ARCH_EVENTS: Dict[str, Tuple[str, ...]] = {
    "page_alloc": ("pfn", "order", "highmem"),
    "page_alloc_fail": ("order", "seq"),
    "page_free": ("pfn", "order"),
    "ctor": ("pfn", "nr_pagetable"),
    "dtor": ("pfn", "nr_pagetable"),
    "pgd_alloc": ("mm", "table", "shadow?"),
    "pgd_free": ("mm", "table"),
    "pud_alloc_one": ("mm", "addr", "table", "shadow?"),
    "pud_free": ("mm", "table"),
    "pmd_alloc_one": ("mm", "addr", "table", "shadow?"),
    "pmd_free": ("mm", "table"),
    "pgd_populate": ("mm", "entry", "table"),
    "pud_populate": ("mm", "entry", "table"),
    "pte_alloc_one": ("mm", "addr", "pgtable"),
    "pte_free": ("mm", "pgtable"),
    "pmd_populate": ("mm", "pmd", "pgtable"),
    "pmd_pgtable": ("pmd", "pgtable"),
    "pte_alloc_one_kernel": ("mm", "addr", "pte"),
    "pte_free_kernel": ("mm", "pte"),
    "pmd_populate_kernel": ("mm", "pmd", "pte"),
    "frag_alloc": ("pfn", "frag", "bits"),
    "frag_free": ("pfn", "frag", "bits"),
    "pgtable_list": ("mm", "pfns"),
    "lock_acquire": ("class", "ctx", "hardirqs", "softirqs"),
    "lock_release": ("class",),
    "kmap": ("pfn",),
    "kunmap": ("pfn",),
}


def arch_events(lines: Iterable[str]) -> List[str]:
    """The lines the compiled simulator must reproduce, in order."""
    return [line for line in lines if line and line[0] not in "#!"]


def parse_event(line: str) -> Tuple[str, Dict[str, str]]:
    """``op key=value ...`` -> (op, {key: value}); ValueError if malformed."""
    op, *fields = line.split(" ")
    if op not in ARCH_EVENTS:
        raise ValueError(f"unknown event {op!r}")
    pairs = dict(f.split("=", 1) for f in fields)
    keys = [k.rstrip("?") for k in ARCH_EVENTS[op]]
    required = [k for k in ARCH_EVENTS[op] if not k.endswith("?")]
    if list(pairs)[:len(required)] != required or not set(pairs) <= set(keys):
        raise ValueError(f"{op}: keys {list(pairs)} do not match {keys}")
    return op, pairs
