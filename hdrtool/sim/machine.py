"""The simulated kernel: memory, locks, the arch API with its trace events,
findings and invariants.  Generic mm operations built on it live in
:mod:`hdrtool.sim.mm`.

Everything is driven by the arch data: the levels and table sizes of the
variant, ``pgtable_t`` (which :mod:`~hdrtool.sim.pgalloc` strategy runs),
``pgd_list`` (whether pgd_alloc/pgd_free take ``pgd_lock``), ``highpte``,
``pgste`` and ``noexec_shadow``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from hdrtool.core.config import ArchConfig, Variant
from hdrtool.sim.lockdep import Lockdep
from hdrtool.sim.pages import Page, PageAllocator
from hdrtool.sim.pgalloc import STRATEGIES, UpperTables

PGD_LOCK_MODES = ("spin_lock", "spin_lock_irqsave")


@dataclass(frozen=True)
class Finding:
    """A model finding: an invariant violation or a lockdep report."""

    kind: str
    where: str        # scenario location of the step, e.g. seed.scn:7
    message: str
    report: str = ""  # full lockdep report text, if any


class Mm:
    """``mm_struct``: pgd, nr_ptes, page_table_lock, the s390 context."""

    __slots__ = ("id", "pgd", "nr_ptes", "populated", "users", "pages", "tables",
                 "pgtable_list", "has_pgste", "alloc_pgste", "noexec", "vmas", "mapped", "ptl")

    def __init__(self, mm_id: int, ptl: str = "&mm->page_table_lock"):
        self.id = mm_id
        self.ptl = ptl              # lock class of page_table_lock
        self.pgd = -1
        self.nr_ptes = 0
        self.populated = 0          # pmds pointing at a pte table (invariant)
        self.users = 1
        self.pages = 0              # table pages owned (upper + pte + shadows)
        self.tables = 0             # live pte tables (fragments or pages)
        self.pgtable_list: List[int] = []   # s390: pfns, partly used first
        self.has_pgste = False
        self.alloc_pgste = False
        self.noexec = False
        self.vmas: List[Tuple[int, int]] = []
        self.mapped = 0             # present ptes


class Machine:
    """One simulated CPU running one variant."""

    PTL_PAGE = "&page->ptl"
    PGD_LOCK = "pgd_lock"

    def __init__(self, arch: ArchConfig, variant: Variant, *, trace: bool = False,
                 full_checks: bool = False):
        self.arch = arch
        self.variant = variant
        self.page_shift = variant.page_size.bit_length() - 1
        self.lines: List[str] = []
        self.emit: Optional[Callable[[str], None]] = self.lines.append if trace else None
        self.full_checks = full_checks
        self.alloc = PageAllocator(self.page_shift, self.emit)
        self.levels = variant.levels
        self.pte_entries = variant.pte_level.entries
        self.mem: Dict[int, List[int]] = {}
        self.pt = STRATEGIES[arch.pgtable_t](self)
        self.upper = UpperTables(self)
        self.frames: List[str] = []
        self.loc = "-"
        self.comm, self.pid = "swapper", 0
        self.lockdep = Lockdep(f"hdrtool-sim {variant.name}", self._where,
                               lambda: (self.comm, self.pid), self._here)
        self.findings: List[Finding] = []
        self._nreports = 0
        self.pgd_list: List[int] = []
        self.pgd_lock_mode = "spin_lock_irqsave"
        self.noexec = False        # the s390 'noexec' boot option
        self.pgste_all = False     # every new mm starts with pgstes (compare)
        self.installed: Dict[int, int] = {}   # pmd entry address -> pgtable
        self.live_tables: set = set()
        self.kmapped: set = set()
        self.mms: Dict[int, Mm] = {}
        self.init_mm: Optional[Mm] = None
        self.next_mm = 1
        self.ops = 0               # pte slots set, cleared, copied or visited
        self.api_ops = 0           # arch API calls (alloc, free, populate)

    # -- context ---------------------------------------------------------
    def _where(self):
        return (self.loc, tuple(reversed(self.frames)))

    def _here(self):
        return (self.loc, self.frames[-1] if self.frames else "?")

    def finding(self, kind: str, message: str) -> None:
        self.findings.append(Finding(kind, self.loc, message))
        if self.emit:
            self.emit(f"! {kind} {message}")

    def _collect_reports(self) -> None:
        reports = self.lockdep.reports
        while self._nreports < len(reports):
            r = reports[self._nreports]
            self._nreports += 1
            self.findings.append(Finding(r.kind, self.loc, r.summary, r.text))
            if self.emit:
                self.emit(f"! lockdep {r.kind} class={r.lock}")

    # -- locks -----------------------------------------------------------
    def _ctx(self) -> str:
        ld = self.lockdep
        return "hardirq" if ld.hardirq else "softirq" if ld.softirq else "task"

    def spin_lock(self, name: str, subclass: int = 0) -> None:
        ld = self.lockdep
        if self.emit:
            self.emit(f"lock_acquire class={name}{'/%d' % subclass if subclass else ''} "
                      f"ctx={self._ctx()} hardirqs={int(ld.hardirqs_on)} "
                      f"softirqs={int(ld.softirqs_on)}")
        ld.acquire(name, subclass=subclass)
        if ld.reports and self._nreports < len(ld.reports):
            self._collect_reports()

    def spin_unlock(self, name: str, subclass: int = 0) -> None:
        if self.emit:
            self.emit(f"lock_release class={name}{'/%d' % subclass if subclass else ''}")
        ld = self.lockdep
        ld.release(name, subclass)
        if ld.reports and self._nreports < len(ld.reports):
            self._collect_reports()

    def spin_lock_irqsave(self, name: str) -> bool:
        was = self.lockdep.irq_disable()
        self.spin_lock(name)
        return was

    def spin_unlock_irqrestore(self, name: str, was: bool) -> None:
        self.spin_unlock(name)
        self.lockdep.irq_restore(was)
        if self.lockdep.reports and self._nreports < len(self.lockdep.reports):
            self._collect_reports()

    # -- struct page helpers ---------------------------------------------
    def pgtable_ctor(self, page: Page) -> None:
        """pgtable_page_ctor: init the split ptl, count in NR_PAGETABLE."""
        page.ptl = True
        page.ctor = True
        self.alloc.nr_pagetable += 1
        if self.emit:
            self.emit(f"ctor pfn={page.pfn} nr_pagetable={self.alloc.nr_pagetable}")

    def pgtable_dtor(self, page: Page) -> None:
        page.ptl = False
        page.ctor = False
        self.alloc.nr_pagetable -= 1
        if self.emit:
            self.emit(f"dtor pfn={page.pfn} nr_pagetable={self.alloc.nr_pagetable}")

    def emit_list(self, mm: Mm) -> None:
        pfns = ",".join(map(str, mm.pgtable_list)) or "-"
        self.emit(f"pgtable_list mm={mm.id} pfns={pfns}")

    def table_page(self, phys: int) -> Page:
        return self.alloc.pages[phys >> self.page_shift]

    def kmap(self, page: Page) -> None:
        """kmap_atomic: only a highmem page needs (and gets) a mapping."""
        if page.highmem:
            self.kmapped.add(page.pfn)
            if self.emit:
                self.emit(f"kmap pfn={page.pfn}")

    def kunmap(self, page: Page) -> None:
        if page.highmem:
            self.kmapped.discard(page.pfn)
            if self.emit:
                self.emit(f"kunmap pfn={page.pfn}")

    def touch(self, page: Page) -> None:
        """Entries of ``page`` are about to be read or written."""
        if page.highmem and page.pfn not in self.kmapped:
            self.finding("highpte-no-kmap",
                         f"pte table page {page.pfn} is in highmem and not kmapped")

    # -- the arch API, with its trace events -------------------------------
    def pte_alloc_one(self, mm: Mm, addr: int) -> Optional[int]:
        self.frames.append("pte_alloc_one")
        new = self.pt.pte_alloc_one(mm, addr)
        self.frames.pop()
        self.api_ops += 1
        if new is None:
            if self.emit:
                self.emit(f"pte_alloc_one mm={mm.id} addr={addr:#010x} pgtable=null")
            return None
        if new in self.live_tables:
            self.finding("table-handed-out-twice", f"pgtable {new:#010x} is already in use")
        self.live_tables.add(new)
        mm.tables += 1
        if self.emit:
            self.emit(f"pte_alloc_one mm={mm.id} addr={addr:#010x} pgtable={new:#010x}")
        return new

    def pte_free(self, mm: Mm, pgtable: int) -> None:
        if self.emit:
            self.emit(f"pte_free mm={mm.id} pgtable={pgtable:#010x}")
        self.api_ops += 1
        if pgtable not in self.live_tables:
            self.finding("table-freed-twice", f"pgtable {pgtable:#010x} is not in use")
            return
        self.live_tables.discard(pgtable)
        mm.tables -= 1
        self.frames.append("pte_free")
        self.pt.pte_free(mm, pgtable)
        self.frames.pop()

    def kernel_mm(self) -> Optional[Mm]:
        """init_mm, made at the first kernel mapping: its pgd (swapper_pg_dir)
        comes from the allocator but not through pgd_alloc and not onto
        pgd_list.  Its page_table_lock is statically initialised: own class.
        None when that allocation fails (the mapping fails; the next one
        tries again)."""
        if self.init_mm is None:
            mm = Mm(0, "init_mm.page_table_lock")
            mm.pgd = self.upper.alloc(mm, "pgd")
            if mm.pgd is None:
                return None
            if self.emit:
                self.emit(f"# init_mm pgd={mm.pgd:#010x}")
            self.init_mm = mm
        return self.init_mm

    def pte_alloc_one_kernel(self, mm: Mm, addr: int) -> Optional[int]:
        self.frames.append("pte_alloc_one_kernel")
        new = self.pt.pte_alloc_one_kernel(mm, addr)
        self.frames.pop()
        self.api_ops += 1
        if new is not None:
            if new in self.live_tables:
                self.finding("table-handed-out-twice", f"pte table {new:#010x} is already in use")
            self.live_tables.add(new)
            mm.tables += 1
        if self.emit:
            pte = "null" if new is None else f"{new:#010x}"
            self.emit(f"pte_alloc_one_kernel mm={mm.id} addr={addr:#010x} pte={pte}")
        return new

    def pte_free_kernel(self, mm: Mm, pte: int) -> None:
        if self.emit:
            self.emit(f"pte_free_kernel mm={mm.id} pte={pte:#010x}")
        self.api_ops += 1
        self.live_tables.discard(pte)
        mm.tables -= 1
        self.frames.append("pte_free_kernel")
        self.pt.pte_free_kernel(mm, pte)
        self.frames.pop()

    def pmd_populate_kernel(self, mm: Mm, table: int, idx: int, pte: int) -> None:
        pmd = table + idx * self.levels[-2].entry_size
        if self.emit:
            self.emit(f"pmd_populate_kernel mm={mm.id} pmd={pmd:#010x} pte={pte:#010x}")
        self.api_ops += 1
        self.mem[table][idx] = pte | 1
        self.installed[pmd] = pte
        mm.populated += 1

    def pmd_populate(self, mm: Mm, table: int, idx: int, pgtable: int) -> None:
        pmd = table + idx * self.levels[-2].entry_size
        if self.emit:
            self.emit(f"pmd_populate mm={mm.id} pmd={pmd:#010x} pgtable={pgtable:#010x}")
        self.api_ops += 1
        self.mem[table][idx] = pgtable | 1
        self.installed[pmd] = pgtable
        mm.populated += 1

    def pmd_pgtable(self, table: int, idx: int) -> int:
        """The pgtable_t behind a populated pmd (checked against pmd_populate)."""
        pmd = table + idx * self.levels[-2].entry_size
        pgtable = self.mem[table][idx] & ~1
        if self.emit:
            self.emit(f"pmd_pgtable pmd={pmd:#010x} pgtable={pgtable:#010x}")
        if self.installed.get(pmd) != pgtable:
            self.finding("pmd-pgtable-mismatch",
                         f"pmd_pgtable({pmd:#010x}) = {pgtable:#010x}, pmd_populate "
                         f"installed {self.installed.get(pmd, 0):#010x}")
        return pgtable

    def pmd_clear(self, mm: Mm, table: int, idx: int) -> None:
        pmd = table + idx * self.levels[-2].entry_size
        self.mem[table][idx] = 0
        self.installed.pop(pmd, None)
        mm.populated -= 1

    def upper_alloc(self, mm: Mm, level: str, addr: int) -> Optional[int]:
        phys = self.upper.alloc(mm, level)
        self.api_ops += 1
        if self.emit:
            shadow = self.upper.shadow.get(phys)
            extra = f" shadow={shadow.pfn << self.page_shift:#010x}" if shadow else ""
            table = "null" if phys is None else f"{phys:#010x}"
            self.emit(f"{level}_alloc_one mm={mm.id} addr={addr:#010x} table={table}{extra}")
        return phys

    def upper_free(self, mm: Mm, level: str, phys: int) -> None:
        if self.emit:
            self.emit(f"{level}_free mm={mm.id} table={phys:#010x}")
        self.api_ops += 1
        self.upper.free(mm, phys)

    def pgd_alloc(self, mm: Mm) -> Optional[int]:
        """The pgd, and on pgd_list arches its place on pgd_list under
        pgd_lock; the event comes when pgd_alloc returns."""
        self.frames.append("pgd_alloc")
        pgd = self.upper.alloc(mm, "pgd")
        self.api_ops += 1
        if pgd is not None and self.arch.pgd_list:
            self._pgd_lock(lambda: self.pgd_list.insert(0, pgd))
        if self.emit:
            shadow = self.upper.shadow.get(pgd)
            extra = f" shadow={shadow.pfn << self.page_shift:#010x}" if shadow else ""
            table = "null" if pgd is None else f"{pgd:#010x}"
            self.emit(f"pgd_alloc mm={mm.id} table={table}{extra}")
        self.frames.pop()
        return pgd

    def pgd_free(self, mm: Mm, pgd: int) -> None:
        self.frames.append("pgd_free")
        if self.emit:
            self.emit(f"pgd_free mm={mm.id} table={pgd:#010x}")
        self.api_ops += 1
        if self.arch.pgd_list:
            self._pgd_lock(lambda: self.pgd_list.remove(pgd))
        self.upper.free(mm, pgd)
        self.frames.pop()

    def _pgd_lock(self, body: Callable[[], None]) -> None:
        if self.pgd_lock_mode == "spin_lock":
            self.spin_lock(self.PGD_LOCK)
            body()
            self.spin_unlock(self.PGD_LOCK)
        else:
            was = self.spin_lock_irqsave(self.PGD_LOCK)
            body()
            self.spin_unlock_irqrestore(self.PGD_LOCK, was)
