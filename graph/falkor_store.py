"""The embedded default `GraphStore`: FalkorDB behind a per-directory server (see falkor_server).

Writes: the statements of one `write()` are chained into ONE Cypher query
(`s0 WITH count(*) AS _s0 s1 …`, parameters renamed per statement), because a single FalkorDB
query is atomic twice over: it rolls back entirely on a runtime error (a Redis MULTI/EXEC
would not) and reaches the append-only file as one unit, so a kill -9 leaves it fully
present or absent. Reads go through GRAPH.RO_QUERY, which the engine refuses to let write.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB, Graph
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath

from graph import dialect, schema
from graph.falkor_bulk import FalkorBulkLoad, open_lock, release_lock
from graph.falkor_server import ensure_server
from graph.store import QueryResult, QueryTimeout, ReadOnlyViolation, Statement, StoreError

GRAPH_NAME = "policykg"
DATA_DIR_NAME = "appendonlydir"
_FIRST_POLL_SECONDS = 0.01
_MAX_POLL_SECONDS = 0.5
_POLL_SHARE = 0.1
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class FalkorStore:
    """A `GraphStore` on the FalkorDB server of data directory `root`."""

    dialect = dialect.FALKORDB

    def __init__(self, root: Path, *, read_only: bool = False, idle_seconds: float | None = None) -> None:
        if read_only and not (root / DATA_DIR_NAME).is_dir():
            raise StoreError(f"{root}: no database here yet (run `policykg ingest` first)")
        self.root = root
        self.read_only = read_only
        self._db = FalkorDB(unix_socket_path=str(ensure_server(root, idle_seconds)))
        self.graph_name = GRAPH_NAME
        self._graph = self._db.select_graph(GRAPH_NAME)
        self._wrote = False

    def ensure_schema(self) -> None:
        """Create missing indexes and constraints; a read-only store leaves the graph untouched."""
        if not self.read_only and self.build_schema(self.graph_name):
            self.compact_log()

    def build_schema(self, key: str) -> bool:
        """Create the missing indexes and constraints of graph `key`; True if constraints were added."""
        graph = self._db.select_graph(key)
        indexed = self._existing_indexes(graph)
        for spec in schema.INDEXES:
            if spec.prop not in indexed.get(spec.label, {}):
                self._execute("GRAPH.QUERY", dialect.index_ddl(self.dialect, spec), graph=graph)
        fulltext = indexed.get(schema.FULLTEXT_LABEL, {}).get(schema.FULLTEXT_PROPERTY, [])
        if "FULLTEXT" not in fulltext:
            self._execute("GRAPH.QUERY", dialect.fulltext_index_ddl(self.dialect), graph=graph)
        constrained = {(row[1], row[2][0]) for row in graph.ro_query("CALL db.constraints()").result_set}
        missing = [
            spec for spec in schema.INDEXES if spec.unique and (spec.label, spec.prop) not in constrained
        ]
        for spec in missing:
            self.command(*dialect.falkordb_constraint_command(key, spec))
        return bool(missing)

    def wait_for_schema(self, key: str) -> None:
        """Wait until graph `key`'s indexes and constraints, built in the background, are complete."""
        graph = self._db.select_graph(key)
        _poll_until(
            lambda: all(
                row[0] == "OPERATIONAL"
                for query in ("CALL db.indexes() YIELD status", "CALL db.constraints() YIELD status")
                for row in graph.ro_query(query + " RETURN status").result_set
            )
        )

    def compact_log(self) -> None:
        """Rewrite the append-only file into a snapshot once new constraints are built.

        FalkorDB builds constraints asynchronously; replayed from the log, each server start
        would build them again and append that to the log, so a read-only start would write.
        From a snapshot they load as they are. Bulk loads are compacted too: replaying them
        would cost a start as much as the load.
        """
        self.wait_for_schema(self.graph_name)
        self._wait_for_rewrite()
        self.command("BGREWRITEAOF")
        self._wait_for_rewrite()

    def _wait_for_rewrite(self) -> None:
        """Wait out a log rewrite in progress (ours, or one another client's close() started)."""
        connection = self._db.connection
        _poll_until(
            lambda: (
                not (
                    connection.info("persistence")["aof_rewrite_in_progress"]
                    or connection.info("persistence")["aof_rewrite_scheduled"]
                )
            )
        )

    def fresh_loader(self) -> FalkorBulkLoad | None:
        """A bulk loader when the graph holds no document yet (and no other load runs), else None."""
        if self.read_only:
            return None
        lock = open_lock(self.root)
        if lock is None:
            return None
        if self.read(f"MATCH (d:{schema.DOCUMENT}) RETURN count(d)").rows[0][0]:
            release_lock(lock)
            return None
        return FalkorBulkLoad(self, lock)

    def write(self, statements: Sequence[Statement]) -> None:
        """Run `statements` as one atomic query; they must not RETURN rows."""
        if self.read_only:
            raise ReadOnlyViolation(f"{self.root}: store opened read-only")
        if not statements:
            return
        cypher, params = _chain(statements)
        self._execute("GRAPH.QUERY", cypher, params)
        self._wrote = True

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run `cypher` through GRAPH.RO_QUERY and return plain Python values."""
        reply = self._execute("GRAPH.RO_QUERY", cypher, dict(params or {}), timeout=timeout)
        header = tuple(str(column[1]) for column in reply.header)
        rows = [tuple(_plain(value) for value in row) for row in reply.result_set]
        truncated = limit is not None and len(rows) > limit
        kept = rows[:limit] if limit is not None else rows
        return QueryResult(columns=header, rows=tuple(kept), truncated=truncated)

    def close(self) -> None:
        """Drop the connection; the server stays up for the next command and stops itself when idle.

        After writing, the server compacts its log into a snapshot in the background (a forked
        child; we do not wait), so the next start loads a snapshot instead of replaying every
        write: 100k tasks load in a third of the time.
        """
        if self._wrote:
            with suppress(redis.ResponseError):
                self._db.connection.bgrewriteaof()
        self._db.connection.close()

    def _existing_indexes(self, graph: Graph) -> dict[str, dict[str, list[str]]]:
        try:
            rows = graph.ro_query("CALL db.indexes() YIELD label, types RETURN label, types").result_set
        except redis.ResponseError as error:
            if "empty key" in str(error):
                return {}
            raise _translate(error) from None
        return {str(label): {str(k): list(v) for k, v in types.items()} for label, types in rows}

    def _execute(
        self,
        command: str,
        cypher: str,
        params: dict[str, Any] | None = None,
        timeout: float | None = None,
        graph: Graph | None = None,
    ) -> Any:
        timeout_ms = max(1, int(timeout * 1000)) if timeout is not None else None
        target = graph if graph is not None else self._graph
        try:
            if command == "GRAPH.RO_QUERY":
                return target.ro_query(cypher, params, timeout=timeout_ms)
            return target.query(cypher, params, timeout=timeout_ms)
        except redis.ResponseError as error:
            raise _translate(error) from None
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise StoreError(f"{self.root}: FalkorDB server unreachable: {error}") from None

    def command(self, *args: Any) -> None:
        """Run a Redis command of the store's server (bulk loads, renames, log compaction)."""
        try:
            self._db.connection.execute_command(*args)
        except redis.RedisError as error:
            raise StoreError(f"{self.root}: {' '.join(map(str, args[:2]))} failed: {error}") from None


