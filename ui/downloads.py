"""Download buttons that hand researchers the rows on screen as CSV or JSON.

They reuse `queries.formatting`, so a file saved from the UI has exactly the shape the CLI's
`--format csv|json` prints.
"""

from __future__ import annotations

import streamlit as st

from queries.formatting import Table, render


def download_buttons(table: Table, name: str) -> None:
    """CSV and JSON download buttons for `table`, saved as `name`.csv / `name`.json."""
    csv_column, json_column, _ = st.columns([1, 1, 4])
    csv_column.download_button(
        "Download CSV", render(table, "csv"), f"{name}.csv", "text/csv", key=f"{name}-csv"
    )
    json_column.download_button(
        "Download JSON", render(table, "json"), f"{name}.json", "application/json", key=f"{name}-json"
    )
