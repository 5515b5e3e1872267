"""Table rows → text lines: one line per row, cells separated by a TAB.

Every reader that meets a table (DOCX, HTML, PDF) renders it here, so the clause grammar
sees one shape whatever the format (loaders/clause_tables.py reads it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from loaders.clause_grammar import HEADER_CELL, looks_like_agency

_LIST_CUT = re.compile("[、，,；;]")


def table_lines(rows: Iterable[list[list[str]]]) -> Iterator[str]:
    """Table rows (cells as their lines) one per line, cells separated by a TAB.

    Under a role header (牵头单位, 责任单位 …) a cell's line breaks separate bodies where the
    line before ends a name, as tables list one per line (市发展改革委 / 市财政局): they
    become 、 there, which the clause grammar splits at, where a space would be dropped
    between Chinese characters by cleaning and glue the names into one. A line that stops
    inside a name (市住房和城乡建设 / 局, a cell wrapped by its width in a PDF) runs on into
    the next. Elsewhere a line break is only layout and becomes one space, like any run of
    spaces.
    """
    role_columns: set[int] = set()
    for row in rows:
        cells = [_flat(" ".join(lines)) for lines in row]
        role_columns |= {column for column, cell in enumerate(cells) if HEADER_CELL.match(cell)}
        yield "\t".join(
            _listed(lines) if column in role_columns else cell
            for column, (lines, cell) in enumerate(zip(row, cells, strict=True))
        )


def _flat(text: str) -> str:
    """Text on one line: inner line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _listed(lines: list[str]) -> str:
    listed = ""
    for item in (_flat(line).rstrip("、，,；;") for line in lines):
        if item:
            ends_name = looks_like_agency(_LIST_CUT.split(listed)[-1]) if listed else False
            listed += ("、" if ends_name else "") + item
    return listed
