"""Fresh loads through GRAPH.BULK: the same graph as incremental writes, whole or absent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph import falkor_bulk, schema
from graph.bulk import EDGE_PROPERTIES
from graph.dialect import fulltext_query, fulltext_tasks_call
from graph.falkor_server import server_pid, stop_server
from graph.falkor_store import FalkorStore
from graph.ingest import (
    PARALLEL_MIN_BYTES,
    IngestSummary,
    collect_files,
    default_workers,
    ingest_paths,
    load_one,
    registry_statements,
    write_documents,
)
from loaders.agencies import agencies, successions
from loaders.records import Document
from tests.conftest import ROOT, SAMPLES, TEST_SERVER_IDLE_SECONDS

STAGER = """
import sys, time
from pathlib import Path
from graph import falkor_bulk
from graph.falkor_store import FalkorStore
from graph.rows import document_rows
from loaders.agencies import agencies, successions
from tests.test_bulk import sample_documents
falkor_bulk.TASKS_PER_COMMAND = 1
loader = FalkorStore(Path(sys.argv[1]), idle_seconds=120).fresh_loader()
loader.add_registry(agencies(), successions())
loader.add([document_rows(doc) for doc in sample_documents()])
print("staged", flush=True)
time.sleep(60)
"""
KEYS = {spec.label: spec.prop for spec in schema.INDEXES if spec.unique}


@pytest.fixture
def roots(tmp_path: Path):
    made: list[Path] = []

    def make(name: str) -> Path:
        made.append(tmp_path / name)
        return made[-1]

    yield make
    for root in made:
        stop_server(root)


def open_store(root: Path) -> FalkorStore:
    store = FalkorStore(root, idle_seconds=TEST_SERVER_IDLE_SECONDS)
    store.ensure_schema()
    return store


def sample_documents() -> list[Document]:
    files, _ = collect_files([SAMPLES])
    return [doc for path in files if isinstance(loaded := load_one(path), list) for doc in loaded]


def graph_dump(store: FalkorStore) -> dict[str, list[Any]]:
    """Every node's properties by label and every edge as (start key, end key, properties)."""
    dump: dict[str, list[Any]] = {}
    for label, key in KEYS.items():
        rows = store.read(f"MATCH (n:{label}) RETURN n.{key}, properties(n)").rows
        dump[label] = sorted((k, sorted(props.items(), key=str)) for k, props in rows)
    rows = store.read(
        "MATCH (a)-[r]->(b) RETURN type(r), labels(a)[0], labels(b)[0], a, b, properties(r)"
    ).rows
    dump["edges"] = sorted(
        (
            kind,
            a["properties"][KEYS[start]],
            b["properties"][KEYS[end]],
            sorted(props.items(), key=str),
        )
        for kind, start, end, a, b, props in rows
    )
    return dump


def edge_counts(store: FalkorStore) -> dict[str, int]:
    return dict(store.read("MATCH ()-[r]->() RETURN type(r), count(r)").rows)


def test_bulk_load_builds_the_same_graph_as_incremental_writes(roots):
    bulk = open_store(roots("bulk"))
    summary = ingest_paths(bulk, [SAMPLES])
    incremental = open_store(roots("incremental"))
    incremental.write(registry_statements(agencies(), successions()))
    write_documents(incremental, sample_documents(), IngestSummary())

    assert summary.documents > 0 and summary.tasks > 0
    assert graph_dump(bulk) == graph_dump(incremental)
    assert set(edge_counts(bulk)) >= {schema.LEADS, schema.IN_DOCUMENT, schema.SUCCEEDED_BY}
    assert set(EDGE_PROPERTIES) <= set(edge_counts(bulk))


