"""Session keys the pages share, and the one way to jump from one page to another.

A search hit opens the agency profile, a profile opens the graph at that agency: the target
page reads what to show from these keys, so each page still works on its own when the user
arrives through the sidebar instead.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st

AGENCY: Final = "selected_agency"
DOCUMENT: Final = "selected_document"
GRAPH_START: Final = "graph_start"
DEFAULT_AGENCY: Final = "国家知识产权局"


def open_page(script: str, **selection: Any) -> None:
    """Remember `selection` under the shared keys and switch to `views/<script>`."""
    for key, value in selection.items():
        st.session_state[key] = value
    st.switch_page(f"views/{script}")
