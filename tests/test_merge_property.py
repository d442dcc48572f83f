"""Property: whatever the two old directories hold, a plan without conflicts
accounts for every input byte after it is written, and every wrapper selects
its variant's half (the directive-engine proof)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hdrtool.merge.execute import check_nothing_lost, load_input, write_objdir
from hdrtool.merge.plan import plan_merge
from hdrtool.merge.verify import tree_symbols, verify_engine

from merge_helpers import OTHER, make_tree, x86

NAMES = ["a.h", "b.h", "sub/c.h", "d.S"]
OTHER_NO_REFS = {k: v for k, v in OTHER.items() if k != "include/linux/foo.h"}
WRITTEN = []
BODIES = [b"int a;\n", b"int  a;\r\n", b"#define B 1\n", b"/* x */\n#include \"b.h\"\n",
          b"#include <asm-x86_64/b.h>\n", b"#include <asm-i386/a.h>\n", b"", b"\xff\n"]


def side():
    return st.dictionaries(st.sampled_from(NAMES), st.sampled_from(BODIES), max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(side(), side())
def test_plan_accounts_for_everything(i386, x86_64):
    with tempfile.TemporaryDirectory() as tmp:
        i386 = {**i386, "Kbuild": b"header-y += a.h\n"}
        x86_64 = {**x86_64, "Kbuild": b"unifdef-y += b.h\n"}
        tree = make_tree(Path(tmp) / "src", i386=i386, x86_64=x86_64, other=OTHER_NO_REFS)
        inp = load_input(tree, x86())
        plan = plan_merge(inp)
        if plan.conflicts:   # dangling references and stub loops only
            assert {d.code for d in plan.conflicts} <= {"merge-dangling", "merge-stub-loop",
                                                        "merge-collision"}
            return
        out = Path(tmp) / "o"
        write_objdir(plan, inp, out)
        read = lambda rel: (out / rel).read_bytes() if (out / rel).is_file() else None
        assert check_nothing_lost(plan, inp.files, read) == []
        assert verify_engine(plan, x86(), tree_symbols(tree), read).ok
        assert not (out / "include/asm-i386").exists()
        WRITTEN.append(plan.counts())


def test_the_property_wrote_trees():
    """The property above must not pass by finding conflicts only."""
    if not WRITTEN:
        test_plan_accounts_for_everything()
    assert len(WRITTEN) >= 10 and any(c["split"] for c in WRITTEN)
