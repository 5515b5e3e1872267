"""Render benchmarks/results/*.json as BENCHMARKS.md: tables, targets, machine notes.

The JSON files are the record; this page is regenerated from all of them on every run so
quick and full results sit side by side and a figure is never edited by hand.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

TARGETS = (
    ("end-to-end ingest", "≥ 15,000 tasks/s", lambda s: s["ingest"]["tasks_per_s"] >= 15_000),
    ("ingest peak RSS", "< 2,048 MB", lambda s: s["ingest"]["peak_rss_mb"] < 2048),
    ("extraction (the ingest's loader processes)", "≥ 5 MB/s", lambda s: _extraction_rate(s) >= 5),
    ("extraction vs regex", "≥ 0.5×", lambda s: s["extraction"]["ratio_to_regex"] >= 0.5),
    (
        "canned p50",
        "< 20 ms",
        lambda s: max(v["p50_ms"] for k, v in s["queries"].items() if k.startswith("ask ")) < 20,
    ),
    ("`policykg query` wall time", "< 1 s", lambda s: s["cli_query_seconds"] < 1),
    ("UI first render (search page)", "< 1.5 s", lambda s: s["ui"]["search_first_render_s"] < 1.5),
)


def _extraction_rate(scale: dict[str, Any]) -> float:
    """MB/s in the ingest's loader processes; runs before they were measured give one process's."""
    extraction = scale["extraction"]
    rate: float = extraction.get("parallel_mb_per_s", extraction["mb_per_s"])
    return rate


def _extraction_cell(scale: dict[str, Any]) -> str:
    extraction = scale["extraction"]
    parallel = extraction.get("parallel_mb_per_s")
    if parallel is None:
        return f"{extraction['mb_per_s']} ({extraction['regex_mb_per_s']})"
    return f"{extraction['mb_per_s']}; {parallel} in {extraction['workers']} ({extraction['regex_mb_per_s']})"


def _latency_cell(name: str, scale: dict[str, Any], key: str | None = None) -> str:
    figures = (scale[key] if key else scale)["queries"][name]
    return f"{figures['p50_ms']:.1f} / {figures['p95_ms']:.1f}"


def _rss_cell(scale: dict[str, Any]) -> str:
    """Total peak RSS, split into the ingest process tree and the server where measured."""
    ingest = scale["ingest"]
    if "client_peak_rss_mb" not in ingest:
        return str(ingest["peak_rss_mb"])
    return f"{ingest['peak_rss_mb']:,} ({ingest['client_peak_rss_mb']:,} + {ingest['server_peak_rss_mb']:,})"


def _scale_table(scales: list[dict[str, Any]]) -> list[str]:
    head = "| figure | " + " | ".join(f"{s['tasks']:,} tasks" for s in scales) + " |"
    rows = [head, "|---|" + "---|" * len(scales)]

    def row(label: str, cell: Any) -> None:
        rows.append(f"| {label} | " + " | ".join(str(cell(s)) for s in scales) + " |")

    row("extraction MB/s: 1 process; in N loader processes (regex ceiling MB/s)", _extraction_cell)
    row("extraction tasks/s", lambda s: f"{s['extraction']['tasks_per_s']:,}")
    row("extraction ÷ regex speed", lambda s: f"{s['extraction']['ratio_to_regex']:.3f}×")
    row("ingest text → graph, s", lambda s: s["ingest"]["seconds"])
    row("ingest tasks/s", lambda s: f"{s['ingest']['tasks_per_s']:,}")
    row(
        "networkx in-memory build, s (ratio)",
        lambda s: f"{s['ingest']['networkx_seconds']} ({s['ingest']['ratio_to_networkx']:.3f}×)",
    )
    row("peak RSS, MB (client + server)", _rss_cell)
    row("`policykg query` wall time, s", lambda s: s["cli_query_seconds"])
    row(
        "UI search page first render, s (cold app)",
        lambda s: f"{s['ui']['search_first_render_s']} ({s['ui']['search_first_render_cold_s']})",
    )
    if all("search_revisit_render_s" in s["ui"] for s in scales):
        row("UI search page, returning visitor, s", lambda s: s["ui"]["search_revisit_render_s"])
    row(
        "UI graph view render, s (nodes)", lambda s: f"{s['ui']['graph_render_s']} ({s['ui']['graph_nodes']})"
    )
    for name in scales[0]["queries"]:
        row(f"{name} p50 / p95 ms", partial(_latency_cell, name))
    if all(s.get("neo4j") for s in scales):
        row("Neo4j: ingest text → graph, s", lambda s: s["neo4j"]["ingest_seconds"])
        row("Neo4j: ingest tasks/s", lambda s: f"{s['neo4j']['ingest_tasks_per_s']:,}")
        for name in scales[0]["neo4j"]["queries"]:
            row(f"Neo4j: {name} p50 / p95 ms", partial(_latency_cell, name, key="neo4j"))
    return rows


def _targets(scales: list[dict[str, Any]]) -> list[str]:
    largest = scales[-1]
    rows = [
        f"Targets at the largest scale of this run ({largest['tasks']:,} tasks):",
        "",
        "| target | wanted | met |",
        "|---|---|---|",
    ]
    for label, wanted, check in TARGETS:
        rows.append(f"| {label} | {wanted} | {'yes' if check(largest) else '**no**'} |")
    return rows


def _load_note(machine: dict[str, Any]) -> str:
    """The load average around the run: on a shared machine it explains wall-time figures."""
    load = machine.get("load_average")
    if not load:
        return ""
    return (
        f" Load average (1/5/15 min) at the start {load[0]}/{load[1]}/{load[2]}, "
        f"at the end {load[3]}/{load[4]}/{load[5]}."
    )


def _section(result: dict[str, Any]) -> list[str]:
    m = result["machine"]
    lines = [
        f"## `{result['mode']}` run — {m['date']}",
        "",
        f"Machine: {m['cores']} cores, {m['memory_gb']} GB RAM, {m['processor']}, {m['platform']}, "
        f"Python {m['python']}.{_load_note(m)}",
        "",
        f"Bundled real samples (.txt): {result['samples']['mb']} MB, {result['samples']['tasks']} clauses, "
        f"extraction {result['samples']['mb_per_s']} MB/s.",
        "",
        *_scale_table(result["scales"]),
        "",
        *_targets(result["scales"]),
        "",
        "Growth exponents (log-log slope against task count; 1.0 = linear):",
        "",
        *(f"- {k}: {v}" for k, v in result["growth"].items()),
        "",
    ]
    return lines


def write_report(results_dir: Path, out: Path) -> None:
    """Regenerate `out` from every results file present."""
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (quick) and `make bench-full` (10k / 100k / 1M tasks) from",
        "`benchmarks/results/*.json`; do not edit by hand. The corpus is synthetic and seeded",
        "(`benchmarks/generator.py`): real clause forms, registry aliases, page headers, deadlines.",
        "Anchors: extraction against a bare regex scan for `负责)` over the same files; ingest against",
        "building the same graph in networkx in memory. Embedded store (FalkorDBLite) throughout.",
        "",
    ]
    for name in ("quick", "full"):
        path = results_dir / f"{name}.json"
        if path.exists():
            lines += _section(json.loads(path.read_text()))
    for notes in sorted(results_dir.parent.glob("NOTES*.md")):
        lines += [notes.read_text().rstrip(), ""]
    out.write_text("\n".join(lines))
