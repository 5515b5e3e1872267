"""The read-only Cypher console: researchers' own queries, safely.

Read-only is enforced by the engine, not here: the store runs console queries through its
read path (GRAPH.RO_QUERY on FalkorDB, a READ-mode transaction on Neo4j), which refuses
CREATE, MERGE, SET, DELETE, REMOVE, index DDL and write procedures before touching the graph.
This module adds what the engines do not: a refusal of LOAD CSV (both engines treat reading a
file or URL on the database server as a read), a row cap with a note when rows were cut, a
timeout, and messages that tell the user what happened in one line.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore, QueryResult, QueryTimeout, ReadOnlyViolation, StoreError

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 10.0

# Literals and comments are skipped as whole tokens so that `RETURN 'load csv'` is not refused.
_TOKENS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/|[A-Za-z_][A-Za-z0-9_]*|\S""",
    re.DOTALL,
)


@dataclass(frozen=True)
class ConsoleResult(QueryResult):
    """A console answer: the rows plus a note for the user when they were cut at the limit."""

    note: str | None = None


def run_console(
    store: GraphStore,
    cypher: str,
    params: Mapping[str, Any] | None = None,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
) -> ConsoleResult:
    """Run a user's query read-only with a row cap and a timeout.

    Raises ReadOnlyViolation when the query would write or load files, QueryTimeout when it
    ran out of time, StoreError with the engine's own message for syntax and other errors.
    """
    if not cypher.strip():
        raise StoreError("empty query: type a Cypher query such as MATCH (a:Agency) RETURN a.name")
    if _loads_csv(cypher):
        raise ReadOnlyViolation(
            "rejected: LOAD CSV is not allowed in the console (it reads files or URLs on the database "
            "server); the graph is unchanged"
        )
    try:
        result = store.read(cypher, params or {}, timeout=timeout, limit=limit)
    except ReadOnlyViolation as error:
        raise ReadOnlyViolation(
            "rejected: the console is read-only and this query would change the graph; the graph is unchanged"
        ) from error
    except QueryTimeout as error:
        raise QueryTimeout(f"cancelled after {timeout:g} s (raise --timeout to allow longer)") from error
    note = (
        f"showing the first {limit} rows; more were available (raise --limit)" if result.truncated else None
    )
    return ConsoleResult(result.columns, result.rows, result.truncated, note)


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """`k=v` pairs from the command line; a value that reads as JSON (15, true, [1,2]) is typed.

    Anything else stays a string, so `agency=国家知识产权局` needs no quoting.
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise StoreError(f"bad --param {pair!r}: expected NAME=VALUE")
        try:
            params[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            params[key.strip()] = raw
    return params


def _loads_csv(cypher: str) -> bool:
    tokens = [t.upper() for t in _TOKENS.findall(cypher) if not t.startswith(("//", "/*"))]
    return any(a == "LOAD" and b == "CSV" for a, b in itertools.pairwise(tokens))
