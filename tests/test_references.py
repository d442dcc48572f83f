"""Reference skips go through one switch: conftest.require_or_skip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import require_or_skip

TESTS = Path(__file__).resolve().parent


def test_require_or_skip_skips_by_default(monkeypatch):
    monkeypatch.delenv("HDRTOOL_REQUIRE_REFS", raising=False)
    monkeypatch.delenv("HDRTOOL_REQUIRE_LINUX", raising=False)
    with pytest.raises(pytest.skip.Exception, match="NO THING"):
        require_or_skip("NO THING")
    with pytest.raises(pytest.skip.Exception):
        require_or_skip("NO LINUX", linux=True)


def test_require_refs_turns_every_reference_skip_into_a_failure(monkeypatch):
    monkeypatch.setenv("HDRTOOL_REQUIRE_REFS", "1")
    monkeypatch.delenv("HDRTOOL_REQUIRE_LINUX", raising=False)
    with pytest.raises(pytest.fail.Exception, match="NO THING"):
        require_or_skip("NO THING")
    with pytest.raises(pytest.fail.Exception):
        require_or_skip("NO LINUX", linux=True)


def test_require_linux_is_for_the_linux_tree_only(monkeypatch):
    monkeypatch.delenv("HDRTOOL_REQUIRE_REFS", raising=False)
    monkeypatch.setenv("HDRTOOL_REQUIRE_LINUX", "1")
    with pytest.raises(pytest.fail.Exception):
        require_or_skip("NO LINUX", linux=True)
    with pytest.raises(pytest.skip.Exception):
        require_or_skip("NO THING")


def test_ci_sets_the_switch():
    assert re.search(r"^export HDRTOOL_REQUIRE_REFS=1\b", (TESTS.parent / ".ci/run").read_text(),
                     re.M)


def test_no_test_skips_around_the_switch():
    # a bare pytest.skip / skipif / importorskip would vanish silently in CI
    bare = re.compile(r"pytest\.skip\(|\bskipif\(|importorskip\(|pytest\.mark\.skip\b")
    hits = [f"{p.name}:{n}" for p in sorted(TESTS.rglob("*.py")) if p.name not in
            ("conftest.py", "test_references.py")
            for n, line in enumerate(p.read_text().splitlines(), 1) if bare.search(line)]
    assert hits == []
