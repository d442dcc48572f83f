"""Renderers for a :class:`~hdrtool.check.CheckResult`: text, json, github, sarif.

Each returns the whole output as one string, so that the command prints
either all of it or (on an input error) nothing.
"""

from __future__ import annotations

import json
import os
from typing import Callable, Dict, List

from hdrtool import __version__
from hdrtool.check import CheckResult
from hdrtool.check.codes import RULES
from hdrtool.core.errors import Diagnostic

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def summary_line(result: CheckResult) -> str:
    c = result.counts()
    if result.rules:
        return _rules_summary(result, c)
    return (f"{c['headers']} headers: {c['compiled']} compiled ({c['passed']} passed, "
            f"{c['failed']} failed), {c['skipped']} skipped by the exclusion list; "
            f"{c['errors']} errors, {c['warnings']} warnings")


def _rules_summary(result: CheckResult, c: Dict[str, int]) -> str:
    """The summary when a source tree's own checks ran."""
    parts = [f"{c['headers']} headers: {c['checked']} checked ({c['checked'] - c['failing']} "
             f"passed, {c['failing']} failed)"]
    if c["unchecked"]:
        parts.append(f"{c['unchecked']} not visited by the release's own check")
    if result.compiled or result.skipped:
        parts.append(f"{c['compiled']} compiled ({c['passed']} passed, {c['failed']} failed), "
                     f"{c['skipped']} skipped by the exclusion list")
    return ", ".join(parts) + f"; {c['errors']} errors, {c['warnings']} warnings"


def render_text(result: CheckResult, notes: bool = False) -> str:
    """``path:line:col: severity: message [code]``, one per line (notes with ``notes``)."""
    lines = [d.render() for d in result.diagnostics if notes or d.severity != "note"]
    return "".join(line + "\n" for line in lines)


def _finding(d: Diagnostic) -> Dict[str, object]:
    return {"path": d.path, "line": d.line, "column": d.column, "severity": d.severity,
            "code": d.code, "message": d.message}


def render_json(result: CheckResult, notes: bool = True) -> str:
    doc = {
        "tool": "hdrtool headers_check", "version": __version__,
        "tree": result.root, "arch": result.arch,
        "summary": result.counts(),
        "skipped": [{"path": result.shown(p), "reason": r}
                    for p, r in sorted(result.skipped.items())],
        "findings": [_finding(d) for d in result.diagnostics],
    }
    if result.rules:
        doc["rules"] = result.rules
        doc["unchecked"] = [{"path": result.shown(p), "reason": r}
                            for p, r in sorted(result.unchecked.items())]
    return json.dumps(doc, indent=2) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def render_github(result: CheckResult, notes: bool = False) -> str:
    """GitHub Actions workflow commands: one annotation per finding, then a summary notice."""
    out: List[str] = []
    for d in result.diagnostics:
        if d.severity == "note" and not notes:
            continue
        props = [f"file={_gh_prop(d.path)}"]
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={_gh_prop(d.code)}")
        out.append(f"::{_GH_LEVEL[d.severity]} {','.join(props)}::{_gh_data(d.message)}")
    out.append(f"::notice title=headers_check::{_gh_data(summary_line(result))}")
    return "".join(line + "\n" for line in out)


def _uri(path: str) -> str:
    path = path.replace(os.sep, "/")
    return "file://" + path if path.startswith("/") else path


def render_sarif(result: CheckResult, notes: bool = True) -> str:
    """SARIF 2.1.0: one run, a rule per code, a result per finding."""
    codes = sorted(RULES)
    rules = [{
        "id": code, "name": RULES[code].name,
        "shortDescription": {"text": RULES[code].summary},
        "defaultConfiguration": {"level": RULES[code].severity},
    } for code in codes]
    results = []
    for d in result.diagnostics:
        loc: Dict[str, object] = {"artifactLocation": {"uri": _uri(d.path)}}
        if d.line is not None:
            region: Dict[str, int] = {"startLine": d.line}
            if d.column is not None:
                region["startColumn"] = d.column
            loc["region"] = region
        results.append({"ruleId": d.code, "ruleIndex": codes.index(d.code), "level": d.severity,
                        "message": {"text": d.message},
                        "locations": [{"physicalLocation": loc}]})
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "hdrtool", "version": __version__, "rules": rules}},
        "results": results,
        "properties": {"summary": result.counts()},
    }]}
    return json.dumps(doc, indent=2) + "\n"


RENDERERS: Dict[str, Callable[..., str]] = {
    "text": render_text, "json": render_json, "github": render_github, "sarif": render_sarif,
}


def render(result: CheckResult, fmt: str, *, notes: bool = False) -> str:
    """``fmt`` is one of :data:`FORMATS`; ``notes`` adds the compile-skipped
    notes to text and github output (json and sarif always carry them)."""
    if fmt in ("text", "github"):
        return RENDERERS[fmt](result, notes=notes)
    return RENDERERS[fmt](result)
