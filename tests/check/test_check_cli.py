"""The headers_check command's own behaviour: which tree, flags per ARCH,
exit codes, exclusion lists, compiler trouble."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hdrtool.cli import main


def _run(capsys, *argv):
    with pytest.raises(SystemExit) as exc:
        main(["headers_check", "-j2", *argv])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def _tree(root: Path, files) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


# A header that only compiles for a 32-bit target: proves which -m flag ran.
ONLY32 = ("#ifndef _LINUX_ONLY32_H\n#define _LINUX_ONLY32_H\n"
          "#ifdef __x86_64__\n#error \"64-bit\"\n#endif\n#endif\n")


def test_arch_selects_m32_or_m64(tmp_path, capsys, cc):
    tree = _tree(tmp_path / "inc", {"linux/only32.h": ONLY32})
    rc, out, _ = _run(capsys, "ARCH=i386", "--tree", str(tree))
    assert rc == 0 and out == ""
    rc, out, _ = _run(capsys, "ARCH=x86", "--tree", str(tree))
    assert rc == 1 and 'only32.h:4:2: error: #error "64-bit" [HC010]' in out


def test_default_tree_is_O_usr_include(tmp_path, capsys, monkeypatch, cc):
    _tree(tmp_path / "out/usr/include", {"linux/a.h": "#include <linux/gone.h>\n"})
    monkeypatch.chdir(tmp_path)
    rc, out, _ = _run(capsys, "O=out", "--no-compile")
    assert rc == 1
    assert out == ("out/usr/include/linux/a.h:1: error: included file <linux/gone.h> "
                   "is not in the installed tree [HC001]\n")


def test_install_hdr_path(tmp_path, capsys, monkeypatch):
    _tree(tmp_path / "dest/include", {"linux/a.h": "#define A 1\n"})
    monkeypatch.chdir(tmp_path)
    rc, out, err = _run(capsys, "INSTALL_HDR_PATH=dest", "--no-compile", "--format", "json")
    doc = json.loads(out)
    assert rc == 0 and doc["tree"] == "dest/include" and doc["summary"]["warnings"] == 1


def test_tree_and_install_hdr_path_conflict(tmp_path, capsys):
    rc, out, err = _run(capsys, "--tree", str(tmp_path), f"INSTALL_HDR_PATH={tmp_path}")
    assert rc == 2 and out == "" and "either --tree or INSTALL_HDR_PATH" in err


def test_missing_tree_says_where(tmp_path, capsys):
    rc, out, err = _run(capsys, f"INSTALL_HDR_PATH={tmp_path}/none")
    assert rc == 2 and out == ""
    assert err == f"hdrtool: error: {tmp_path}/none/include: no such directory " \
                  "(an installed tree, e.g. INSTALL_HDR_PATH/include)\n"


def test_strict_fails_on_warnings(tmp_path, capsys):
    tree = _tree(tmp_path / "inc", {"linux/a.h": "#define A 1\n"})
    assert _run(capsys, "--tree", str(tree), "--no-compile")[0] == 0
    assert _run(capsys, "--tree", str(tree), "--no-compile", "--strict")[0] == 1


def test_own_exclusion_list(tmp_path, capsys, cc):
    tree = _tree(tmp_path / "inc", {"linux/bad.h": "#ifndef B\n#define B\nnot C;\n#endif\n"})
    lst = tmp_path / "ex.toml"
    lst.write_text('[[exclude]]\npattern = "linux/bad.h"\nreason = "known broken"\n')
    rc, out, err = _run(capsys, "--tree", str(tree), "--exclude-list", str(lst), "-v")
    assert rc == 0
    assert "bad.h: note: compile test skipped: known broken (exclusion 'linux/bad.h') [HC012]" in out
    assert "1 skipped by the exclusion list" in err


def test_bad_exclusion_list(tmp_path, capsys):
    lst = tmp_path / "ex.toml"
    lst.write_text('[[exclude]]\npattern = "linux/bad.h"\n')
    rc, out, err = _run(capsys, "--tree", str(tmp_path), "--exclude-list", str(lst))
    assert rc == 2 and out == ""
    assert err == f"hdrtool: error: {lst}: exclude[0].reason: expected a non-empty string\n"


def test_missing_compiler(tmp_path, capsys):
    tree = _tree(tmp_path / "inc", {"linux/a.h": "#ifndef A\n#define A\n#endif\n"})
    rc, out, err = _run(capsys, "--tree", str(tree), f"CC={tmp_path}/no-cc")
    assert rc == 2 and out == "" and "cannot run the compiler" in err


def test_sarif_shape(tmp_path, capsys, cc):
    tree = _tree(tmp_path / "inc", {"linux/a.h": "#ifdef CONFIG_A\n#endif\n"})
    rc, out, _ = _run(capsys, "--tree", str(tree), "--format", "sarif")
    doc = json.loads(out)
    assert rc == 1 and doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    res = {r["ruleId"]: r for r in run["results"]}
    leak = res["HC004"]
    assert rules[leak["ruleIndex"]]["id"] == "HC004" and leak["level"] == "error"
    loc = leak["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == f"file://{tree}/linux/a.h"
    assert loc["region"] == {"startLine": 1, "startColumn": 8}


def test_docs_list_every_code():
    doc = (Path(__file__).parent.parent.parent / "docs" / "headers_check.md").read_text()
    from hdrtool.check.codes import RULES
    for rule in RULES.values():
        assert f"| `{rule.code}` | {rule.severity} | `{rule.name}` |" in doc
