"""Assignments in task tables: readers render each row as one line of TAB-separated cells.

A header row whose cells are role labels (牵头单位, 责任单位, 配合单位…) turns the cells of the
rows below it, in those columns, into one clause per row. The table ends at the first line
without a TAB. A table flattened to one cell per line (a PDF's text layer, a web table copied
as text) is read too, from its role header cells standing on lines of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.clause_grammar import (
    HEADER_CELL,
    HEADER_LINE,
    Assignment,
    Roles,
    label_role,
    parse_bare_list,
    parse_labelled_value,
)
from loaders.clause_types import Candidate

_EMPTY_CELL = re.compile(r"^[\s\-—/／无]*$")
# Where a flattened table ends: a signature's date line, an attachment, a new addressee line.
_DATE = r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
_DATE_LINE = re.compile(_DATE)
_AFTER_TABLE = re.compile(_DATE + r"|^附件|[:：]$")
# A header cell that names no role (序号, 重点任务, 完成时限): short, no sentence punctuation.
_PLAIN_HEADER_CELL = re.compile(r"^[^，。；：,;:]{1,10}$")
_WRAPPED_PIECE = 6


def table_candidates(text: str) -> list[Candidate]:
    """One clause per row of a labelled task table, from its non-empty role cells."""
    candidates: list[Candidate] = []
    if "\t" not in text:
        return candidates  # no table at all: spare the walk over every line
    header: list[str | None] | None = None
    for line_start, line in _lines(text):
        if "\t" not in line:
            header = None
            continue
        cells = list(_cells(line, line_start))
        roles = [_header_role(cell) for _, cell in cells]
        if any(roles):
            header = roles
            continue
        if header is not None:
            candidates += _row(text, cells, header)
    return candidates


def _row(text: str, cells: list[tuple[int, str]], header: list[str | None]) -> list[Candidate]:
    """The one clause of a row: its role cells, aligned to the header (a short row, with merged
    cells, aligns from the right), from the first to the last that names a body.

    A row is one task, so its lead and co-owner cells make one assignment, as a bracket
    holding `甲部牵头，乙局配合` does.
    """
    shift = len(header) - len(cells) if len(cells) < len(header) else 0
    column_roles = [header[i + shift] if i + shift < len(header) else None for i in range(len(cells))]
    has_lead = any(
        role == "leads" and not _EMPTY_CELL.match(cell)
        for (_, cell), role in zip(cells, column_roles, strict=True)
    )
    roles = Roles()
    span: tuple[int, int] | None = None
    for (start, cell), role in zip(cells, column_roles, strict=True):
        if role is None or _EMPTY_CELL.match(cell):
            continue
        stripped_start = start + len(cell) - len(cell.lstrip())
        stripped_end = start + len(cell.rstrip())
        value_role = "co" if role == "resp" and has_lead else role
        found = parse_labelled_value(text[stripped_start:stripped_end], value_role)
        if not found.empty():
            roles.merge(found)
            span = (stripped_start, stripped_end) if span is None else (span[0], stripped_end)
    if span is None:
        return []
    return [Candidate(span[0], span[1], "parenthetical", roles.frozen())]


def _header_role(cell: str) -> str | None:
    """A header cell's role; a cell set over two lines (`协助 单位`) or naming alternatives
    (`责任单位 或牵头单位`: the body that answers for the task, or leads it) reads whole, and
    alternatives that include a lead lead."""
    match = HEADER_CELL.match(cell)
    if match:
        return label_role(match.group("label"))
    if " " not in cell and "或" not in cell and "/" not in cell:
        return None
    parts = _ALTERNATIVES.split("".join(cell.split()))
    matches = [HEADER_CELL.match(part) for part in parts]
    if not all(matches):
        return None
    roles = {label_role(m.group("label")) for m in matches if m}
    return "leads" if "leads" in roles else min(roles)


_ALTERNATIVES = re.compile("或|/")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _cells(line: str, line_start: int) -> Iterator[tuple[int, str]]:
    offset = line_start
    for cell in line.split("\t"):
        yield offset, cell
        offset += len(cell) + 1


def flat_table_candidates(text: str) -> list[Candidate]:
    """One clause per row of a task table flattened one cell per line.

    Its header has its role cells (牵头单位, 责任单位 …) on lines of their own among the other
    short header cells (序号, 重点任务); below it, each run of lines that only name bodies is
    one row's role cells, its k-th line the k-th role column's (lines past the last column
    list more of its bodies; a name wrapped onto the next line is read whole). Every other
    line (a serial, a task's text, a group heading) ends a row; a date line, an attachment or
    a new addressee line ends the table.
    """
    if HEADER_LINE.search(text) is None:
        return []  # no role header cell on a line of its own: spare the walk over every line
    cells = [
        (start + len(line) - len(line.lstrip()), line.strip()) for start, line in _lines(text) if line.strip()
    ]
    candidates: list[Candidate] = []
    header: list[str] = []
    in_header = False
    run: list[tuple[int, int, Assignment]] = []
    index = 0
    while index < len(cells):
        start, cell = cells[index]
        index += 1
        role = _header_role(cell) if HEADER_CELL.match(cell) else None
        if role is not None:
            header = [*header, role] if in_header else [role]
            in_header = True
            continue
        if in_header and _PLAIN_HEADER_CELL.match(cell):
            continue  # another header cell of the same header (序号, 完成时限)
        in_header = False
        if not header:
            continue
        if _AFTER_TABLE.search(cell):
            if not _DATE_LINE.match(cell):  # names right above a date sign the document
                candidates += _flat_row(run)
            header, run = [], []
            continue
        column_role = _column_role(header, min(len(run), len(header) - 1))
        found = parse_bare_list(cell, column_role)
        end = start + len(cell)
        if found is None and index < len(cells) and _wrapped(cell, cells[index][1]):
            found = parse_bare_list(cell + cells[index][1], column_role)
            if found is not None:
                end = cells[index][0] + len(cells[index][1])
                index += 1
        if found is None:
            candidates += _flat_row(run)
            run = []
        else:
            run.append((start, end, found))
    return candidates + _flat_row(run)


def _wrapped(cell: str, following: str) -> bool:
    """Whether a list of names may run on into the next line (市公安局、市税务 / 局): only a
    list wraps inside its last name, and what wrapped is a short piece of one name."""
    return "、" in cell and len(following) <= _WRAPPED_PIECE and "、" not in following


def _column_role(header: list[str], column: int) -> str:
    """A role column's role; 责任单位 beside a 牵头单位 column co-owns, as in a TAB table."""
    role = header[column]
    return "co" if role == "resp" and "leads" in header else role


def _flat_row(run: list[tuple[int, int, Assignment]]) -> list[Candidate]:
    if not run:
        return []
    roles = Roles()
    for _, _, found in run:
        roles.merge(found)
    return [Candidate(run[0][0], run[-1][1], "parenthetical", roles.frozen())]
