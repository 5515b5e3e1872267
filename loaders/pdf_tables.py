"""Task tables on PDF pages, read by their cells instead of as loose lines.

pypdf's text layer (readers.read_pdf) gives each table cell a line of its own, in drawing
order, and leaves empty cells out: a 牵头单位 column cannot be told from a 配合单位 one, so a
task table (where most 分工方案 put their assignments) gave no clause at all. pdfplumber
reads the table's ruling lines and returns its cells by row and column, cell line breaks
included, which `table_text.table_lines` renders as TAB rows as the DOCX and HTML readers do.
pdfplumber is several times slower per page than pypdf, so it reads only the pages that
hold a role header (a line that is only 牵头单位, 责任单位 …) and the pages their tables run
on to; every other page keeps pypdf's text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from loaders.clause_grammar import HEADER_LINE
from loaders.table_text import table_lines

if TYPE_CHECKING:
    from pdfplumber.page import Page as PdfPage
    from pdfplumber.table import Table


def with_tables(data: bytes, texts: Sequence[str]) -> list[str]:
    """`texts` (one per page) with each page that holds a ruled task table read again with
    its tables as TAB rows; a table goes on over the following pages while they hold one."""
    out = list(texts)
    starts = {number for number, text in enumerate(texts) if HEADER_LINE.search(text)}
    if not starts:
        return out
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        running = False
        for number, page in enumerate(pdf.pages):
            if number in starts or running:
                text = _page_with_tables(page)
                running = text is not None
                if text is not None:
                    out[number] = text
    return out


def _page_with_tables(page: PdfPage) -> str | None:
    """The page's text from top to bottom, its tables as TAB rows; None without a table."""
    tables = sorted((t for t in page.find_tables() if _columns(t) > 1), key=lambda t: t.bbox[1])
    if not tables:
        return None
    left, top, right, bottom = page.bbox
    parts: list[str] = []
    for table in tables:
        _, table_top, _, table_bottom = table.bbox
        parts.append(_text(page, (left, top, right, table_top)))
        rows = [[(cell or "").split("\n") for cell in row] for row in table.extract()]
        parts.extend(table_lines(rows))
        parts.append(_beside(page, table, (left, table_top, right, table_bottom)))
        top = max(top, table_bottom)
    parts.append(_text(page, (left, top, right, bottom)))
    return "\n".join(part for part in parts if part)


def _columns(table: Table) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _text(page: PdfPage, box: tuple[float, float, float, float]) -> str:
    if box[3] <= box[1]:
        return ""
    return page.crop(box).extract_text() or ""


def _beside(page: PdfPage, table: Table, band: tuple[float, float, float, float]) -> str:
    """Text level with the table but outside it (a note in the margin); usually none."""
    if band[3] <= band[1]:
        return ""
    return page.crop(band).outside_bbox(table.bbox).extract_text() or ""
