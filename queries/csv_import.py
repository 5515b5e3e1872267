"""Load a `policykg export --format csv` directory back into a store.

It proves the CSV export complete (a round trip gives the same graph) and lets a researcher
move an export into a fresh embedded store without Neo4j's importer. It reads exactly the
neo4j-admin header dialect the exporter writes (`key:ID(Label)`, `name:type`, `:LABEL`,
`:START_ID(Label)`, `:END_ID(Label)`, `:TYPE`); labels and relationship types are checked
against the schema before they reach Cypher, since labels cannot be parameters.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph import schema
from graph.store import GraphStore, Statement, StoreError
from queries.export import ARRAY_DELIMITER, batches, key_property

_RELATIONSHIP_TYPES = frozenset(
    (
        schema.LEADS,
        schema.CO_RESPONSIBLE,
        schema.RESPONSIBLE,
        schema.IN_SECTION,
        schema.IN_DOCUMENT,
        schema.ISSUED,
        schema.DUE_BY,
        schema.PUBLISHED_ON,
        schema.SUCCEEDED_BY,
    )
)
_PARSERS: dict[str, Callable[[str], Any]] = {
    "string": str,
    "long": int,
    "int": int,
    "double": float,
    "float": float,
    "boolean": lambda text: text == "true",
}


def import_csv(store: GraphStore, directory: Path) -> tuple[int, int]:
    """Write every nodes_*.csv, then every rels_*.csv of `directory`; returns (nodes, relationships)."""
    node_files = sorted(directory.glob("nodes_*.csv"))
    if not node_files:
        raise StoreError(
            f"{directory}: no nodes_*.csv files (write them with `policykg export --format csv`)"
        )
    nodes = sum(_import_nodes(store, path) for path in node_files)
    relationships = sum(_import_relationships(store, path) for path in sorted(directory.glob("rels_*.csv")))
    return nodes, relationships


def _import_nodes(store: GraphStore, path: Path) -> int:
    header, rows = _read(path)
    label = _known_label(_space(header[0], "ID", path), path)
    key = key_property(label)
    fields = [(_name(field), _parser(field)) for field in header if not field.startswith(":")]
    records = [_record(fields, row) for row in rows]
    cypher = f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}}) SET n += row"
    _write_batches(store, cypher, records)
    return len(records)


def _import_relationships(store: GraphStore, path: Path) -> int:
    header, rows = _read(path)
    start = _known_label(_space(header[0], "START_ID", path), path)
    end = _known_label(_space(header[1], "END_ID", path), path)
    fields = [(_name(field), _parser(field)) for field in header[3:]]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_type.setdefault(row[2], []).append({"s": row[0], "e": row[1], "p": _record(fields, row[3:])})
    for rel_type, records in by_type.items():
        if rel_type not in _RELATIONSHIP_TYPES:
            raise StoreError(f"{path}: relationship type {rel_type!r} is not in the schema")
        cypher = (
            f"UNWIND $rows AS row MATCH (a:{start} {{{key_property(start)}: row.s}}), "
            f"(b:{end} {{{key_property(end)}: row.e}}) CREATE (a)-[r:{rel_type}]->(b) SET r += row.p"
        )
        _write_batches(store, cypher, records)
    return len(rows)


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    if not lines:
        raise StoreError(f"{path}: empty file")
    return lines[0], lines[1:]


def _space(field: str, kind: str, path: Path) -> str:
    match = re.fullmatch(rf"[^:]*:{kind}\((\w+)\)", field)
    if match is None:
        raise StoreError(f"{path}: expected a `:{kind}(Label)` column, found {field!r}")
    return match.group(1)


def _known_label(label: str, path: Path) -> str:
    if label not in schema.NODE_PROPERTIES:
        raise StoreError(f"{path}: label {label!r} is not in the schema")
    return label


def _name(field: str) -> str:
    return field.split(":", 1)[0]


def _parser(field: str) -> Callable[[str], Any]:
    """How to read a cell of `field`: its declared type, split on the array delimiter for `type[]`."""
    declared = field.split(":", 1)[1] if ":" in field else "string"
    base = declared.removesuffix("[]")
    scalar = _PARSERS.get(base, str) if not base.startswith("ID") else str
    if declared.endswith("[]"):
        return lambda text: [scalar(part) for part in text.split(ARRAY_DELIMITER)]
    return scalar


def _record(fields: list[tuple[str, Callable[[str], Any]]], row: list[str]) -> dict[str, Any]:
    """Empty cells are absent properties, as neo4j-admin reads them."""
    return {name: parse(cell) for (name, parse), cell in zip(fields, row, strict=False) if cell != ""}


def _write_batches(store: GraphStore, cypher: str, records: list[dict[str, Any]]) -> None:
    for batch in batches(records):
        store.write([Statement(cypher, {"rows": batch})])
