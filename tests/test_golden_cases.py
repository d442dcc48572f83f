"""The one runner of the golden cases under tests/golden/ (see golden_cases.py
for what a case is and how each suite's cases become command lines).

After a reviewed change:  python3 tests/regen.py tests/test_golden_cases.py [-k SUITE]
"""

from __future__ import annotations

import pytest

from golden_cases import ALL_CASES, MANIFEST, SUITES, execute, snapshot, tree_files
from goldens import expect, expect_tree


@pytest.mark.parametrize("suite,name", ALL_CASES, ids=[f"{s}/{c}" for s, c in ALL_CASES])
def test_golden(suite, name, tmp_path, monkeypatch, request):
    spec = SUITES[suite]
    if spec.needs_cc:
        request.getfixturevalue("cc")
    case = spec.root / name
    runs = spec.prepare(case, tmp_path)
    seen = {}            # expected file -> what an earlier run of this case produced
    results = []
    for run in runs:
        res = execute(run, monkeypatch)
        results.append((run, res))
        kept = [("expected.rc", f"{res.returncode}\n".encode())]
        if run.out:
            kept.append((run.out, res.stdout))
        if run.err_only_on_error:
            if res.returncode != 2:
                assert res.stderr == b"", f"{run.argv}: stderr only on an input error"
            else:
                kept.append((run.err, res.stderr or None))
        elif run.err:
            kept.append((run.err, res.stderr or None))
        if run.files:
            kept.append((run.files, snapshot(run.work)))
        for fname, data in kept:
            if fname in seen:    # every run of a case agrees on what they share
                assert data == seen[fname], f"{run.argv}: {fname} differs from an earlier run"
                continue
            seen[fname] = data
            expect(case / fname, data)
    POST.get(suite, lambda *a: None)(case, tmp_path, results)


def _install_post(case, tmp, results):
    (_, res), = results
    dest = tmp / "dest" / "include"
    expect_tree(case / "expected", tree_files(dest) if res.returncode == 0 else None, tree_files)
    if res.returncode == 0:
        assert (dest / MANIFEST).is_file()


def _unifdef_opts_post(case, tmp, results):
    (compat, got), (plain, mine) = results
    if mine.returncode == 2:
        assert mine.stderr.startswith(b"hdrtool: error: ") or \
            mine.stderr.endswith(b"[file] ...\n"), mine.stderr
    else:   # without --compat only stderr may differ
        assert (mine.stdout, snapshot(plain.work)) == (got.stdout, snapshot(compat.work))


POST = {"headers_install": _install_post, "unifdef_opts": _unifdef_opts_post}


def test_every_suite_has_cases():
    # a renamed marker file must not turn a suite into zero silent cases
    assert all(spec.cases() for spec in SUITES.values())
