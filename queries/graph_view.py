"""The neighbourhood Cypher behind the UI's click-to-expand graph view.

The graph view shows agencies, tasks and documents and grows one click at a time, so all it
needs from the store is "this node and what touches it". The queries are engine-neutral (no
`=~`, `EXISTS {}` or `elementId()`, which FalkorDB lacks): nodes are addressed by their schema
label and `id` property, and each direction is matched separately instead of comparing
`startNode(r)` with a node, which the engines handle differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from graph.schema import AGENCY, CO_RESPONSIBLE, DOCUMENT, LEADS, RESPONSIBLE, TASK
from graph.store import GraphStore, StoreError
from loaders.records import Role

VIEW_LABELS: Final[tuple[str, ...]] = (AGENCY, TASK, DOCUMENT)
"""The labels the graph view draws; sections and dates would only clutter it."""

EDGE_ROLES: Final[dict[str, Role]] = {LEADS: "leads", CO_RESPONSIBLE: "co", RESPONSIBLE: "sole"}

DEFAULT_LIMIT: Final = 60
"""Neighbours fetched per expansion: enough for an agency's tasks in one document, few enough
that Cytoscape's layout keeps the Chinese labels apart."""

_CAPTION = "coalesce(m.name, m.title, m.text)"
_DIRECTIONS: Final = (("out", "-[r]->"), ("in", "<-[r]-"))


def _neighbours_cypher(label: str, pattern: str) -> str:
    """Neighbours of one node in one direction; `label` is always one of VIEW_LABELS."""
    shown = " OR ".join(f"m:{view_label}" for view_label in VIEW_LABELS)
    return (
        f"MATCH (n:{label} {{id: $id}}){pattern}(m) WHERE {shown} "
        f"RETURN labels(m) AS labels, m.id AS id, {_CAPTION} AS caption, "
        "m.document_id AS document_id, type(r) AS type ORDER BY type, id LIMIT $limit"
    )


@dataclass(frozen=True)
class GraphNode:
    """A node as the view needs it; `key` ("Label:id") is unique across labels."""

    key: str
    label: str
    id: str
    caption: str
    document_id: str | None


@dataclass(frozen=True)
class GraphEdge:
    """A relationship between two view nodes; `role` is set for responsibility edges only."""

    source: str
    target: str
    type: str
    role: Role | None

    @property
    def key(self) -> str:
        return f"{self.source}|{self.type}|{self.target}"


@dataclass(frozen=True)
class Neighbourhood:
    """A node plus its neighbours and the edges joining them."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """What the view's document and year filters offer."""

    id: str
    title: str
    year: int | None


def node_key(label: str, node_id: str) -> str:
    """The view-wide key of a node: its label and id."""
    return f"{label}:{node_id}"


def split_key(key: str) -> tuple[str, str]:
    """Label and id back from a key; raises StoreError for keys the view never made."""
    label, sep, node_id = key.partition(":")
    if not sep or label not in VIEW_LABELS:
        raise StoreError(f"not a graph-view node: {key!r}")
    return label, node_id


def node(store: GraphStore, label: str, node_id: str) -> GraphNode | None:
    """One node by label and id, or None when the graph has no such node."""
    if label not in VIEW_LABELS:
        raise StoreError(f"the graph view does not show {label!r} nodes")
    result = store.read(
        f"MATCH (m:{label} {{id: $id}}) RETURN m.id AS id, {_CAPTION} AS caption, "
        "m.document_id AS document_id LIMIT 1",
        {"id": node_id},
    )
    if not result.rows:
        return None
    found_id, caption, document_id = result.rows[0]
    return GraphNode(node_key(label, found_id), label, found_id, str(caption or found_id), document_id)


def neighbourhood(store: GraphStore, key: str, limit: int = DEFAULT_LIMIT) -> Neighbourhood:
    """The node `key` with up to `limit` neighbours in each direction."""
    label, node_id = split_key(key)
    centre = node(store, label, node_id)
    if centre is None:
        raise StoreError(f"no {label} with id {node_id!r} in the graph")
    nodes: dict[str, GraphNode] = {centre.key: centre}
    edges: list[GraphEdge] = []
    for direction, pattern in _DIRECTIONS:
        result = store.read(_neighbours_cypher(label, pattern), {"id": node_id, "limit": limit})
        for labels, other_id, caption, document_id, rel_type in result.rows:
            other_label = next(lbl for lbl in VIEW_LABELS if lbl in labels)
            other = GraphNode(
                node_key(other_label, other_id), other_label, other_id, str(caption or other_id), document_id
            )
            nodes.setdefault(other.key, other)
            source, target = (centre.key, other.key) if direction == "out" else (other.key, centre.key)
            edges.append(GraphEdge(source, target, rel_type, EDGE_ROLES.get(rel_type)))
    return Neighbourhood(tuple(nodes.values()), tuple(edges))


def agency_key(store: GraphStore, name: str) -> str | None:
    """The view key of the agency whose canonical name is `name`, the view's usual start."""
    result = store.read(f"MATCH (a:{AGENCY} {{name: $name}}) RETURN a.id AS id LIMIT 1", {"name": name})
    return node_key(AGENCY, result.rows[0][0]) if result.rows else None


def documents(store: GraphStore) -> tuple[DocumentInfo, ...]:
    """Every document with its publication year, for the document and year filters."""
    result = store.read(
        f"MATCH (d:{DOCUMENT}) RETURN d.id AS id, d.title AS title, d.published AS published ORDER BY title"
    )
    return tuple(
        DocumentInfo(doc_id, str(title or doc_id), int(published[:4]) if published else None)
        for doc_id, title, published in result.rows
    )
