"""The arch half of the model: the pgalloc API per ``pgtable_t`` representation.

Two strategies, chosen by ``arch.toml``'s ``pgtable_t``:

* :class:`PageTables` (``"page"``, x86): a pte table is a whole page, the
  handle is the ``struct page``; with ``highpte`` the page comes from highmem.
  ctor on alloc, dtor on free.
* :class:`FragmentTables` (``"fragment"``, s390 after commit 146e4b3c): a
  pte table is a fragment of ``pte.table_size`` bytes; a page holds
  ``page_size // table_size`` of them.  One bit per fragment in the page
  marks it used; a table with pgstes (the mm uses SIE) or a noexec shadow
  takes two adjacent fragments, so two bits.  Pages with a free fragment sit
  at the head of the mm's list, full pages at its tail, both under
  ``page_table_lock``.  Allocation looks only at the head page: if that one
  is full, a new page is allocated (ctor) and added at the head.  The
  first free fragment (pair) of the page is taken; a page that became full
  moves to the tail.  Freeing clears the bits; a page with bits left moves
  to the head, an empty page leaves the list and is freed (dtor first).

Upper levels (pgd, pud, pmd) are the same for both: ``table_size`` bytes,
rounded up to whole pages (s390's 8K and 16K region/segment tables are order
1 and 2 blocks), with a shadow table of the same size when the mm runs
with a noexec shadow.  Every handle is the table's physical offset.
"""

from __future__ import annotations

from typing import Optional, TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from hdrtool.sim.machine import Machine, Mm


