"""Adds Neo4j to the backends of `fresh_store` / `sample_store` (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.store import GraphStore

if TYPE_CHECKING:
    from tests.neo4j_support import Neo4jPool

pytest_plugins = ["tests.neo4j_support"]


@pytest.fixture(scope="session")
def store_factory_neo4j(neo4j_pool: Neo4jPool) -> Callable[[Path], GraphStore]:
    """Empty stores on the session's Neo4j servers; the directory is not needed by a server."""

    def make(_directory: Path) -> GraphStore:
        return neo4j_pool.lease()

    return make
