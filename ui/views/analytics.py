"""Analytics page: centrality, communities and load on the co-responsibility network."""

from __future__ import annotations

import streamlit as st

from queries.analytics import AgencyMetrics, analyse
from queries.formatting import Table
from ui.downloads import download_buttons
from ui.errors import shown_as_message
from ui.graph_style import ROLE_COLOURS
from ui.store import current_store

BAR_HEIGHT = 24


def charts(rows: list[AgencyMetrics], top: int) -> None:
    """PageRank and load (lead vs co vs sole) of the most central agencies."""
    leaders = sorted(rows, key=lambda m: -m.pagerank)[:top]
    rank_column, load_column = st.columns(2)
    with rank_column:
        st.subheader("PageRank")
        st.bar_chart(
            [{"agency": m.agency, "pagerank": m.pagerank} for m in leaders],
            x="agency",
            y="pagerank",
            horizontal=True,
            sort=False,
            height=BAR_HEIGHT * len(leaders) + 80,
        )
    with load_column:
        st.subheader("Load by role")
        st.bar_chart(
            [{"agency": m.agency, "leads": m.leads, "co": m.co, "sole": m.sole} for m in leaders],
            x="agency",
            y=list(ROLE_COLOURS),
            color=list(ROLE_COLOURS.values()),
            horizontal=True,
            sort=False,
            height=BAR_HEIGHT * len(leaders) + 80,
        )


def community_list(rows: list[AgencyMetrics]) -> None:
    """Each community's members, largest first."""
    st.subheader("Communities")
    members: dict[int, list[str]] = {}
    for m in sorted(rows, key=lambda m: -m.pagerank):
        members.setdefault(m.community, []).append(m.agency)
    for community, names in sorted(members.items()):
        st.markdown(f"**{community}** ({len(names)}): {'、'.join(names)}")


st.title("Analytics")
include_generic = st.toggle("Include generic bodies (有关部门 …)", value=False)
top = st.slider("Agencies in the charts", 5, 40, 15)
with shown_as_message("analytics"), st.spinner("Computing centrality and communities…"):
    found = analyse(current_store(), include_generic)
    if not found:
        st.info("No co-responsibility network yet: ingest documents first.")
    else:
        charts(found, top)
        community_list(found)
        st.subheader("All agencies")
        table = Table.of(AgencyMetrics, found)
        st.dataframe(table.records(), hide_index=True, width="stretch")
        download_buttons(table, "agency-metrics")
