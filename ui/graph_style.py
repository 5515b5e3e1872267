"""How the graph view looks: colours by node label, line style by responsibility role.

Colours are chosen so the three roles stay apart in print as well as on screen: a lead is a
solid dark red line, co-responsibility dashed amber, sole responsibility solid violet, and
structural links (task → document, issuer → document) thin dotted grey.
"""

from __future__ import annotations

from typing import Any, Final

from st_link_analysis import EdgeStyle, NodeStyle

from graph.schema import AGENCY, DOCUMENT, IN_DOCUMENT, ISSUED, TASK

NODE_STYLES: Final = [
    NodeStyle(AGENCY, "#c0392b", caption="name", icon="account_balance"),
    NodeStyle(TASK, "#2e86c1", caption="name", icon="inventory"),
    NodeStyle(DOCUMENT, "#27ae60", caption="name", icon="description"),
]


class LineEdgeStyle(EdgeStyle):
    """An EdgeStyle that also sets Cytoscape's line style and width, which EdgeStyle lacks."""

    def __init__(self, label: str, color: str, line_style: str, width: int) -> None:
        super().__init__(label, color, directed=True)
        self.line_style = line_style
        self.width = width

    def dump(self) -> dict[str, Any]:
        dumped: dict[str, Any] = super().dump()
        dumped["style"].update({"line-style": self.line_style, "width": self.width})
        return dumped


EDGE_STYLES: Final = [
    LineEdgeStyle("leads", "#8e1b10", "solid", 4),
    LineEdgeStyle("co", "#e0a100", "dashed", 2),
    LineEdgeStyle("sole", "#6c3fb5", "solid", 3),
    LineEdgeStyle(IN_DOCUMENT, "#9e9e9e", "dotted", 1),
    LineEdgeStyle(ISSUED, "#9e9e9e", "dotted", 1),
]
