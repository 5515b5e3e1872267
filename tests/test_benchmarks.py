"""Smoke test of the benchmark code: the synthetic corpus is deterministic and fully readable.

The generator writes every clause form the extractor knows; if the extractor finds fewer
clauses than were written, either the generator or the extractor regressed, and benchmark
figures would silently measure less work than they claim.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import run
from benchmarks.generator import iter_documents, write_corpus
from benchmarks.measure import growth_exponent
from benchmarks.report import write_report
from loaders.pipeline import load_file


def test_same_seed_same_corpus() -> None:
    first = [text for text, _ in iter_documents(seed=3, total_tasks=120)]
    again = [text for text, _ in iter_documents(seed=3, total_tasks=120)]
    other = [text for text, _ in iter_documents(seed=4, total_tasks=120)]
    assert first == again
    assert first != other


def test_extractor_finds_every_generated_clause(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, seed=11, total_tasks=400, docs_per_file=2)
    for generated in files:
        docs = load_file(generated.path)
        found = sum(len(doc.tasks) for doc in docs)
        assert found == generated.tasks, generated.path.name
        assert all(doc.published is not None for doc in docs)


def test_loader_processes_extract_what_one_process_does(tmp_path: Path) -> None:
    files = [generated.path for generated in write_corpus(tmp_path, seed=5, total_tasks=400, docs_per_file=2)]
    tasks, seconds = run.measure_parallel_extraction(files, workers=2)
    assert tasks == sum(map(run.task_count, files)) == 400
    assert seconds > 0


def test_growth_exponent_reads_linear_and_quadratic() -> None:
    sizes = [10, 100, 1000]
    assert growth_exponent(sizes, [2 * s for s in sizes]) == 1.0
    assert round(growth_exponent(sizes, [s * s for s in sizes]) or 0, 6) == 2.0


def test_one_small_scale_end_to_end(tmp_path: Path) -> None:
    figures = run.measure_scale(150, tmp_path, runs=2)
    assert figures["extraction"]["tasks"] == 150
    assert figures["ingest"]["tasks"] == 150
    assert figures["ingest"]["client_peak_rss_mb"] > 0, "the ingest process tree was not watched"
    assert figures["ingest"]["server_peak_rss_mb"] > 0, "the embedded server was not watched"
    assert set(figures["queries"]) >= {"2-hop partners", "deadline range", "keyword search"}
    assert figures["ui"]["graph_nodes"] > 0
    results = tmp_path / "results"
    results.mkdir()
    payload = {
        "mode": "quick",
        "machine": run.machine(),
        "samples": figures["extraction"],
        "scales": [figures],
        "growth": run.growth([figures]),
    }
    (results / "quick.json").write_text(json.dumps(payload))
    report = tmp_path / "BENCHMARKS.md"
    write_report(results, report)
    assert "150 tasks" in report.read_text()
