"""The golden comparison itself: a test run only reads golden files, and a
stale one fails; only tests/regen.py's recorder turns comparing into noting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import goldens
from goldens import expect, expect_tree

HERE = Path(__file__).resolve().parent


def test_a_stale_golden_file_fails_and_is_left_alone(tmp_path):
    path = tmp_path / "expected.err"
    path.write_bytes(b"old\n")
    with pytest.raises(AssertionError, match="differs from"):
        expect(path, "new\n")
    with pytest.raises(AssertionError, match="missing golden file"):
        expect(tmp_path / "nothing", b"x")
    with pytest.raises(AssertionError, match="should not exist"):
        expect(path, None)
    with pytest.raises(AssertionError, match="differs from"):
        expect_tree(tmp_path, {"expected.err": b"new\n"},
                    lambda root: {p.name: p.read_bytes() for p in root.iterdir()})
    assert path.read_bytes() == b"old\n" and sorted(tmp_path.iterdir()) == [path]


def test_the_recorder_notes_and_writes_nothing(tmp_path, monkeypatch):
    rec = goldens.Recorder()
    monkeypatch.setattr(goldens, "recorder", rec)
    expect(tmp_path / "a", "new\n")
    expect_tree(tmp_path / "tree", None, lambda root: {})
    assert rec.files == {tmp_path / "a": b"new\n"} and rec.trees == {tmp_path / "tree": None}
    assert list(tmp_path.iterdir()) == []


def test_no_test_regenerates_from_the_environment():
    # HDRTOOL_REGEN=1 made every golden test pass by writing its own expected files
    offenders = [p.name for p in sorted(HERE.rglob("*.py"))
                 if p.name != Path(__file__).name and re.search(r"HDRTOOL_REGEN", p.read_text())]
    assert offenders == []
