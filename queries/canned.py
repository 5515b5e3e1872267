"""The questions researchers ask, as named, parameterised Cypher with typed answers.

Every query here runs unchanged on FalkorDB and Neo4j: no `=~`, no EXISTS{}/COUNT{}
subqueries, no elementId()/datetime(); dates are ISO `YYYY-MM-DD` strings compared as
strings, and optional filters are written `($p IS NULL OR …)` so one text serves every
combination of filters. User input only ever travels as parameters. Agencies are named by
any alias: the registry (loaders.agencies.normalise) turns 知识产权局 or 国家知识产权局 into
one canonical id before the query runs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore, StoreError
from loaders.agencies import normalise
from queries.formatting import Table

ROLE_OF: dict[str, str] = {"LEADS": "leads", "CO_RESPONSIBLE": "co", "RESPONSIBLE": "sole"}
RELATIONSHIP_OF: dict[str, str] = {role: rel for rel, role in ROLE_OF.items()}

_AGENCY_MATCH = "(a.id = $agency_id OR a.name = $agency_name)"
_DOCUMENT_FILTER = "($document IS NULL OR d.id = $document OR d.title CONTAINS $document)"
# The three OPTIONAL MATCHes gather a task's owners by role; `t` and `d` are bound before.
_OWNERS = """
OPTIONAL MATCH (l:Agency)-[:LEADS]->(t)
WITH t, d, collect(DISTINCT l.name) AS leads
OPTIONAL MATCH (c:Agency)-[:CO_RESPONSIBLE]->(t)
WITH t, d, leads, collect(DISTINCT c.name) AS co
OPTIONAL MATCH (s:Agency)-[:RESPONSIBLE]->(t)
WITH t, d, leads, co, collect(DISTINCT s.name) AS sole
"""
_TASK_COLUMNS = """
RETURN t.id AS task_id, t.text AS task, t.clause AS clause, d.title AS document,
       t.deadline AS deadline, leads, co, sole
ORDER BY d.title, t.start
"""


@dataclass(frozen=True)
class AgencyTask:
    """A task one agency is responsible for, in one role."""

    task_id: str
    role: str
    mention: str | None
    task: str
    clause: str
    document: str
    published: str | None
    deadline: str | None
    deadline_text: str | None


@dataclass(frozen=True)
class TaskOwners:
    """A task with everyone responsible for it, by role."""

    task_id: str
    task: str
    clause: str
    document: str
    deadline: str | None
    leads: list[str]
    co: list[str]
    sole: list[str]


@dataclass(frozen=True)
class AgencyLoad:
    """How many tasks an agency leads, co-owns and solely owns."""

    agency: str
    kind: str | None
    leads: int
    co: int
    sole: int
    total: int


@dataclass(frozen=True)
class AgencyPair:
    """Two agencies named together on `tasks` tasks (any role)."""

    agency_a: str
    agency_b: str
    tasks: int


@dataclass(frozen=True)
class RoleChange:
    """An agency whose number of tasks in one role differs between two documents."""

    agency: str
    role: str
    before: int
    after: int
    change: int


@dataclass(frozen=True)
class IssuedDocument:
    """A document an agency issued, with its number of tasks."""

    document_id: str
    title: str
    doc_number: str | None
    published: str | None
    tasks: int


@dataclass(frozen=True)
class AgencyProfile:
    """Who an agency is (names, level, 机构改革 lineage) and what it is responsible for."""

    agency_id: str
    name: str
    aliases: list[str]
    kind: str | None
    level: str | None
    predecessors: list[str]
    successors: list[str]
    leads: int
    co: int
    sole: int
    by_year: dict[str, dict[str, int]]


@dataclass(frozen=True)
class GenericShare:
    """Per document: how many tasks are left only to generic bodies such as 有关部门."""

    document: str
    tasks: int
    generic_only: int
    share: float


def _agency_params(agency: str) -> dict[str, str | None]:
    """The registry's canonical id and name for any alias; unknown names match as written."""
    ref = normalise(agency)
    return {"agency_id": ref.id, "agency_name": ref.name or agency.strip()}


