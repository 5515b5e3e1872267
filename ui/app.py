"""The policykg Streamlit app: entry point and page navigation.

`policykg ui` runs `streamlit run ui/app.py`; each page is its own script under `ui/views/`
and every page reads the graph only through `queries/`. The search page comes first because
that is where researchers start: with a name they know. Pages have no icons: Streamlit
turns a page's Material icon into the favicon, which the browser fetches from
fonts.gstatic.com, and the app must not reach beyond localhost (the browser test checks).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

VIEWS = Path(__file__).with_name("views")
PAGES = (
    ("search.py", "Search"),
    ("agency.py", "Agency profile"),
    ("document.py", "Document reader"),
    ("graph.py", "Graph"),
    ("analytics.py", "Analytics"),
    ("console.py", "Cypher console"),
)

st.set_page_config(page_title="policykg", layout="wide")
navigation = st.navigation(
    [st.Page(VIEWS / script, title=title, default=index == 0) for index, (script, title) in enumerate(PAGES)]
)
navigation.run()
