"""What the document reader shows: a document's cleaned text, its section tree and its clauses.

Task spans index the cleaned text of the whole source file, and a document's `start` says where
it begins in that file, so a task sits at `task.start - document.start` in the document's own
text. The clause is looked up from there, giving the reader exact positions to highlight.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import GraphStore, StoreError
from queries.canned import ROLE_OF

_DOCUMENT = """
MATCH (d:Document {id: $id})
RETURN d.id AS document_id, d.title AS title, d.issuer AS issuer, d.doc_number AS doc_number,
       d.published AS published, d.source_file AS source_file, coalesce(d.start, 0) AS start,
       coalesce(d.text, '') AS text
"""
_SECTIONS = """
MATCH (s:Section {document_id: $id})
RETURN s.title AS title, s.path AS path, s.level AS level
"""
_CLAUSES = """
MATCH (t:Task {document_id: $id})
OPTIONAL MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t)
RETURN t.id AS task_id, t.text AS task, t.clause AS clause, t.form AS form, t.start AS start,
       t.page AS page, t.section AS section, t.deadline_text AS deadline,
       collect([type(r), a.name]) AS owners
ORDER BY start
"""


@dataclass(frozen=True)
class DocumentText:
    """A document's header fields and cleaned text."""

    document_id: str
    title: str
    issuer: str | None
    doc_number: str | None
    published: str | None
    source_file: str | None
    start: int
    text: str


@dataclass(frozen=True)
class SectionEntry:
    """One heading of the section tree."""

    title: str
    path: str | None
    level: int


@dataclass(frozen=True)
class ClauseMark:
    """A responsibility clause located in the document's text, with its task and owners.

    `start`/`end` index the document's own text; both are None when the clause text could
    not be found there (then the reader lists it without highlighting).
    """

    number: int
    task_id: str
    task: str
    clause: str
    form: str | None
    page: int | None
    section: str | None
    deadline: str | None
    leads: tuple[str, ...]
    co: tuple[str, ...]
    sole: tuple[str, ...]
    start: int | None
    end: int | None

    @property
    def role(self) -> str:
        """The clause's strongest role, which colours its highlight: leads, sole or co."""
        return "leads" if self.leads else "sole" if self.sole else "co"


def document_text(store: GraphStore, document_id: str) -> DocumentText:
    """The document `document_id`; raises StoreError when there is none."""
    rows = store.read(_DOCUMENT, {"id": document_id}).records()
    if not rows:
        raise StoreError(f"no document with id {document_id!r}")
    return DocumentText(**rows[0])


def sections(store: GraphStore, document: DocumentText) -> list[SectionEntry]:
    """The document's headings in reading order: where each title first occurs in the text."""
    entries = [
        SectionEntry(row["title"], row["path"], int(row["level"] or 1))
        for row in store.read(_SECTIONS, {"id": document.document_id}).records()
    ]
    return sorted(entries, key=lambda e: (_position(document.text, e.title), e.path or ""))


def _position(text: str, title: str) -> int:
    found = text.find(title)
    return found if found >= 0 else len(text)


def clauses(store: GraphStore, document: DocumentText) -> list[ClauseMark]:
    """Every task's clause in reading order, located in `document.text`."""
    marks = []
    for number, row in enumerate(store.read(_CLAUSES, {"id": document.document_id}).records(), start=1):
        owners: dict[str, list[str]] = {role: [] for role in ROLE_OF.values()}
        for rel, name in row.pop("owners"):
            if rel is not None and name is not None:
                owners[ROLE_OF[rel]].append(name)
        start, end = _locate(document, row["clause"] or "", row.pop("start"))
        marks.append(
            ClauseMark(
                number=number,
                **row,
                leads=tuple(owners["leads"]),
                co=tuple(owners["co"]),
                sole=tuple(owners["sole"]),
                start=start,
                end=end,
            )
        )
    return marks


def _locate(document: DocumentText, clause: str, task_start: int | None) -> tuple[int | None, int | None]:
    """The clause's position in the document text, searched from its task's start."""
    if not clause:
        return None, None
    origin = max((task_start or document.start) - document.start, 0)
    found = document.text.find(clause, origin)
    if found < 0:
        found = document.text.find(clause)
    return (found, found + len(clause)) if found >= 0 else (None, None)
