"""`make bench` / `make bench-full`: measure policykg at growing scale and write the results.

Each scale gets a fresh synthetic corpus (benchmarks/generator.py, seeded) and a fresh
embedded store. Every figure sits beside an anchor measured in the same run on the same
input: extraction beside a bare regex scan for `负责)`, ingest beside building the same graph
in networkx. Results go to benchmarks/results/<mode>.json and BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

from benchmarks.generator import write_corpus
from benchmarks.measure import growth_exponent, latency, run_watched, timed
from benchmarks.report import write_report
from benchmarks.ui_timing import measure_ui
from graph.dialect import fulltext_query, fulltext_tasks_call
from graph.falkor_server import server_pid, stop_server
from graph.ingest import default_workers, loader_pool
from graph.neo4j_store import open_neo4j
from graph.open_store import open_store
from graph.store import GraphStore
from graph.terms import keyword_phrase
from loaders.collector import rare_collections
from loaders.pipeline import load_file
from loaders.readers import read_file
from loaders.records import Document
from queries.canned import CANNED, ask

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SEED = 20211016
QUICK_SCALES = (2_000, 10_000)
FULL_SCALES = (10_000, 100_000, 1_000_000)
ANCHOR = re.compile(r"负责[)）]")

KEYWORD = "标准体系"


def researcher_queries(dialect: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Researcher-style Cypher, the three shapes issue #7 names, in `dialect` (the keyword search
    goes through the engine's full-text index, whose procedure differs)."""
    return {
        "2-hop partners": (
            "MATCH (a:Agency {name: $name})-[]->(t:Task)<-[]-(p:Agency) "
            "RETURN p.name AS partner, count(t) AS n ORDER BY n DESC LIMIT 10",
            {"name": "国家发展和改革委员会"},
        ),
        "deadline range": (
            "MATCH (t:Task)-[:DUE_BY]->(d:Date) WHERE d.value >= $from AND d.value <= $to "
            "RETURN count(t) AS n",
            {"from": "2023-01-01", "to": "2024-12-31"},
        ),
        "keyword search": (
            fulltext_tasks_call(dialect) + " WHERE node.text CONTAINS $word RETURN node.id AS id LIMIT 20",
            {"query": fulltext_query(dialect, [keyword_phrase(KEYWORD) or KEYWORD]), "word": KEYWORD},
        ),
    }


# Parameters for canned questions that require some; the rest run with their defaults.
CANNED_PARAMS: dict[str, dict[str, str]] = {
    "agency-tasks": {"agency": "国家发展改革委"},
    "who-leads": {"keyword": KEYWORD},
    "changes": {"old": "2020", "new": "2021", "series": "数字经济"},
    "issued": {"agency": "国务院"},
    "profile": {"agency": "国家发展改革委"},
}


def measure_extraction(files: Sequence[Path]) -> tuple[dict[str, Any], list[Document]]:
    """Extraction throughput beside the regex ceiling over the same files.

    Extraction is timed from the file on disk; the regex scan over already decoded text, so
    the ratio is, if anything, unfair to the extractor.
    """
    size = sum(p.stat().st_size for p in files)
    with rare_collections():  # the pace every driver that holds many files' records runs at
        docs, seconds = timed(lambda: [doc for path in files for doc in load_file(path)])
    tasks = sum(len(doc.tasks) for doc in docs)
    workers = default_workers(files)
    parallel_seconds = seconds  # one loader: the ingest loads in-process, as timed above
    if workers > 1:
        parallel_tasks, parallel_seconds = measure_parallel_extraction(files, workers)
        if parallel_tasks != tasks:
            raise RuntimeError(f"loader processes found {parallel_tasks} tasks, one process {tasks}")
    texts = ["\n".join(page.text for page in read_file(p).pages) for p in files]
    hits, anchor_seconds = timed(lambda: sum(len(ANCHOR.findall(text)) for text in texts))
    mb = size / 2**20
    return {
        "mb": round(mb, 2),
        "tasks": tasks,
        "seconds": round(seconds, 3),
        "mb_per_s": round(mb / seconds, 2),
        "tasks_per_s": round(tasks / seconds),
        "workers": workers,
        "parallel_seconds": round(parallel_seconds, 3),
        "parallel_mb_per_s": round(mb / parallel_seconds, 2),
        "regex_seconds": round(anchor_seconds, 4),
        "regex_hits": hits,
        "regex_mb_per_s": round(mb / anchor_seconds, 1),
        "ratio_to_regex": round(anchor_seconds / seconds, 4),
    }, docs


