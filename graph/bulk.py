"""Document rows → FalkorDB `GRAPH.BULK` commands, for loading a fresh graph fast.

`GRAPH.BULK` builds nodes and edges straight from a binary format, skipping Cypher parsing,
planning and per-row MERGE lookups: the write path's main server cost. The format is the one
the `falkordb-bulk-loader` package produces; that package reads CSV files from disk, strips
every value and turns empty strings into nulls, so for records already in memory we encode the
same format here instead of round-tripping through CSV.

Format (one command): `GRAPH.BULK key [BEGIN] node_count edge_count label_count type_count
label_token… type_token…`. A token is `name\\0 uint32(property count) property\\0…` followed by
its entities: a node is its property values in header order; an edge is
`uint64(source) uint64(destination)` then its values. Nodes get ids 0, 1, 2… in the order they
arrive over all commands of a load, so edges name nodes of earlier commands by those ids.
A value is a type byte and its payload (0 null = property absent, 1 bool, 2 double, 3 string
NUL-terminated, 4 int64, 5 array).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph import schema
from graph.rows import DocumentRows, Row

_NULL = b"\x00"
_BOOL = struct.Struct("=B?")
_DOUBLE = struct.Struct("=Bd")
_LONG = struct.Struct("=Bq")
_ENDPOINTS = struct.Struct("=QQ")
_STRING = b"\x03"
_ARRAY_TYPE = 5

_ROLE_PROPERTIES = ("mention", "document_id")
EDGE_PROPERTIES: dict[str, tuple[str, ...]] = {
    schema.LEADS: _ROLE_PROPERTIES,
    schema.CO_RESPONSIBLE: _ROLE_PROPERTIES,
    schema.RESPONSIBLE: _ROLE_PROPERTIES,
    schema.SUCCEEDED_BY: ("year",),
}
"""Properties per relationship type; types not listed carry none."""

NodeKey = tuple[str, str]
"""(label, key): the id property for most labels, the value for dates."""


@dataclass(frozen=True)
class BulkCommand:
    """The arguments of one `GRAPH.BULK` command after the key and the optional BEGIN."""

    nodes: int
    edges: int
    args: list[Any]


class BulkEncoder:
    """Encodes successive batches of rows into commands that build one graph together.

    It remembers the ids given to shared nodes (agencies, dates) so later batches link to
    them; each document's own nodes are only referred to within its batch.
    """

    def __init__(self) -> None:
        self._shared: dict[NodeKey, int] = {}
        self._next_id = 0

    def registry(self, agencies: Sequence[Row], successions: Sequence[Row]) -> BulkCommand:
        """The registry's agencies and SUCCEEDED_BY steps: the first command of a load."""
        batch = _Batch(self._shared)
        for row in agencies:
            batch.shared(schema.AGENCY, row["id"], row)
        for step in successions:
            source = batch.existing(schema.AGENCY, step["from_id"])
            target = batch.existing(schema.AGENCY, step["to_id"])
            if source is not None and target is not None:
                batch.edge(schema.SUCCEEDED_BY, source, target, _props((step["year"],)))
        return self._finish(batch)

    def documents(self, documents: Sequence[DocumentRows]) -> BulkCommand:
        """One command creating `documents` (all new to the graph) and their edges."""
        batch = _Batch(self._shared)
        for rows in documents:
            _add_document(batch, rows)
        return self._finish(batch)

    def _finish(self, batch: _Batch) -> BulkCommand:
        command, created = batch.encode(self._next_id)
        self._next_id += command.nodes
        self._shared.update(created)
        return command


def _add_document(batch: _Batch, rows: DocumentRows) -> None:
    """A document's nodes and edges; every edge endpoint is a node of this batch or a shared one."""
    doc_id = rows.document["id"]
    for agency in rows.agencies:
        batch.shared(schema.AGENCY, agency["id"], agency)
    document = batch.node(schema.DOCUMENT, rows.document)
    if rows.published is not None:
        date = batch.shared(schema.DATE, rows.published, {"value": rows.published})
        batch.edge(schema.PUBLISHED_ON, document, date)
    for issuer_id in rows.issuers:
        if (issuer := batch.existing(schema.AGENCY, issuer_id)) is not None:
            batch.edge(schema.ISSUED, issuer, document)
    sections: dict[str, NodeRef] = {}
    for section in rows.sections:
        sections[section["id"]] = ref = batch.node(schema.SECTION, section)
        batch.edge(schema.IN_DOCUMENT, ref, document)
    tasks: dict[str, NodeRef] = {}
    for task in rows.tasks:
        tasks[task["id"]] = ref = batch.node(schema.TASK, task)
        batch.edge(schema.IN_DOCUMENT, ref, document)
    for link in rows.in_section:
        batch.edge(schema.IN_SECTION, tasks[link["task"]], sections[link["section"]])
    for due in rows.due_by:
        date = batch.shared(schema.DATE, due["date"], {"value": due["date"]})
        batch.edge(schema.DUE_BY, tasks[due["task"]], date)
    for relationship, role_rows in rows.roles.items():
        for role in role_rows:
            owner = batch.existing(schema.AGENCY, role["agency"])
            if owner is not None:
                batch.edge(relationship, owner, tasks[role["task"]], _props((role["mention"], doc_id)))


