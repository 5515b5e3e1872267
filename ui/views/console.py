"""Cypher console page: read-only queries with examples, results as table and graph, downloads."""

from __future__ import annotations

import streamlit as st
from st_link_analysis import st_link_analysis

from queries.console import DEFAULT_LIMIT, ConsoleResult, run_console
from queries.formatting import Table
from ui.downloads import download_buttons
from ui.errors import shown_as_message
from ui.graph_model import LAYOUT_BASE
from ui.graph_style import EDGE_STYLES, NODE_STYLES
from ui.result_graph import result_elements
from ui.store import current_store

EXAMPLES = {
    "Tasks 国家知识产权局 leads": (
        "MATCH (a:Agency {name: '国家知识产权局'})-[r:LEADS]->(t:Task)\n"
        "RETURN a.name AS agency, t.text AS task LIMIT 25"
    ),
    "Agencies by tasks led": (
        "MATCH (a:Agency)-[:LEADS]->(t:Task)\nRETURN a.name AS agency, count(t) AS led\n"
        "ORDER BY led DESC LIMIT 20"
    ),
    "Documents and their tasks": (
        "MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)\nRETURN d.title AS document, count(t) AS tasks\n"
        "ORDER BY tasks DESC"
    ),
    "Agency–task paths": "MATCH (a:Agency)-[r:CO_RESPONSIBLE]->(t:Task)\nRETURN a, r, t LIMIT 30",
}
QUERY = "console_query"


def use_example() -> None:
    """Copy the chosen example into the query box."""
    st.session_state[QUERY] = EXAMPLES[st.session_state["console_example"]]


st.title("Cypher console")
st.caption("Read-only: queries that would change the graph are refused by the engine.")
st.selectbox(
    "Example queries",
    list(EXAMPLES),
    key="console_example",
    on_change=use_example,
    index=None,
    placeholder="Pick an example…",
)
cypher = st.text_area("Cypher", key=QUERY, height=140, placeholder="MATCH (a:Agency) RETURN a.name LIMIT 10")
limit = st.number_input("Row limit", min_value=1, max_value=100_000, value=DEFAULT_LIMIT, step=100)
if st.button("Run", type="primary") and cypher.strip():
    with shown_as_message("query failed"), st.spinner("Running…"):
        st.session_state["console_result"] = run_console(current_store(), cypher, limit=int(limit))
result: ConsoleResult | None = st.session_state.get("console_result")
if result is not None:
    if result.note:
        st.warning(result.note)
    table = Table(result.columns, result.rows)
    table_tab, graph_tab = st.tabs([f"Table ({len(result.rows)} rows)", "Graph"])
    with table_tab:
        st.dataframe(table.records(), hide_index=True, width="stretch")
        download_buttons(table, "query-result")
    with graph_tab:
        elements = result_elements(result.columns, result.rows)
        if elements["nodes"]:
            st_link_analysis(
                elements,
                layout=LAYOUT_BASE,
                node_styles=NODE_STYLES,
                edge_styles=EDGE_STYLES,
                height=500,
                key="console_graph",
            )
        else:
            st.caption("These rows hold no nodes or text to draw.")
