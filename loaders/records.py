"""The records the loaders produce and the graph layer consumes.

They are plain frozen dataclasses so that loaders stay pure functions over text and the
graph layer never needs to know how a record was found. Everything the graph stores about
a task (where it is, who owns it, by when) is here, nothing about how it will be stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Role = Literal["leads", "co", "sole"]
ROLES: tuple[Role, ...] = ("leads", "co", "sole")
ClauseForm = Literal["parenthetical", "inline"]
AgencyKind = Literal["agency", "generic", "unknown"]


@dataclass(frozen=True)
class Span:
    """Where a piece of text sits: offsets index the *cleaned* text of `file`."""

    file: str
    start: int
    end: int
    page: int | None


@dataclass(frozen=True)
class AgencyRef:
    """One agency mention, resolved against the registry (or explicitly not).

    `mention` is the name exactly as written in the clause; `name`/`id` are the canonical
    registry entry current at the document's date, or None when the registry does not know
    the mention (`kind == "unknown"`). Generic bodies such as 有关部门 have `kind == "generic"`.
    """

    mention: str
    name: str | None
    id: str | None
    kind: AgencyKind
    level: str | None = None


@dataclass(frozen=True)
class Deadline:
    """A task deadline: the phrase as written plus its normalised interval when it has one.

    `start`/`end` bound the interval (equal for a single day such as 2022年底前 → 2022-12-31);
    both are None for phrases such as 长期坚持 or 持续推进 (`kind == "ongoing"`) and for
    phrases the parser could not read (`kind == "text"`).
    """

    text: str
    start: date | None
    end: date | None
    kind: Literal["date", "interval", "ongoing", "text"]


@dataclass(frozen=True)
class Clause:
    """A responsibility assignment exactly as it stands in the cleaned text."""

    text: str
    form: ClauseForm
    leads: tuple[AgencyRef, ...]
    co: tuple[AgencyRef, ...]
    sole: tuple[AgencyRef, ...]
    span: Span

    def by_role(self) -> dict[Role, tuple[AgencyRef, ...]]:
        return {"leads": self.leads, "co": self.co, "sole": self.sole}


@dataclass(frozen=True)
class Task:
    """The unit a responsibility clause attaches to: one clause and the text it governs."""

    id: str
    text: str
    section_path: tuple[str, ...]
    span: Span
    clause: Clause
    deadline: Deadline | None


@dataclass(frozen=True)
class Section:
    """A heading of the document's hierarchy; `path` holds the titles from the top down."""

    id: str
    title: str
    path: tuple[str, ...]
    level: int


@dataclass(frozen=True)
class Document:
    """One policy document; a compilation file yields several.

    `text` is the cleaned text of this document only; `span` locates it in the cleaned
    text of the whole source file, which is what every task span indexes. `issuer` is the
    issuing line as written; `issuers` resolves each body of a joint issue
    (国务院办公厅、中央军委办公厅) on its own.
    """

    id: str
    title: str
    issuer: str | None
    issuers: tuple[AgencyRef, ...]
    doc_number: str | None
    published: date | None
    source_file: str
    span: Span
    text: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    tasks: tuple[Task, ...] = field(default_factory=tuple)
