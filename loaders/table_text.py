"""Table rows → text lines: one line per row, cells separated by a TAB.

Every reader that meets a table (DOCX, HTML, PDF, a pipe table in plain text) renders it
here, so the clause grammar sees one shape whatever the format (loaders/clause_tables.py
reads it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from loaders.clause_grammar import HEADER_CELL, looks_like_agency

_LIST_CUT = re.compile("[、，,；;]")
_PIPE = re.compile("[|｜]")
_RULE_CELL = re.compile(r"^:?-{2,}:?$")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def table_lines(rows: Iterable[list[list[str]]]) -> Iterator[str]:
    """Table rows (cells as their lines) one per line, cells separated by a TAB.

    Rows come as grids: a cell merged over several rows is given again in each, one merged
    over several columns fills the first of them and leaves the others empty, and a row
    given as one cell in a wider table is a group heading spanning it (`_group_row`).

    Under a role header (牵头单位, 责任单位 …) a cell's line breaks separate bodies where the
    line before ends a name, as tables list one per line (市发展改革委 / 市财政局): they
    become 、 there, which the clause grammar splits at, where a space would be dropped
    between Chinese characters by cleaning and glue the names into one. A line that stops
    inside a name (市住房和城乡建设 / 局, a cell wrapped by its width in a PDF) runs on into
    the next. Elsewhere a line break is only layout and becomes one space, like any run of
    spaces.
    """
    table = list(rows)
    width = max(map(len, table), default=0)
    role_columns: set[int] = set()
    for row in table:
        if len(row) == 1 < width:
            yield _group_row(_flat(" ".join(row[0])), width, role_columns)
            continue
        cells = [_flat(" ".join(lines)) for lines in row]
        role_columns |= {column for column, cell in enumerate(cells) if HEADER_CELL.match(cell)}
        yield "\t".join(
            _listed(lines) if column in role_columns else cell
            for column, (lines, cell) in enumerate(zip(row, cells, strict=True))
        )


def _group_row(text: str, width: int, role_columns: set[int]) -> str:
    """A row merged across the whole table (`一、做大做强主导产业` over the rows of its group).

    Under a role header it stays a row, its text in the first column that names no role and
    the other cells empty: a row that assigns nothing, so the rows after it still read under
    the header (a line without a TAB would end the table). Above any role header (a caption
    such as `重点任务分工表`) it is a line of its own.
    """
    free = [column for column in range(width) if column not in role_columns]
    if not role_columns or not free:
        return text
    return "\t".join(text if column == free[0] else "" for column in range(width))


def _flat(text: str) -> str:
    """Text on one line: inner line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _listed(lines: list[str]) -> str:
    listed = ""
    for item in (_flat(line).rstrip("、，,；;") for line in lines):
        if item:
            last = _LIST_CUT.split(listed)[-1] if listed else ""
            ends_name = bool(last) and not _open_bracket(last) and looks_like_agency(last)
            listed += ("、" if ends_name else "") + item
    return listed


def _open_bracket(text: str) -> bool:
    """Whether a bracket is still open: 各镇政府（街道办事 / 处） wraps inside the bracket."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def pipe_tables(text: str) -> str:
    """`text` with its pipe tables (`| 序号 | 工作任务 | 牵头单位 |`, as Markdown and many
    converters write them) as TAB rows; only a block of pipe lines whose header names a role
    is a task table, other pipes stay as written. `<br>` in a cell breaks its lines."""
    if not _PIPE.search(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if len(_PIPE.findall(line)) >= 2:
            block.append(line)
            continue
        out.extend(_pipe_block(block))
        block = []
        out.append(line)
    return "\n".join(out[:-1])


def _pipe_block(block: list[str]) -> list[str]:
    rows = [_pipe_cells(line) for line in block]
    if not any(HEADER_CELL.match(cell) for row in rows for cell in row):
        return block
    kept = [row for row in rows if not all(_RULE_CELL.match(cell) or not cell for cell in row)]
    return list(table_lines([[_CELL_BREAK.split(cell) for cell in row] for row in kept]))


def _pipe_cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in _PIPE.split(line.strip())]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells
