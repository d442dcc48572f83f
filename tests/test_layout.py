"""The package layout shows the pipeline, and its import rules hold.

    core                          imports no stage
    merge, gen, install, check,   import core, and the public face (the
    sim, validate, pipeline       package itself, never a submodule) of the
                                  stages the data flow gives them (STAGES)
    cli, entry, commands,         the CLI on top: imports anything;
    __main__                      nothing else imports it

Read from the source with ``ast`` (function-level imports included), so a
lazy import cannot hide an edge.  docs/architecture.md shows the same graph.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

PKG = Path(__file__).resolve().parent.parent / "hdrtool"

#: stage -> the earlier stages whose public face it may import.
STAGES: Dict[str, Set[str]] = {
    "core": set(),
    "merge": set(),
    "gen": {"merge"},
    "install": set(),
    "check": set(),
    "sim": set(),
    "validate": {"merge", "gen", "sim"},
    "pipeline": {"merge", "gen", "install", "check", "sim", "validate"},
}
CLI = {"cli", "entry", "commands", "__main__"}


def _unit(module: str) -> str:
    """``hdrtool.install.plan`` -> ``install``; ``hdrtool`` -> ``hdrtool``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "hdrtool"


def _modules() -> Iterator[Tuple[str, Path]]:
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        name = ".".join(rel.parts)
        yield (name[: -len(".__init__")] if name.endswith(".__init__") else name), path


def _is_package(module: str) -> bool:
    return (PKG.parent / module.replace(".", "/") / "__init__.py").is_file()


def _is_module(module: str) -> bool:
    return _is_package(module) or (PKG.parent / (module.replace(".", "/") + ".py")).is_file()


def imports(path: Path, module: str) -> Iterator[Tuple[int, str]]:
    """(line, imported module) for every hdrtool import in ``path``; a name
    imported from a package counts as that submodule when it is one."""
    package = module if _is_package(module) else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "hdrtool":
                    yield node.lineno, a.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            if base.split(".")[0] != "hdrtool":
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                yield node.lineno, (sub if _is_module(sub) else base)


def violations() -> List[str]:
    bad = []
    for module, path in _modules():
        me = _unit(module)
        rel = path.relative_to(PKG.parent)
        for line, target in imports(path, module):
            them = _unit(target)
            if them in (me, "hdrtool", "core"):
                if me == "core" and them == "hdrtool" and target != "hdrtool":
                    bad.append(f"{rel}:{line}: core imports {target}")
                continue
            if them in CLI:
                if me not in CLI:
                    bad.append(f"{rel}:{line}: {me} imports the CLI ({target})")
                continue
            if me in CLI:
                continue
            if me not in STAGES:
                bad.append(f"{rel}:{line}: {module} belongs to no stage")
            elif them not in STAGES[me]:
                bad.append(f"{rel}:{line}: {me} may not import {them} ({target})")
            elif target != f"hdrtool.{them}":
                bad.append(f"{rel}:{line}: {me} imports {target}, not the public face "
                           f"hdrtool.{them}")
    return bad


def test_imports_follow_the_pipeline():
    assert violations() == []


def test_every_module_belongs_to_a_stage_or_the_cli():
    top = {_unit(m) for m, _ in _modules()} - {"hdrtool"}
    assert top <= set(STAGES) | CLI, sorted(top - set(STAGES) - CLI)


@pytest.mark.parametrize("source, expected", [
    ("from hdrtool.install.plan import plan_install\n", "core may not import install"),
    ("from hdrtool.cli import main\n", "core imports the CLI"),
])
def test_the_rule_catches_a_wrong_edge(tmp_path, monkeypatch, source, expected):
    # the checker itself can fail: a core module importing a stage, or the CLI
    fake = tmp_path / "hdrtool"
    (fake / "core").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "core" / "__init__.py").write_text("")
    (fake / "core" / "x.py").write_text(source)
    for sub in ("install", "cli"):
        (fake / sub).mkdir()
        (fake / sub / "__init__.py").write_text("")
    (fake / "install" / "plan.py").write_text("")
    monkeypatch.setitem(globals(), "PKG", fake)
    got = violations()
    assert len(got) == 1 and expected in got[0] and got[0].startswith("hdrtool/core/x.py:1:"), got