def _poll_until(done: Callable[[], bool]) -> None:
    """Poll `done` at a tenth of the time waited so far, between the first and the longest interval.

    Cheap for the server during long builds (`db.indexes()` costs milliseconds; polled every
    10 ms it took ~8% of the server's time while indexing 1M tasks), while a short wait
    overshoots by at most a tenth: doubling the interval instead overshot by up to half a
    second per wait, ~1.5 s of a small ingest's wall time.
    """
    started = time.monotonic()
    while not done():
        waited = time.monotonic() - started
        time.sleep(min(max(waited * _POLL_SHARE, _FIRST_POLL_SECONDS), _MAX_POLL_SECONDS))


def _chain(statements: Sequence[Statement]) -> tuple[str, dict[str, Any]]:
    """Join statements into one query, each parameter renamed `s<i>_<name>` to stay distinct.

    `WITH count(*)` between parts always yields exactly one row, so a part that matched
    nothing does not stop the parts after it.
    """
    parts: list[str] = []
    params: dict[str, Any] = {}
    for index, statement in enumerate(statements):
        prefix = f"s{index}_"
        parts.append(_PARAMETER.sub(rf"${prefix}\1", statement.cypher))
        params.update({prefix + name: value for name, value in statement.params.items()})
    joined = parts[0]
    for index, part in enumerate(parts[1:]):
        joined += f" WITH count(*) AS _s{index} {part}"
    return joined, params


def _translate(error: redis.ResponseError) -> StoreError:
    message = str(error).splitlines()[0] if str(error) else "unknown error"
    if "read-only queries" in message:
        return ReadOnlyViolation(f"read-only query tried to write: {message}")
    if "timed out" in message.lower():
        return QueryTimeout(f"query cancelled: {message}")
    return StoreError(f"query failed: {message}")


def _plain(value: Any) -> Any:
    """FalkorDB client objects → the plain values every backend returns."""
    if isinstance(value, Node):
        return {"labels": list(value.labels or []), "properties": _plain(value.properties)}
    if isinstance(value, Edge):
        return {"type": value.relation, "properties": _plain(value.properties)}
    if isinstance(value, FalkorPath):
        return {
            "nodes": [_plain(node) for node in value.nodes()],
            "relationships": [_plain(edge) for edge in value.edges()],
        }
    if isinstance(value, date):
        return dialect.iso_date(value)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