def test_bulk_loaded_graph_is_indexed_and_survives_a_restart(roots):
    root = roots("db")
    store = open_store(root)
    ingest_paths(store, [SAMPLES])
    store.close()
    stop_server(root)
    reopened = FalkorStore(root, read_only=True, idle_seconds=TEST_SERVER_IDLE_SECONDS)
    statuses = reopened.read("CALL db.indexes() YIELD label, status RETURN label, status").rows
    assert {label for label, _ in statuses} == set(KEYS)
    assert {status for _, status in statuses} == {"OPERATIONAL"}
    assert len(reopened.read("CALL db.constraints()").rows) == len(KEYS)
    assert reopened.read("MATCH (t:Task) RETURN count(t)").rows[0][0] > 0
    reopened.close()


def test_every_bulk_command_is_indexed_as_it_lands(roots, monkeypatch):
    """The staging graph is indexed from its first command on: tasks of every later command
    are found by id and by keyword, as if the indexes had been built over the whole load."""
    monkeypatch.setattr(falkor_bulk, "TASKS_PER_COMMAND", 1)
    store = open_store(roots("db"))
    ingest_paths(store, [SAMPLES])
    tasks = store.read("MATCH (t:Task) RETURN t.id, t.terms").rows
    assert len(tasks) > 10
    search = fulltext_tasks_call(store.dialect) + " RETURN node.id"
    for task_id, terms in tasks:
        assert store.read("MATCH (t:Task {id: $id}) RETURN count(t)", {"id": task_id}).rows[0][0] == 1
        phrase = " ".join(terms.split()[:3])
        found = store.read(search, {"query": fulltext_query(store.dialect, [phrase])}).rows
        assert (task_id,) in found, phrase


def test_second_ingest_writes_incrementally_and_changes_nothing(roots):
    store = open_store(roots("db"))
    first = ingest_paths(store, [SAMPLES])
    before = graph_dump(store)
    assert store.fresh_loader() is None
    second = ingest_paths(store, [SAMPLES])
    assert graph_dump(store) == before
    assert second.as_dict() == first.as_dict()


def test_a_document_given_twice_in_one_load_is_stored_once(roots):
    store = open_store(roots("db"))
    seed = SAMPLES / "hz-gaoxin-policy-brief-2021-10.txt"
    summary = ingest_paths(store, [seed, seed])
    once = ingest_paths(open_store(roots("once")), [seed])
    assert summary.tasks == 2 * once.tasks
    assert store.read("MATCH (t:Task) RETURN count(t)").rows[0][0] == once.tasks


def test_one_fresh_load_at_a_time(roots):
    root = roots("db")
    first = open_store(root).fresh_loader()
    assert first is not None
    assert open_store(root).fresh_loader() is None
    first.abort()
    second = open_store(root).fresh_loader()
    assert second is not None
    second.abort()


def test_kill_during_bulk_load_leaves_the_graph_empty_and_rerun_converges(roots):
    root = roots("db")
    open_store(root).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", STAGER, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "staged"
    writer.kill()
    pid = server_pid(root)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    writer.wait()

    reopened = open_store(root)
    assert reopened.read("MATCH (n) RETURN count(n)").rows[0][0] == 0
    summary = ingest_paths(reopened, [SAMPLES])
    assert reopened.read("MATCH (t:Task) RETURN count(t)").rows[0][0] == summary.tasks


def test_a_fresh_load_without_documents_still_writes_the_registry(roots, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    store = open_store(roots("db"))
    summary = ingest_paths(store, [tmp_path / "empty.txt"])
    assert summary.documents == 0 and len(summary.skipped) == 1
    assert store.read("MATCH (a:Agency) RETURN count(a)").rows[0][0] == len(agencies())


def test_loader_processes_only_for_inputs_worth_them(tmp_path: Path):
    files, _ = collect_files([SAMPLES])
    assert default_workers(files) == 1
    big = [tmp_path / f"{n}.txt" for n in range(2)]
    for path in big:
        path.write_bytes(b"x" * PARALLEL_MIN_BYTES)
    assert default_workers(big) == min(os.cpu_count() or 1, 2)
