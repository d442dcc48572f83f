"""Text and JSON renderings of simulator results (pure: data in, str out)."""

from __future__ import annotations

import json
from typing import Dict, List

from hdrtool.sim.runner import CompareRow, RunResult

_STATS = (
    ("peak_table_pages", "page-table pages (peak)"),
    ("table_bytes", "page-table bytes (peak)"),
    ("pte_tables", "pte tables (peak)"),
    ("fragments", "fragments in use (peak)"),
    ("nr_pagetable", "NR_PAGETABLE (peak)"),
    ("mapped_pages", "mapped pages (at peak)"),
    ("bytes_per_mapped_mib", "page-table bytes per mapped MiB"),
    ("final_table_pages", "page-table pages at the end"),
    ("oom", "allocations that failed a step"),
    ("ops", "page-table operations"),
    ("api_calls", "of which arch API calls"),
)


def run_text(r: RunResult, trace: bool) -> str:
    out: List[str] = []
    label = r.variant + (" (pgste)" if r.pgste else "") + (f", {r.layout}" if r.layout else "")
    if trace:
        out += r.trace
    for f in r.findings:
        if f.report:
            out.append(f.report.rstrip("\n"))
    n = len(r.findings)
    out.append(f"sim: {r.scenario} on {label}: "
               + (f"{n} finding{'s' if n != 1 else ''}" if n else "clean"))
    for f in r.findings:
        out.append(f"{f.where}: error: {f.message} [{f.kind}]")
    width = max(len(t) for _, t in _STATS)
    for key, text in _STATS:
        out.append(f"  {text:<{width}}  {r.stats.get(key, 0)}")
    return "\n".join(out) + "\n"


def layouts_text(results: List[RunResult]) -> str:
    """The runs of one scenario against each generated locking, side by
    side: verdict and, for a lockdep report, its call chain."""
    from hdrtool.sim.lockdep import model_chain
    rows = []
    for r in results:
        rep = next((f for f in r.findings if f.report), None)
        if rep is None:
            verdict = "clean" if not r.findings else r.findings[0].message
        else:
            lines = rep.report.splitlines()
            what = lines[4] if lines[4].startswith("inconsistent {") else lines[1]
            chain = [f for f in model_chain(rep.report)][:-1]
            verdict = f"{what} ({rep.message.rsplit('(', 1)[-1]} chain {' <- '.join(chain)}"
        rows.append((f"{r.variant}, {r.layout}", verdict))
    width = max(len(a) for a, _ in rows)
    return "".join(f"  {a:<{width}}  {b}\n" for a, b in rows)


def run_dict(r: RunResult, trace: bool) -> Dict:
    d = {"scenario": r.scenario, "variant": r.variant, "pgste": r.pgste,
         **({"layout": r.layout} if r.layout else {}),
         "findings": [{"kind": f.kind, "where": f.where, "message": f.message,
                       "report": f.report} for f in r.findings],
         "stats": r.stats}
    if trace:
        d["trace"] = r.trace
    return d


def runs_json(results: List[RunResult], trace: bool) -> str:
    return json.dumps({"runs": [run_dict(r, trace) for r in results]}, indent=2) + "\n"


def _compare_fields(row: CompareRow, base: Dict[str, int]) -> Dict:
    s = row.result.stats
    saved = s["whole_page_bytes"] - s["table_bytes"]
    ref = base.get(row.variant)
    return {"variant": row.variant, "pgste": row.pgste, "findings": len(row.result.findings),
            "table_bytes": s["table_bytes"], "whole_page_bytes": s["whole_page_bytes"],
            "saved_bytes": saved,
            "saved_percent": round(100 * saved / s["whole_page_bytes"], 1) if s["whole_page_bytes"] else 0.0,
            "pgste_cost_bytes": s["table_bytes"] - ref if row.pgste and ref is not None else None,
            "bytes_per_mapped_mib": s["bytes_per_mapped_mib"], "pte_tables": s["pte_tables"],
            "fragments": s["fragments"], "ops": s["ops"]}


def compare_rows(rows: List[CompareRow]) -> List[Dict]:
    base = {r.variant: r.result.stats["table_bytes"] for r in rows
            if r.result is not None and not r.pgste}
    out = []
    for row in rows:
        if row.result is None:
            out.append({"variant": row.variant, "pgste": row.pgste, "skipped": row.skipped})
        else:
            out.append(_compare_fields(row, base))
    return out


def compare_text(scenario: str, title: str, rows: List[CompareRow]) -> str:
    data = compare_rows(rows)
    head = ("variant", "pgste", "findings", "pt bytes", "whole-page", "saved", "pgste cost",
            "bytes/MiB", "tables")
    lines = [f"sim compare: {scenario}: {title}", ""]
    table = [head]
    for d in data:
        if "skipped" in d:
            table.append((d["variant"], "-", "skipped: " + d["skipped"]) + ("",) * 6)
            continue
        cost = "-" if d["pgste_cost_bytes"] is None else f"{d['pgste_cost_bytes']:+d}"
        table.append((d["variant"], "yes" if d["pgste"] else "no", str(d["findings"]),
                      str(d["table_bytes"]), str(d["whole_page_bytes"]),
                      f"{d['saved_bytes']} ({d['saved_percent']}%)", cost,
                      str(d["bytes_per_mapped_mib"]), str(d["pte_tables"])))
    widths = [max(len(r[i]) for r in table if not r[2].startswith("skipped") or i < 2)
              for i in range(len(head))]
    for r in table:
        if r[2].startswith("skipped"):
            lines.append(f"{r[0]:<{widths[0]}}  {r[2]}")
        else:
            lines.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                                   for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    return "\n".join(lines) + "\n"


def compare_json(scenario: str, rows: List[CompareRow]) -> str:
    return json.dumps({"scenario": scenario, "rows": compare_rows(rows)}, indent=2) + "\n"
