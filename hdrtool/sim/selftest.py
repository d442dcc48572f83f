"""lib/locking-selftest.c's spin-lock families as scenarios, generated from
the data in ``data/locking-selftest.toml``.

Each family is the kernel's events written with the kernel's macro names;
:func:`cases` expands the irq kinds (hard, soft) and every permutation of
the events, the way the selftest's GENERATE_PERMUTATIONS_* macros and its
locking-selftest-spin-{hardirq,softirq}.h headers do, and lowers each case
to a scenario (:func:`hdrtool.sim.scenario.parse`), named as the kernel
names the test function (``irqsafe4_hard_spin_231``).

One difference, by design: the kernel's SOFTIRQ_ENTER() runs the softirq
with hardirqs disabled; the simulator's ``softirq { }`` block enables them,
as ``__do_softirq`` does.  No verdict of these families depends on it.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from hdrtool.core.errors import InputError
from hdrtool.sim.scenario import Scenario, parse

DATA = Path(__file__).resolve().parent / "data" / "locking-selftest.toml"

# The selftest's irq macros: per irq kind, what IRQ_* stands for.
IRQ_HEADERS = {
    "hard": {"IRQ_ENTER": "HARDIRQ_ENTER", "IRQ_EXIT": "HARDIRQ_EXIT",
             "IRQ_DISABLE": "HARDIRQ_DISABLE", "IRQ_ENABLE": "HARDIRQ_ENABLE"},
    "soft": {"IRQ_ENTER": "SOFTIRQ_ENTER", "IRQ_EXIT": "SOFTIRQ_EXIT",
             "IRQ_DISABLE": "SOFTIRQ_DISABLE", "IRQ_ENABLE": "SOFTIRQ_ENABLE"},
}
# The macros a family may use, as scenario lines ({0}, {1}: lock classes).
MACROS = {
    "LOCK": ("lock {0}",), "UNLOCK": ("unlock {0}",),
    "LOCK_UNLOCK_2": ("lock {0}", "lock {1}", "unlock {1}", "unlock {0}"),
    "HARDIRQ_ENTER": ("hardirq {{",), "HARDIRQ_EXIT": ("}}",),
    "SOFTIRQ_ENTER": ("softirq {{",), "SOFTIRQ_EXIT": ("}}",),
    "HARDIRQ_DISABLE": ("irq_disable",), "HARDIRQ_ENABLE": ("irq_enable",),
    "SOFTIRQ_DISABLE": ("bh_disable",), "SOFTIRQ_ENABLE": ("bh_enable",),
}
_CALL = re.compile(r"^\s*([A-Z_0-9]+)\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class Case:
    name: str            # the kernel's test function name
    family: str
    desc: str            # the kernel's test description ("safe-A + unsafe-B #2")
    irq: str             # hard | soft | ""
    order: str           # "231", "" for a single event
    expect: str          # FAILURE | SUCCESS (the kernel's dotest expectation)
    scenario: Scenario
    text: str            # the generated scenario text


def _lower(event: str, irq: str, classes: Dict[str, str], where: str) -> List[str]:
    out: List[str] = []
    for call in event.split(";"):
        if not call.strip():
            continue
        m = _CALL.match(call)
        if m is None:
            raise InputError(f"{where}: not a macro call: {call.strip()!r}", DATA)
        name, args = m[1], [a.strip() for a in m[2].split(",") if a.strip()]
        if name.startswith("IRQ_"):
            if not irq:
                raise InputError(f"{where}: {name} needs irqs = [\"hard\", \"soft\"]", DATA)
            name = IRQ_HEADERS[irq][name]
        lines = MACROS.get(name)
        if lines is None:
            raise InputError(f"{where}: unknown macro {name} (known: {', '.join(MACROS)})", DATA)
        out += [line.format(*(classes.get(a, a) for a in args)) for line in lines]
    return out


def cases(path: Optional[Path] = None) -> List[Case]:
    """Every test case of every family, in the data's order."""
    path = path or DATA
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the selftest data: {exc}", path) from None
    classes = data.get("classes", {})
    out: List[Case] = []
    for fam in data["family"]:
        events = fam["events"]
        orders = (list(itertools.permutations(range(len(events)))) if fam.get("permute")
                  else [tuple(range(len(events)))])
        for irq in fam.get("irqs", [""]):
            for order in orders:
                digits = "".join(str(i + 1) for i in order) if fam.get("permute") else ""
                name = "_".join(p for p in (fam["name"], irq, "spin", digits) if p)
                body: List[str] = []
                for i in order:
                    body += _lower(events[i], irq, classes, f"{fam['name']} E{i + 1}")
                text = (f"# generated from {path.name}: {fam['desc']}"
                        f"{' (' + irq + ')' if irq else ''}, events {digits or 'E'}\n"
                        f"title locking-selftest {name}: {fam['desc']} (kernel: {fam['expect']})\n"
                        + "".join(line + "\n" for line in body))
                out.append(Case(name, fam["name"], fam["desc"], irq, digits, fam["expect"],
                                parse(text, f"{name}.scn"), text))
    return out


def verdict(kinds: List[str]) -> str:
    """What dotest() would say: FAILURE when lockdep reported."""
    return "FAILURE" if kinds else "SUCCESS"


def lockdep_kinds(findings) -> List[str]:
    from hdrtool.sim.lockdep import REPORT_KINDS
    return [f.kind for f in findings if f.kind in REPORT_KINDS]


def table(rows: List[Tuple[Case, List[str], Optional[List[str]]]]) -> str:
    """Text table: case, the kernel's verdict, the model's (and the compiled
    code's) verdict and report kind."""
    lines = [f"{'case':<28} {'kernel':<8} {'model':<8} {'compiled':<9} report"]
    for case, model, compiled in rows:
        c = "-" if compiled is None else verdict(compiled)
        lines.append(f"{case.name:<28} {case.expect:<8} {verdict(model):<8} {c:<9} "
                     f"{model[0] if model else '-'}")
    agree = sum(1 for case, m, c in rows
                if verdict(m) == case.expect and (c is None or verdict(c) == case.expect))
    lines.append(f"locking-selftest: {agree}/{len(rows)} cases as the kernel expects")
    return "\n".join(lines) + "\n"
