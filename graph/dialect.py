"""Every difference between FalkorDB's and Neo4j's Cypher, in one place.

Both backends run the same queries everywhere else. What differs is schema DDL (FalkorDB has
its own index syntax and creates uniqueness constraints with a Redis command, not Cypher), the
full-text index (creation, the procedure that queries it, its query language) and dates:
FalkorDB has no `datetime()` and takes no date parameters, so dates are stored and passed as
ISO `YYYY-MM-DD` strings on both engines. Known FalkorDB gaps that shared queries must avoid:
no `=~`, no `EXISTS {}` / `COUNT {}` subqueries, no `elementId()`, `shortestPath` only in
WITH/RETURN.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from graph.schema import FULLTEXT_INDEX_NAME, FULLTEXT_LABEL, FULLTEXT_PROPERTY, IndexSpec

FALKORDB: Final = "falkordb"
NEO4J: Final = "neo4j"


def iso_date(value: date | None) -> str | None:
    """The one date representation both engines compare equal: `YYYY-MM-DD` or None."""
    return value.isoformat() if value is not None else None


def index_ddl(dialect: str, spec: IndexSpec) -> str:
    """Cypher creating a property index (Neo4j: only the non-unique ones; see `constraint_ddl`)."""
    if dialect == FALKORDB:
        return f"CREATE INDEX FOR (n:{spec.label}) ON (n.{spec.prop})"
    return f"CREATE INDEX {_name(spec)} IF NOT EXISTS FOR (n:{spec.label}) ON (n.{spec.prop})"


def constraint_ddl(spec: IndexSpec) -> str:
    """Neo4j's uniqueness constraint (which brings its own index) as Cypher."""
    return (
        f"CREATE CONSTRAINT {_name(spec)}_unique IF NOT EXISTS "
        f"FOR (n:{spec.label}) REQUIRE n.{spec.prop} IS UNIQUE"
    )


def falkordb_constraint_command(graph: str, spec: IndexSpec) -> tuple[str, ...]:
    """FalkorDB's uniqueness constraint is a Redis command over an existing index, not Cypher."""
    return ("GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE", spec.label, "PROPERTIES", "1", spec.prop)


def fulltext_index_ddl(dialect: str) -> str:
    """Creates the full-text index over `Task.terms` (CJK bigrams, see graph/terms.py).

    The terms are already split, so each engine only splits on spaces: FalkorDB's default
    analyser (whose stemming and English stop words leave Chinese bigrams alone) and Neo4j's
    `whitespace` analyser. Neither segments Chinese itself, which is what made the index
    costly and wrong.
    """
    if dialect == FALKORDB:
        return f"CALL db.idx.fulltext.createNodeIndex('{FULLTEXT_LABEL}', '{FULLTEXT_PROPERTY}')"
    return (
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX_NAME} IF NOT EXISTS "
        f"FOR (n:{FULLTEXT_LABEL}) ON EACH [n.{FULLTEXT_PROPERTY}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
    )


def fulltext_tasks_call(dialect: str) -> str:
    """A CALL clause yielding `node` for each task matching the parameter `$query`.

    Queries start with it and continue in shared Cypher, e.g.
    `fulltext_tasks_call(d) + " WHERE node.text CONTAINS $word RETURN node.id AS id"`;
    `$query` comes from `fulltext_query`.
    """
    if dialect == FALKORDB:
        return f"CALL db.idx.fulltext.queryNodes('{FULLTEXT_LABEL}', $query) YIELD node"
    return f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX_NAME}', $query) YIELD node"


def fulltext_query(dialect: str, phrases: Iterable[str]) -> str:
    """The `$query` matching tasks whose terms hold any of `phrases` (from graph.terms.keyword_phrase).

    A quoted phrase reads the same in both engines' query languages; only "or" differs
    (RediSearch `|`, Lucene `OR`). Phrases are CJK bigrams only, so nothing needs escaping.
    """
    union = " | " if dialect == FALKORDB else " OR "
    return union.join(f'"{phrase}"' for phrase in dict.fromkeys(phrases))


def _name(spec: IndexSpec) -> str:
    return f"{spec.label.lower()}_{spec.prop}"
