"""headers_check: validate an installed header tree.

:func:`check_tree` runs the static checks (:mod:`hdrtool.check.static`) on
every ``*.h`` of the tree and the compile test (:mod:`hdrtool.check.compile`)
on every header the exclusion list does not name, and returns a
:class:`CheckResult`: the findings as :class:`~hdrtool.core.errors.Diagnostic`
records plus the per-header bookkeeping (compiled, passed, skipped and why).
Rendering lives in :mod:`hdrtool.check.render`.

Given the :class:`~hdrtool.check.rules.CheckRules` of a Linux source tree
(``rules=``), it runs what that release's own check runs instead: its
``hdrcheck.sh`` (:mod:`hdrtool.check.shellcheck`), its ``headers_check.pl``
(:mod:`hdrtool.check.perlcheck`) and, where its usr/include/Makefile has
one, the compile test with that Makefile's ``no-header-test`` list; headers
in directories the release's check does not visit are listed as unchecked.

    >>> result = check_tree(Path("build/usr/include"), arch="x86", jobs=2)  # doctest: +SKIP
    >>> result.errors, result.counts()["compiled"]                         # doctest: +SKIP
    (0, 943)
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from hdrtool.check import codes
from hdrtool.check.compile import HeaderOutcome, compile_headers
from hdrtool.check.data import Exclusion, arch_profile, load_exclusions
from hdrtool.check.perlcheck import run_perl_check
from hdrtool.check.rules import CheckRules
from hdrtool.check.shellcheck import run_shell_check
from hdrtool.check.static import TreeIndex, check_header
from hdrtool.core.errors import EXIT_FINDINGS, EXIT_OK, Diagnostic, InputError
from hdrtool.core.tree import iter_files, read_bytes

__all__ = ["CheckResult", "check_tree"]


@dataclass
class CheckResult:
    """What a check found, and what it did to each header."""

    root: str                                   # the tree as findings name it
    arch: Optional[str]
    headers: List[str]                          # every *.h, relative, sorted
    compiled: List[str] = field(default_factory=list)
    failed: List[str] = field(default_factory=list)
    skipped: Dict[str, str] = field(default_factory=dict)   # rel -> reason
    diagnostics: List[Diagnostic] = field(default_factory=list)
    compiler: str = ""                          # how the compile test ran
    rules: str = ""                             # the source tree's checks, if they ran
    unchecked: Dict[str, str] = field(default_factory=dict)  # rel -> why not checked

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)

    @property
    def passed(self) -> List[str]:
        bad = set(self.failed)
        return [h for h in self.compiled if h not in bad]

    def failing(self) -> List[str]:
        """Headers with an error finding of their own, sorted (what a
        release's own check fails: its script's exit status, or the compile)."""
        bad = {d.path for d in self.diagnostics if d.severity == "error"}
        return sorted(h for h in self.headers if self.shown(h) in bad)

    def counts(self) -> Dict[str, int]:
        out = {"headers": len(self.headers), "compiled": len(self.compiled),
               "passed": len(self.compiled) - len(self.failed), "failed": len(self.failed),
               "skipped": len(self.skipped), "errors": self.errors, "warnings": self.warnings}
        if self.rules:
            out["checked"] = len(self.headers) - len(self.unchecked)
            out["unchecked"] = len(self.unchecked)
            out["failing"] = len(self.failing())
        return out

    def shown(self, rel: str) -> str:
        """How findings name the header ``rel``."""
        return _display(self.root, rel)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean, 1 errors (or warnings with ``strict``)."""
        return EXIT_FINDINGS if self.errors or (strict and self.warnings) else EXIT_OK


def _display(root_shown: str, rel: str) -> str:
    return rel if root_shown in ("", ".") else f"{root_shown.rstrip('/')}/{rel}"


