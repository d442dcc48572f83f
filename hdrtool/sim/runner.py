"""Running a scenario on one variant, and on all of them.

:func:`run` returns a :class:`RunResult` (findings, trace, statistics);
:func:`compare` runs a scenario on every variant it applies to (and, where
the arch has pgstes, once more with every mm using them) and returns rows
for the memory table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from hdrtool.core.config import ArchConfig, Variant
from hdrtool.core.errors import InputError
from hdrtool.sim import invariants, mm as gmm
from hdrtool.sim.machine import Finding, Machine, Mm
from hdrtool.sim.scenario import Scenario, Step
from hdrtool.sim.trace import HEADER as TRACE_HEADER


def features(arch: ArchConfig, variant: Variant) -> Dict[str, str]:
    """What ``requires`` lines are matched against."""
    b = lambda v: "1" if v else "0"  # noqa: E731
    return {"arch": arch.name, "variant": variant.name, "bits": str(variant.bits),
            "pgtable_t": arch.pgtable_t, "pgd_list": b(arch.pgd_list),
            "highpte": b(variant.highpte), "pgste": b(arch.pgste),
            "noexec_shadow": b(arch.noexec_shadow)}


@dataclass
class Task:
    comm: str
    pid: int
    mm: Optional[Mm] = None


@dataclass
class RunResult:
    scenario: str
    variant: str
    findings: List[Finding]
    trace: List[str]
    stats: Dict[str, int]
    ops: int
    pgste: bool = False

    @property
    def clean(self) -> bool:
        return not self.findings


class Runner:
    """Executes flattened steps on a :class:`Machine`."""

    def __init__(self, m: Machine, path: str):
        self.m = m
        self.path = path
        self.tasks: Dict[str, Task] = {}
        self.current: Optional[Task] = None
        self.next_pid = 1
        self.irq_saved: List[Tuple[str, tuple]] = []
        self.base: List[str] = []
        self._handlers: Dict[str, object] = {}
        self.seen: set = set()
        self.peak: Dict[str, int] = {"table_pages": 0}
        self.oom = 0
        self._cur: Optional[Step] = None

    # -- helpers ---------------------------------------------------------
    def _err(self, step: Step, message: str) -> InputError:
        return InputError(f"{step.op}: {message}", self.path, int(step.loc.rsplit(":", 1)[1]))

    def _mm(self, step: Step) -> Mm:
        if self.current is None or self.current.mm is None:
            raise self._err(step, "no current task with an mm (use 'task' and 'exec')")
        return self.current.mm

    def _switch(self, task: Optional[Task]) -> None:
        self.current = task
        m = self.m
        m.comm, m.pid = (task.comm, task.pid) if task else ("swapper", 0)

    # -- steps -----------------------------------------------------------
    def step(self, s: Step) -> None:
        m = self.m
        m.loc = s.loc
        self._cur = s
        if m.emit:
            m.emit(f"# step {s.loc} {s.render()}")
        m.frames = self.base + [s.op]   # irq entry frames, then the step
        handler = self._handlers.get(s.op)
        if handler is None:
            handler = self._handlers[s.op] = getattr(self, "op_" + s.op)
        handler(s, *s.args)
        for problem in (invariants.full(m) if m.full_checks else invariants.quick(m)):
            if problem not in self.seen:
                self.seen.add(problem)
                m.finding("invariant", problem)
        if m.alloc.nr_used > self.peak["table_pages"]:
            self.peak = snapshot(m)

    def op_task(self, s, name, pid=None):
        if name in self.tasks:
            raise self._err(s, f"task {name!r} exists")
        pid = self.next_pid if pid is None else pid
        self.next_pid = max(self.next_pid, pid) + 1
        self.tasks[name] = Task(name, pid)
        self._switch(self.tasks[name])

    def op_exec(self, s):
        if self.current is None:
            raise self._err(s, "no current task")
        m = self.m
        m.frames += ["do_execve", "bprm_mm_init", "mm_alloc"]
        new = gmm.mm_alloc(m, self.current.mm)
        del m.frames[-3:]
        if new is None:
            self.oom += 1
            return
        old, self.current.mm = self.current.mm, new
        if old is not None:
            m.frames.append("exec_mmap")
            gmm.mmput(m, old)
            m.frames.pop()

    def op_fork(self, s, name):
        mm = self._mm(s)
        if name in self.tasks:
            raise self._err(s, f"task {name!r} exists")
        m = self.m
        m.frames.append("do_fork")
        child = gmm.dup_mm(m, mm)
        m.frames.pop()
        if child is None:
            self.oom += 1
            return
        self.tasks[name] = Task(name, self.next_pid, child)
        self.next_pid += 1

    def op_switch(self, s, name):
        if name not in self.tasks:
            raise self._err(s, f"no task {name!r}")
        self._switch(self.tasks[name])

    def op_exit(self, s):
        if self.current is None:
            raise self._err(s, "no current task")
        task = self.current
        if task.mm is not None:
            self.m.frames.append("do_exit")
            gmm.mmput(self.m, task.mm)
            self.m.frames.pop()
        del self.tasks[task.comm]
        self._switch(None)

    def op_map(self, s, addr, size=4096):
        mm = self._mm(s)
        start, end = self._range(s, addr, size)
        gmm.vma_add(mm, start, end)
        if not gmm.populate(self.m, mm, start, end):
            self.oom += 1

    def op_fault(self, s, addr, flag=None):
        mm = self._mm(s)
        start, end = self._range(s, addr, 4096)
        gmm.vma_add(mm, start, end)
        if not gmm.populate(self.m, mm, start, end, race=flag == "race"):
            self.oom += 1

    def op_unmap(self, s, addr, size=4096):
        mm = self._mm(s)
        gmm.unmap(self.m, mm, *self._range(s, addr, size))

    def op_apply(self, s, addr, size=4096):
        """apply_to_page_range over a mapping (made if missing, not populated)."""
        mm = self._mm(s)
        start, end = self._range(s, addr, size)
        gmm.vma_add(mm, start, end)
        if not gmm.apply_range(self.m, mm, start, end):
            self.oom += 1

    def op_peek(self, s, addr, flag=None):
        """Read the pte of ``addr``: with ``kmap`` as pte_offset_map does,
        without it as code that forgets HIGHPTE does."""
        m, mm = self.m, self._mm(s)
        pmd = gmm.walk_pmd(m, mm, addr, False)
        if pmd is None or not m.mem[pmd[0]][pmd[1]]:
            raise self._err(s, f"no pte table maps {addr:#x}")
        page = m.table_page(m.mem[pmd[0]][pmd[1]] & ~1)
        m.frames.append("pte_offset_map" if flag else "pte_offset_kernel")
        if flag:
            m.kmap(page)
        m.touch(page)
        if flag:
            m.kunmap(page)
        m.frames.pop()

    def op_vmap(self, s, addr, size, flag=None):
        """Map [addr, addr+size) in the kernel's page tables (init_mm)."""
        if not gmm.kernel_map(self.m, *self._range(s, addr, size), race=flag == "race"):
            self.oom += 1

    def op_vunmap(self, s, addr, size):
        gmm.kernel_unmap(self.m, *self._range(s, addr, size))

    def op_enable_sie(self, s):
        """s390_enable_sie: copy the mm so that every table has pgstes."""
        m, mm = self.m, self._mm(s)
        if not m.arch.pgste:
            raise self._err(s, f"arch {m.arch.name} has no pgstes")
        if mm.has_pgste:
            return
        m.frames.append("s390_enable_sie")
        mm.alloc_pgste = True
        new = gmm.dup_mm(m, mm)
        mm.alloc_pgste = False
        if new is None:
            self.oom += 1
        else:
            self.current.mm = new
            gmm.mmput(m, mm)
        m.frames.pop()

    def op_sync_pgds(self, s):
        """Walk pgd_list under pgd_lock, as x86's vmalloc sync does; on an
        arch without pgd_list there is nothing to walk."""
        m = self.m
        if not m.arch.pgd_list:
            return
        m._pgd_lock(lambda: None)

    def op_irq_disable(self, s):
        self.m.lockdep.irq_disable()

    def op_irq_enable(self, s):
        self.m.lockdep.irq_enable()
        self.m._collect_reports()

    def op_bh_disable(self, s):
        self.m.lockdep.bh_disable()

    def op_bh_enable(self, s):
        self.m.lockdep.bh_enable()
        self.m._collect_reports()

    def _enter(self, kind):
        self.irq_saved.append((kind, self.m.lockdep.enter(kind)))
        self.base.append("__do_softirq" if kind == "softirq" else "do_IRQ")

    def _leave(self, kind):
        if not self.irq_saved:
            raise self._err(self._cur, f"not inside a {kind} block")
        self.base.pop()
        k, saved = self.irq_saved.pop()
        self.m.lockdep.leave(kind, saved)

    def op_softirq_enter(self, s):
        self._enter("softirq")

    def op_softirq_exit(self, s):
        self._leave("softirq")

    def op_hardirq_enter(self, s):
        self._enter("hardirq")

    def op_hardirq_exit(self, s):
        self._leave("hardirq")

    def op_lock(self, s, name, subclass=0):
        self.m.spin_lock(name, subclass)

    def op_unlock(self, s, name, subclass=0):
        self.m.spin_unlock(name, subclass)

    def op_fail_alloc(self, s, n):
        if n < 1:
            raise self._err(s, "N must be at least 1")
        self.m.alloc.fail_nth(n)

    def op_check(self, s):
        for problem in invariants.full(self.m):
            if problem not in self.seen:
                self.seen.add(problem)
                self.m.finding("invariant", problem)

    def _range(self, s, addr, size):
        top = 1 << self.m.variant.address_bits
        if addr % 4096 or size % 4096 or not size:
            raise self._err(s, f"{addr:#x}+{size:#x} is not page aligned")
        if addr + size > top:
            raise self._err(s, f"{addr:#x}+{size:#x} is beyond the {self.m.variant.name} "
                               f"address space ({top:#x})")
        return addr, addr + size

    # -- end of scenario -------------------------------------------------
    def finish(self) -> None:
        m = self.m
        m.loc = "end"
        if self.irq_saved:
            m.finding("unbalanced-irq", "scenario ends inside an interrupt block")
        kernel = m.init_mm.pages if m.init_mm else 0   # kernel tables stay
        if not m.mms and m.alloc.nr_used != kernel:
            m.finding("leak", f"{m.alloc.nr_used - kernel} pages still allocated after every "
                              f"mm exited")


