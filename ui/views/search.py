"""Search page: one box over agencies (any alias), task text and documents, grouped results."""

from __future__ import annotations

import streamlit as st

from queries.search import SearchResults, search
from ui.errors import shown_as_message
from ui.state import AGENCY, DOCUMENT, GRAPH_START, open_page
from ui.store import current_store


def count(results: SearchResults, group: str) -> str:
    """A group's hit count, with "+" when the search limit cut it short."""
    return f"{len(getattr(results, group))}{'+' if group in results.cut else ''}"


def agency_results(results: SearchResults) -> None:
    """Agencies with buttons to their profile and their graph neighbourhood."""
    st.subheader(f"Agencies ({count(results, 'agencies')})")
    for hit in results.agencies:
        name_column, profile_column, graph_column = st.columns([5, 1, 1])
        aliases = "、".join(hit.aliases)
        name_column.markdown(f"**{hit.name}** · {hit.tasks} tasks" + (f" · {aliases}" if aliases else ""))
        if profile_column.button("Profile", key=f"profile-{hit.agency_id}"):
            open_page("agency.py", **{AGENCY: hit.name})
        if graph_column.button("Graph", key=f"graph-{hit.agency_id}"):
            open_page("graph.py", **{GRAPH_START: hit.name})


def document_results(results: SearchResults) -> None:
    """Documents with a button to the reader."""
    st.subheader(f"Documents ({count(results, 'documents')})")
    for hit in results.documents:
        title_column, read_column = st.columns([6, 1])
        details = " · ".join(str(v) for v in (hit.issuer, hit.doc_number, hit.published) if v)
        title_column.markdown(f"**{hit.title}** · {hit.tasks} tasks" + (f" · {details}" if details else ""))
        if read_column.button("Read", key=f"read-{hit.document_id}"):
            open_page("document.py", **{DOCUMENT: hit.document_id})


def task_results(results: SearchResults) -> None:
    """Matching tasks as a table: the clause says who is responsible."""
    st.subheader(f"Tasks ({count(results, 'tasks')})")
    if results.tasks:
        st.dataframe(
            [
                {"task": t.task, "clause": t.clause, "document": t.document, "page": t.page}
                for t in results.tasks
            ],
            hide_index=True,
            width="stretch",
        )


st.title("Search")
query = st.text_input(
    "Agency, task text or document",
    placeholder="e.g. 国家知识产权局, 知识产权局, 商标, 规划",
    key="search_text",
)
if query.strip():
    with shown_as_message("search failed"), st.spinner("Searching…"):
        found = search(current_store(), query)
        if found.total == 0:
            st.info(f"Nothing matches {query.strip()!r}.")
        else:
            agency_results(found)
            document_results(found)
            task_results(found)
