"""The simulated physical memory: 4K pages, ``struct page``, the zone counter.

Pages are identified by their pfn.  The allocator is deterministic so that
the compiled simulator can reproduce it exactly: an allocation of order n
takes the lowest free, naturally aligned run of 2**n pages.  Fault
injection follows the kernel radix-tree test harness: ``fail_nth(n)`` makes
the n-th allocation from now return None (the C side counts the same way).
"""

from __future__ import annotations

import heapq
from typing import Callable, Dict, List, Optional, Set


class Page:
    """``struct page`` as far as page tables care.

    ``frag`` holds the s390 fragment bits (the kernel keeps them in the low
    bits of page->flags); ``ptl`` is True once the split page-table lock was
    initialised by the ctor; ``mm`` is the owning mm id for table pages."""

    __slots__ = ("pfn", "order", "highmem", "ptl", "frag", "ctor", "mm", "kind")

    def __init__(self, pfn: int, order: int, highmem: bool, kind: str):
        self.pfn = pfn
        self.order = order
        self.highmem = highmem
        self.ptl = False
        self.frag = 0
        self.ctor = False
        self.mm = 0
        self.kind = kind


class PageAllocator:
    """Lowest-free-pfn-first page allocator with NR_PAGETABLE and fault injection."""

    def __init__(self, page_shift: int, emit: Optional[Callable[[str], None]] = None):
        self.page_shift = page_shift
        self.pages: Dict[int, Page] = {}      # head pfn -> page (allocated only)
        self.top = 0                           # first never-used pfn
        self._free_heap: List[int] = []        # lazily cleaned: check _free
        self._free: Set[int] = set()
        self.nallocs = 0                       # allocations attempted
        self._fail_at: Set[int] = set()
        self.nr_pagetable = 0                  # the zone counter NR_PAGETABLE
        self.nr_used = 0                       # pages allocated (all orders)
        self.by_kind: Dict[str, int] = {}      # allocated blocks per kind
        self.emit = emit

    # -- fault injection -------------------------------------------------
    def fail_nth(self, n: int) -> None:
        """Make the n-th allocation from now (1 = the next one) fail."""
        self._fail_at.add(self.nallocs + n)

    # -- allocation ------------------------------------------------------
    def alloc(self, order: int = 0, highmem: bool = False, kind: str = "table") -> Optional[Page]:
        self.nallocs += 1
        if self._fail_at and self.nallocs in self._fail_at:
            self._fail_at.discard(self.nallocs)
            if self.emit:
                self.emit(f"page_alloc_fail order={order} seq={self.nallocs}")
            return None
        pfn = self._take(order)
        page = Page(pfn, order, highmem, kind)
        self.pages[pfn] = page
        self.nr_used += 1 << order
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        if self.emit:
            self.emit(f"page_alloc pfn={pfn} order={order} highmem={int(highmem)}")
        return page

    def _take(self, order: int) -> int:
        if order == 0:
            heap, free = self._free_heap, self._free
            while heap:
                pfn = heapq.heappop(heap)
                if pfn in free:
                    free.discard(pfn)
                    return pfn
            pfn = self.top
            self.top += 1
            return pfn
        n = 1 << order
        free, top = self._free, self.top
        start = 0
        while not all(p in free or p >= top for p in range(start, start + n)):
            start += n
        for pfn in range(start, min(start + n, top)):
            free.discard(pfn)
        for pfn in range(top, start):      # an alignment gap becomes free
            self._release(pfn)
        self.top = max(top, start + n)
        return start

    def _release(self, pfn: int) -> None:
        self._free.add(pfn)
        heapq.heappush(self._free_heap, pfn)

    def free(self, page: Page) -> None:
        del self.pages[page.pfn]
        self.nr_used -= 1 << page.order
        self.by_kind[page.kind] -= 1
        for i in range(1 << page.order):
            self._release(page.pfn + i)
        if self.emit:
            self.emit(f"page_free pfn={page.pfn} order={page.order}")
