"""The embedded store survives crashes without repair, and reads never rewrite its data."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.falkor_server import files_for, server_pid, stop_server
from graph.falkor_store import DATA_DIR_NAME, FalkorStore
from graph.ingest import IngestSummary, write_documents
from graph.store import ReadOnlyViolation, StoreError
from tests.conftest import ROOT
from tests.synthetic_records import make_document

TASKS_PER_DOC = 50
WRITER = """
import sys
from pathlib import Path
from graph.falkor_store import FalkorStore
from graph.ingest import IngestSummary, write_documents
from tests.synthetic_records import make_document
store = FalkorStore(Path(sys.argv[1]), idle_seconds=120)
store.ensure_schema()
for serial in range(int(sys.argv[2])):
    write_documents(store, [make_document(serial, int(sys.argv[3]))], IngestSummary())
    print(serial, flush=True)
"""


@pytest.fixture
def db(tmp_path: Path):
    root = tmp_path / "db"
    yield root
    stop_server(root)


@pytest.fixture
def written_db(db: Path) -> Path:
    """A store holding one three-task document (`doc-1`), closed with its server still up."""
    store = open_store(db)
    write_documents(store, [make_document(1, 3)], IngestSummary())
    store.close()
    return db


def open_store(root: Path, **kwargs) -> FalkorStore:
    store = FalkorStore(root, idle_seconds=120, **kwargs)
    if not store.read_only:
        store.ensure_schema()
    return store


def tasks_per_document(store: FalkorStore) -> dict[str, int]:
    rows = store.read("MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document) RETURN d.id, count(t)").rows
    return dict(rows)


def kill_server(root: Path) -> None:
    pid = server_pid(root)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)


def test_kill_during_ingest_leaves_whole_documents_and_rerun_converges(db: Path):
    total = 60
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(total), str(TASKS_PER_DOC)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    committed = 0
    for line in writer.stdout:
        committed = int(line) + 1
        if committed >= 10:
            break
    writer.kill()
    kill_server(db)
    writer.wait()

    store = open_store(db)
    survived = tasks_per_document(store)
    assert len(survived) >= committed
    assert set(survived.values()) == {TASKS_PER_DOC}
    write_documents(store, [make_document(serial, TASKS_PER_DOC) for serial in range(total)], IngestSummary())
    converged = tasks_per_document(store)
    assert len(converged) == total and set(converged.values()) == {TASKS_PER_DOC}
    store.close()


def test_reader_sees_only_whole_documents_while_ingesting(db: Path):
    writer_store = open_store(db)
    reader = open_store(db, read_only=True)
    docs = [make_document(serial, TASKS_PER_DOC) for serial in range(30)]

    def write_one_by_one() -> None:
        for doc in docs:
            write_documents(writer_store, [doc], IngestSummary())

    writer = threading.Thread(target=write_one_by_one)
    writer.start()
    seen: list[int] = []
    while writer.is_alive():
        counts = tasks_per_document(reader)
        assert set(counts.values()) <= {TASKS_PER_DOC}
        seen.append(len(counts))
    writer.join()
    assert seen == sorted(seen)
    assert len(tasks_per_document(reader)) == len(docs)
    writer_store.close()
    reader.close()


def test_killed_server_leaves_no_repair_to_do(written_db: Path):
    db = written_db
    kill_server(db)
    files = files_for(db)
    assert files.pidfile.exists() and files.socket.exists()

    reopened = open_store(db)
    assert tasks_per_document(reopened) == {"doc-1": 3}
    reopened.close()


def test_orphaned_server_nobody_can_reach_is_replaced(written_db: Path):
    db = written_db
    orphan = server_pid(db)
    files_for(db).socket.unlink()

    reopened = open_store(db)
    assert server_pid(db) not in (None, orphan)
    assert tasks_per_document(reopened) == {"doc-1": 3}
    reopened.close()


def test_pidfile_naming_a_stranger_is_ignored_not_killed(db: Path):
    store = open_store(db)
    store.close()
    stop_server(db)
    files_for(db).pidfile.write_text(str(os.getpid()))
    reopened = open_store(db)
    assert reopened.read("RETURN 1").rows == ((1,),)
    reopened.close()


def test_transaction_cut_off_at_the_end_of_the_log_is_dropped(written_db: Path):
    db = written_db
    stop_server(db)
    manifest = next((db / DATA_DIR_NAME).glob("*.manifest")).read_text().splitlines()
    current_log = [line.split()[1] for line in manifest if " type i" in line][-1]
    with (db / DATA_DIR_NAME / current_log).open("ab") as handle:
        handle.write(
            b"*1\r\n$5\r\nMULTI\r\n*3\r\n$11\r\nGRAPH.QUERY\r\n$8\r\npolicykg\r\n$40\r\nCREATE (:Task {id:"
        )

    reopened = open_store(db)
    assert tasks_per_document(reopened) == {"doc-1": 3}
    reopened.close()


def test_read_only_use_never_rewrites_data_files(written_db: Path):
    db = written_db
    stop_server(db)

    def snapshot() -> dict[str, object]:
        """Data files by size and mtime; the manifest, which Redis re-saves on start, by content."""
        return {
            p.name: p.read_bytes() if p.suffix == ".manifest" else (p.stat().st_size, p.stat().st_mtime_ns)
            for p in (db / DATA_DIR_NAME).iterdir()
        }

    before = snapshot()
    reader = open_store(db, read_only=True)
    assert tasks_per_document(reader) == {"doc-1": 3}
    with pytest.raises(ReadOnlyViolation):
        reader.write([])
    reader.close()
    stop_server(db)
    assert snapshot() == before


def test_read_only_open_of_a_missing_database_says_so(tmp_path: Path):
    with pytest.raises(StoreError, match="no database"):
        FalkorStore(tmp_path / "nothing", read_only=True)


def test_idle_server_stops_itself(db: Path):
    store = FalkorStore(db, idle_seconds=0.5)
    store.close()
    deadline = time.monotonic() + 20
    while server_pid(db) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server_pid(db) is None