def measure_parallel_extraction(files: Sequence[Path], workers: int) -> tuple[int, float]:
    """Tasks found and seconds taken extracting `files` in the ingest's loader processes.

    This is the extraction throughput an ingest gets (one process per core for a corpus).
    The workers are started and have imported the loaders before the clock starts (a fixed
    second of start-up, not a rate); each returns only its task count, so no records are
    pickled back.
    """
    with loader_pool(workers) as pool:
        list(pool.map(time.sleep, [0.2] * workers))
        return timed(lambda: sum(pool.map(task_count, files)))


def task_count(path: Path) -> int:
    """The tasks in one file (a loader process's job in `measure_parallel_extraction`)."""
    return sum(len(doc.tasks) for doc in load_file(path))


def networkx_graph(docs: Sequence[Document]) -> nx.MultiDiGraph:
    """The same nodes and edges the store gets, built in memory: the ingest anchor."""
    graph = nx.MultiDiGraph()
    for doc in docs:
        graph.add_node(doc.id, label="Document", title=doc.title)
        for section in doc.sections:
            graph.add_node(section.id, label="Section", title=section.title)
            graph.add_edge(section.id, doc.id, type="IN_DOCUMENT")
        for task in doc.tasks:
            graph.add_node(task.id, label="Task", text=task.text, clause=task.clause.text)
            graph.add_edge(task.id, doc.id, type="IN_DOCUMENT")
            for role, refs in task.clause.by_role().items():
                for ref in refs:
                    agency = ref.id or ref.mention
                    graph.add_node(agency, label="Agency", name=ref.name or ref.mention)
                    graph.add_edge(agency, task.id, type=role, mention=ref.mention)
    return graph


def _cli(name: str) -> str:
    """The installed console script, so benchmarks time what users run."""
    return shutil.which(name) or str(ROOT / ".venv" / "bin" / name)


def measure_ingest(corpus: Path, docs: Sequence[Document], db: Path) -> dict[str, Any]:
    """End-to-end `policykg ingest` (text → graph) into a fresh embedded store, beside networkx."""
    run = run_watched(
        [_cli("policykg"), "ingest", str(corpus), "--db", str(db), "--format", "json"],
        server=lambda: server_pid(db),
    )
    summary = json.loads(run.stdout)
    graph, nx_seconds = timed(lambda: networkx_graph(docs))
    return {
        "tasks": summary["tasks"],
        "documents": summary["documents"],
        "edges": summary["edges"],
        "seconds": round(run.seconds, 3),
        "tasks_per_s": round(summary["tasks"] / run.seconds),
        "peak_rss_mb": round(run.client_peak_mb + run.server_peak_mb),
        "client_peak_rss_mb": round(run.client_peak_mb),
        "server_peak_rss_mb": round(run.server_peak_mb),
        "networkx_seconds": round(nx_seconds, 3),
        "networkx_nodes": graph.number_of_nodes(),
        "ratio_to_networkx": round(nx_seconds / run.seconds, 4),
    }


def measure_neo4j(corpus: Path, runs: int) -> dict[str, Any] | None:
    """Ingest and query figures on the Neo4j at `NEO4J_URI`, emptied first; None when unset.

    The server runs elsewhere (often another machine), so only wall time and latency are
    reported: its memory is not this machine's to measure.
    """
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    with open_neo4j(uri) as store:
        store.clear()
    run = run_watched(
        [_cli("policykg"), "ingest", str(corpus), "--neo4j", uri, "--format", "json"], server=lambda: None
    )
    tasks = json.loads(run.stdout)["tasks"]
    with open_neo4j(uri, read_only=True) as store:
        queries = measure_queries(store, runs)
    return {
        "ingest_seconds": round(run.seconds, 3),
        "ingest_tasks_per_s": round(tasks / run.seconds),
        "queries": queries,
    }


