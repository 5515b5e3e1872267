"""One search box over agencies (by any alias), task text and documents, results grouped.

Researchers type whatever name they know: 知识产权局, 国家知识产权局 or a word from a task. The
registry resolves aliases to a canonical agency first (as the canned questions do); names,
short names, task text, clause text, document titles and 文号 are then matched with CONTAINS,
which both engines run and which needs no Chinese tokeniser. Tasks, the one group that grows
to millions, are found as who-leads finds them (queries/first_tasks.py): the first documents
in order, then the full-text index over bigram terms (graph/terms.py) with every candidate
checked by CONTAINS, so answers equal a scan's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from graph.store import GraphStore
from loaders.agencies import normalise
from queries.first_tasks import ANSWER_ORDER, first_tasks

DEFAULT_LIMIT: Final = 25

_AGENCIES = """
MATCH (a:Agency)
WHERE a.id = $agency_id OR a.name = $agency_name OR a.name CONTAINS $text
   OR any(alias IN coalesce(a.short_names, []) WHERE alias CONTAINS $text)
OPTIONAL MATCH (a)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)
RETURN a.id AS agency_id, a.name AS name, coalesce(a.short_names, []) AS aliases, a.kind AS kind,
       count(t) AS tasks
ORDER BY tasks DESC, name
LIMIT $limit
"""
_TASK_MATCH = "(t.text CONTAINS $text OR t.clause CONTAINS $text OR t.clause CONTAINS $agency_name)"
_TASK_PAGE = f"""
RETURN t.id AS task_id, t.text AS task, t.clause AS clause, d.id AS document_id, d.title AS document,
       t.page AS page
ORDER BY {ANSWER_ORDER}
LIMIT $limit
"""
_DOCUMENTS = """
MATCH (d:Document)
WHERE d.title CONTAINS $text OR d.doc_number CONTAINS $text OR d.issuer CONTAINS $text
OPTIONAL MATCH (t:Task)-[:IN_DOCUMENT]->(d)
RETURN d.id AS document_id, d.title AS title, d.issuer AS issuer, d.doc_number AS doc_number,
       d.published AS published, count(t) AS tasks
ORDER BY published, title
LIMIT $limit
"""


@dataclass(frozen=True)
class AgencyHit:
    """An agency whose name or alias matches, with how many tasks it is named on."""

    agency_id: str
    name: str
    aliases: list[str]
    kind: str | None
    tasks: int


@dataclass(frozen=True)
class TaskHit:
    """A task whose text or responsibility clause matches."""

    task_id: str
    task: str
    clause: str
    document_id: str
    document: str
    page: int | None


@dataclass(frozen=True)
class DocumentHit:
    """A document whose title, issuer or 文号 matches."""

    document_id: str
    title: str
    issuer: str | None
    doc_number: str | None
    published: str | None
    tasks: int


@dataclass(frozen=True)
class SearchResults:
    """Hits grouped by kind, each group capped at the search limit; `cut` names the groups
    that had more hits than the limit."""

    agencies: list[AgencyHit] = field(default_factory=list)
    tasks: list[TaskHit] = field(default_factory=list)
    documents: list[DocumentHit] = field(default_factory=list)
    cut: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        return len(self.agencies) + len(self.tasks) + len(self.documents)


def search(store: GraphStore, text: str, limit: int = DEFAULT_LIMIT) -> SearchResults:
    """Everything matching `text`; an empty box finds nothing rather than everything."""
    text = text.strip()
    if not text:
        return SearchResults()
    ref = normalise(text)
    # One row past the limit tells whether a group was cut.
    params = {"text": text, "agency_id": ref.id, "agency_name": ref.name or text, "limit": limit + 1}
    groups = {
        "agencies": store.read(_AGENCIES, params).records(),
        "tasks": _tasks(store, params),
        "documents": store.read(_DOCUMENTS, params).records(),
    }
    return SearchResults(
        agencies=[AgencyHit(**row) for row in groups["agencies"][:limit]],
        tasks=[TaskHit(**row) for row in groups["tasks"][:limit]],
        documents=[DocumentHit(**row) for row in groups["documents"][:limit]],
        cut=frozenset(name for name, rows in groups.items() if len(rows) > limit),
    )


def _tasks(store: GraphStore, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Tasks matching the box in document order, found as who-leads finds them (queries/first_tasks.py)."""
    return first_tasks(
        store,
        condition=_TASK_MATCH,
        words=(params["text"], params["agency_name"]),
        params=params,
        page=_TASK_PAGE,
        fetch=lambda cypher, page_params: store.read(cypher, page_params).records(),
        limit=params["limit"],
    )
