"""The output shape of `policykg extract`: one flat row per clause, as JSON or a table.

Rows are what researchers diff, grep and score against gold files, so the shape is fixed
by the issue (document, section path, task, clause, form, roles, deadline, source) and
kept independent of how records are stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from loaders.records import ROLES, AgencyRef, Document
from loaders.text_width import display_width

#: Widest a table cell may grow before it is cut with an ellipsis.
MAX_CELL_WIDTH = 48


def _agency(ref: AgencyRef) -> dict[str, Any]:
    return {"mention": ref.mention, "agency": ref.name, "kind": ref.kind}


def clause_rows(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """One JSON-ready dict per clause of every task, in reading order."""
    rows: list[dict[str, Any]] = []
    for document in documents:
        for task in document.tasks:
            clause = task.clause
            row: dict[str, Any] = {
                "document": document.title,
                "section": list(task.section_path),
                "task": task.text,
                "clause": clause.text,
                "form": clause.form,
            }
            for role, refs in clause.by_role().items():
                row[role] = [_agency(ref) for ref in refs]
            row["deadline"] = task.deadline.text if task.deadline else None
            row["source"] = {
                "file": clause.span.file,
                "start": clause.span.start,
                "end": clause.span.end,
                "page": clause.span.page,
            }
            rows.append(row)
    return rows


def _cell(text: str) -> str:
    if display_width(text) <= MAX_CELL_WIDTH:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > MAX_CELL_WIDTH - 1:
            break
        out += ch
    return out + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(rows: list[dict[str, Any]]) -> str:
    """A readable fixed-width summary: where each clause is and who it names in each role."""
    header = ["document", "section", "page", "form", *ROLES]
    lines = [header]
    for row in rows:
        lines.append(
            [
                row["document"],
                row["section"][-1] if row["section"] else "",
                str(row["source"]["page"] or ""),
                row["form"],
                *("、".join(a["mention"] for a in row[role]) for role in ROLES),
            ]
        )
    cells = [[_cell(value) for value in line] for line in lines]
    widths = [max(display_width(line[i]) for line in cells) for i in range(len(header))]
    rendered = ["  ".join(_pad(v, w) for v, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    rendered.insert(1, "  ".join("-" * w for w in widths))
    rendered.append(f"{len(rows)} clauses")
    return "\n".join(rendered)
