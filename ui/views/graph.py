"""Graph page: click a node to expand its neighbours; filter by role, document and year."""

from __future__ import annotations

import streamlit as st
from st_link_analysis import Event, st_link_analysis

from graph.store import StoreError
from loaders.records import ROLES
from queries.graph_view import DocumentInfo, agency_key, documents, neighbourhood
from ui import graph_model as model
from ui.errors import one_line, shown_as_message
from ui.graph_style import EDGE_STYLES, NODE_STYLES
from ui.state import DEFAULT_AGENCY, GRAPH_START
from ui.store import current_store

VIEW = "graph_view"
VIEW_START = "graph_view_start"
COMPONENT = "graph_component"
ERROR = "graph_error"


def start_view(agency: str) -> None:
    """A fresh view holding `agency` and its neighbours."""
    store = current_store()
    key = agency_key(store, agency)
    if key is None:
        raise StoreError(f"no agency called {agency!r} in the graph (use its full name, see Search)")
    st.session_state[VIEW] = model.expand(model.GraphView(), neighbourhood(store, key), key)
    st.session_state[VIEW_START] = agency


def on_graph_event() -> None:
    """Apply a click, double-click (expand) or remove from the component before the rerun."""
    view: model.GraphView = st.session_state[VIEW]
    action = model.read_action(view, st.session_state.get(COMPONENT))
    if action is None:
        return
    try:
        if action.kind == "remove":
            view = model.remove(view, action.keys)
        for key in model.needs_expanding(view, action):
            view = model.expand(view, neighbourhood(current_store(), key), key)
    except StoreError as error:
        st.session_state[ERROR] = f"expanding failed: {one_line(error)}"
    st.session_state[VIEW] = model.handled(view, action)


def filters(listed: tuple[DocumentInfo, ...]) -> model.Filters:
    """The role, document and year filters above the graph."""
    roles_column, documents_column, years_column = st.columns([1, 2, 1])
    roles = roles_column.multiselect("Roles", list(ROLES), default=list(ROLES))
    titles = {d.id: d.title for d in listed}
    chosen = documents_column.multiselect(
        "Documents", list(titles), format_func=titles.__getitem__, placeholder="All documents"
    )
    years = sorted({d.year for d in listed if d.year is not None})
    span = None
    if len(years) > 1:
        span = years_column.slider("Published", years[0], years[-1], (years[0], years[-1]))
    return model.Filters(frozenset(roles), frozenset(chosen) if chosen else None, span)


st.title("Graph")
st.caption("Click a node to expand its neighbours; select one and press Delete to remove it.")
with shown_as_message("graph view"):
    agency = st.text_input("Start from agency", value=st.session_state.get(GRAPH_START, DEFAULT_AGENCY))
    if agency.strip() and (
        VIEW not in st.session_state or st.session_state.get(VIEW_START) != agency.strip()
    ):
        with st.spinner("Loading the neighbourhood…"):
            start_view(agency.strip())
    if VIEW in st.session_state:
        listed = documents(current_store())
        chosen = filters(listed)
        view: model.GraphView = st.session_state[VIEW]
        shown = model.visible(view, chosen, {d.id: d.year for d in listed})
        if error := st.session_state.pop(ERROR, None):
            st.error(error)
        st.caption(f"{len(shown.nodes)} nodes · {len(shown.edges)} edges · {len(view.expanded)} expanded")
        st_link_analysis(
            model.to_elements(shown),
            layout=model.layout(view, chosen),
            node_styles=NODE_STYLES,
            edge_styles=EDGE_STYLES,
            height=720,
            key=COMPONENT,
            on_change=on_graph_event,
            node_actions=["remove", "expand"],
            events=[Event(model.CLICK_EVENT, "click tap", "node")],
        )
