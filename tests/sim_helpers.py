"""Helpers for the simulator tests: drive the model one scenario line at a
time and draw the state as the ASCII maps the tests compare against."""

from __future__ import annotations

from pathlib import Path
from typing import List

from hdrtool.core.config import load_arch
from hdrtool.sim import invariants
from hdrtool.sim.machine import Machine
from hdrtool.sim.runner import Runner
from hdrtool.sim.scenario import parse

REPO = Path(__file__).resolve().parent.parent
ARCHES = {name: load_arch(REPO / "arch" / name / "arch.toml") for name in ("x86", "s390")}
VARIANTS = [(a, v.name) for a in ARCHES.values() for v in a.variants]


def variant(name: str):
    for arch in ARCHES.values():
        for v in arch.variants:
            if v.name == name:
                return arch, v
    raise KeyError(name)


class Sim:
    """A model under test: ``sim.do("fault 0x10000000")`` runs one line."""

    def __init__(self, name: str, trace: bool = True, **settings):
        arch, v = variant(name)
        self.m = Machine(arch, v, trace=trace, full_checks=True)
        for key, value in settings.items():
            setattr(self.m, key, value)
        self.r = Runner(self.m, "test.scn")
        self.lineno = 0

    def do(self, *lines: str) -> "Sim":
        for line in lines:
            self.lineno += 1
            for step in parse(line, "test.scn").steps:
                self.r.step(step)
        return self

    @property
    def mm(self):
        return self.r.current.mm

    def frag_map(self, mm=None) -> str:
        """The per-mm list of table pages, head first: ``pfn[XX..]``, one
        character per fragment, X used."""
        mm = mm or self.mm
        per = self.m.pt.per_page
        out = []
        for pfn in mm.pgtable_list:
            bits = self.m.alloc.pages[pfn].frag
            out.append(f"{pfn}[" + "".join("X" if bits >> i & 1 else "." for i in range(per)) + "]")
        return " ".join(out)

    def page_map(self) -> str:
        """Every allocated block, by pfn: ``pfn:kind`` (``pfn-last:kind`` for
        a block of several pages), ``H`` appended for highmem pages."""
        out = []
        for pfn in sorted(self.m.alloc.pages):
            p = self.m.alloc.pages[pfn]
            span = f"{pfn}-{pfn + (1 << p.order) - 1}" if p.order else str(pfn)
            out.append(f"{span}:{p.kind}{'H' if p.highmem else ''}")
        return " ".join(out)

    def pmd_map(self, mm=None) -> str:
        """The populated pmds of an mm: ``index>pfn`` (``index>pfn.frag`` for
        fragments), in the order of the pmd tables' addresses."""
        mm = mm or self.mm
        m = self.m
        out = []
        per = getattr(m.pt, "frag_size", m.variant.page_size)
        for pmd, table in sorted(m.installed.items()):
            owner = m.table_page(table).mm
            if owner != mm.id:
                continue
            idx = (pmd & (m.levels[-2].table_size - 1)) // m.levels[-2].entry_size
            pfn, off = divmod(table, m.variant.page_size)
            out.append(f"{idx}>{pfn}" + (f".{off // per}" if per < m.variant.page_size else ""))
        return " ".join(out)

    def events(self, *prefixes: str) -> List[str]:
        return [line for line in self.m.lines if line.startswith(prefixes)]

    def findings(self) -> List[str]:
        return [f.kind for f in self.m.findings]

    def problems(self) -> List[str]:
        return invariants.full(self.m)
