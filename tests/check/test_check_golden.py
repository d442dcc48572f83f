"""Golden tests for headers_check: a small broken installed tree per case.

Each directory under tests/golden/headers_check/ holds ``input/`` (an
installed tree), ``args`` (extra command-line words), and the expected
results: ``expected/<format>`` (stdout for text, json, github and sarif),
``expected.err`` (stderr of the text run) and ``expected.rc`` (the exit
status, the same for every format).  The check runs with the tree given as
``--tree input`` from the case's directory, ARCH=x86_64, real cc.

Regenerate after a reviewed change:  python3 tests/regen.py tests/test_check_golden.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hdrtool.check.render import FORMATS
from hdrtool.cli import main

from goldens import expect

GOLDEN = Path(__file__).parent.parent / "golden" / "headers_check"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "args").is_file())


def _run(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return out, err, exc.value.code


def _argv(case: Path, fmt: str):
    words = (case / "args").read_text().split()
    if "--tree" not in words:
        words = ["--tree", "input", "ARCH=x86_64"] + words
    return ["headers_check", "-j2"] + words + ["--format", fmt]


def _expect(path: Path, actual: str):
    expect(path, actual)


@pytest.mark.parametrize("server", ["1", "0"], ids=["cc1-server", "compiler-runs"])
@pytest.mark.parametrize("name", CASES)
def test_golden(name, server, tmp_path, capsys, monkeypatch, cc):
    # the same findings whichever way the headers are compiled
    monkeypatch.setenv("HDRTOOL_CC1_SERVER", server)
    case = GOLDEN / name
    if (case / "input").is_dir():
        shutil.copytree(case / "input", tmp_path / "input")
    monkeypatch.chdir(tmp_path)
    rcs = set()
    for fmt in FORMATS:
        out, err, rc = _run(capsys, _argv(case, fmt))
        rcs.add(rc)
        _expect(case / "expected" / fmt, out)
        if fmt == "text":
            _expect(case / "expected.err", err)
            text_err = err
        elif rc == 2:   # an input error reads the same in every format
            assert err == text_err and out == ""
        else:
            assert err == ""
    assert len(rcs) == 1, f"exit status differs between formats: {rcs}"
    _expect(case / "expected.rc", f"{rcs.pop()}\n")
