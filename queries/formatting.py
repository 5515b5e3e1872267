"""Render query answers as a table, JSON or CSV: the `--format` every command shares.

One renderer for the console, the canned questions and the analytics, so a researcher who
pipes `policykg query … --format csv` into a spreadsheet gets the same shape from every
command: JSON is an array of objects keyed by column, CSV has one header row, and the table
aligns Chinese names by display width (tabulate's wide-character mode).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from typing import Any, Literal, get_args

from tabulate import tabulate

Format = Literal["table", "json", "csv"]
FORMATS: tuple[str, ...] = get_args(Format)


@dataclasses.dataclass(frozen=True)
class Table:
    """Columns plus rows of plain values: what every renderer consumes."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    @classmethod
    def of(cls, row_type: type, items: Sequence[Any]) -> Table:
        """A table from dataclass rows; `row_type` names the columns even when there are no rows."""
        columns = tuple(f.name for f in dataclasses.fields(row_type))
        return cls(columns, tuple(tuple(getattr(item, c) for c in columns) for item in items))

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def render(table: Table, fmt: str) -> str:
    """The text of `table` in `fmt` (one of FORMATS), without a trailing newline."""
    if fmt == "json":
        return json.dumps(table.records(), ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        return _csv(table)
    if fmt == "table":
        return _text_table(table)
    raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")


def _csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([[_flat(value) for value in row] for row in table.rows])
    return out.getvalue().rstrip("\n")


def _text_table(table: Table) -> str:
    if not table.rows:
        return "(no rows)  columns: " + ", ".join(table.columns)
    cells = [[_cell(value) for value in row] for row in table.rows]
    return tabulate(cells, headers=list(table.columns), disable_numparse=True)


def _flat(value: Any) -> Any:
    """Scalars stay as they are; lists and maps become JSON so a CSV cell keeps their structure."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def _cell(value: Any) -> str:
    """A readable table cell: lists joined by the Chinese enumeration comma, floats rounded."""
    if isinstance(value, list | tuple):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)
