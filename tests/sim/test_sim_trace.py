"""The trace contract: every event the model emits is a documented
arch-visible event with exactly its keys, and docs/sim.md lists them all."""

import re
from pathlib import Path

import pytest

from hdrtool.sim import runner, scenarios
from hdrtool.sim.trace import ARCH_EVENTS, HEADER, arch_events, parse_event
from sim_helpers import ARCHES

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "sim.md"
HEX = re.compile(r"^0x[0-9a-f]{8}$")


def _all_traces():
    for name in scenarios.names():
        scn = scenarios.load_named(name)
        for arch in ARCHES.values():
            for v in arch.variants:
                if scn.applies_to(runner.features(arch, v)):
                    yield name, v.name, runner.run(scn, arch, v, trace=True).trace


@pytest.fixture(scope="module")
def traces():
    return list(_all_traces())


def test_every_event_is_documented_and_well_formed(traces):
    seen = set()
    for name, variant, lines in traces:
        assert lines[0] == HEADER
        for line in arch_events(lines):
            op, fields = parse_event(line)
            seen.add(op)
            for key in ("addr", "table", "pgtable", "pmd", "entry", "shadow"):
                if key in fields and fields[key] != "null":
                    assert HEX.match(fields[key]), (name, variant, line)
            for key in ("pfn", "order", "mm", "frag", "nr_pagetable", "seq"):
                if key in fields:
                    assert fields[key].isdigit(), (name, variant, line)
    # the shipped scenarios exercise every event
    assert seen == set(ARCH_EVENTS)


def test_docs_list_every_event():
    text = DOC.read_text()
    for op in ARCH_EVENTS:
        assert f"`{op} " in text or f"`{op}`" in text or f", `{op} " in text, op


def test_traces_are_deterministic(traces):
    again = list(_all_traces())
    assert [t[2] for t in again] == [t[2] for t in traces]


def test_comments_and_findings_are_not_arch_events():
    assert arch_events(["# step x", "! leak mm 1", "ctor pfn=1 nr_pagetable=1", ""]) == [
        "ctor pfn=1 nr_pagetable=1"]
    with pytest.raises(ValueError):
        parse_event("ctor nr_pagetable=1 pfn=1")
    with pytest.raises(ValueError):
        parse_event("pte_alloc mm=1")


def test_docs_example_is_the_real_trace():
    text = DOC.read_text()
    example = text.split("trace-lost-race-s390x`):\n\n```\n")[1].split("```")[0].splitlines()
    golden = (DOC.parent.parent / "tests/golden/sim/trace-lost-race-s390x/expected.out"
              ).read_text().splitlines()
    it = iter(golden)
    assert all(any(g == line for g in it) for line in example)   # an ordered subsequence
