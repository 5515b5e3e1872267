"""Agency profile page: names, level, lineage, counts by role and year, tasks, partners.

The task table holds one page of the agency's tasks (the canned question's default limit) and a
"Show more" button that raises the limit by a page, so a ministry named on thousands of tasks
neither loads them all at once nor hides all but the first hundred.
"""

from __future__ import annotations

import streamlit as st

from queries.canned import (
    DEFAULT_LIMIT,
    AgencyProfile,
    AgencyTask,
    agency_profile,
    agency_tasks,
    co_responsible_pairs,
)
from queries.formatting import Table
from ui.downloads import download_buttons
from ui.errors import shown_as_message
from ui.graph_style import ROLE_COLOURS
from ui.state import AGENCY, DEFAULT_AGENCY, GRAPH_START, open_page
from ui.store import current_store

# Pairs scanned for one agency's partners: every pair on a corpus the size of the samples.
# (A bare string here would be shown on the page by Streamlit's "magic".)
PARTNER_POOL = 2000
TASK_PAGE = DEFAULT_LIMIT
TASKS_SHOWN = "agency_tasks_shown"
"""Session key: how many tasks the table holds, per agency name."""


def identity(profile: AgencyProfile) -> None:
    """Who the agency is: aliases, level, 机构改革 lineage and its role counts."""
    st.header(profile.name)
    st.caption(" · ".join(v for v in (profile.kind, profile.level) if v) or "agency")
    leads, co, sole = st.columns(3)
    leads.metric("Leads (牵头)", profile.leads)
    co.metric("Co-responsible", profile.co)
    sole.metric("Solely responsible", profile.sole)
    st.markdown(f"**Aliases:** {'、'.join(profile.aliases) or '—'}")
    if profile.predecessors:
        held = (f"{name} (tasks: {profile.predecessor_tasks.get(name, 0)})" for name in profile.predecessors)
        st.markdown(f"**Predecessors:** {'、'.join(held)}")
    if profile.successors:
        st.markdown(f"**Successors:** {'、'.join(profile.successors)}")
    if profile.by_year:
        st.bar_chart(
            [
                {"year": year, **{role: roles.get(role, 0) for role in ("leads", "co", "sole")}}
                for year, roles in profile.by_year.items()
            ],
            x="year",
            y=list(ROLE_COLOURS),
            color=list(ROLE_COLOURS.values()),
            height=220,
        )


def shown_limit(name: str) -> int:
    """How many of `name`'s tasks the table holds: one page until the user asks for more."""
    limit: int = st.session_state.get(TASKS_SHOWN, {}).get(name, TASK_PAGE)
    return limit


def show_more(name: str) -> None:
    """The "Show more" button's callback: one more page of `name`'s tasks on the next run."""
    st.session_state[TASKS_SHOWN] = {
        **st.session_state.get(TASKS_SHOWN, {}),
        name: shown_limit(name) + TASK_PAGE,
    }


def task_table(tasks: list[AgencyTask], name: str, more: bool) -> None:
    """The agency's tasks, filterable by role, document and deadline, with downloads; `more`
    says the agency has tasks beyond these, which a button fetches."""
    st.subheader(f"Tasks ({len(tasks)}{'+' if more else ''})")
    if any(t.agency != name for t in tasks):
        st.caption("With the tasks of its predecessors; the agency column names the body that held each.")
    roles_column, documents_column, deadline_column = st.columns(3)
    roles = roles_column.multiselect("Role", ["leads", "co", "sole"], default=["leads", "co", "sole"])
    titles = sorted({t.document for t in tasks})
    chosen = documents_column.multiselect("Document", titles, default=titles)
    with_deadline = deadline_column.checkbox("Only tasks with a deadline")
    shown = [
        t
        for t in tasks
        if t.role in roles and t.document in chosen and (t.deadline or t.deadline_text or not with_deadline)
    ]
    table = Table.of(AgencyTask, shown)
    st.dataframe(table.records(), hide_index=True, width="stretch")
    download_buttons(table, f"tasks-{name}")
    if more:
        st.button(f"Show {TASK_PAGE} more tasks", on_click=show_more, args=(name,))


def partners(name: str) -> None:
    """The agencies most often named on the same tasks as this one."""
    st.subheader("Top partners")
    pairs = co_responsible_pairs(current_store(), limit=PARTNER_POOL)
    rows = [
        {"partner": p.agency_b if p.agency_a == name else p.agency_a, "shared tasks": p.tasks}
        for p in pairs
        if name in (p.agency_a, p.agency_b)
    ][:10]
    if rows:
        st.dataframe(rows, hide_index=True)
    else:
        st.caption("No co-responsible partners.")


st.title("Agency profile")
agency = st.text_input("Agency (any name or alias)", value=st.session_state.get(AGENCY, DEFAULT_AGENCY))
if agency.strip():
    with shown_as_message(f"profile of {agency.strip()}"), st.spinner("Loading the profile…"):
        store = current_store()
        profiles = agency_profile(store, agency)
        if not profiles:
            st.warning(f"No agency called {agency.strip()!r} in the graph.")
        else:
            profile = profiles[0]
            st.session_state[AGENCY] = profile.name
            identity(profile)
            if st.button("Show in graph"):
                open_page("graph.py", **{GRAPH_START: profile.name})
            limit = shown_limit(profile.name)
            # One row past the limit tells whether there is more to show.
            tasks = agency_tasks(store, profile.name, limit=limit + 1, predecessors=True)
            task_table(tasks[:limit], profile.name, more=len(tasks) > limit)
            partners(profile.name)
