"""Document reader page: cleaned text, section tree, clauses highlighted and explained."""

from __future__ import annotations

import streamlit as st

from queries.graph_view import documents
from queries.reader import ClauseMark, SectionEntry, clauses, document_text, sections
from ui.errors import shown_as_message
from ui.highlight import highlighted_html, legend_html
from ui.state import DOCUMENT
from ui.store import current_store


def section_tree(entries: list[SectionEntry]) -> None:
    """The headings, indented by level."""
    st.subheader("Sections")
    if not entries:
        st.caption("No section headings.")
    st.markdown("\n".join(f"{'  ' * (e.level - 1)}- {e.title}" for e in entries))


def clause_details(mark: ClauseMark) -> None:
    """Everything about one clause: its task, owners by role, section, page and deadline."""
    st.subheader(f"Clause {mark.number}")
    st.markdown(f"**Clause:** {mark.clause}")
    st.markdown(f"**Task:** {mark.task}")
    for label, names in (
        ("Leads", mark.leads),
        ("Co-responsible", mark.co),
        ("Solely responsible", mark.sole),
    ):
        if names:
            st.markdown(f"**{label}:** {'、'.join(names)}")
    details = {"page": mark.page, "section": mark.section, "deadline": mark.deadline, "form": mark.form}
    st.caption(" · ".join(f"{k}: {v}" for k, v in details.items() if v is not None))


def chosen_clause(marks: list[ClauseMark]) -> int | None:
    """The clause picked in the table below the text, else the one a text link named."""
    event = st.dataframe(
        [{"#": m.number, "role": m.role, "clause": m.clause, "page": m.page} for m in marks],
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="clause_table",
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        return marks[rows[0]].number
    linked = st.query_params.get("clause")
    return int(linked) if linked and linked.isdigit() else None


st.title("Document reader")
with shown_as_message("document reader"):
    store = current_store()
    listed = documents(store)
    if not listed:
        st.info("The graph holds no documents yet: run `policykg ingest samples/` first.")
    else:
        ids = [d.id for d in listed]
        titles = {d.id: d.title for d in listed}
        wanted = st.query_params.get("doc") or st.session_state.get(DOCUMENT)
        document_id = st.selectbox(
            "Document", ids, index=ids.index(wanted) if wanted in ids else 0, format_func=titles.__getitem__
        )
        st.session_state[DOCUMENT] = document_id
        with st.spinner("Loading the document…"):
            document = document_text(store, document_id)
            marks = clauses(store, document)
            tree = sections(store, document)
        st.caption(" · ".join(v for v in (document.issuer, document.doc_number, document.published) if v))
        tree_column, text_column = st.columns([1, 3])
        with tree_column:
            section_tree(tree)
        with text_column:
            st.markdown(f"{len(marks)} responsibility clauses &nbsp; {legend_html()}", unsafe_allow_html=True)
            selected = chosen_clause(marks)
            if selected is not None:
                clause_details(marks[selected - 1])
            with st.container(height=600):
                st.html(highlighted_html(document.text, marks, document_id, selected))
