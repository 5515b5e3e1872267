"""The graph view's state and rules as plain functions: expand, remove, filter, lay out.

Streamlit's AppTest cannot click inside a custom component, so everything a click does lives
here, where a unit test can drive it: the page only turns the component's event into an
`Action`, fetches neighbourhoods through `queries.graph_view`, and draws `to_elements()`.
Two st-link-analysis habits shape the rules: the component re-runs its layout only when the
layout dict changes (so `layout()` carries a counter that grows whenever nodes are added), and
a double-click fires a single click first (so expanding a node twice is a no-op).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from graph.schema import AGENCY, DOCUMENT, TASK
from loaders.records import ROLES, Role
from queries.graph_view import GraphEdge, GraphNode, Neighbourhood

CLICK_EVENT: Final = "node_click"
"""Name of the st-link-analysis event a single click on a node sends."""

CAPTION_CHARS: Final[dict[str, int]] = {AGENCY: 20, TASK: 12, DOCUMENT: 18}
"""Longest caption per label: task text is whole sentences and would bury the agency names."""

LAYOUT_BASE: Final[dict[str, Any]] = {
    "name": "fcose",
    "animate": False,
    "fit": True,
    "padding": 30,
    "nodeDimensionsIncludeLabels": True,
    "randomize": True,
    "nodeRepulsion": 20_000,
    "idealEdgeLength": 120,
}
"""fcose (bundled and registered by st-link-analysis), not cose: cose compares every pair of
nodes on each of its ~700 iterations, which took 11-13 s of the browser's main thread for a
500-node graph; fcose starts from a spectral layout and repels through a grid, about 1 s.
Label-aware node sizes, long edges and strong repulsion keep the CJK captions of a star of 60
tasks apart; `animate: False` keeps it synchronous, so a drawn node never moves under a click.
See benchmarks/NOTES-ui.md."""


@dataclass(frozen=True)
class GraphView:
    """What the user has opened so far; never mutated, every change returns a new view."""

    nodes: Mapping[str, GraphNode] = field(default_factory=dict)
    edges: Mapping[str, GraphEdge] = field(default_factory=dict)
    expanded: frozenset[str] = frozenset()
    layout_runs: int = 0
    last_event: int = 0


@dataclass(frozen=True)
class Filters:
    """Which responsibility roles, documents and publication years stay visible.

    `documents` None means every document; `years` None means every year.
    """

    roles: frozenset[Role] = frozenset(ROLES)
    documents: frozenset[str] | None = None
    years: tuple[int, int] | None = None


@dataclass(frozen=True)
class Action:
    """A user's gesture in the component, reduced to what the app must do."""

    kind: Literal["expand", "remove"]
    keys: tuple[str, ...]
    timestamp: int


def expand(view: GraphView, found: Neighbourhood, centre: str) -> GraphView:
    """Add a fetched neighbourhood, mark `centre` expanded, and re-run the layout if it grew."""
    nodes = {**view.nodes, **{n.key: n for n in found.nodes if n.key not in view.nodes}}
    edges = {**view.edges, **{e.key: e for e in found.edges}}
    grew = len(nodes) > len(view.nodes) or len(edges) > len(view.edges)
    return replace(
        view,
        nodes=nodes,
        edges=edges,
        expanded=view.expanded | {centre},
        layout_runs=view.layout_runs + (1 if grew else 0),
    )


def remove(view: GraphView, keys: tuple[str, ...]) -> GraphView:
    """Drop nodes and every edge touching them (the component already hid them)."""
    gone = set(keys)
    return replace(
        view,
        nodes={k: n for k, n in view.nodes.items() if k not in gone},
        edges={k: e for k, e in view.edges.items() if e.source not in gone and e.target not in gone},
        expanded=view.expanded - gone,
    )


def needs_expanding(view: GraphView, action: Action) -> tuple[str, ...]:
    """The keys of an expand action not yet expanded: a double-click's second event adds none."""
    if action.kind != "expand":
        return ()
    return tuple(k for k in action.keys if k in view.nodes and k not in view.expanded)


def handled(view: GraphView, action: Action) -> GraphView:
    """Remember the action so the component's sticky return value is not replayed on rerun."""
    return replace(view, last_event=max(view.last_event, action.timestamp))


def read_action(view: GraphView, value: Any) -> Action | None:
    """The new action in the component's return value, or None when there is nothing new.

    st-link-analysis returns its last event on every rerun, so an event is new only when its
    timestamp is later than the last one handled.
    """
    if not isinstance(value, Mapping):
        return None
    timestamp = int(value.get("timestamp") or 0)
    data = value.get("data") or {}
    if timestamp <= view.last_event:
        return None
    action = value.get("action")
    if action in ("expand", "remove"):
        return Action(action, tuple(data.get("node_ids") or ()), timestamp)
    if action == CLICK_EVENT and data.get("target_group") == "nodes":
        return Action("expand", (str(data["target_id"]),), timestamp)
    return None


def visible(view: GraphView, filters: Filters, document_years: Mapping[str, int | None]) -> GraphView:
    """The part of the view the filters let through.

    Tasks and documents outside the chosen documents or years go, responsibility edges of
    unchosen roles go, and nodes left without any edge go unless the user expanded them.
    """

    def node_shown(n: GraphNode) -> bool:
        if n.label == AGENCY or n.document_id is None:
            return True
        if filters.documents is not None and n.document_id not in filters.documents:
            return False
        year = document_years.get(n.document_id)
        return filters.years is None or year is None or filters.years[0] <= year <= filters.years[1]

    kept = {k: n for k, n in view.nodes.items() if node_shown(n)}
    edges = {
        k: e
        for k, e in view.edges.items()
        if e.source in kept and e.target in kept and (e.role is None or e.role in filters.roles)
    }
    touched = {e.source for e in edges.values()} | {e.target for e in edges.values()}
    nodes = {k: n for k, n in kept.items() if k in touched or k in view.expanded}
    return replace(view, nodes=nodes, edges=edges)


def caption(node: GraphNode) -> str:
    """A node's on-canvas label, shortened so Chinese captions stay legible."""
    limit = CAPTION_CHARS.get(node.label, 16)
    return node.caption if len(node.caption) <= limit else node.caption[: limit - 1] + "…"


def edge_label(edge: GraphEdge) -> str:
    """The style group of an edge: its role for responsibility edges, else its type."""
    return edge.role or edge.type


def to_elements(view: GraphView) -> dict[str, list[dict[str, Any]]]:
    """The view as st-link-analysis elements; the info panel shows the full text and id."""
    return {
        "nodes": [
            {"data": {"id": n.key, "label": n.label, "name": caption(n), "text": n.caption, "key": n.id}}
            for n in view.nodes.values()
        ],
        "edges": [
            {"data": {"id": e.key, "source": e.source, "target": e.target, "label": edge_label(e)}}
            for e in view.edges.values()
        ],
    }


def layout(view: GraphView, filters: Filters) -> dict[str, Any]:
    """The layout dict; it changes whenever nodes were added or filters changed, re-running it."""
    documents = "all" if filters.documents is None else ",".join(sorted(filters.documents))
    shown = f"{','.join(sorted(filters.roles))}|{documents}|{filters.years}"
    return {**LAYOUT_BASE, "runs": view.layout_runs, "filters": shown}
