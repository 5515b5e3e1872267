"""Readers: turn a txt, html, docx or pdf file into plain text pages.

Every format is read by a well-kept library (charset-normalizer, BeautifulSoup/lxml,
python-docx, pypdf with pdfplumber for tables); this module only decides which one applies
and how their output is laid out, so that later stages see one shape: pages of text with
tables as one row per line and cells separated by a TAB (loaders/table_text.py). Formats
are told apart by their content (magic bytes) first and by the file suffix second, because
downloaded policy files are often misnamed.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from loaders.layout_tables import layout_tables
from loaders.pdf_tables import with_tables
from loaders.radicals import unify_radicals
from loaders.table_text import pipe_tables, table_lines

#: Encodings preferred when charset detection is torn: policy documents are Chinese, and
#: short GB18030 texts are otherwise often read as Korean or Japanese code pages.
CHINESE_ENCODINGS = ("gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs")
#: Share of control characters above which decoded "text" is really binary data.
MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
#: Longest cell of a data table; longer cells hold running text (a layout table).
MAX_CELL_CHARS = 300
#: Most rows or columns one HTML cell may span (what a real page's table holds at the most).
MAX_SPAN = 1000


class UnreadableInput(Exception):
    """The file cannot be read as a policy document; `reason` is one short line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Page:
    """Text of one physical page (`number` counts from 1), or of a whole unpaged file."""

    number: int | None
    text: str


@dataclass(frozen=True)
class RawText:
    """What a reader returns.

    `wrapped` says whether line breaks are layout (a PDF or a text dump of one, where a
    sentence runs over several lines) rather than paragraph breaks (html, docx). `title` is
    the title the file states apart from its text (a web page's <h1>), when it states one.
    """

    pages: tuple[Page, ...]
    wrapped: bool
    title: str | None = None


def read_file(path: Path) -> RawText:
    """Read `path` with the reader its content calls for; UnreadableInput if it has none."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableInput("is a directory") from None
    except FileNotFoundError:
        raise UnreadableInput("no such file") from None
    except OSError as err:
        raise UnreadableInput(f"cannot read ({err.strerror or err})") from None
    if not data.strip():
        raise UnreadableInput("empty file")
    raw = _reader_for(data, path.suffix.lower())(data)
    if not any(page.text.strip() for page in raw.pages):
        raise UnreadableInput("no text found")
    return raw


def _reader_for(data: bytes, suffix: str) -> Callable[[bytes], RawText]:
    if data.startswith(b"%PDF"):
        return read_pdf
    if data.startswith(b"PK\x03\x04"):
        return read_docx
    if suffix in (".html", ".htm", ".xhtml"):
        return read_html
    if suffix == ".pdf":
        raise UnreadableInput("not a PDF file (no %PDF header)")
    if suffix == ".docx":
        raise UnreadableInput("not a DOCX file (not a zip archive)")
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return read_html
    return read_txt


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding: BOMs and valid UTF-8 first, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise UnreadableInput("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableInput("undecodable text (no known encoding fits)")
    chinese = [m for m in matches if m.encoding in CHINESE_ENCODINGS]
    best = chinese[0] if chinese else matches[0]
    encoding = "gb18030" if best.encoding in ("gbk", "gb2312") else best.encoding
    text = data.decode(encoding, errors="strict")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UnreadableInput("binary file")
    return text


def _control_share(text: str) -> float:
    """Share of C0 control characters other than line, tab and page breaks (one C-speed scan)."""
    return len(_CONTROL.findall(text)) / max(len(text), 1)


def read_txt(data: bytes) -> RawText:
    """Plain text; a form feed marks a page break as in `pdftotext` output, and a pipe table
    or a table aligned with spaces (`pdftotext -layout`) is a table like any other (rows of
    TAB-separated cells)."""
    text = layout_tables(pipe_tables(decode(data).replace("\r\n", "\n").replace("\r", "\n")))
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UnreadableInput("binary file")
    if "\f" in text:
        parts = text.split("\f")
        pages = tuple(Page(n, part) for n, part in enumerate(parts, start=1) if part.strip())
        return RawText(pages, wrapped=True)
    return RawText((Page(None, text),), wrapped=True)


def read_html(data: bytes) -> RawText:
    """HTML without scripts and styles, one block element per line, table rows by line."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(decode(data), "lxml")
    title = _page_title(soup)
    for hidden in soup(["script", "style", "noscript", "template", "head"]):
        hidden.decompose()
    lines: list[str] = []
    blocks = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "pre", "section"]
    body = soup.body or soup
    data_tables = [table for table in body.find_all("table") if _is_data_table(table)]
    for table in data_tables:
        table.replace_with(soup.new_string("\n" + "\n".join(table_lines(_html_grid(table))) + "\n"))
    for block in body.find_all([*blocks, "td", "th"]):
        if isinstance(block, Tag):
            block.insert_before("\n")
            block.insert_after("\n")
    for line in body.get_text().split("\n"):
        if line.strip():
            lines.append(line.strip() if "\t" not in line else line.strip(" \n"))
    return RawText((Page(None, "\n".join(lines)),), wrapped=False, title=title)