def _order(size: int, page_size: int) -> int:
    pages = max(1, size // page_size)
    return (pages - 1).bit_length()


class PageTables:
    """pgtable_t = struct page * (one table per page)."""

    repr = "page"

    def __init__(self, m: "Machine"):
        self.m = m
        self.entries = m.pte_entries

    def pte_alloc_one(self, mm: "Mm", addr: int) -> Optional[int]:
        m = self.m
        page = m.alloc.alloc(0, m.variant.highpte, "pte")
        if page is None:
            return None
        m.pgtable_ctor(page)
        page.mm = mm.id
        mm.pages += 1
        phys = page.pfn << m.page_shift
        m.mem[phys] = [0] * self.entries
        return phys

    def pte_free(self, mm: "Mm", phys: int) -> None:
        m = self.m
        page = m.alloc.pages[phys >> m.page_shift]
        del m.mem[phys]
        m.pgtable_dtor(page)
        mm.pages -= 1
        m.alloc.free(page)

    def pte_alloc_one_kernel(self, mm: "Mm", addr: int) -> Optional[int]:
        """A zeroed lowmem page, no ctor: kernel tables are never highmem and
        never take the split lock (x86 get_zeroed_page)."""
        m = self.m
        page = m.alloc.alloc(0, False, "kpte")
        if page is None:
            return None
        page.mm = mm.id
        mm.pages += 1
        phys = page.pfn << m.page_shift
        m.mem[phys] = [0] * self.entries
        return phys

    def pte_free_kernel(self, mm: "Mm", phys: int) -> None:
        m = self.m
        page = m.alloc.pages[phys >> m.page_shift]
        del m.mem[phys]
        mm.pages -= 1
        m.alloc.free(page)

    def table_bits(self, mm: "Mm") -> int:
        return 1

    def frag_index(self, phys: int) -> int:
        return 0

    def fragments_in_use(self) -> int:
        return len(self.m.live_tables)

    def check(self, pages, mms):
        """Strategy-specific consistency problems (none: a table is a page)."""
        return []


class FragmentTables:
    """pgtable_t = pte_t * (a 1K/2K fragment of a page, s390)."""

    repr = "fragment"

    def __init__(self, m: "Machine"):
        self.m = m
        self.entries = m.pte_entries
        self.frag_size = m.variant.pte_level.table_size
        self.per_page = m.variant.page_size // self.frag_size
        self.full = (1 << self.per_page) - 1

    def table_bits(self, mm: "Mm") -> int:
        # two adjacent fragments for pte + pgste, or pte + noexec shadow
        return 3 if (mm.has_pgste or mm.noexec) else 1

    def frag_index(self, phys: int) -> int:
        return (phys & (self.m.variant.page_size - 1)) // self.frag_size

    def fragments_in_use(self) -> int:
        return sum(bin(p.frag).count("1") for p in self.m.alloc.pages.values()
                   if p.kind == "pte")

    def check(self, pages, mms):
        """Page bits against the tables in each page (``pages``: pfn ->
        bits the reachable tables use), and each mm's list: exactly its
        table pages, no partly used page behind a full one."""
        out = []
        for pfn, bits in sorted(pages.items()):
            page = self.m.alloc.pages.get(pfn)
            if page is not None and page.frag != bits:
                out.append(f"table page {pfn}: fragment bits {page.frag:#x}, tables use {bits:#x}")
        for mm in mms:
            owned = {p.pfn for p in self.m.alloc.pages.values() if p.kind == "pte" and p.mm == mm.id}
            if sorted(mm.pgtable_list) != sorted(owned):
                out.append(f"mm {mm.id}: pgtable_list {mm.pgtable_list} != table pages {sorted(owned)}")
            seen_full = False
            for pfn in mm.pgtable_list:
                page = self.m.alloc.pages.get(pfn)
                if page is None:
                    continue
                if page.frag == self.full:
                    seen_full = True
                elif seen_full:
                    out.append(f"mm {mm.id}: partly used page {pfn} after a full page in pgtable_list")
        return out

    def pte_alloc_one(self, mm: "Mm", addr: int) -> Optional[int]:
        m = self.m
        bits = self.table_bits(mm)
        lst = mm.pgtable_list
        m.spin_lock(mm.ptl)
        page = None
        if lst:
            page = m.alloc.pages[lst[0]]
            if page.frag == self.full:
                page = None
        if page is None:
            m.spin_unlock(mm.ptl)
            page = m.alloc.alloc(0, False, "pte")
            if page is None:
                return None
            m.pgtable_ctor(page)
            page.frag = 0
            page.mm = mm.id
            mm.pages += 1
            m.spin_lock(mm.ptl)
            lst.insert(0, page.pfn)
        idx = 0
        while page.frag & bits:
            idx += 1
            bits <<= 1
        if bits & ~self.full:
            m.finding("fragment-overflow", f"no room for a table in page {page.pfn} "
                                           f"(bits {page.frag:#x})")
        page.frag |= bits
        if page.frag == self.full:
            lst.remove(page.pfn)
            lst.append(page.pfn)
        phys = (page.pfn << m.page_shift) + idx * self.frag_size
        m.mem[phys] = [0] * self.entries
        if m.emit:
            m.emit(f"frag_alloc pfn={page.pfn} frag={idx} bits={page.frag:#x}")
            m.emit_list(mm)
        m.spin_unlock(mm.ptl)
        return phys

    def pte_free(self, mm: "Mm", phys: int) -> None:
        m = self.m
        del m.mem[phys]
        idx = (phys & (m.variant.page_size - 1)) // self.frag_size
        bits = self.table_bits(mm) << idx
        page = m.alloc.pages[phys >> m.page_shift]
        lst = mm.pgtable_list
        m.spin_lock(mm.ptl)
        page.frag ^= bits
        if m.emit:
            m.emit(f"frag_free pfn={page.pfn} frag={idx} bits={page.frag:#x}")
        lst.remove(page.pfn)
        empty = not page.frag
        if not empty:
            lst.insert(0, page.pfn)
        if m.emit:
            m.emit_list(mm)
        m.spin_unlock(mm.ptl)
        if empty:
            m.pgtable_dtor(page)
            mm.pages -= 1
            m.alloc.free(page)


    # s390 2.6.25: kernel pte tables come from the same fragment allocator
    # (on init_mm), ctor included.
    pte_alloc_one_kernel = pte_alloc_one
    pte_free_kernel = pte_free


STRATEGIES = {"page": PageTables, "fragment": FragmentTables}


class UpperTables:
    """pgd/pud/pmd tables: whole pages (or blocks), plus noexec shadows."""

    def __init__(self, m: "Machine"):
        self.m = m
        self.orders = {lvl.name: _order(lvl.table_size, m.variant.page_size)
                       for lvl in m.variant.levels[:-1]}
        self.entries = {lvl.name: lvl.entries for lvl in m.variant.levels[:-1]}
        self.shadow = {}   # table phys -> shadow table page

    def alloc(self, mm: "Mm", level: str) -> Optional[int]:
        m = self.m
        page = m.alloc.alloc(self.orders[level], False, level)
        if page is None:
            return None
        shadow = None
        if mm.noexec:
            shadow = m.alloc.alloc(self.orders[level], False, level)
            if shadow is None:
                m.alloc.free(page)
                return None
            mm.pages += 1 << shadow.order
        page.mm = mm.id
        mm.pages += 1 << page.order
        phys = page.pfn << m.page_shift
        m.mem[phys] = [0] * self.entries[level]
        if shadow is not None:
            self.shadow[phys] = shadow
        return phys

    def free(self, mm: "Mm", phys: int) -> None:
        m = self.m
        del m.mem[phys]
        page = m.alloc.pages[phys >> m.page_shift]
        mm.pages -= 1 << page.order
        m.alloc.free(page)
        shadow = self.shadow.pop(phys, None)
        if shadow is not None:
            mm.pages -= 1 << shadow.order
            m.alloc.free(shadow)
