"""Task tables laid out with spaces (`pdftotext -layout`, fixed-width exports) → TAB rows.

Such a table keeps its columns only by where each cell starts on the line:

    序号  2022年预期目标                          责任单位
    1     地区生产总值增长5.5%左右                区发展改革委

and a cell too long for its column wraps onto the lines below, in the same column, with the
other columns blank. Cleaning reads runs of spaces as one gap, so without this reader every
row would be one sentence and the 责任单位 column would be lost. A table starts at a header
line whose cells, two spaces or more apart, include a role header (牵头单位, 责任单位 …); the
header fixes the columns, each later cell belongs to the column it starts in, a line with a
first cell starts a row and a line without one goes on with the row above. The table ends at
a new header, or after a few lines that fit no column (prose after the table); page furniture
between rows (`第4页`, a running header) and blank lines stay as written, outside the rows.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from loaders.clause_grammar import HEADER_CELL
from loaders.table_text import table_lines
from loaders.text_width import display_width

#: Two spaces or more (an ideographic space counts two) separate cells; one does not (王 东).
_GAP = re.compile(r"(?: |\u3000){2,}|\u3000")
#: A header line: a role header cell set off by a gap (one regex pass rules out most texts).
_GAPPED = r"(?:^|(?: |\u3000){2,}|\u3000)"
#: How far (columns) a cell may start left of its column's start and still belong to it.
_SLACK = 2
#: Lines in a row that fit no column end the table: page furniture is one or two.
_MAX_STRAY = 3
#: Lines with a gap between two cells: the only ones that can be a header.
_HEADER_SEARCH = re.compile(r"^.*\S" + _GAPPED + r"\S.*$", re.MULTILINE)
#: A row's number alone in the first column (1, 1., (一), 一、): a row, not furniture.
_ROW_NUMBER = re.compile(
    r"^(?:\d{1,3}[.、．]?|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)$"
)


class _Cell(NamedTuple):
    column: int
    text: str


def layout_tables(text: str) -> str:
    """`text` with every space-aligned task table as TAB rows; everything else unchanged."""
    if not _has_header(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        starts = _header_starts(lines[index])
        if starts is None:
            out.append(lines[index])
            index += 1
            continue
        index = _table(lines, index, starts, out)
    return "\n".join(out)


def _has_header(text: str) -> bool:
    if "  " not in text and "\u3000" not in text:
        return False  # no gap of two columns anywhere: most texts, decided by two C scans
    return any(
        HEADER_CELL.match(cell)
        for match in _HEADER_SEARCH.finditer(text)
        for cell in _GAP.split(match.group().strip())
    )


def _header_starts(line: str) -> list[int] | None:
    """Display columns where the header's cells start, if `line` is a task table's header."""
    cells = _cells(line)
    if len(cells) < 2 or not any(HEADER_CELL.match(text) for _, text in cells):
        return None
    return [start for start, _ in cells]


def _cells(line: str) -> list[tuple[int, str]]:
    """(display column, text) of each cell of a line."""
    cells = []
    position = 0
    for piece in _split_keeping_gaps(line):
        if piece and not _GAP.fullmatch(piece):
            cells.append((position, piece))
        position += display_width(piece)
    return cells


def _split_keeping_gaps(line: str) -> list[str]:
    pieces: list[str] = []
    last = 0
    for gap in _GAP.finditer(line):
        pieces += [line[last : gap.start()], gap.group()]
        last = gap.end()
    pieces.append(line[last:])
    head = pieces[0]
    if head != head.lstrip():  # leading spaces, even a single one, only shift the first cell
        pieces[0:1] = [head[: len(head) - len(head.lstrip())], head.lstrip()]
    return pieces


def _column(starts: list[int], position: int) -> int | None:
    """The column a cell starting at `position` belongs to."""
    found = None
    for column, start in enumerate(starts):
        if position + _SLACK >= start:
            found = column
    return found


def _placed(line: str, starts: list[int]) -> list[_Cell] | None:
    """The line's cells by column, or None when it does not fit the table: a cell starting
    left of the first column, or one run of text across the columns (prose after the table)."""
    cells = _cells(line)
    placed = []
    for position, text in cells:
        column = _column(starts, position)
        if column is None:
            return None
        placed.append(_Cell(column, text))
    if len(cells) == 1 and placed[0].column + 1 < len(starts):
        position, text = cells[0]
        if position + display_width(text) > starts[placed[0].column + 1] + _SLACK:
            return None
    return placed


def _table(lines: list[str], index: int, starts: list[int], out: list[str]) -> int:
    """Read the table whose header is `lines[index]` into `out` (rows, and the furniture
    between them where it stood); the index of the first line after the table."""
    rows: list[list[list[str]]] = []
    order: list[int | str] = []  # a row's index where it starts, or a line kept as written
    stray = 0
    position = index
    while position < len(lines):
        line = lines[position]
        if position > index and _header_starts(line) is not None:
            break
        if not line.strip():
            order.append(line)
            position += 1
            continue
        placed = _placed(line, starts)
        if placed is None or (rows and not _continues_or_starts(placed)):
            stray += 1
            if stray >= _MAX_STRAY:
                break
            order.append(line)
        else:
            stray = 0
            if not rows or any(cell.column == 0 for cell in placed):
                order.append(len(rows))
                rows.append([[] for _ in starts])
            for cell in placed:
                rows[-1][cell.column].append(cell.text)
        position += 1
    rendered = list(table_lines(rows))
    out.extend(rendered[item] if isinstance(item, int) else item for item in order)
    return position


def _continues_or_starts(placed: list[_Cell]) -> bool:
    """A row line has a first cell (a new row) or continues cells to the right of it; a lone
    line in the first column that is no row number is furniture (`第4页`, `政策快资讯 02`)."""
    if any(cell.column > 0 for cell in placed):
        return True
    return bool(_ROW_NUMBER.match(placed[0].text))
