"""Console results drawn as a graph: the nodes each row returns, joined in column order.

A console row may hold nodes (`{"labels": [...], "properties": {...}}` from the store),
relationships and scalars. Every node or text value in a row becomes a graph node and
consecutive ones are linked, labelled with the relationship between them when the row has
one, so `MATCH (a)-[r]->(t) RETURN a, r, t` and `RETURN a.name, t.text` both draw sensibly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

CAPTION_CHARS: Final = 16
RESULT_LABEL: Final = "Value"


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and "labels" in value and "properties" in value


def _is_relationship(value: Any) -> bool:
    return isinstance(value, dict) and "type" in value and "properties" in value


def _node_data(column: str, value: Any) -> dict[str, Any]:
    if _is_node(value):
        props = value["properties"]
        label = value["labels"][0] if value["labels"] else RESULT_LABEL
        text = str(props.get("name") or props.get("title") or props.get("text") or props.get("id") or label)
        node_id = f"{label}:{props.get('id', text)}"
    else:
        label, text = RESULT_LABEL, str(value)
        node_id = f"{column}:{text}"
    name = text if len(text) <= CAPTION_CHARS else text[: CAPTION_CHARS - 1] + "…"
    return {"id": node_id, "label": label, "name": name, "text": text}


def result_elements(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, list[dict[str, Any]]]:
    """st-link-analysis elements for console rows; empty when no row holds a node or text."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    for row in rows:
        previous: str | None = None
        relation = "row"
        for column, value in zip(columns, row, strict=False):
            if _is_relationship(value):
                relation = str(value["type"])
                continue
            if not (_is_node(value) or isinstance(value, str)):
                continue
            data = _node_data(column, value)
            nodes.setdefault(data["id"], data)
            if previous is not None and previous != data["id"]:
                edge_id = f"{previous}|{relation}|{data['id']}"
                edges[edge_id] = {"id": edge_id, "source": previous, "target": data["id"], "label": relation}
            previous, relation = data["id"], "row"
    return {"nodes": [{"data": n} for n in nodes.values()], "edges": [{"data": e} for e in edges.values()]}
