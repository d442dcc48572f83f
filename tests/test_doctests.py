"""The examples in hdrtool's docstrings run and say what they show.

One test per module (``>>>`` examples marked ``+SKIP`` stay skipped: they
need a tree or a compiler the example only stands for).  They run from the
repository's top, read-only, since their paths (``arch/x86/arch.toml``) are
relative to it.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import hdrtool

REPO = Path(__file__).resolve().parent.parent
MODULES = sorted(m.name for m in pkgutil.walk_packages(hdrtool.__path__, "hdrtool.")
                 if m.name != "hdrtool.__main__")
#: Examples known to be out of date, in modules another change owns right
#: now; strict, so the test says so the day they are fixed.
STALE: dict = {}


def _examples(name: str):
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(
    reason=STALE[n], strict=True)) if n in STALE else n for n in MODULES])
def test_doctests(name, monkeypatch):
    monkeypatch.chdir(REPO)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in _examples(name):
        runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert failed == 0, f"{failed} of {attempted} doctest example(s) of {name} failed (see stdout)"


def test_the_doctests_are_found():
    """Not vacuous: the modules known to carry examples are among those run."""
    with_examples = {n for n in MODULES if _examples(n)}
    assert {"hdrtool.gen.render", "hdrtool.core.config", "hdrtool.core.directives",
            "hdrtool.install.sanitize", "hdrtool.pipeline"} <= with_examples, sorted(with_examples)
