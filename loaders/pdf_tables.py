"""Task tables on PDF pages, read by their cells instead of as loose lines.

pypdf's text layer (readers.read_pdf) gives each table cell a line of its own, in drawing
order, and leaves empty cells out: a 牵头单位 column cannot be told from a 配合单位 one, so a
task table (where most 分工方案 put their assignments) gave no clause at all. pdfplumber
reads the table's ruling and returns its cells by row and column, which
`table_text.table_lines` renders as TAB rows as the DOCX and HTML readers do.

pdfplumber is several times slower per page than pypdf, so it reads only the pages whose text
names a role as a table's header does (牵头单位 standing apart; a browser's text layer puts a
whole header row on one line, and a narrow header cell wraps its name, 牵头单 / 位) and the
pages their tables run on to; every other page keeps pypdf's text.

What a printed table does to its cells is undone here: a row that runs over a page break is
cut into two pieces, each missing its ruling at the cut (the ends of the column rules close
it, and the piece on the next page is joined to its row); a cell's text wraps at the cell's
width (a line that reaches the right edge goes on in the next line, 各街道办 / 事处, while one
that stops short ends where its writer broke it); merged cells and a group heading row come
out as the grids `table_lines` expects.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from loaders.clause_grammar import LABEL_NAME
from loaders.table_text import table_lines

if TYPE_CHECKING:
    from pdfplumber.page import Page as PdfPage
    from pdfplumber.table import Table

_LABEL = re.compile(LABEL_NAME)
#: How far (pt) a ruling may stand from a table's edge and still be its edge.
_RULE_TOLERANCE = 2.0

BBox = tuple[float, float, float, float]
Cells = list[list[str]]


@dataclass
class _Grid:
    """One table on one page: its rows as grids of cell lines, and whether a page break cut
    its first row (no ruling above it) or its last row (no ruling below it)."""

    rows: list[Cells]
    cut_top: bool
    cut_bottom: bool

    @property
    def width(self) -> int:
        return max(map(len, self.rows), default=0)


Part = str | _Grid


def with_tables(data: bytes, texts: Sequence[str]) -> list[str]:
    """`texts` (one per page) with each page that holds a ruled task table read again with
    its tables as TAB rows; a table goes on over the following pages while they hold one."""
    out = list(texts)
    starts = {number for number, text in enumerate(texts) if _names_a_header(text)}
    if not starts:
        return out
    import pdfplumber

    layouts: dict[int, list[Part]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        running = False
        for number, page in enumerate(pdf.pages):
            if number in starts or running:
                parts = _page_parts(page)
                running = parts is not None
                if parts is not None:
                    layouts[number] = parts
    for number, text in _rendered(layouts).items():
        out[number] = text
    return out


def _names_a_header(text: str) -> bool:
    """Whether a page's text names a role as a table's header cell does: standing apart between
    spaces or line ends, its characters perhaps wrapped apart (牵头单 位), not inside a sentence
    (各牵头单位要…) or as a field (（牵头单位：…)."""
    kept = [index for index, char in enumerate(text) if not char.isspace()]
    joined = "".join(text[index] for index in kept)
    for found in _LABEL.finditer(joined):
        start, end = kept[found.start()], kept[found.end() - 1] + 1
        if (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace()):
            return True
    return False


def _rendered(layouts: dict[int, list[Part]]) -> dict[int, str]:
    """Each page's text with its tables as TAB rows.

    A table that goes on from the page before (its last table, as wide) is rendered with it,
    so the columns its header names roles keep them on every page; a row cut by the break is
    joined, its piece on the later page added to each cell of its start.
    """
    chains: list[list[_Grid]] = []
    previous: _Grid | None = None
    for number in sorted(layouts):
        grids = [part for part in layouts[number] if isinstance(part, _Grid)]
        first = grids[0]
        if previous is not None and number - 1 in layouts and previous.width == first.width:
            # A row the break cut goes on first on the next page, below the header repeated there.
            repeated = _drop_repeated_header(chains[-1][0].rows, first.rows)
            if previous.cut_bottom and (first.cut_top or repeated) and previous.rows and first.rows:
                _join_cut_row(previous.rows[-1], first.rows.pop(0))
            chains[-1].append(first)
            grids = grids[1:]
        chains.extend([grid] for grid in grids)
        previous = chains[-1][-1]
    lines: dict[int, list[str]] = {}
    for chain in chains:
        rendered = iter(table_lines([row for grid in chain for row in grid.rows]))
        for grid in chain:
            lines[id(grid)] = [next(rendered) for _ in grid.rows]
    return {
        number: "\n".join(
            line
            for part in parts
            for line in (lines[id(part)] if isinstance(part, _Grid) else [part])
            if line.strip()
        )
        for number, parts in layouts.items()
    }


def _drop_repeated_header(head: list[Cells], rows: list[Cells]) -> int:
    """Drop the header rows a printer repeats atop each page a table runs on to (a <thead>,
    Word's 重复标题行); how many. The header stands once, where the table starts, as on screen."""
    count = 0
    while count < min(len(head), len(rows) - 1) and rows[count] == head[count]:
        count += 1
    del rows[:count]
    return count


def _join_cut_row(row: Cells, rest: Cells) -> None:
    """Add the piece of a row that a page break carried over to the row, cell by cell."""
    if len(row) != len(rest):
        return
    for cell, more in zip(row, rest, strict=True):
        cell[:] = [line for line in [*cell, *more] if line]


def _page_parts(page: PdfPage) -> list[Part] | None:
    """The page from top to bottom: text, tables, text; None without a table."""
    vertical = page.vertical_edges
    # A row cut by a page break has no ruling at the cut: the ends of the column rules close it.
    ends = (
        [min(edge["top"] for edge in vertical), max(edge["bottom"] for edge in vertical)] if vertical else []
    )
    found = page.find_tables({"explicit_horizontal_lines": ends})
    tables = sorted((t for t in found if _columns(t) > 1), key=lambda t: t.bbox[1])
    if not tables:
        return None
    horizontal = page.horizontal_edges
    left, top, right, bottom = page.bbox
    parts: list[Part] = []
    for table in tables:
        x0, table_top, x1, table_bottom = table.bbox
        parts.append(_text(page, (left, top, right, table_top)))
        parts.append(
            _Grid(
                list(_grid_rows(page, table)),
                cut_top=not _ruled(horizontal, table_top, x0, x1),
                cut_bottom=not _ruled(horizontal, table_bottom, x0, x1),
            )
        )
        parts.append(_beside(page, table, (left, table_top, right, table_bottom)))
        top = max(top, table_bottom)
    parts.append(_text(page, (left, top, right, bottom)))
    return parts


def _ruled(horizontal: list[dict[str, Any]], y: float, x0: float, x1: float) -> bool:
    """Whether rulings run along most of the table's width at height `y` (a browser draws
    each cell's border apart, so the pieces are added up)."""
    covered = sum(
        max(0.0, min(edge["x1"], x1) - max(edge["x0"], x0))
        for edge in horizontal
        if abs(edge["top"] - y) <= _RULE_TOLERANCE
    )
    return covered >= (x1 - x0) / 2


def _grid_rows(page: PdfPage, table: Table) -> Iterator[Cells]:
    """The table's rows as grids: a cell merged down over later rows stands again in each,
    other cells pdfplumber leaves out (merged across) are empty, and a row that is one cell
    across the whole table is a group heading, one cell."""
    above: dict[int, tuple[BBox, list[str]]] = {}
    for row in table.rows:
        cells: Cells = []
        for column, bbox in enumerate(row.cells):
            if bbox is not None:
                above[column] = (bbox, _cell_lines(page, bbox))
                cells.append(above[column][1])
            elif column in above and above[column][0][3] >= row.bbox[3] - _RULE_TOLERANCE:
                cells.append(above[column][1])
            else:
                cells.append([""])
        alone = row.cells[0] is not None and all(
            bbox is None and cell == [""] for bbox, cell in zip(row.cells[1:], cells[1:], strict=True)
        )
        yield [cells[0]] if alone and len(cells) > 1 else cells


def _cell_lines(page: PdfPage, bbox: BBox) -> list[str]:
    """A cell's lines as its writer broke them: a line that reaches the cell's right edge
    (the next character would not have fitted) was wrapped by width and goes on in the next.

    The cell's padding is taken as on its left, where its widest line starts.
    """
    x0, top, x1, bottom = bbox
    inside = page.filter(
        lambda obj: (
            obj.get("object_type") == "char"
            and x0 <= (obj["x0"] + obj["x1"]) / 2 <= x1
            and top <= (obj["top"] + obj["bottom"]) / 2 <= bottom
        )
    )
    found = inside.extract_text_lines(return_chars=True)
    if not found:
        return [""]
    right = x1 - (min(line["x0"] for line in found) - x0)
    lines = [found[0]["text"]]
    for before, line in pairwise(found):
        first = line["chars"][0]
        if right - before["x1"] < first["x1"] - first["x0"]:
            lines[-1] += line["text"]
        else:
            lines.append(line["text"])
    return lines


def _columns(table: Table) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _text(page: PdfPage, box: BBox) -> str:
    if box[3] <= box[1]:
        return ""
    return page.crop(box).extract_text() or ""


def _beside(page: PdfPage, table: Table, band: BBox) -> str:
    """Text level with the table but outside it (a note in the margin); usually none."""
    if band[3] <= band[1]:
        return ""
    return page.crop(band).outside_bbox(table.bbox).extract_text() or ""
