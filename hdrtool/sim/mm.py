"""Generic mm operations on the simulated kernel, written once for every arch.

They follow the 2.6.25 generic mm: page tables are walked top down and
missing levels are allocated outside ``page_table_lock`` and installed
under it only if still empty (``__pud_alloc``/``__pmd_alloc``/``__pte_alloc``;
the loser frees its spare table after unlocking).  Entries of a pte table are
touched under the table's split lock and, for highmem tables, through a
kmap.  ``free_pgtables`` frees every table whose address span no longer
overlaps a mapping, taking the pte table from the pmd with ``pmd_pgtable``.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional, Tuple

from hdrtool.sim.machine import Machine, Mm


# -- the address space (vmas as sorted disjoint intervals) ------------------

def vma_add(mm: Mm, start: int, end: int) -> None:
    """Add [start, end), merging with what it touches or overlaps."""
    vmas = mm.vmas
    i = bisect_left(vmas, (start, start))
    if i and vmas[i - 1][1] >= start:
        i -= 1
    j = i
    while j < len(vmas) and vmas[j][0] <= end:
        start, end = min(start, vmas[j][0]), max(end, vmas[j][1])
        j += 1
    vmas[i:j] = [(start, end)]


def vma_remove(mm: Mm, start: int, end: int) -> None:
    """Remove [start, end), splitting what straddles its ends."""
    vmas = mm.vmas
    i = bisect_left(vmas, (start, start))
    if i and vmas[i - 1][1] > start:
        i -= 1
    j = i
    keep = []
    while j < len(vmas) and vmas[j][0] < end:
        s, e = vmas[j]
        if s < start:
            keep.append((s, start))
        if e > end:
            keep.append((end, e))
        j += 1
    vmas[i:j] = keep


def vma_overlaps(mm: Mm, start: int, end: int) -> bool:
    vmas = mm.vmas
    i = bisect_left(vmas, (start, start))
    if i and vmas[i - 1][1] > start:
        return True
    return i < len(vmas) and vmas[i][0] < end


# -- mm life cycle ---------------------------------------------------------

def mm_alloc(m: Machine, parent: Optional[Mm]) -> Optional[Mm]:
    """mm_alloc/dup_mm -> mm_init: init_new_context, then pgd_alloc."""
    m.frames.append("mm_init")
    mm = Mm(m.next_mm)
    m.next_mm += 1
    # s390 init_new_context: a child of an mm that allocates pgstes gets
    # pgstes (and no noexec shadow); otherwise the noexec boot option.
    if m.arch.pgste and ((parent is not None and parent.alloc_pgste) or m.pgste_all):
        mm.has_pgste = mm.alloc_pgste = True
    else:
        mm.noexec = m.noexec and m.arch.noexec_shadow
    if m.emit:
        m.emit(f"# mm_init mm={mm.id} pgste={int(mm.has_pgste)} noexec={int(mm.noexec)}")
    mm.pgd = m.pgd_alloc(mm)
    m.frames.pop()
    if mm.pgd is None:
        return None
    m.mms[mm.id] = mm
    return mm


def mmput(m: Machine, mm: Mm) -> None:
    """Last user gone: exit_mmap, then mmdrop -> pgd_free; nothing may remain."""
    mm.users -= 1
    if mm.users:
        return
    m.frames.append("exit_mmap")
    for s, e in mm.vmas:
        _zap(m, mm, s, e)
    mm.vmas = []
    _free_level(m, mm, mm.pgd, 0, 0, 0, 1 << m.variant.address_bits)
    m.frames.pop()
    m.frames.append("mmdrop")
    m.pgd_free(mm, mm.pgd)
    m.frames.pop()
    del m.mms[mm.id]
    if mm.pages or mm.tables or mm.pgtable_list or mm.nr_ptes:
        m.finding("leak", f"mm {mm.id} exited with {mm.pages} table pages, {mm.tables} pte "
                          f"tables, nr_ptes {mm.nr_ptes} left")


# -- walking and allocating ------------------------------------------------

def walk_pmd(m: Machine, mm: Mm, addr: int, alloc: bool) -> Optional[Tuple[int, int]]:
    """(pmd table, index) for ``addr``, allocating missing upper levels."""
    levels = m.levels
    table = mm.pgd
    mem = m.mem
    for i in range(len(levels) - 2):
        lvl = levels[i]
        idx = (addr >> lvl.shift) & (lvl.entries - 1)
        entry = mem[table][idx]
        if not entry:
            if not alloc:
                return None
            if not _upper_populate(m, mm, table, idx, lvl, levels[i + 1].name, addr):
                return None
            entry = mem[table][idx]
        table = entry & ~1
    lvl = levels[-2]
    return table, (addr >> lvl.shift) & (lvl.entries - 1)


def _upper_populate(m: Machine, mm: Mm, table: int, idx: int, parent, level: str,
                    addr: int) -> bool:
    """__pud_alloc / __pmd_alloc: the new ``level`` table goes into an entry
    of the ``parent`` level (pgd_populate, pud_populate)."""
    new = m.upper_alloc(mm, level, addr)
    if new is None:
        return False
    m.spin_lock(mm.ptl)
    if m.mem[table][idx]:
        m.spin_unlock(mm.ptl)
        m.upper_free(mm, level, new)
        return True
    m.mem[table][idx] = new | 1
    if m.emit:
        entry = table + idx * parent.entry_size
        m.emit(f"{parent.name}_populate mm={mm.id} entry={entry:#010x} table={new:#010x}")
    m.spin_unlock(mm.ptl)
    return True


def pte_alloc(m: Machine, mm: Mm, table: int, idx: int, addr: int, race: bool = False) -> bool:
    """__pte_alloc.  With ``race`` another thread of the mm populates the
    pmd between our pte_alloc_one and our taking the lock: we lose and free
    the spare table after unlocking."""
    m.frames.append("__pte_alloc")
    new = m.pte_alloc_one(mm, addr)
    if new is None:
        m.frames.pop()
        return False
    if race:
        if m.emit:
            m.emit("# another thread wins the race")
        pte_alloc(m, mm, table, idx, addr)
    m.spin_lock(mm.ptl)
    if m.mem[table][idx]:
        spare = new
    else:
        mm.nr_ptes += 1
        m.pmd_populate(mm, table, idx, new)
        spare = None
    m.spin_unlock(mm.ptl)
    if spare is not None:
        m.pte_free(mm, spare)
    m.frames.pop()
    return True


def pte_alloc_kernel(m: Machine, mm: Mm, table: int, idx: int, addr: int,
                     race: bool = False) -> bool:
    """__pte_alloc_kernel: the same dance on init_mm with the _kernel API
    (no nr_ptes for kernel tables)."""
    m.frames.append("__pte_alloc_kernel")
    new = m.pte_alloc_one_kernel(mm, addr)
    if new is None:
        m.frames.pop()
        return False
    if race:
        if m.emit:
            m.emit("# another thread wins the race")
        pte_alloc_kernel(m, mm, table, idx, addr)
    m.spin_lock(mm.ptl)
    spare = new if m.mem[table][idx] else None
    if spare is None:
        m.pmd_populate_kernel(mm, table, idx, new)
    m.spin_unlock(mm.ptl)
    if spare is not None:
        m.pte_free_kernel(mm, spare)
    m.frames.pop()
    return True


def kernel_map(m: Machine, start: int, end: int, race: bool = False) -> bool:
    """vmap-style mapping in init_mm: tables through pte_alloc_kernel, ptes
    set without the split lock.  Kernel page tables are never freed."""
    mm = m.kernel_mm()
    if mm is None:
        return False
    m.frames.append("vmap_page_range")
    ok = True
    for lo, hi in _chunks(m, start, end):
        pmd = walk_pmd(m, mm, lo, True)
        if pmd is None or (not m.mem[pmd[0]][pmd[1]] and not pte_alloc_kernel(m, mm, *pmd, lo, race)):
            ok = False
            break
        pte = m.mem[pmd[0]][pmd[1]] & ~1
        m.touch(m.table_page(pte))
        ptes = m.mem[pte]
        addr = lo
        for i in _pte_range(m, lo, hi):
            if not ptes[i]:
                ptes[i] = addr | 1
                mm.mapped += 1
            addr += 4096
        m.ops += hi - lo >> m.page_shift
    m.frames.pop()
    return ok


def kernel_unmap(m: Machine, start: int, end: int) -> None:
    """vunmap: clear the ptes; the tables stay."""
    mm = m.init_mm
    if mm is None:
        return
    for lo, hi in _chunks(m, start, end):
        pmd = walk_pmd(m, mm, lo, False)
        if pmd is None or not m.mem[pmd[0]][pmd[1]]:
            continue
        pte = m.mem[pmd[0]][pmd[1]] & ~1
        m.touch(m.table_page(pte))
        ptes = m.mem[pte]
        for i in _pte_range(m, lo, hi):
            if ptes[i]:
                ptes[i] = 0
                mm.mapped -= 1
        m.ops += hi - lo >> m.page_shift


# -- touching ptes ---------------------------------------------------------

def _chunks(m: Machine, start: int, end: int):
    """Split [start, end) at pmd boundaries."""
    span = 1 << m.levels[-2].shift
    addr = start
    while addr < end:
        nxt = min(end, (addr | (span - 1)) + 1)
        yield addr, nxt
        addr = nxt


def _pte_range(m: Machine, start: int, end: int) -> range:
    mask = m.pte_entries - 1
    first = (start >> m.page_shift) & mask
    return range(first, first + ((end - start) >> m.page_shift))


def populate(m: Machine, mm: Mm, start: int, end: int, race: bool = False) -> bool:
    """Fault in every page of [start, end) (handle_mm_fault per pte table)."""
    m.frames.append("handle_mm_fault")
    mem = m.mem
    ok = True
    for lo, hi in _chunks(m, start, end):
        pmd = walk_pmd(m, mm, lo, True)
        if pmd is None:
            ok = False
            break
        table, idx = pmd
        if not mem[table][idx] and not pte_alloc(m, mm, table, idx, lo, race):
            ok = False
            break
        pgtable = mem[table][idx] & ~1
        page = m.table_page(pgtable)
        m.kmap(page)                  # pte_offset_map_lock: map, then lock
        _ptl_lock(m, page)
        m.touch(page)
        ptes = mem[pgtable]
        n = 0
        addr = lo
        for i in _pte_range(m, lo, hi):
            if not ptes[i]:
                ptes[i] = addr | 1
                n += 1
            addr += 4096
        mm.mapped += n
        m.ops += hi - lo >> m.page_shift
        _ptl_unlock(m, page)          # pte_unmap_unlock: unlock, then unmap
        m.kunmap(page)
    m.frames.pop()
    if not ok and m.emit:
        m.emit("# VM_FAULT_OOM")
    return ok


def _ptl_lock(m: Machine, page, subclass: int = 0) -> None:
    if not page.ptl:
        m.finding("ptl-uninitialised", f"split ptl of table page {page.pfn} taken "
                                       f"before pgtable_page_ctor")
    m.spin_lock(m.PTL_PAGE, subclass)


def _ptl_unlock(m: Machine, page, subclass: int = 0) -> None:
    m.spin_unlock(m.PTL_PAGE, subclass)


def _zap(m: Machine, mm: Mm, start: int, end: int) -> None:
    mem = m.mem
    for lo, hi in _chunks(m, start, end):
        pmd = walk_pmd(m, mm, lo, False)
        if pmd is None or not mem[pmd[0]][pmd[1]]:
            continue
        pgtable = mem[pmd[0]][pmd[1]] & ~1
        page = m.table_page(pgtable)
        m.kmap(page)                  # pte_offset_map_lock: map, then lock
        _ptl_lock(m, page)
        m.touch(page)
        ptes = mem[pgtable]
        n = 0
        for i in _pte_range(m, lo, hi):
            if ptes[i]:
                ptes[i] = 0
                n += 1
        mm.mapped -= n
        m.ops += hi - lo >> m.page_shift
        _ptl_unlock(m, page)          # pte_unmap_unlock: unlock, then unmap
        m.kunmap(page)


def unmap(m: Machine, mm: Mm, start: int, end: int) -> None:
    """munmap: zap the ptes, drop the mapping, free tables nothing maps."""
    m.frames.append("unmap_region")
    _zap(m, mm, start, end)
    vma_remove(mm, start, end)
    _free_level(m, mm, mm.pgd, 0, 0, start, end)
    m.frames.pop()


def _free_level(m: Machine, mm: Mm, table: int, depth: int, base: int,
                start: int, end: int) -> None:
    """free_pgd_range and below: free the tables (mapping [base, ...)) under
    [start, end) whose span no mapping overlaps -- the kernel's floor and
    ceiling rule."""
    levels = m.levels
    lvl = levels[depth]
    t = m.mem[table]
    shift = lvl.shift
    first = max(0, (start - base) >> shift)
    last = min(lvl.entries, ((end - 1 - base) >> shift) + 1)
    pmd_level = depth == len(levels) - 2
    for idx in range(first, last):
        entry = t[idx]
        if not entry:
            continue
        lo = base + (idx << shift)
        hi = lo + (1 << shift)
        if pmd_level:
            if not vma_overlaps(mm, lo, hi):
                _free_pte_range(m, mm, table, idx)
            continue
        child = entry & ~1
        _free_level(m, mm, child, depth + 1, lo, max(lo, start), min(hi, end))
        if not vma_overlaps(mm, lo, hi):
            t[idx] = 0
            m.upper_free(mm, levels[depth + 1].name, child)


def _free_pte_range(m: Machine, mm: Mm, table: int, idx: int) -> None:
    m.frames.append("free_pte_range")
    token = m.pmd_pgtable(table, idx)
    m.pmd_clear(mm, table, idx)
    m.pte_free(mm, token)
    mm.nr_ptes -= 1
    m.frames.pop()


def apply_range(m: Machine, mm: Mm, start: int, end: int) -> bool:
    """apply_to_page_range with a callback that checks its token: every pte
    it is handed must lie inside the table ``pmd_pgtable`` named."""
    m.frames.append("apply_to_page_range")
    size = m.variant.pte_level.table_size
    esize = m.variant.pte_level.entry_size
    ok = True
    for lo, hi in _chunks(m, start, end):
        pmd = walk_pmd(m, mm, lo, True)
        if pmd is None or (not m.mem[pmd[0]][pmd[1]] and not pte_alloc(m, mm, *pmd, lo)):
            ok = False
            break
        pgtable = m.mem[pmd[0]][pmd[1]] & ~1
        page = m.table_page(pgtable)
        m.kmap(page)                  # pte_offset_map_lock: map, then lock
        _ptl_lock(m, page)
        m.touch(page)
        token = m.pmd_pgtable(*pmd)
        for i in _pte_range(m, lo, hi):
            pte = pgtable + i * esize
            if not token <= pte < token + size:
                m.finding("apply-token", f"pte {pte:#010x} outside token table {token:#010x}")
                break
        m.ops += hi - lo >> m.page_shift
        _ptl_unlock(m, page)          # pte_unmap_unlock: unlock, then unmap
        m.kunmap(page)
    m.frames.pop()
    return ok


def dup_mm(m: Machine, src: Mm) -> Optional[Mm]:
    """fork's dup_mm: a new mm, then copy_page_range over every mapping
    (destination table and lock first, then the source's, nested)."""
    m.frames.append("dup_mm")
    dst = mm_alloc(m, src)
    if dst is None:
        m.frames.pop()
        return None
    dst.vmas = list(src.vmas)
    m.frames.append("copy_page_range")
    mem = m.mem
    ok = True
    for s, e in src.vmas:
        for lo, hi in _chunks(m, s, e):
            spmd = walk_pmd(m, src, lo, False)
            if spmd is None or not mem[spmd[0]][spmd[1]]:
                continue
            dpmd = walk_pmd(m, dst, lo, True)
            if dpmd is None or (not mem[dpmd[0]][dpmd[1]] and not pte_alloc(m, dst, *dpmd, lo)):
                ok = False
                break
            _copy_ptes(m, src, dst, mem[spmd[0]][spmd[1]] & ~1, mem[dpmd[0]][dpmd[1]] & ~1, lo, hi)
        if not ok:
            break
    m.frames.pop()
    m.frames.pop()
    if not ok:
        mmput(m, dst)
        return None
    return dst


def _copy_ptes(m: Machine, src: Mm, dst: Mm, spt: int, dpt: int, lo: int, hi: int) -> None:
    dpage, spage = m.table_page(dpt), m.table_page(spt)
    # copy_pte_range: pte_alloc_map_lock(dst), pte_offset_map_nested(src),
    # spin_lock_nested(src ptl, SINGLE_DEPTH_NESTING); undone in reverse
    m.kmap(dpage)
    _ptl_lock(m, dpage)
    m.kmap(spage)
    _ptl_lock(m, spage, 1)
    m.touch(dpage)
    m.touch(spage)
    sp, dp = m.mem[spt], m.mem[dpt]
    n = 0
    for i in _pte_range(m, lo, hi):
        if sp[i] and not dp[i]:
            dp[i] = sp[i]
            n += 1
    dst.mapped += n
    m.ops += hi - lo >> m.page_shift
    _ptl_unlock(m, spage, 1)
    m.kunmap(spage)
    _ptl_unlock(m, dpage)
    m.kunmap(dpage)