def measure_queries(store: GraphStore, runs: int) -> dict[str, Any]:
    """p50/p95 of every canned question and the researcher-style Cypher."""
    figures: dict[str, Any] = {}
    for name in CANNED:
        ask_one = partial(ask, store, name, CANNED_PARAMS.get(name, {}))
        figures[f"ask {name}"] = asdict(latency(ask_one, runs=runs))
    for label, (cypher, params) in researcher_queries(store.dialect).items():
        figures[label] = asdict(latency(partial(store.read, cypher, params), runs=runs))
    return figures


def measure_cli_query(db: Path) -> float:
    """Wall time of one `policykg query` process against an existing store (server warm)."""
    count = "MATCH (t:Task) RETURN count(t) AS n"
    cmd = [_cli("policykg"), "query", count, "--db", str(db), "--format", "json"]
    subprocess.run(cmd, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return round(time.perf_counter() - start, 3)


def measure_scale(tasks: int, work: Path, runs: int) -> dict[str, Any]:
    """Every figure at one corpus size."""
    corpus = work / f"corpus-{tasks}"
    if not corpus.exists():
        write_corpus(corpus, SEED, tasks)
    files = sorted(corpus.glob("*.txt"))
    extraction, docs = measure_extraction(files)
    db = work / f"db-{tasks}"
    shutil.rmtree(db, ignore_errors=True)
    ingest = measure_ingest(corpus, docs, db)
    store = open_store(db, read_only=True)
    try:
        queries = measure_queries(store, runs)
    finally:
        store.close()
    try:
        cli_seconds = measure_cli_query(db)
        ui = measure_ui(db)
    finally:
        stop_server(db)
    return {
        "tasks": tasks,
        "extraction": extraction,
        "ingest": ingest,
        "queries": queries,
        "cli_query_seconds": cli_seconds,
        "ui": ui,
        "neo4j": measure_neo4j(corpus, runs),
    }


def _p50(name: str, scale: dict[str, Any]) -> float:
    p50: float = scale["queries"][name]["p50_ms"]
    return p50


def growth(scales: list[dict[str, Any]]) -> dict[str, float | None]:
    """Observed exponent of each cost against the task count (1.0 = linear)."""
    sizes = [s["tasks"] for s in scales]
    pick: dict[str, Callable[[dict[str, Any]], float]] = {
        "extraction seconds": lambda s: s["extraction"]["seconds"],
        "ingest seconds": lambda s: s["ingest"]["seconds"],
        "ingest peak RSS": lambda s: s["ingest"]["peak_rss_mb"],
        "UI search first render": lambda s: s["ui"]["search_first_render_s"],
    }
    for name in scales[0]["queries"]:
        pick[f"{name} p50"] = partial(_p50, name)
    return {
        label: (None if (e := growth_exponent(sizes, [f(s) for s in scales])) is None else round(e, 2))
        for label, f in pick.items()
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(__import__("psutil").virtual_memory().total / 2**30, 1),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small scales, under 5 minutes (default)")
    mode.add_argument("--full", action="store_true", help="10k / 100k / 1M tasks")
    parser.add_argument("--scales", type=int, nargs="*", help="override the task counts")
    parser.add_argument("--work", type=Path, default=None, help="where corpora and stores go")
    args = parser.parse_args(argv)
    name = "full" if args.full else "quick"
    scales = args.scales or (FULL_SCALES if args.full else QUICK_SCALES)
    runs = 20 if args.full else 30
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    # The samples first: measured after a million tasks, they would time the collector's
    # passes over what the big scales left on the heap, not the extractor.
    samples = measure_extraction(sorted((ROOT / "samples").glob("*.txt")))[0]
    load_before = os.getloadavg()
    measured = [measure_scale(n, work, runs) for n in scales]
    results = {
        "mode": name,
        "machine": machine() | {"load_average": [round(x, 1) for x in (*load_before, *os.getloadavg())]},
        "samples": samples,
        "scales": measured,
        "growth": growth(measured),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    write_report(RESULTS, ROOT / "BENCHMARKS.md")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {RESULTS / (name + '.json')} and BENCHMARKS.md")


if __name__ == "__main__":
    main()
