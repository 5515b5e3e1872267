"""The Neo4j backend of `GraphStore`, on the official `neo4j` driver.

Teams move the graph to Neo4j (a server, a cluster or Aura) when one machine is not enough, so
this store speaks only what every Neo4j 5 deployment offers: Bolt/Neo4j URIs, credentials from
the environment, writes in managed write transactions (the driver retries them on transient
errors such as lock timeouts or leader switches), reads in READ access mode so that the
server itself refuses any write, with a server-side timeout. Engine differences (DDL syntax,
full-text) come from `graph.dialect`; the Cypher that reads and writes data is shared.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j
import neo4j.time
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from graph import dialect
from graph.schema import INDEXES
from graph.store import QueryResult, QueryTimeout, ReadOnlyViolation, Statement, StoreError

CONNECT_TIMEOUT_SECONDS = 10.0
MAX_RETRY_SECONDS = 30.0
INDEX_WAIT_SECONDS = 300
_ACCESS_MODE_CODE = "Neo.ClientError.Statement.AccessMode"
_DATABASE_NOT_FOUND_CODE = "Neo.ClientError.Database.DatabaseNotFound"
_TIMEOUT_CODE_PART = "TransactionTimedOut"
_SOCKET_REASON = re.compile(r"\(reason (.+)\)\s*$", re.MULTILINE)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""Bolt only: the driver's HTTP support is a preview that needs extra packages."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. Credentials come only from the environment, never a flag."""

    uri: str
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        """`uri` (from `--neo4j`) wins over NEO4J_URI; user, password and database are env-only."""
        env = os.environ if env is None else env
        chosen = uri or env.get("NEO4J_URI")
        if not chosen:
            raise StoreError("no Neo4j server given: pass --neo4j URI or set NEO4J_URI")
        return cls(
            uri=chosen,
            user=env.get("NEO4J_USER") or "neo4j",
            password=env.get("NEO4J_PASSWORD"),
            database=env.get("NEO4J_DATABASE") or None,
        )

    def describe(self) -> str:
        """How messages name the target: the URI plus the database when one was chosen."""
        return f"{self.uri} (database {self.database!r})" if self.database else self.uri


def open_neo4j(uri: str | None = None, *, read_only: bool = False) -> Neo4jStore:
    """Open the server at `uri` (or NEO4J_URI) as NEO4J_USER/NEO4J_PASSWORD, on NEO4J_DATABASE."""
    return Neo4jStore(Neo4jSettings.from_env(uri), read_only=read_only)


