"""The one description of the graph's schema: labels, properties, relationship types, indexes.

Researchers write Cypher against these names, the ingest writes them and both backends build
their indexes from `INDEXES`; keeping them in one module means a rename cannot leave one
side behind. docs/schema.md documents the same schema for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from loaders.records import Role

DOCUMENT: Final = "Document"
SECTION: Final = "Section"
TASK: Final = "Task"
AGENCY: Final = "Agency"
DATE: Final = "Date"
AGENCY_PAIR: Final = "AgencyPair"
AGENCY_YEAR: Final = "AgencyYear"

LEADS: Final = "LEADS"
CO_RESPONSIBLE: Final = "CO_RESPONSIBLE"
RESPONSIBLE: Final = "RESPONSIBLE"
IN_SECTION: Final = "IN_SECTION"
IN_DOCUMENT: Final = "IN_DOCUMENT"
ISSUED: Final = "ISSUED"
DUE_BY: Final = "DUE_BY"
PUBLISHED_ON: Final = "PUBLISHED_ON"
SUCCEEDED_BY: Final = "SUCCEEDED_BY"

ROLE_RELATIONSHIP: Final[dict[Role, str]] = {
    "leads": LEADS,
    "co": CO_RESPONSIBLE,
    "sole": RESPONSIBLE,
}
"""A clause role → the relationship from the agency to the task."""
ROLE_OF: Final[dict[str, Role]] = {relationship: role for role, relationship in ROLE_RELATIONSHIP.items()}
"""A relationship type → the clause role it carries (`LEADS` → `leads`)."""

NODE_PROPERTIES: Final[dict[str, tuple[str, ...]]] = {
    DOCUMENT: (
        "id",
        "title",
        "issuer",
        "doc_number",
        "published",
        "source_file",
        "start",
        "text",
        "task_count",
        "unled_count",
        "joint_led_count",
        "generic_only_count",
        "role_owners",
    ),
    SECTION: ("id", "title", "path", "level", "document_id"),
    TASK: (
        "id",
        "text",
        "clause",
        "form",
        "deadline",
        "deadline_text",
        "start",
        "end",
        "page",
        "section",
        "document_id",
        "lead_count",
        "generic_only",
        "terms",
    ),
    AGENCY: ("id", "name", "short_names", "kind", "level", "leads_count", "co_count", "sole_count"),
    DATE: ("value", "due_count"),
    AGENCY_PAIR: ("id", "agency_a", "agency_b", "kind_a", "kind_b", "tasks"),
    AGENCY_YEAR: ("id", "agency_id", "year", "leads", "co", "sole"),
}
"""Every property each label may carry; dates (`published`, `deadline`, `Date.value`) are ISO
`YYYY-MM-DD` strings on every backend, the simplest equality that works on both engines.
A task's file is its document's `source_file`, not repeated on each of a million tasks.
The counts (`*_count`, `generic_only`, `AgencyPair`) are derived data kept by the writers
(graph/derived.py, graph/aggregates.py)."""

SECTION_PATH_SEPARATOR: Final = " > "
"""Joins a section's heading titles from the top down into `Section.path` / `Task.section`."""


@dataclass(frozen=True)
class IndexSpec:
    """A property index; `unique` ones are also uniqueness constraints where the engine has them."""

    label: str
    prop: str
    unique: bool = False


INDEXES: Final[tuple[IndexSpec, ...]] = (
    IndexSpec(DOCUMENT, "id", unique=True),
    IndexSpec(DOCUMENT, "source_file"),
    IndexSpec(DOCUMENT, "title"),
    IndexSpec(SECTION, "id", unique=True),
    IndexSpec(SECTION, "document_id"),
    IndexSpec(TASK, "id", unique=True),
    IndexSpec(TASK, "document_id"),
    IndexSpec(AGENCY, "id", unique=True),
    IndexSpec(AGENCY, "name"),
    IndexSpec(DATE, "value", unique=True),
    IndexSpec(AGENCY_PAIR, "id", unique=True),
    IndexSpec(AGENCY_PAIR, "tasks"),
    IndexSpec(AGENCY_YEAR, "id", unique=True),
    IndexSpec(AGENCY_YEAR, "agency_id"),
)
"""Indexes on every id and name, plus the keys the ingest uses to replace a document."""

FULLTEXT_LABEL: Final = TASK
FULLTEXT_PROPERTY: Final = "terms"
FULLTEXT_INDEX_NAME: Final = "task_terms"
"""Keyword search runs on `Task.terms`: the CJK bigrams of the task's text (graph/terms.py)."""