def _page_title(soup: Any) -> str | None:
    """The page's own title: its first <h1>, else its <title> without the site's name after
    `_`, `|` or ` - ` (a government page: `关于…的通知_广州市人民政府门户网站`). A sidebar or a
    list of related links holds titles too; the splitter prefers this one where it stands."""
    heading = soup.find("h1")
    text = " ".join(heading.get_text().split()) if heading is not None else ""
    if not text and soup.title is not None:
        text = _SITE_SUFFIX.split(" ".join(soup.title.get_text().split()))[0]
    return text or None


_SITE_SUFFIX = re.compile(r"\s*(?:_|\||｜| - | — )\s*")


def _is_data_table(table: Any) -> bool:
    """A table of data (rows of short cells) rather than page layout holding paragraphs.

    Old government sites lay whole pages out in nested tables, or in one column of cells
    holding the article; flattening those into rows would glue every paragraph of the policy
    into one line. A data table's cells may still hold paragraphs of their own (<p>, as Word
    pastes every cell): those are the cell's lines.
    """
    if table.find("table") is not None:
        return False
    rows = [row.find_all(["td", "th"], recursive=False) for row in table.find_all("tr")]
    if max(map(len, rows), default=0) < 2:
        return False
    return all(len(cell.get_text()) <= MAX_CELL_CHARS for row in rows for cell in row)


def _html_grid(table: Any) -> list[list[list[str]]]:
    """The table's rows as a grid of cells (each as its lines), merged cells laid out.

    A cell with rowspan stands again in each row it covers (a 牵头单位 merged over two tasks
    leads both), and one with colspan fills its first column with the others left empty, so
    every cell keeps its column. A row of one cell (`<td colspan="4">一、…</td>`) stays one
    cell: a group heading for `table_lines`.
    """
    grid: list[list[list[str]]] = []
    below: dict[int, tuple[list[str], int]] = {}  # column → (lines, rows it still covers)
    for tr in table.find_all("tr"):
        cells = tr.find_all(["td", "th"], recursive=False)
        if len(cells) == 1 and not below:
            grid.append([_html_cell_lines(cells[0])])
            _span(cells[0], "rowspan")  # a heading merged downwards too is still one heading
            continue
        row: list[list[str]] = []
        for cell in cells:
            _carry(row, below)
            lines = _html_cell_lines(cell)
            down = _span(cell, "rowspan") - 1
            for offset in range(_span(cell, "colspan")):
                value = lines if offset == 0 else [""]
                if down:
                    below[len(row)] = (value, down)
                row.append(value)
        _carry(row, below, rest=True)
        grid.append(row)
    return grid


def _carry(row: list[list[str]], below: dict[int, tuple[list[str], int]], rest: bool = False) -> None:
    """Fill `row` with the cells that rows above merge into it, at its next column (or at all
    columns still covered, `rest`, once the row's own cells are placed)."""
    while len(row) in below or (rest and any(column >= len(row) for column in below)):
        lines, left = below.pop(len(row), ([""], 0))
        if left > 1:
            below[len(row)] = (lines, left - 1)
        row.append(lines)


def _span(cell: Any, attribute: str) -> int:
    """A cell's rowspan or colspan: digits as browsers read them, at least 1, at most a page's."""
    digits = re.match(r"\s*(\d+)", str(cell.get(attribute) or ""))
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1


def _html_cell_lines(cell: Any) -> list[str]:
    """A cell's lines as its <br> tags and its paragraphs (<p>, <div>, <li>) break it; source
    line breaks are only spacing."""
    for br in cell.find_all("br"):
        br.replace_with(_CELL_BREAK)
    for block in cell.find_all(["p", "div", "li"]):
        block.insert_before(_CELL_BREAK)
        block.insert_after(_CELL_BREAK)
    lines = [line for line in cell.get_text(" ").split(_CELL_BREAK) if line.strip()]
    return lines or [""]