class Neo4jStore:
    """A `GraphStore` on a Neo4j 5 server; opening it checks the connection and credentials."""

    dialect = dialect.NEO4J

    def __init__(self, settings: Neo4jSettings, *, read_only: bool = False) -> None:
        self.settings = settings
        self.read_only = read_only
        self.closed = False
        scheme = settings.uri.partition("://")[0].lower()
        if scheme not in BOLT_SCHEMES:
            raise StoreError(
                f"{settings.uri}: not a Neo4j Bolt URI (expected one of {', '.join(BOLT_SCHEMES)}://HOST:PORT)"
            )
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=auth,
                connection_timeout=CONNECT_TIMEOUT_SECONDS,
                max_transaction_retry_time=MAX_RETRY_SECONDS,
            )
        except (neo4j_errors.ConfigurationError, ValueError) as error:
            raise StoreError(f"{settings.uri}: not a usable Neo4j URI ({_first_line(error)})") from error
        try:
            self._check_connection()
        except StoreError:
            self._driver.close()
            raise

    def _check_connection(self) -> None:
        """Fail early with one line that says which of address, password or database is wrong."""
        with self._session(neo4j.READ_ACCESS) as session:
            session.run("RETURN 1").consume()

    def ensure_schema(self) -> None:
        """Create uniqueness constraints, property and full-text indexes; wait until they are online.

        Waiting matters: a full-text query right after the first ingest must not meet an index
        that is still populating. A read-only store leaves the server untouched.
        """
        if self.read_only:
            return
        ddl = [
            dialect.constraint_ddl(spec) if spec.unique else dialect.index_ddl(dialect.NEO4J, spec)
            for spec in INDEXES
        ]
        ddl.append(dialect.fulltext_index_ddl(dialect.NEO4J))
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in ddl:
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS).consume()

    def write(self, statements: Sequence[Statement]) -> None:
        """Run `statements` in one managed write transaction, retried whole on transient errors."""
        self._refuse_if_read_only()
        with self._session(neo4j.WRITE_ACCESS) as session:
            session.execute_write(_run_statements, statements)

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run `cypher` in READ access mode: the server rejects writes, and cancels at `timeout`."""
        query = neo4j.Query(cypher, timeout=timeout)
        fetch_size = limit + 1 if limit is not None else 1000
        with self._session(neo4j.READ_ACCESS, fetch_size=fetch_size) as session:
            result = session.run(query, dict(params or {}))
            columns = tuple(result.keys())
            rows: list[tuple[Any, ...]] = []
            truncated = False
            for record in result:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(plain(value) for value in record.values()))
            result.consume()
        return QueryResult(columns, tuple(rows), truncated)

    def clear(self) -> None:
        """Delete every node and relationship (batched, so a big graph does not need one huge
        transaction); `copy --replace` and the tests start from an empty database this way."""
        self._refuse_if_read_only()
        with self._session(neo4j.WRITE_ACCESS) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def close(self) -> None:
        self._driver.close()
        self.closed = True

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnlyViolation(f"{self.settings.describe()}: store opened read-only")

    @contextmanager
    def _session(self, access_mode: str, **config: Any) -> Iterator[neo4j.Session]:
        """A session whose driver and server errors leave as one-line `StoreError`s."""
        try:
            with self._driver.session(
                database=self.settings.database, default_access_mode=access_mode, **config
            ) as session:
                yield session
        except neo4j_errors.Neo4jError as error:
            raise self._translate(error) from error
        except (neo4j_errors.DriverError, OSError) as error:
            raise StoreError(f"{self.settings.describe()}: {_unreachable_reason(error)}") from error

    def _translate(self, error: neo4j_errors.Neo4jError) -> StoreError:
        where = self.settings.describe()
        code = error.code or ""
        message = _first_line(error.message or str(error))
        if isinstance(error, neo4j_errors.AuthError):
            return StoreError(
                f"{where}: Neo4j refused user {self.settings.user!r}: wrong user or password "
                "(set NEO4J_USER / NEO4J_PASSWORD)"
            )
        if code == _DATABASE_NOT_FOUND_CODE:
            return StoreError(
                f"{where}: database {self.settings.database!r} does not exist on this server "
                "(check NEO4J_DATABASE)"
            )
        if code == _ACCESS_MODE_CODE:
            return ReadOnlyViolation(f"{where}: read-only query tried to write: {message}")
        if _TIMEOUT_CODE_PART in code:
            return QueryTimeout(f"{where}: query cancelled at its timeout: {message}")
        return StoreError(f"{where}: {message}")


def _run_statements(tx: neo4j.ManagedTransaction, statements: Sequence[Statement]) -> None:
    """The unit of work the driver may run more than once: it must only run the statements."""
    for statement in statements:
        tx.run(statement.cypher, dict(statement.params)).consume()


def plain(value: Any) -> Any:
    """Driver values as the plain shapes every backend returns (see graph/falkor_store.py).

    Nodes become `{"labels", "properties"}`, relationships `{"type", "properties"}`, paths
    `{"nodes", "relationships"}` and dates ISO strings, so callers (and the cross-backend
    test) compare rows without knowing the engine.
    """
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": plain(dict(value.items()))}
    if isinstance(value, Relationship):
        return {"type": value.type, "properties": plain(dict(value.items()))}
    if isinstance(value, Path):
        return {
            "nodes": [plain(node) for node in value.nodes],
            "relationships": [plain(edge) for edge in value.relationships],
        }
    if isinstance(value, neo4j.time.Date):
        return value.iso_format()
    if isinstance(value, date):
        return dialect.iso_date(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def _unreachable_reason(error: BaseException) -> str:
    if isinstance(error, neo4j_errors.ServiceUnavailable):
        reason = _SOCKET_REASON.search(str(error))
        return f"Neo4j server unreachable ({reason.group(1) if reason else _first_line(error)})"
    return _first_line(error)


def _first_line(error: BaseException | str) -> str:
    text = str(error).strip()
    return text.splitlines()[0].rstrip(":") if text else type(error).__name__