def snapshot(m: Machine) -> Dict[str, int]:
    """Memory statistics now."""
    tables = len(m.live_tables)
    pte_pages = m.alloc.by_kind.get("pte", 0)
    frags = m.pt.fragments_in_use()
    mapped = sum(mm.mapped for mm in m.mms.values()) + (m.init_mm.mapped if m.init_mm else 0)
    pages = m.alloc.nr_used
    psz = m.variant.page_size
    return {"table_pages": pages, "table_bytes": pages * psz, "pte_tables": tables,
            "pte_table_pages": pte_pages, "fragments": frags,
            "nr_pagetable": m.alloc.nr_pagetable, "mapped_pages": mapped,
            "whole_page_bytes": (pages - pte_pages + tables) * psz,
            "bytes_per_mapped_mib": (pages * psz * 256 // mapped) if mapped else 0}


def run(scn: Scenario, arch: ArchConfig, variant: Variant, *, trace: bool = False,
        full_checks: bool = False, path: Optional[str] = None,
        pgste_all: bool = False) -> RunResult:
    feats = features(arch, variant)
    if not scn.applies_to(feats):
        raise InputError(f"scenario {scn.name} does not apply to {variant.name} "
                         f"(requires {', '.join(scn.missing(feats))})", path)
    m = Machine(arch, variant, trace=trace, full_checks=full_checks)
    m.pgste_all = pgste_all
    for key, value in scn.settings:
        if key == "pgd_lock":
            m.pgd_lock_mode = value
        elif key == "noexec":
            m.noexec = value == "1"
        elif key == "pgste":
            m.pgste_all = m.pgste_all or value == "1"
    if m.pgste_all and not arch.pgste:
        raise InputError(f"scenario {scn.name}: arch {arch.name} has no pgstes", path)
    if m.emit:
        m.emit(TRACE_HEADER)
        m.emit(f"# scenario {scn.name} arch {arch.name} variant {variant.name}")
    r = Runner(m, path or scn.name)
    for step in scn.steps:
        r.step(step)
    r.finish()
    stats = dict(r.peak)       # at the moment the most table pages were in use
    stats["peak_table_pages"] = stats.pop("table_pages")
    final = snapshot(m)
    stats.update({"final_table_pages": final["table_pages"], "oom": r.oom,
                  "ops": m.ops + m.api_ops, "api_calls": m.api_ops})
    return RunResult(scn.name, variant.name, m.findings, m.lines, stats, m.ops + m.api_ops,
                     m.pgste_all)


@dataclass
class CompareRow:
    variant: str
    pgste: bool
    result: Optional[RunResult]
    skipped: str = ""


def compare(scn: Scenario, arches: List[ArchConfig]) -> List[CompareRow]:
    rows: List[CompareRow] = []
    for arch in arches:
        for v in arch.variants:
            feats = features(arch, v)
            if not scn.applies_to(feats):
                rows.append(CompareRow(v.name, False, None,
                                       "requires " + ", ".join(scn.missing(feats))))
                continue
            rows.append(CompareRow(v.name, False, run(scn, arch, v)))
            if arch.pgste and not any(k == "pgste" for k, _ in scn.settings):
                rows.append(CompareRow(v.name, True, run(scn, arch, v, pgste_all=True)))
    return rows
