"""The document reader's text as HTML with every responsibility clause highlighted by role.

Kept apart from the page so the marking rules (escaping, overlaps, links) are plain functions a
test can check. Each highlight links to `?doc=…&clause=N`, so clicking a clause in the text
opens its details on the reader page.
"""

from __future__ import annotations

from html import escape
from typing import Final
from urllib.parse import urlencode

from queries.reader import ClauseMark

ROLE_COLOURS: Final[dict[str, str]] = {"leads": "#f8c9c4", "co": "#fde7b0", "sole": "#d9c8f0"}
"""Highlight colour per clause role: a lead is red, shared work amber, sole ownership violet."""

ROLE_NAMES: Final[dict[str, str]] = {"leads": "牵头 leads", "co": "按职责分工负责 co", "sole": "负责 sole"}


def legend_html() -> str:
    """A one-line colour key for the highlights."""
    return " ".join(
        f'<mark style="background:{colour};padding:0 4px">{escape(ROLE_NAMES[role])}</mark>'
        for role, colour in ROLE_COLOURS.items()
    )


def highlighted_html(
    text: str, marks: list[ClauseMark], document_id: str, selected: int | None = None
) -> str:
    """`text` as HTML paragraphs with the located clauses of `marks` wrapped in coloured links.

    Clauses that overlap an earlier one are left plain rather than nested.
    """
    pieces: list[str] = []
    position = 0
    located = sorted(
        (m for m in marks if m.start is not None and m.end is not None), key=lambda m: m.start or 0
    )
    for mark in located:
        start, end = mark.start or 0, mark.end or 0
        if start < position:
            continue
        pieces.append(escape(text[position:start]))
        link = "?" + urlencode({"doc": document_id, "clause": mark.number})
        border = "outline:2px solid #c0392b;" if mark.number == selected else ""
        pieces.append(
            f'<a href="{escape(link)}" target="_self" title="clause {mark.number}" '
            f'style="color:inherit;text-decoration:none"><mark id="clause-{mark.number}" '
            f'style="background:{ROLE_COLOURS[mark.role]};{border}">{escape(text[start:end])}'
            f"<sup>{mark.number}</sup></mark></a>"
        )
        position = end
    pieces.append(escape(text[position:]))
    body = "".join(pieces).replace("\n", "<br>")
    return f'<div class="policykg-document" style="line-height:1.9;font-size:15px">{body}</div>'
