"""The `GraphStore` boundary: what every backend (embedded FalkorDB, Neo4j) offers.

Callers hand a store parameterised Cypher and never learn which engine runs it. Writes are
groups of statements committed in one transaction (one document per transaction, so a crash
leaves each document fully present or absent); reads run read-only, enforced by the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Statement:
    """One parameterised Cypher statement; `params` never holds Cypher text."""

    cypher: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryResult:
    """Rows of a read query as plain Python values, keyed by `columns` order.

    `truncated` is True when the store stopped after `limit` rows and more were available.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool = False

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class StoreError(Exception):
    """A store problem worth showing the user as one line (bad query, unreachable server…)."""


class ReadOnlyViolation(StoreError):
    """A read query tried to change the graph; the graph was left unchanged."""


class QueryTimeout(StoreError):
    """A read query ran longer than its timeout and was cancelled."""


class GraphStore(Protocol):
    """The contract both backends satisfy; tests/test_store_contract.py checks it on each."""

    dialect: str

    def ensure_schema(self) -> None:
        """Create constraints and indexes if missing; safe to call on every open."""

    def write(self, statements: Sequence[Statement]) -> None:
        """Run `statements` in one transaction: all of them take effect or none."""

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a read-only query; writes raise ReadOnlyViolation, overruns QueryTimeout."""

    def close(self) -> None:
        """Release the connection; read-only use must not rewrite data files."""