_CELL_BREAK = "\x00"


def read_docx(data: bytes) -> RawText:
    """DOCX paragraphs and tables in document order, tables one row per line."""
    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UnreadableInput(f"not a readable DOCX file ({err})") from None
    return RawText((Page(None, "\n".join(_docx_blocks(document.element.body, document))),), wrapped=False)


#: Runs a reader does not see: deleted or moved-away text (tracked changes) and text boxes,
#: which float apart from the paragraph that anchors them.
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"


def _docx_blocks(container: Any, document: Any) -> Iterator[str]:
    """The lines of a body, a table cell or a content control, in document order.

    python-docx's own iteration knows only paragraphs and tables standing directly in the
    body, so text that template-made documents wrap in block content controls (w:sdt) or
    custom XML would be lost; they are walked into here.
    """
    from docx.oxml.ns import qn
    from docx.table import Table

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield _docx_paragraph(child)
        elif child.tag == qn("w:tbl"):
            yield from _docx_rows(Table(child, document), document)
        elif child.tag == qn("w:customXml"):
            yield from _docx_blocks(child, document)
        elif child.tag == qn("w:sdt") and (content := child.find(qn("w:sdtContent"))) is not None:
            yield from _docx_blocks(content, document)


def _docx_paragraph(paragraph: Any) -> str:
    """A paragraph's visible text, as a reader of the document sees it.

    python-docx's Paragraph.text reads only runs standing directly in the paragraph or in a
    hyperlink, so a name inside tracked insertions (w:ins), smart tags, inline content
    controls (w:sdt) or fields vanished; every run that is shown counts here, each rendered
    by python-docx (tabs, line breaks).
    """
    return "".join(run.text for run in paragraph.xpath(_VISIBLE_RUNS))


def _docx_rows(table: Any, document: Any) -> Iterator[str]:
    """A DOCX table as grid rows for `table_lines`.

    python-docx gives each row one cell per grid column: a cell merged across columns again
    for each (kept in its first column, the others left empty; a row that is one cell is a
    group heading) and a cell merged down (vMerge) again in each row it covers.
    """
    rows: list[list[list[str]]] = []
    for row in table.rows:
        cells = row.cells
        elements = [cell._tc for cell in cells]
        if len(cells) > 1 and all(element is elements[0] for element in elements):
            rows.append([_docx_cell_lines(cells[0], document)])
            continue
        rows.append(
            [
                [""] if column and element is elements[column - 1] else _docx_cell_lines(cell, document)
                for column, (cell, element) in enumerate(zip(cells, elements, strict=True))
            ]
        )
    return table_lines(rows)


def _docx_cell_lines(cell: Any, document: Any) -> list[str]:
    """A cell's lines: its paragraphs and line breaks; a table nested in it gives its rows
    as lines of the cell, cells apart by a space (a TAB would split the outer row)."""
    text = "\n".join(_docx_blocks(cell._tc, document))
    return text.replace("\t", " ").split("\n")


def read_pdf(data: bytes) -> RawText:
    """The PDF text layer page by page, task tables by their cells (loaders/pdf_tables.py),
    radical code points as the characters they stand for (loaders/radicals.py); a scanned PDF
    without a text layer has no text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet(PDF_LOGGERS):
            texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
            pages = tuple(
                Page(number, unify_radicals(text))
                for number, text in enumerate(with_tables(data, texts), start=1)
            )
    except (PdfReadError, ValueError, KeyError) as err:
        raise UnreadableInput(f"not a readable PDF file ({err})") from None
    if not any(page.text.strip() for page in pages):
        raise UnreadableInput("PDF has no text layer (scanned image?)")
    return RawText(pages, wrapped=True)


#: Libraries that log what they recover from in a PDF (`EOF marker not found`, pdfminer's
#: `Could not get FontBBox from font descriptor…`, dozens per valid file).
PDF_LOGGERS = ("pypdf", "pdfminer")


@contextmanager
def _quiet(names: tuple[str, ...]) -> Iterator[None]:
    """Silence these libraries' loggers for one read, then restore their levels.

    With no logging configured, Python prints their warnings bare on stderr, ahead of our own
    one-line reason (`not a readable PDF file (…)`) or with no reason at all on a file that
    reads well. The root logger, the application's, is left alone.
    """
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