def check_tree(root: Path, *, arch: Optional[str] = None, cc: str = "cc", jobs: int = 1,
               compile: bool = True, exclusions: Optional[Sequence[Exclusion]] = None,
               shown_as: Optional[str] = None, server: Optional[bool] = None,
               rules: Optional[CheckRules] = None) -> CheckResult:
    """Check the installed tree at ``root`` (the directory holding asm/, linux/, ...).

    ``arch`` selects the compile flags and per-arch exclusions; ``shown_as``
    is how findings name the tree (default: ``root`` as given); ``server``:
    see :func:`hdrtool.check.compile.compile_headers`; ``rules``: run a
    source tree's own checks (see the module doc) instead of hdrtool's."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("no such directory (an installed tree, e.g. INSTALL_HDR_PATH/include)",
                         root)
    shown = os.fspath(root) if shown_as is None else shown_as
    files = [f.as_posix() for f in iter_files(root)]
    headers = [f for f in files if f.endswith(".h")]
    profile = arch_profile(arch)
    index = TreeIndex(frozenset(files), profile.srcarch, lambda rel: read_bytes(root / rel),
                      lambda rel: _display(shown, rel))
    result = CheckResult(shown, arch, headers)
    srcarch = profile.srcarch
    static = _hdrtool_checks(index)
    if rules is not None:
        result.rules = rules.describe()
        compile = compile and rules.compile
        srcarch = rules.srcarch or srcarch
        if exclusions is None:
            exclusions = rules.exclusions
        static = _script_checks(rules, root, index)
        for rel in headers:
            why = next((r for d, r in rules.unchecked.items() if rel.startswith(d + "/")), None)
            if why:
                result.unchecked[rel] = why
    if compile:
        _select(result, srcarch, load_exclusions() if exclusions is None else exclusions,
                skip=result.unchecked)
    # The compiler runs in the background (its jobs are processes) while the
    # static checks use this thread.
    how: List[str] = []
    with ThreadPoolExecutor(max_workers=1) as background:
        tree_flags = {} if rules is None else {"uapi_cflags": rules.uapi_cflags,
                                               "shadowed": rules.shadowed}
        pending = background.submit(
            compile_headers, root, result.compiled, cc=cc, cflags=profile.cflags, jobs=jobs,
            display=index.shown, server=server, how=how, **tree_flags) if compile else None
        later: Dict[str, List[Diagnostic]] = {}
        for rel in headers:
            if rel in result.unchecked:
                continue
            if rules is not None and rules.perl_needs_compile and compile:
                later[rel] = static(rel)
            else:
                result.diagnostics.extend(static(rel))
        if pending is not None:
            _collect(result, pending.result())
            result.compiler = "; ".join(how)
        failed = set(result.failed)      # their script never ran (set -e)
        for rel, diags in later.items():
            if rel not in failed:
                result.diagnostics.extend(diags)
    result.diagnostics = _ordered(result.diagnostics)
    return result


def _hdrtool_checks(index: TreeIndex):
    """hdrtool's own static checks (HC001-HC009, HC013) of one header."""
    return lambda rel: check_header(index.view(rel), index)


def _script_checks(rules: CheckRules, root: Path, index: TreeIndex):
    """The per-header checks of a release's own script(s)."""
    def run(rel: str) -> List[Diagnostic]:
        data, shown = index.view(rel).data, index.shown(rel)
        out: List[Diagnostic] = []
        if rules.shell is not None:
            out += run_shell_check(rules.shell, root, data, shown)
        if rules.perl is not None:
            out += run_perl_check(rules.perl, root, rel, data, shown, rules.srcarch)
        return out
    return run


def _select(result: CheckResult, srcarch: Optional[str], exclusions: Sequence[Exclusion],
            skip=()) -> None:
    """Split the headers into compiled and skipped (each skip is a note)."""
    for rel in result.headers:
        if rel in skip:
            continue
        hit = next((e for e in exclusions if e.matches(rel, srcarch)), None)
        if hit is None:
            result.compiled.append(rel)
            continue
        result.skipped[rel] = hit.reason
        result.diagnostics.append(Diagnostic(
            _display(result.root, rel), None, "note", codes.COMPILE_SKIPPED,
            f"compile test skipped: {hit.reason} (exclusion {hit.pattern!r})"))


def _collect(result: CheckResult, outcomes: Dict[str, HeaderOutcome]) -> None:
    seen = set()
    for rel in result.compiled:
        outcome = outcomes[rel]
        if not outcome.ok:
            result.failed.append(rel)
        for d in outcome.diagnostics:
            if d not in seen:      # a broken header breaks every header including it
                seen.add(d)
                result.diagnostics.append(d)


def _ordered(diags: List[Diagnostic]) -> List[Diagnostic]:
    return sorted(diags, key=lambda d: (d.path, d.line or 0, d.column or 0, d.code, d.message))
