"""How the graph view looks: colours by node label, line style by responsibility role.

Colours are chosen so the three roles stay apart in print as well as on screen: a lead is a
solid dark red line, co-responsibility dashed amber, sole responsibility solid violet, and
structural links (task → document, issuer → document) thin dotted grey.
"""

from __future__ import annotations

from typing import Any, Final

from st_link_analysis import EdgeStyle, NodeStyle

from graph.schema import AGENCY, DOCUMENT, IN_DOCUMENT, ISSUED, TASK

CJK_LABEL: Final[dict[str, Any]] = {
    "font-family": "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
    "font-size": 13,
    "min-zoomed-font-size": 5,
    "text-background-color": "#ffffff",
    "text-background-opacity": 0.85,
    "text-background-padding": 2,
}
"""Captions in a CJK font, on a light backing so crossing edges do not hide them.

st-link-analysis hides captions below 10 px on screen, which on a fitted 50-node view hides
every one; the Chinese names are the point of the view, so they stay down to 5 px. Below that
no character is legible: a fitted 500-node view would spend its frames drawing 500 grey smudges,
so its captions appear as the user zooms in."""


class CaptionedNodeStyle(NodeStyle):
    """A NodeStyle whose caption stays readable (see CJK_LABEL)."""

    def dump(self) -> dict[str, Any]:
        dumped: dict[str, Any] = super().dump()
        dumped["style"].update(CJK_LABEL)
        return dumped


NODE_STYLES: Final = [
    CaptionedNodeStyle(AGENCY, "#c0392b", caption="name", icon="account_balance"),
    CaptionedNodeStyle(TASK, "#2e86c1", caption="name", icon="inventory"),
    CaptionedNodeStyle(DOCUMENT, "#27ae60", caption="name", icon="description"),
]


class LineEdgeStyle(EdgeStyle):
    """An EdgeStyle that also sets Cytoscape's line style and width, which EdgeStyle lacks."""

    def __init__(self, label: str, color: str, line_style: str, width: int) -> None:
        super().__init__(label, color, labeled=None, directed=True)
        self.line_style = line_style
        self.width = width

    def dump(self) -> dict[str, Any]:
        dumped: dict[str, Any] = super().dump()
        dumped["style"].update({"line-style": self.line_style, "width": self.width})
        return dumped


ROLE_COLOURS: Final[dict[str, str]] = {"leads": "#8e1b10", "co": "#e0a100", "sole": "#6c3fb5"}
"""One colour per role for edges and for the charts of the profile and analytics pages."""

EDGE_STYLES: Final = [
    LineEdgeStyle("leads", ROLE_COLOURS["leads"], "solid", 4),
    LineEdgeStyle("co", ROLE_COLOURS["co"], "dashed", 2),
    LineEdgeStyle("sole", ROLE_COLOURS["sole"], "solid", 3),
    LineEdgeStyle(IN_DOCUMENT, "#9e9e9e", "dotted", 1),
    LineEdgeStyle(ISSUED, "#9e9e9e", "dotted", 1),
]
