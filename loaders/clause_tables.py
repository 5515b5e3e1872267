"""Assignments in task tables: readers render each row as one line of TAB-separated cells.

A header row whose cells are role labels (牵头单位, 责任单位, 配合单位…) turns the cells of the
rows below it, in those columns, into one clause per row. The table ends at the first line
without a TAB.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.clause_grammar import HEADER_CELL, Roles, label_role, parse_labelled_value
from loaders.clause_types import Candidate

_EMPTY_CELL = re.compile(r"^[\s\-—/／无]*$")


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
    match = HEADER_CELL.match(cell)
    return label_role(match.group("label")) if match else None


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
