"""The loaders composed: a file path in, its documents with sections and tasks out.

read → clean → split into documents → per document: headings, clauses, tasks, agencies,
deadlines. Every offset handed out indexes the cleaned text of the whole file, so one
span type serves a compilation of many documents; ids are content hashes so that
loading the same file twice yields the same records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from loaders.agencies import resolver
from loaders.clauses import RawClause, find_clauses
from loaders.cleaning import CleanText, clean
from loaders.dates import doc_number_year, find_deadline
from loaders.documents import DocumentSlice, document_id, leading_part, split_documents, split_issuers
from loaders.places import document_place
from loaders.readers import UnreadableInput, read_file
from loaders.records import AgencyRef, Clause, Deadline, Document, Section, Span, Task
from loaders.sections import Heading, find_headings, segment_tasks


class LoadError(Exception):
    """A file that cannot be loaded; str() is the one line shown to the user."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def load_file(path: Path) -> list[Document]:
    """All documents in the file at `path`; LoadError when it is not a readable text."""
    try:
        raw = read_file(path)
    except UnreadableInput as err:
        raise LoadError(path, err.reason) from None
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise LoadError(path, "no text left after cleaning")
    return load_text(cleaned, str(path), raw.title)


def load_text(cleaned: CleanText, file: str, stated_title: str | None = None) -> list[Document]:
    """The documents of an already cleaned file text; `file` is recorded in every span, and
    `stated_title` is the title the file gives apart from its text (a web page's <h1>)."""
    fallback = Path(file).stem
    pieces = split_documents(cleaned.text, fallback, stated_title)
    documents = [_document(cleaned, file, piece) for piece in pieces]
    lead = leading_part(cleaned.text, pieces, fallback)
    first = _document(cleaned, file, lead) if lead is not None else None
    return [first, *documents] if first is not None and first.tasks else documents


def _section_deadline(path: tuple[str, ...], published: date | None, year: int | None) -> Deadline | None:
    """A deadline the task's sections set for all their tasks (`二、以下任务于2022年底前完成`),
    the nearest heading first; only for a task that names none itself."""
    for heading in reversed(path):
        found = find_deadline(heading, published, year)
        if found is not None:
            return found
    return None


def _span(cleaned: CleanText, file: str, start: int, end: int) -> Span:
    return Span(file=file, start=start, end=end, page=cleaned.page_map.page_at(start))


def _hash(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()


def _document(cleaned: CleanText, file: str, piece: DocumentSlice) -> Document:
    doc_id = document_id(piece.title, piece.doc_number)
    text = cleaned.text[piece.start : piece.end]
    headings = find_headings(text)
    clauses = find_clauses(text)
    place = document_place(piece.title, piece.issuer, text)
    spans = segment_tasks(text, [(c.start, c.end, c.form) for c in clauses], headings)
    resolve = resolver(piece.published, place)
    year = doc_number_year(piece.doc_number) if piece.doc_number else None
    seen: dict[tuple[str, str, str], int] = {}
    tasks: list[Task] = []
    for raw, task_span in zip(clauses, spans, strict=True):
        clause = _clause(raw, cleaned, file, piece.start, resolve)
        task_text = text[task_span.start : task_span.end]
        key = ("/".join(task_span.path), task_text, clause.text)
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        tasks.append(
            Task(
                id=_hash(doc_id, *key, repeat),
                text=task_text,
                section_path=task_span.path,
                span=_span(cleaned, file, piece.start + task_span.start, piece.start + task_span.end),
                clause=clause,
                deadline=find_deadline(clause.text, piece.published, year)
                or find_deadline(task_text, piece.published, year)
                or _section_deadline(task_span.path, piece.published, year),
            )
        )
    return Document(
        id=doc_id,
        title=piece.title,
        issuer=piece.issuer,
        issuers=tuple(map(resolve, split_issuers(piece.issuer))),
        doc_number=piece.doc_number,
        published=piece.published,
        source_file=file,
        span=_span(cleaned, file, piece.start, piece.end),
        text=text,
        sections=tuple(_section(doc_id, h) for h in headings),
        tasks=tuple(tasks),
    )


def _section(doc_id: str, heading: Heading) -> Section:
    return Section(
        id=_hash(doc_id, "/".join(heading.path))[:16],
        title=heading.title,
        path=heading.path,
        level=heading.level,
    )


def _clause(
    raw: RawClause, cleaned: CleanText, file: str, base: int, resolve: Callable[[str], AgencyRef]
) -> Clause:
    """A clause with every mention resolved by the document's resolver (its date and place)."""
    return Clause(
        text=raw.text,
        form=raw.form,
        leads=tuple(map(resolve, raw.leads)),
        co=tuple(map(resolve, raw.co)),
        sole=tuple(map(resolve, raw.sole)),
        span=_span(cleaned, file, base + raw.start, base + raw.end),
    )
