"""The policykg Streamlit app: entry point and page navigation.

`policykg ui` runs `streamlit run ui/app.py`; each page is its own script under `ui/views/`
and every page reads the graph only through `queries/`. The search page comes first because
that is where researchers start: with a name they know. The page has no `page_icon`:
a Material icon there makes the browser fetch the favicon from fonts.gstatic.com, and the
app must not reach beyond localhost (the browser test checks every request).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

VIEWS = Path(__file__).with_name("views")
PAGES = (
    ("search.py", "Search", ":material/search:"),
    ("agency.py", "Agency profile", ":material/account_balance:"),
    ("document.py", "Document reader", ":material/description:"),
    ("graph.py", "Graph", ":material/hub:"),
    ("analytics.py", "Analytics", ":material/analytics:"),
    ("console.py", "Cypher console", ":material/terminal:"),
)

st.set_page_config(page_title="policykg", layout="wide")
navigation = st.navigation(
    [
        st.Page(VIEWS / script, title=title, icon=icon, default=index == 0)
        for index, (script, title, icon) in enumerate(PAGES)
    ]
)
navigation.run()