def _roles(role: str) -> list[str]:
    if role == "any":
        return list(ROLE_OF)
    if role not in RELATIONSHIP_OF:
        raise StoreError(f"unknown role {role!r}: use any, leads, co or sole")
    return [RELATIONSHIP_OF[role]]


def _year(year: int | str | None) -> str | None:
    return None if year is None else str(year)


def _rows(store: GraphStore, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    return store.read(cypher, params).records()


def agency_tasks(
    store: GraphStore,
    agency: str,
    role: str = "any",
    document: str | None = None,
    year: int | str | None = None,
    due_from: str | None = None,
    due_to: str | None = None,
) -> list[AgencyTask]:
    """Tasks an agency leads, co-owns or solely owns, optionally in one document, year or deadline range."""
    cypher = f"""
    MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE {_AGENCY_MATCH} AND type(r) IN $types AND {_DOCUMENT_FILTER}
      AND ($year IS NULL OR d.published STARTS WITH $year)
      AND ($due_from IS NULL OR t.deadline >= $due_from)
      AND ($due_to IS NULL OR t.deadline <= $due_to)
    RETURN t.id AS task_id, type(r) AS rel, r.mention AS mention, t.text AS task, t.clause AS clause,
           d.title AS document, d.published AS published, t.deadline AS deadline,
           t.deadline_text AS deadline_text
    ORDER BY d.published, d.title, t.start, rel
    """
    params = {
        **_agency_params(agency),
        "types": _roles(role),
        "document": document,
        "year": _year(year),
        "due_from": due_from,
        "due_to": due_to,
    }
    return [AgencyTask(role=ROLE_OF[row.pop("rel")], **row) for row in _rows(store, cypher, params)]


def _task_owners(rows: list[dict[str, Any]]) -> list[TaskOwners]:
    return [
        TaskOwners(
            **{**row, "leads": sorted(row["leads"]), "co": sorted(row["co"]), "sole": sorted(row["sole"])}
        )
        for row in rows
    ]


def who_leads(store: GraphStore, keyword: str, document: str | None = None) -> list[TaskOwners]:
    """Tasks whose text contains `keyword`, with who leads, co-owns and solely owns each."""
    cypher = f"""
    MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE t.text CONTAINS $keyword AND {_DOCUMENT_FILTER}
    {_OWNERS}{_TASK_COLUMNS}
    """
    return _task_owners(_rows(store, cypher, {"keyword": keyword, "document": document}))


def tasks_by_lead_count(
    store: GraphStore, min_leads: int, max_leads: int | None = None, document: str | None = None
) -> list[TaskOwners]:
    """Tasks whose number of leading agencies lies in [min_leads, max_leads]."""
    cypher = f"""
    MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE {_DOCUMENT_FILTER}
    {_OWNERS}
    WITH t, d, leads, co, sole
    WHERE size(leads) >= $min_leads AND ($max_leads IS NULL OR size(leads) <= $max_leads)
    {_TASK_COLUMNS}
    """
    params = {"min_leads": min_leads, "max_leads": max_leads, "document": document}
    return _task_owners(_rows(store, cypher, params))


def several_leads(store: GraphStore, document: str | None = None) -> list[TaskOwners]:
    """Tasks led jointly by two or more agencies (分别牵头 / 共同牵头)."""
    return tasks_by_lead_count(store, 2, None, document)


def no_lead(store: GraphStore, document: str | None = None) -> list[TaskOwners]:
    """Tasks no agency leads: shared 按职责分工负责 work or a sole owner."""
    return tasks_by_lead_count(store, 0, 0, document)


def deadlines(
    store: GraphStore,
    due_from: str | None = None,
    due_to: str | None = None,
    agency: str | None = None,
) -> list[TaskOwners]:
    """Tasks due within [due_from, due_to] (ISO dates), optionally only those of one agency."""
    cypher = f"""
    MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE t.deadline IS NOT NULL
      AND ($due_from IS NULL OR t.deadline >= $due_from)
      AND ($due_to IS NULL OR t.deadline <= $due_to)
    OPTIONAL MATCH (a:Agency)-[:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t)
    WITH t, d, collect(a.id) AS owner_ids, collect(a.name) AS owner_names
    WHERE $filter_agency = false OR $agency_id IN owner_ids OR $agency_name IN owner_names
    {_OWNERS}
    RETURN t.id AS task_id, t.text AS task, t.clause AS clause, d.title AS document,
           t.deadline AS deadline, leads, co, sole
    ORDER BY t.deadline, d.title, t.start
    """
    params: dict[str, Any] = {"due_from": due_from, "due_to": due_to, "filter_agency": agency is not None}
    params.update(_agency_params(agency) if agency else {"agency_id": None, "agency_name": None})
    return _task_owners(_rows(store, cypher, params))


def agency_ranking(
    store: GraphStore,
    by: str = "leads",
    limit: int = 20,
    document: str | None = None,
    include_generic: bool = False,
) -> list[AgencyLoad]:
    """Agencies ranked by tasks they lead (or co-own, solely own, or in total)."""
    if by not in {"leads", "co", "sole", "total"}:
        raise StoreError(f"unknown ranking {by!r}: use leads, co, sole or total")
    cypher = f"""
    MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE ($include_generic OR a.kind <> 'generic') AND {_DOCUMENT_FILTER}
    WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS leads,
         count(CASE WHEN type(r) = 'CO_RESPONSIBLE' THEN 1 END) AS co,
         count(CASE WHEN type(r) = 'RESPONSIBLE' THEN 1 END) AS sole
    WITH a, leads, co, sole, leads + co + sole AS total
    RETURN a.name AS agency, a.kind AS kind, leads, co, sole, total
    ORDER BY CASE $by WHEN 'co' THEN co WHEN 'sole' THEN sole WHEN 'total' THEN total ELSE leads END DESC,
             total DESC, agency
    LIMIT $limit
    """
    params = {"by": by, "limit": limit, "document": document, "include_generic": include_generic}
    return [AgencyLoad(**row) for row in _rows(store, cypher, params)]


def co_responsible_pairs(
    store: GraphStore, limit: int = 20, document: str | None = None, include_generic: bool = False
) -> list[AgencyPair]:
    """Agency pairs named on the same tasks (any role), most frequent first."""
    cypher = f"""
    MATCH (a:Agency)-[:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)-[:IN_DOCUMENT]->(d:Document),
          (b:Agency)-[:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t)
    WHERE a.name < b.name AND {_DOCUMENT_FILTER}
      AND ($include_generic OR (a.kind <> 'generic' AND b.kind <> 'generic'))
    RETURN a.name AS agency_a, b.name AS agency_b, count(DISTINCT t) AS tasks
    ORDER BY tasks DESC, agency_a, agency_b
    LIMIT $limit
    """
    params = {"limit": limit, "document": document, "include_generic": include_generic}
    return [AgencyPair(**row) for row in _rows(store, cypher, params)]


def document_changes(store: GraphStore, old: str, new: str, series: str | None = None) -> list[RoleChange]:
    """Agencies whose task counts per role changed between two documents of a series.

    `old`/`new` are document ids, or years when `series` (a title keyword) picks the series,
    e.g. series=知识产权 old=2021 new=2022.
    """
    cypher = """
    MATCH (d:Document)
    WITH d,
         (d.id = $old OR ($series IS NOT NULL AND d.title CONTAINS $series AND d.published STARTS WITH $old))
           AS is_old,
         (d.id = $new OR ($series IS NOT NULL AND d.title CONTAINS $series AND d.published STARTS WITH $new))
           AS is_new
    WHERE is_old OR is_new
    MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)-[:IN_DOCUMENT]->(d)
    WITH a.name AS agency, type(r) AS rel,
         count(CASE WHEN is_old THEN 1 END) AS before,
         count(CASE WHEN is_new THEN 1 END) AS after
    WHERE before <> after
    RETURN agency, rel, before, after, after - before AS change
    ORDER BY abs(after - before) DESC, agency, rel
    """
    rows = _rows(store, cypher, {"old": str(old), "new": str(new), "series": series})
    return [RoleChange(role=ROLE_OF[row.pop("rel")], **row) for row in rows]


def documents_issued(store: GraphStore, agency: str) -> list[IssuedDocument]:
    """Documents an agency issued, oldest first, with their number of tasks."""
    cypher = f"""
    MATCH (a:Agency)-[:ISSUED]->(d:Document)
    WHERE {_AGENCY_MATCH}
    OPTIONAL MATCH (t:Task)-[:IN_DOCUMENT]->(d)
    RETURN d.id AS document_id, d.title AS title, d.doc_number AS doc_number, d.published AS published,
           count(t) AS tasks
    ORDER BY published, title
    """
    return [IssuedDocument(**row) for row in _rows(store, cypher, _agency_params(agency))]


def agency_profile(store: GraphStore, agency: str) -> list[AgencyProfile]:
    """One agency's names, level, predecessors/successors and task counts by role and year."""
    params = _agency_params(agency)
    identity = f"""
    MATCH (a:Agency) WHERE {_AGENCY_MATCH}
    OPTIONAL MATCH (a)-[:SUCCEEDED_BY]->(s:Agency)
    WITH a, collect(DISTINCT s.name) AS successors
    OPTIONAL MATCH (p:Agency)-[:SUCCEEDED_BY]->(a)
    RETURN a.id AS agency_id, a.name AS name, a.short_names AS aliases, a.kind AS kind, a.level AS level,
           collect(DISTINCT p.name) AS predecessors, successors
    """
    counts = f"""
    MATCH (a:Agency)-[r:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE {_AGENCY_MATCH}
    RETURN a.id AS agency_id, coalesce(substring(d.published, 0, 4), 'undated') AS year, type(r) AS rel,
           count(DISTINCT t) AS tasks
    """
    by_agency: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in _rows(store, counts, params):
        by_agency[row["agency_id"]][row["year"]][ROLE_OF[row["rel"]]] = row["tasks"]
    profiles = []
    for row in _rows(store, identity, params):
        years = {
            year: {role: roles[role] for role in ROLE_OF.values() if role in roles}
            for year, roles in sorted(by_agency[row["agency_id"]].items())
        }
        lists = {key: sorted(row[key] or []) for key in ("aliases", "predecessors", "successors")}
        profiles.append(
            AgencyProfile(
                **{**row, **lists},
                leads=_total(years, "leads"),
                co=_total(years, "co"),
                sole=_total(years, "sole"),
                by_year=years,
            )
        )
    return profiles


def _total(years: Mapping[str, Mapping[str, int]], role: str) -> int:
    return sum(roles.get(role, 0) for roles in years.values())


def generic_share(store: GraphStore, document: str | None = None) -> list[GenericShare]:
    """Per document, the tasks whose only owners are generic bodies (有关部门, 各地区 …)."""
    cypher = f"""
    MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
    WHERE {_DOCUMENT_FILTER}
    OPTIONAL MATCH (a:Agency)-[:LEADS|CO_RESPONSIBLE|RESPONSIBLE]->(t)
    WITH d, t, collect(a.kind) AS kinds
    WITH d, t, size(kinds) > 0 AND size([k IN kinds WHERE k <> 'generic']) = 0 AS only_generic
    RETURN d.title AS document, count(t) AS tasks, count(CASE WHEN only_generic THEN 1 END) AS generic_only
    ORDER BY document
    """
    return [
        GenericShare(share=round(row["generic_only"] / row["tasks"], 4) if row["tasks"] else 0.0, **row)
        for row in _rows(store, cypher, {"document": document})
    ]


@dataclass(frozen=True)
class Param:
    """One parameter of a canned question, as `ask --list` shows it and `--param` fills it."""

    name: str
    type: type
    help: str
    required: bool = False

    def coerce(self, value: Any) -> Any:
        """A command-line value as the function expects it; one-line error when it does not fit."""
        if value is None or isinstance(value, self.type):
            return value
        if self.type is bool:
            text = str(value).lower()
            if text not in {"true", "false", "1", "0", "yes", "no"}:
                raise StoreError(f"--param {self.name}={value}: expected true or false")
            return text in {"true", "1", "yes"}
        try:
            return self.type(value)
        except ValueError:
            raise StoreError(f"--param {self.name}={value}: expected {self.type.__name__}") from None


@dataclass(frozen=True)
class CannedQuery:
    """A named question: its function, answer row type and parameters."""

    name: str
    run: Any
    row_type: type
    params: tuple[Param, ...]

    @property
    def description(self) -> str:
        return (self.run.__doc__ or "").strip().splitlines()[0]


_AGENCY = Param("agency", str, "agency by any name or alias, e.g. 知识产权局", required=True)
_DOCUMENT = Param("document", str, "document id or a word of its title")
_LIMIT = Param("limit", int, "number of rows (default 20)")
_GENERIC = Param("include_generic", bool, "count generic bodies such as 有关部门 (default false)")
_DUE_FROM = Param("due_from", str, "earliest deadline, YYYY-MM-DD")
_DUE_TO = Param("due_to", str, "latest deadline, YYYY-MM-DD")

CANNED: dict[str, CannedQuery] = {
    q.name: q
    for q in (
        CannedQuery(
            "agency-tasks",
            agency_tasks,
            AgencyTask,
            (
                _AGENCY,
                Param("role", str, "any (default), leads, co or sole"),
                _DOCUMENT,
                Param("year", str, "publication year of the document, e.g. 2021"),
                _DUE_FROM,
                _DUE_TO,
            ),
        ),
        CannedQuery(
            "who-leads",
            who_leads,
            TaskOwners,
            (Param("keyword", str, "words of the task text", True), _DOCUMENT),
        ),
        CannedQuery(
            "ranking",
            agency_ranking,
            AgencyLoad,
            (Param("by", str, "leads (default), co, sole or total"), _LIMIT, _DOCUMENT, _GENERIC),
        ),
        CannedQuery("pairs", co_responsible_pairs, AgencyPair, (_LIMIT, _DOCUMENT, _GENERIC)),
        CannedQuery("several-leads", several_leads, TaskOwners, (_DOCUMENT,)),
        CannedQuery("no-lead", no_lead, TaskOwners, (_DOCUMENT,)),
        CannedQuery(
            "deadlines",
            deadlines,
            TaskOwners,
            (_DUE_FROM, _DUE_TO, Param("agency", str, "only this agency's tasks")),
        ),
        CannedQuery(
            "changes",
            document_changes,
            RoleChange,
            (
                Param("old", str, "older document id, or year with series", True),
                Param("new", str, "newer document id, or year with series", True),
                Param("series", str, "a title keyword naming the series"),
            ),
        ),
        CannedQuery("issued", documents_issued, IssuedDocument, (_AGENCY,)),
        CannedQuery("profile", agency_profile, AgencyProfile, (_AGENCY,)),
        CannedQuery("generic-share", generic_share, GenericShare, (_DOCUMENT,)),
    )
}
"""Every canned question by the name `policykg ask NAME` and the UI use."""


def ask(store: GraphStore, name: str, params: Mapping[str, Any]) -> list[Any]:
    """Run canned question `name` with command-line `params`, checked against its declaration."""
    query = CANNED.get(name)
    if query is None:
        raise StoreError(f"no canned question {name!r}; `policykg ask --list` shows them")
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise StoreError(
            f"{name}: unknown parameter {unknown[0]!r}; it takes {', '.join(declared) or 'none'}"
        )
    missing = [p.name for p in query.params if p.required and params.get(p.name) is None]
    if missing:
        raise StoreError(f"{name}: missing --param {missing[0]}=…")
    result: list[Any] = query.run(store, **{k: declared[k].coerce(v) for k, v in params.items()})
    return result


def ask_table(store: GraphStore, name: str, params: Mapping[str, Any]) -> Table:
    """`ask` as a table whose columns are the row type's fields, also when nothing matched."""
    return Table.of(CANNED[name].row_type, ask(store, name, params))


def catalogue() -> Table:
    """The `ask --list` table: every question with its description and parameters."""
    return Table(
        ("name", "description", "parameters"),
        tuple(
            (
                q.name,
                q.description,
                "\n".join(f"{p.name}{'' if p.required else '?'}: {p.help}" for p in q.params),
            )
            for q in CANNED.values()
        ),
    )
