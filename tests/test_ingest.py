"""Records → graph: sample counts, idempotent re-ingest, replaced versions, the ingest command."""

from __future__ import annotations

import gc
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from click.testing import CliRunner

from graph.dialect import fulltext_query, fulltext_tasks_call
from graph.falkor_server import stop_server
from graph.ingest import (
    IngestSummary,
    collect_files,
    ingest_paths,
    load_one,
    map_ahead,
    remove_stale_documents,
    write_documents,
)
from graph.rows import agency_id
from graph.terms import keyword_phrase
from loaders.records import ROLES
from policykg import cli
from tests.conftest import SAMPLES
from tests.synthetic_records import UNKNOWN, make_document

SEED = "hz-gaoxin-policy-brief-2021-10.txt"
ROLE_TYPES = {"leads": "LEADS", "co": "CO_RESPONSIBLE", "sole": "RESPONSIBLE"}


def graph_counts(store) -> dict[str, int]:
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS k, count(*) AS c").rows
    edges = store.read("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c").rows
    return {str(k): c for k, c in (*nodes, *edges)}


def ip_office_tasks(store, relationship: str) -> int:
    cypher = (
        f"MATCH (a:Agency {{name: '国家知识产权局'}})-[:{relationship}]->(t:Task)-[:IN_DOCUMENT]->(d) "
        "WHERE d.source_file ENDS WITH $seed RETURN count(t)"
    )
    return store.read(cypher, {"seed": SEED}).rows[0][0]


def test_seed_roles_of_the_ip_office_match_the_gold_clauses(sample_store):
    assert ip_office_tasks(sample_store, "LEADS") == 15
    assert ip_office_tasks(sample_store, "CO_RESPONSIBLE") == 18
    assert ip_office_tasks(sample_store, "RESPONSIBLE") == 2


def test_whole_sample_set_is_in_the_graph(sample_store):
    files, _ = collect_files([SAMPLES])
    docs = [doc for path in files if isinstance(found := load_one(path), list) for doc in found]
    counts = graph_counts(sample_store)
    assert counts["Document"] == len(docs)
    assert counts["Task"] == sum(len(doc.tasks) for doc in docs)
    for role in ROLES:
        expected = {
            (agency_id(ref), t.id) for doc in docs for t in doc.tasks for ref in t.clause.by_role()[role]
        }
        assert counts.get(ROLE_TYPES[role], 0) == len(expected)
    assert counts["IN_DOCUMENT"] == sum(len(doc.tasks) + len(doc.sections) for doc in docs)


def test_reingest_changes_nothing(fresh_store):
    docs = [make_document(serial, 5) for serial in range(3)]
    write_documents(fresh_store, docs, IngestSummary())
    before = graph_counts(fresh_store)
    write_documents(fresh_store, docs, IngestSummary())
    assert graph_counts(fresh_store) == before
    assert before["Task"] == 15 and before["LEADS"] == 15 and before["CO_RESPONSIBLE"] == 30


def test_new_version_replaces_the_documents_tasks(fresh_store):
    write_documents(fresh_store, [make_document(1, 4), make_document(2, 3)], IngestSummary())
    write_documents(fresh_store, [make_document(1, 2, version=1)], IngestSummary())
    tasks = fresh_store.read(
        "MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document {id: 'doc-1'}) RETURN t.id ORDER BY t.id"
    )
    assert [row[0] for row in tasks.rows] == ["doc-1-v1-t0", "doc-1-v1-t1"]
    counts = graph_counts(fresh_store)
    assert counts["Task"] == 5 and counts["LEADS"] == 5 and counts["Section"] == 2 and counts["Document"] == 2


def test_documents_gone_from_a_file_are_removed(fresh_store):
    write_documents(fresh_store, [make_document(1, 2), make_document(2, 2)], IngestSummary())
    assert remove_stale_documents(fresh_store, "synthetic.txt", ["doc-2"]) == 1
    counts = graph_counts(fresh_store)
    assert counts["Document"] == 1 and counts["Task"] == 2 and counts["Section"] == 1


def test_unknown_agency_gets_its_own_node(fresh_store):
    summary = IngestSummary()
    write_documents(fresh_store, [make_document(1, 2)], summary)
    rows = fresh_store.read("MATCH (a:Agency {kind: 'unknown'}) RETURN a.id, a.name").rows
    assert rows == ((agency_id(UNKNOWN), UNKNOWN.mention),)
    assert summary.unknown_agencies == {UNKNOWN.mention}


def test_ingest_command_with_workers_reports_and_skips(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "small.txt").write_bytes((SAMPLES / "sichuan-liutong-2022-excerpt.txt").read_bytes())
    (corpus / "empty.txt").write_text("")
    db = tmp_path / "db"
    try:
        result = CliRunner().invoke(
            cli,
            [
                "ingest",
                str(corpus),
                str(tmp_path / "missing"),
                "--db",
                str(db),
                "--workers",
                "2",
                "--format",
                "json",
            ],
        )
    finally:
        stop_server(db)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["documents"] == 1 and summary["tasks"] > 0
    assert {item["file"] for item in summary["skipped"]} == {
        str(corpus / "empty.txt"),
        str(tmp_path / "missing"),
    }


def test_written_tasks_are_found_through_the_full_text_index(fresh_store):
    """Incremental writes feed the index too, with clause words when the text lacks the clause."""
    write_documents(fresh_store, [make_document(1, 2), make_document(1, 3, version=1)], IngestSummary())

    def found(word: str) -> list[str]:
        cypher = fulltext_tasks_call(fresh_store.dialect) + " RETURN node.id"
        query = fulltext_query(fresh_store.dialect, [keyword_phrase(word) or ""])
        return sorted(row[0] for row in fresh_store.read(cypher, {"query": query}).rows)

    tasks = sorted(row[0] for row in fresh_store.read("MATCH (t:Task) RETURN t.id").rows)
    assert len(tasks) == 3
    assert found("完善") == found("科技部") == tasks


def test_ingest_leaves_the_callers_collector_settings_as_they_were(fresh_store):
    """An ingest collects garbage rarely while it runs; a long-lived caller (the UI) keeps its own pace."""
    before = gc.get_threshold()
    summary = ingest_paths(fresh_store, [SAMPLES / SEED], workers=1)
    assert summary.tasks > 0
    assert gc.get_threshold() == before


def test_loaders_run_at_most_a_window_ahead_of_the_writer():
    """Results come in input order, and the pool never holds more than `ahead` items the writer
    has not taken, so rows cannot pile up while the store is slow."""
    started = 0
    lock = threading.Lock()

    def square(n: int) -> int:
        nonlocal started
        with lock:
            started = max(started, n + 1)
        return n * n

    with ThreadPoolExecutor(max_workers=3) as pool:
        taken = 0
        for taken, value in enumerate(map_ahead(pool, square, range(50), ahead=4), start=1):
            assert value == (taken - 1) ** 2
            assert started <= taken + 4
        assert taken == 50