NodeRef = tuple[str, int]
"""A node of a batch: (label, index among the batch's nodes of that label), or ("", global id)
for a node created by an earlier command."""
_EARLIER = ""


class _Batch:
    """Nodes and edges of one command; node ids are fixed only when the command is encoded,
    because FalkorDB numbers a command's nodes label token by label token."""

    def __init__(self, shared: dict[NodeKey, int]) -> None:
        self._earlier = shared
        self._nodes: dict[str, list[bytes]] = {label: [] for label in schema.NODE_PROPERTIES}
        self._new_shared: dict[NodeKey, NodeRef] = {}
        self._edges: dict[str, list[tuple[NodeRef, NodeRef, bytes]]] = {}

    def node(self, label: str, props: Row) -> NodeRef:
        """A node of the document being added (new by construction: its id includes the document's)."""
        rows = self._nodes[label]
        rows.append(_props(props.get(name) for name in schema.NODE_PROPERTIES[label]))
        return label, len(rows) - 1

    def shared(self, label: str, key: str, props: Row) -> NodeRef:
        """A node shared between documents, created by the first one naming it (its properties win)."""
        ref = self.existing(label, key)
        if ref is None:
            ref = self._new_shared[label, key] = self.node(label, props)
        return ref

    def existing(self, label: str, key: str) -> NodeRef | None:
        earlier = self._earlier.get((label, key))
        return (_EARLIER, earlier) if earlier is not None else self._new_shared.get((label, key))

    def edge(self, kind: str, source: NodeRef, target: NodeRef, values: bytes = b"") -> None:
        self._edges.setdefault(kind, []).append((source, target, values))

    def encode(self, first_id: int) -> tuple[BulkCommand, dict[NodeKey, int]]:
        """The command, and the global id of each shared node it creates."""
        offsets = {_EARLIER: 0}
        position = first_id
        label_tokens: list[bytes] = []
        for label, rows in self._nodes.items():
            if rows:
                offsets[label] = position
                position += len(rows)
                label_tokens.append(_header(label, schema.NODE_PROPERTIES[label]) + b"".join(rows))
        type_tokens = [
            _header(kind, EDGE_PROPERTIES.get(kind, ()))
            + b"".join(
                [
                    _ENDPOINTS.pack(offsets[source[0]] + source[1], offsets[target[0]] + target[1]) + values
                    for source, target, values in edges
                ]
            )
            for kind, edges in self._edges.items()
        ]
        edge_count = sum(len(edges) for edges in self._edges.values())
        args: list[Any] = [position - first_id, edge_count, len(label_tokens), len(type_tokens)]
        created = {key: offsets[label] + index for key, (label, index) in self._new_shared.items()}
        return BulkCommand(position - first_id, edge_count, args + label_tokens + type_tokens), created


def _header(name: str, properties: Sequence[str]) -> bytes:
    return b"".join(
        [name.encode(), _NULL, struct.pack("=I", len(properties)), *(p.encode() + _NULL for p in properties)]
    )


def _props(values: Iterable[Any]) -> bytes:
    return b"".join([_value(value) for value in values])


def _value(value: Any) -> bytes:
    """One property value in the bulk format; None leaves the property unset, as Cypher SET does."""
    kind = type(value)
    if kind is str:
        if "\x00" in value:
            raise ValueError("a property value contains a NUL character")
        return _STRING + value.encode() + _NULL
    if value is None:
        return _NULL
    if kind is bool:
        return _BOOL.pack(1, value)
    if kind is int:
        return _LONG.pack(4, value)
    if kind is float:
        return _DOUBLE.pack(2, value)
    if kind is list or kind is tuple:
        return _LONG.pack(_ARRAY_TYPE, len(value)) + _props(value)
    raise TypeError(f"cannot bulk-load a property of type {kind.__name__}")
