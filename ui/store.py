"""The store the pages query: opened once per server process from the launch options.

`policykg ui` hands the store options over in environment variables (see `ui.launch`); the
handle is cached with `st.cache_resource` so every browser session shares one connection.
A session may carry its own store under `SESSION_STORE`, which is how AppTest runs the real
pages against the test suite's already-open store instead of opening the same files twice.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import streamlit as st

from graph.open_store import open_store
from graph.store import GraphStore
from ui.launch import DB_ENV, NEO4J_ENV

SESSION_STORE: Final = "policykg_store"


@st.cache_resource(show_spinner="Opening the graph…")
def _shared_store(db: str | None, neo4j: str | None) -> GraphStore:
    return open_store(db=Path(db) if db else None, neo4j=neo4j, read_only=True)


def current_store() -> GraphStore:
    """The session's store, else the process-wide one named by the launch options.

    The UI only reads, so it opens the store read-only: an ingest may run alongside it.
    """
    store = st.session_state.get(SESSION_STORE)
    if store is not None:
        return store
    return _shared_store(os.environ.get(DB_ENV) or None, os.environ.get(NEO4J_ENV) or None)
