"""Pick and open the store a command works on: embedded FalkorDB by default, Neo4j on request.

The CLI, the UI and the tests all open stores here, so choosing a backend and the default
data directory (`./policykg-data`, overridden by `$POLICYKG_DB` or `--db`) is decided once.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.falkor_store import FalkorStore
from graph.store import GraphStore, StoreError

DEFAULT_DB_DIR = "policykg-data"


def default_db_dir() -> Path:
    """`$POLICYKG_DB` if set, else ./policykg-data."""
    return Path(os.environ.get("POLICYKG_DB") or DEFAULT_DB_DIR)


def open_store(db: Path | None = None, neo4j: str | None = None, read_only: bool = False) -> GraphStore:
    """Open the Neo4j server at URI `neo4j`, or the embedded store in directory `db`.

    A writable store gets its indexes ensured; a read-only one is never written to.
    """
    if neo4j is not None and db is not None:
        raise StoreError("choose one store: --db DIR or --neo4j URI, not both")
    store: GraphStore
    if neo4j is not None:
        store = _open_neo4j(neo4j, read_only)
    else:
        store = FalkorStore(db if db is not None else default_db_dir(), read_only=read_only)
    store.ensure_schema()
    return store


def _open_neo4j(uri: str, read_only: bool) -> GraphStore:
    """The Neo4j backend (graph/neo4j_store.py) is imported only when asked for."""
    try:
        from graph.neo4j_store import open_neo4j
    except ImportError as error:
        raise StoreError(f"{uri}: Neo4j backend unavailable: {error}") from None
    store: GraphStore = open_neo4j(uri, read_only=read_only)
    return store
