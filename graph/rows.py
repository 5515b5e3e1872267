"""Records → plain rows: the nodes and edges a document adds to the graph, engine-free.

Both write paths render the same rows: Cypher `UNWIND $rows …` statements for incremental
writes (graph/ingest.py) and FalkorDB's binary bulk format for fresh loads (graph/bulk.py).
Deriving them once means the two paths cannot disagree about what a document contributes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph import schema
from graph.derived import with_counts
from graph.dialect import iso_date
from graph.terms import index_terms
from loaders.records import AgencyRef, Document, Section, Task

Row = dict[str, Any]


@dataclass(frozen=True)
class DocumentRows:
    """What one document adds: its own nodes, the shared nodes it refers to, and the edges.

    `agencies` are MERGEd by id (first writer's properties win); dates are shared nodes too,
    named by value in `published` and `due_by`. `roles` maps a relationship type to rows
    `{agency, task, mention}`, one per distinct (agency, task) pair.
    """

    document: Row
    published: str | None
    issuers: list[str]
    agencies: list[Row]
    sections: list[Row]
    tasks: list[Row]
    in_section: list[Row]
    due_by: list[Row]
    roles: dict[str, list[Row]]


def agency_id(ref: AgencyRef) -> str:
    """The registry id, or one derived from the mention for generic/unknown bodies (stable)."""
    if ref.id is not None:
        return ref.id
    return f"{ref.kind}-" + hashlib.sha1(ref.mention.encode("utf-8")).hexdigest()[:12]


def registry_rows(agencies: Iterable[Any], successions: Iterable[Any]) -> tuple[list[Row], list[Row]]:
    """Registry agencies (with short names) and their SUCCEEDED_BY steps."""
    rows = [
        {"id": a.id, "name": a.name, "short_names": list(a.short_names), "kind": a.kind, "level": a.level}
        for a in agencies
    ]
    steps = [{"from_id": s.from_id, "to_id": s.to_id, "year": s.year} for s in successions]
    return rows, steps


def document_rows(doc: Document) -> DocumentRows:
    """Every row `doc` contributes, in the shapes both write paths consume."""
    refs = [ref for task in doc.tasks for refs in task.clause.by_role().values() for ref in refs]
    refs += doc.issuers
    section_ids = {section.path: section.id for section in doc.sections}
    return with_counts(
        DocumentRows(
            document=_document_props(doc),
            published=iso_date(doc.published),
            issuers=[agency_id(ref) for ref in doc.issuers],
            agencies=_agency_rows(refs),
            sections=[_section_props(doc, s) for s in doc.sections],
            tasks=[_task_props(doc, t) for t in doc.tasks],
            in_section=[
                {"task": t.id, "section": section_ids[t.section_path]}
                for t in doc.tasks
                if t.section_path in section_ids
            ],
            due_by=[
                {"task": t.id, "date": iso_date(t.deadline.end)}
                for t in doc.tasks
                if t.deadline is not None and t.deadline.end is not None
            ],
            roles=_role_rows(doc.tasks),
        )
    )


def _role_rows(tasks: Sequence[Task]) -> dict[str, list[Row]]:
    """Per relationship type, one row per distinct (agency, task) pair, the first mention kept."""
    rows: dict[str, dict[tuple[str, str], Row]] = {rel: {} for rel in schema.ROLE_RELATIONSHIP.values()}
    for task in tasks:
        for role, refs in task.clause.by_role().items():
            by_pair = rows[schema.ROLE_RELATIONSHIP[role]]
            for ref in refs:
                key = (agency_id(ref), task.id)
                if key not in by_pair:
                    by_pair[key] = {"agency": key[0], "task": task.id, "mention": ref.mention}
    return {rel: list(by_pair.values()) for rel, by_pair in rows.items()}


def _agency_rows(refs: Iterable[AgencyRef]) -> list[Row]:
    rows = {
        agency_id(ref): {
            "id": agency_id(ref),
            "name": ref.name or ref.mention,
            "kind": ref.kind,
            "level": ref.level,
        }
        for ref in refs
    }
    return list(rows.values())


def _document_props(doc: Document) -> Row:
    return {
        "id": doc.id,
        "title": doc.title,
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "published": iso_date(doc.published),
        "source_file": doc.source_file,
        "start": doc.span.start,
        "text": doc.text,
    }


def _section_props(doc: Document, section: Section) -> Row:
    return {
        "id": section.id,
        "title": section.title,
        "path": schema.SECTION_PATH_SEPARATOR.join(section.path),
        "level": section.level,
        "document_id": doc.id,
    }


def _task_props(doc: Document, task: Task) -> Row:
    deadline = task.deadline
    return {
        "id": task.id,
        "text": task.text,
        "clause": task.clause.text,
        "form": task.clause.form,
        "deadline": iso_date(deadline.end) if deadline is not None else None,
        "deadline_text": deadline.text if deadline is not None else None,
        "start": task.span.start,
        "end": task.span.end,
        "page": task.span.page,
        "section": schema.SECTION_PATH_SEPARATOR.join(task.section_path),
        "document_id": doc.id,
        "terms": _task_terms(task),
    }


def _task_terms(task: Task) -> str:
    """What keyword search indexes: the task text, and the clause where the text lacks it."""
    clause = task.clause.text
    return index_terms(task.text) if clause in task.text else index_terms(task.text, clause)
