"""A fresh load of the embedded store through `GRAPH.BULK`, staged and swapped in whole.

Bulk commands build a graph a batch at a time, so a crash half-way would leave documents
without their edges if they went straight into the live graph. They go into a staging graph
instead. Its indexes and constraints are created right after the first command (the registry),
so the server indexes each later command as it lands, while the loader processes extract the
next files: built once over all rows at commit instead, the index build was a serial tail of
the load with the loaders idle (1M tasks: 22 s of 111; 103 s this way). At commit the staging
graph is renamed over the live one: one Redis command, logged and fsynced as one unit. A kill -9
before that leaves the live graph as it was (empty) and the next load drops the staging
graph, so re-running converges. Used only when the live graph holds no document yet, under a
lock, so two ingests cannot both stage; a document id seen twice in one load is handed back
for the ordinary replacing write after commit. Documents arrive as rows (graph/rows.py), built
by the loader processes, so this process only encodes and sends.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graph import schema
from graph.aggregates import Totals
from graph.bulk import BulkCommand, BulkEncoder
from graph.rows import DocumentRows, registry_rows
from graph.store import StoreError

if TYPE_CHECKING:
    from graph.falkor_store import FalkorStore

TASKS_PER_COMMAND = 20_000
"""Documents are buffered until a bulk command carries about this many tasks (a few MB)."""


class FalkorBulkLoad:
    """Collects documents into bulk commands on a staging graph; `commit` publishes them."""

    def __init__(self, store: FalkorStore, lock: IO[str]) -> None:
        self._store = store
        self._lock = lock
        self._key = f"{store.graph_name}.staging"
        self._encoder = BulkEncoder()
        self._pending: list[DocumentRows] = []
        self._pending_tasks = 0
        self._seen: set[str] = set()
        self._begun = False
        self.totals = Totals()
        store.command("DEL", self._key)

    def add_registry(self, agencies: Iterable[Any], successions: Iterable[Any]) -> None:
        """Registry agencies and successions go first, so documents link to their nodes."""
        rows, steps = registry_rows(agencies, successions)
        self._send(self._encoder.registry(rows, steps))

    def add(self, documents: Sequence[DocumentRows]) -> list[DocumentRows]:
        """Stage `documents`; returns those whose id this load already has (write them later)."""
        repeated = []
        for rows in documents:
            doc_id = rows.document["id"]
            if doc_id in self._seen:
                repeated.append(rows)
                continue
            self._seen.add(doc_id)
            self._pending.append(rows)
            self.totals.add(rows)
            self._pending_tasks += len(rows.tasks) + 1
        if self._pending_tasks >= TASKS_PER_COMMAND:
            self._flush()
        return repeated

    def commit(self) -> None:
        """Wait for the staging graph's indexes and rename it over the live graph (one atomic command)."""
        try:
            self._flush()
            self._store.wait_for_schema(self._key)
            if self._store.read(f"MATCH (d:{schema.DOCUMENT}) RETURN count(d)").rows[0][0]:
                raise StoreError(f"{self._store.root}: another ingest wrote documents meanwhile; run again")
            self._store.command("RENAME", self._key, self._store.graph_name)
            self._store.compact_log()
        finally:
            self.abort()

    def abort(self) -> None:
        """Drop the staging graph (if any is left) and release the load lock."""
        if self._lock.closed:
            return
        try:
            self._store.command("DEL", self._key)
        finally:
            release_lock(self._lock)

    def _flush(self) -> None:
        if self._pending:
            self._send(self._encoder.documents(self._pending))
            self._pending, self._pending_tasks = [], 0

    def _send(self, command: BulkCommand) -> None:
        begin = [] if self._begun else ["BEGIN"]
        self._store.command("GRAPH.BULK", self._key, *begin, *command.args)
        if not self._begun:
            self._store.build_schema(self._key)
        self._begun = True


def open_lock(root: Path) -> IO[str] | None:
    """The fresh-load lock of data directory `root` if no other load holds it, else None."""
    handle = open(root / "bulk.lock", "a")  # noqa: SIM115 - held until commit or abort
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def release_lock(handle: IO[str]) -> None:
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()
