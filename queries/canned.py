"""The questions researchers ask, as named, parameterised Cypher with typed answers.

Every query here runs unchanged on FalkorDB and Neo4j: no `=~`, no EXISTS{}/COUNT{}
subqueries, no elementId()/datetime(); dates are ISO `YYYY-MM-DD` strings compared as
strings, and optional filters are written `($p IS NULL OR …)` so one text serves every
combination of filters. User input only ever travels as parameters. Agencies are named by
any alias: the registry (loaders.agencies.normalise) turns 知识产权局 or 国家知识产权局 into
one canonical id before the query runs. An agency's tasks and profile also reach back over
机构改革 (loaders.lineage): 自然资源部's tasks include those filed under 国土资源部, each row
naming the body that held it and the mention as written.

Each question must stay fast at a million tasks (benchmarks/NOTES-queries.md), so each starts
from an indexed or small node set (an agency by id, documents, dates) instead of every task;
whole-graph questions read the counts the writers keep (graph/derived.py, graph/aggregates.py)
instead of recounting edges; task lists sort cheap keys, keep `limit` rows and only then
gather each kept task's owners.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from graph.schema import ROLE_OF
from graph.store import GraphStore, StoreError
from loaders.agencies import agencies, normalise
from loaders.lineage import lineage
from queries.first_tasks import ANSWER_ORDER, first_tasks
from queries.formatting import Table

RELATIONSHIP_OF: dict[str, str] = {role: rel for rel, role in ROLE_OF.items()}


@dataclass(frozen=True)
class AgencyTask:
    """A task one agency is responsible for, in one role; `agency` is the body that held it
    (the agency asked for, or one of its predecessors), `mention` its name as written."""

    task_id: str
    role: str
    agency: str
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
    """Who an agency is (names, level, 机构改革 lineage) and what it is responsible for.

    `predecessors` and `successors` are the whole chain, nearest first; `predecessor_tasks`
    counts the tasks filed under each predecessor (any role), which `leads`, `co` and `sole`,
    the agency's own, leave out.
    """

    agency_id: str
    name: str
    aliases: list[str]
    kind: str | None
    level: str | None
    predecessors: list[str]
    successors: list[str]
    predecessor_tasks: dict[str, int]
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


DEFAULT_LIMIT = 100
"""Rows a task list returns unless asked for more. At a million tasks a list question can match
hundreds of thousands of tasks: nobody reads them, and no engine returns them in milliseconds."""

_ROLES = "LEADS|CO_RESPONSIBLE|RESPONSIBLE"
_DOCUMENT_FILTER = "($document IS NULL OR d.id = $document OR d.title CONTAINS $document)"
# FalkorDB plans consecutive MATCH clauses as one pattern and may then start from a label
# scan of every task; `WITH` after the indexed or small starting point pins the plan's start.
_DOCUMENTS = f"MATCH (d:Document) WHERE {_DOCUMENT_FILTER} WITH d"
_BY_POSITION = ANSWER_ORDER
_BY_DEADLINE = "t.deadline, d.title, d.id, t.start"
# Owners are gathered only for the page of tasks kept after ORDER BY … LIMIT, in one
# traversal from each task (one per role costs FalkorDB twice as much), so a list never
# expands the owners of tasks it does not return.
_TASK_PAGE = f"""
WITH t, d ORDER BY {{order}} LIMIT $limit
OPTIONAL MATCH (t)<-[r:{_ROLES}]-(a:Agency)
WITH t, d, collect([type(r), a.name]) AS owners
RETURN t.id AS task_id, t.text AS task, t.clause AS clause, d.title AS document,
       t.deadline AS deadline, owners
ORDER BY {{order}}
"""
_RANKED = """
RETURN a.name AS agency, a.kind AS kind, leads, co, sole, total
ORDER BY CASE $by WHEN 'co' THEN co WHEN 'sole' THEN sole WHEN 'total' THEN total ELSE leads END DESC,
         total DESC, agency
LIMIT $limit
"""


def _agency_match(agency: str) -> tuple[str, dict[str, str]]:
    """A MATCH binding `a` through an index: the registry's id for any alias, else the name as written."""
    ref = normalise(agency)
    if ref.id is not None:
        return "MATCH (a:Agency {id: $agency}) WITH a", {"agency": ref.id}
    return "MATCH (a:Agency {name: $agency}) WITH a", {"agency": ref.name or agency.strip()}


def _lineage_match(agency: str) -> tuple[str, dict[str, Any]]:
    """A MATCH binding `a` to the agency and each of its predecessors (whole chain), by id."""
    ref = normalise(agency)
    if ref.id is None:
        return _agency_match(agency)
    ids = [ref.id, *lineage(ref).predecessors]
    return "UNWIND $agencies AS agency_id MATCH (a:Agency {id: agency_id}) WITH a", {"agencies": ids}


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
    limit: int = DEFAULT_LIMIT,
    predecessors: bool = False,
) -> list[AgencyTask]:
    """Tasks an agency leads, co-owns or solely owns, optionally in one document, year or deadline range.

    With `predecessors` also the tasks filed under the bodies it took over, over every 机构改革
    step (自然资源部: 国土资源部's; 国家金融监督管理总局: 银保监会's, 银监会's and 保监会's;
    石家庄市市场监督管理局: 石家庄市工商局's): researchers follow a duty across the reform, and
    each row names the body that held it. Not the default: the answer then walks every
    predecessor's edges too (国家发展改革委 with 国家计委 and 国家经贸委 at 1M tasks: 18 → 44 ms),
    and the profile's `predecessor_tasks` already tells when it is worth asking; the agency
    page of the UI asks for it.

    Two steps, because the busiest agency owns ~10k tasks at a million: first the page of
    tasks in answer order, walking the role edges without reading them (no labels either:
    the schema fixes what a role edge and IN_DOCUMENT reach); then only those tasks' edges,
    for the role and the mention. A task the agency holds in two roles yields two rows, so
    the first `limit` edges in order hold every task of the first `limit` rows. At 1M tasks
    (国家发展改革委, 9.5k role edges): 71 → 31 ms, same rows (benchmarks/NOTES-queries.md).
    """
    match, agency_params = _lineage_match(agency) if predecessors else _agency_match(agency)
    roles = "|".join(_roles(role))
    cypher = f"""
    {match}
    MATCH (a)-[:{roles}]->(t)-[:IN_DOCUMENT]->(d)
    WHERE ($due_from IS NULL OR t.deadline >= $due_from) AND ($due_to IS NULL OR t.deadline <= $due_to)
      AND {_DOCUMENT_FILTER}
      AND ($year IS NULL OR d.published STARTS WITH $year)
    WITH a, t, d ORDER BY d.published, d.title, t.start LIMIT $limit
    WITH DISTINCT a, t, d
    MATCH (t)<-[r:{roles}]-(owner:Agency) WHERE owner = a
    WITH a, r, t, d ORDER BY d.published, d.title, t.start, type(r), a.name LIMIT $limit
    RETURN t.id AS task_id, type(r) AS rel, a.name AS agency, r.mention AS mention, t.text AS task,
           t.clause AS clause, d.title AS document, d.published AS published, t.deadline AS deadline,
           t.deadline_text AS deadline_text
    ORDER BY published, document, t.start, rel, agency
    """
    params: dict[str, Any] = {
        **agency_params,
        "document": document,
        "year": _year(year),
        "due_from": due_from,
        "due_to": due_to,
        "limit": limit,
    }
    return [AgencyTask(role=ROLE_OF[row.pop("rel")], **row) for row in _rows(store, cypher, params)]


def _task_owners(store: GraphStore, cypher: str, params: Mapping[str, Any]) -> list[TaskOwners]:
    """Rows of `_TASK_PAGE` with their (relationship, agency) owner pairs split by role."""
    tasks = []
    for row in _rows(store, cypher, params):
        owners = row.pop("owners")
        names = {
            role: sorted({name for rel, name in owners if ROLE_OF.get(rel) == role})
            for role in RELATIONSHIP_OF
        }
        tasks.append(TaskOwners(**row, leads=names["leads"], co=names["co"], sole=names["sole"]))
    return tasks


def who_leads(
    store: GraphStore, keyword: str, document: str | None = None, limit: int = DEFAULT_LIMIT
) -> list[TaskOwners]:
    """Tasks whose text contains `keyword`, with who leads, co-owns and solely owns each."""
    return _scan_in_answer_order(
        store, "t.text CONTAINS $keyword", {"keyword": keyword, "document": document}, limit, (keyword,)
    )


def _scan_in_answer_order(
    store: GraphStore, task_filter: str, params: Mapping[str, Any], limit: int, words: tuple[str, ...] = ()
) -> list[TaskOwners]:
    """The first `limit` tasks matching `task_filter`, by document title and position.

    queries/first_tasks.py picks how: documents in answer order first, then the full-text
    index when `task_filter` requires one of `words`, else one scan of the remaining tasks.
    """
    return first_tasks(
        store,
        condition=task_filter,
        words=words,
        scope=_DOCUMENT_FILTER,
        params=params,
        page=_TASK_PAGE.format(order=_BY_POSITION),
        fetch=partial(_task_owners, store),
        limit=limit,
    )


def _tasks_counted_on_documents(
    store: GraphStore, counted: str, task_filter: str, document: str | None, limit: int
) -> list[TaskOwners]:
    """The first `limit` tasks (by document title, position) among those a document count covers.

    Documents carry how many of their tasks match (graph/aggregates.py), so only the first
    documents that hold `limit` matching tasks between them are opened, however big the graph.
    """
    documents = _rows(
        store,
        f"MATCH (d:Document) WHERE {_DOCUMENT_FILTER} AND d.{counted} > 0 "
        f"RETURN d.id AS id, d.{counted} AS n ORDER BY d.title, d.id LIMIT $limit",
        {"document": document, "limit": limit},
    )
    cypher = (
        f"MATCH (t:Task) WHERE t.document_id IN $ids AND {task_filter} "
        "WITH t MATCH (t)-[:IN_DOCUMENT]->(d:Document)" + _TASK_PAGE.format(order=_BY_POSITION)
    )
    return _task_owners(store, cypher, {"ids": _covering(documents, limit), "limit": limit})


def _covering(counted: list[dict[str, Any]], limit: int) -> list[Any]:
    """The leading `id`s of ordered rows whose counts `n` first add up to `limit` (or all of them)."""
    ids = []
    covered = 0
    for row in counted:
        if covered >= limit:
            break
        ids.append(row["id"])
        covered += row["n"]
    return ids


def several_leads(
    store: GraphStore, document: str | None = None, limit: int = DEFAULT_LIMIT
) -> list[TaskOwners]:
    """Tasks led jointly by two or more agencies (分别牵头 / 共同牵头)."""
    return _tasks_counted_on_documents(store, "joint_led_count", "t.lead_count >= 2", document, limit)


def no_lead(store: GraphStore, document: str | None = None, limit: int = DEFAULT_LIMIT) -> list[TaskOwners]:
    """Tasks no agency leads: shared 按职责分工负责 work or a sole owner."""
    return _tasks_counted_on_documents(store, "unled_count", "t.lead_count = 0", document, limit)


def deadlines(
    store: GraphStore,
    due_from: str | None = None,
    due_to: str | None = None,
    agency: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[TaskOwners]:
    """Tasks due within [due_from, due_to] (ISO dates), optionally only those of one agency."""
    params: dict[str, Any] = {"due_from": due_from, "due_to": due_to, "limit": limit}
    if agency is None:
        return _due_in_order(store, params, limit)
    else:
        match, agency_params = _agency_match(agency)
        params |= agency_params
        scope = f"""
        {match}
        MATCH (a)-[:{_ROLES}]->(t:Task)
        WHERE t.deadline IS NOT NULL
          AND ($due_from IS NULL OR t.deadline >= $due_from) AND ($due_to IS NULL OR t.deadline <= $due_to)
        WITH DISTINCT t
        """
    cypher = scope + "MATCH (t)-[:IN_DOCUMENT]->(d:Document)" + _TASK_PAGE.format(order=_BY_DEADLINE)
    return _task_owners(store, cypher, params)


def _due_in_order(store: GraphStore, params: Mapping[str, Any], limit: int) -> list[TaskOwners]:
    """The first `limit` tasks due in the range, without opening every task due in it.

    Dates carry how many tasks fall due on them (graph/aggregates.py): the first days holding
    `limit` tasks between them are the only ones that matter. All but the last of them are
    read whole; the last one (one day can hold a good share of all tasks) is scanned in
    document order until the rest of `limit` is found.
    """
    days = _rows(store, _DUE_DAYS, params)
    covering = _covering(days, limit)
    counts = {row["id"]: row["n"] for row in days}
    if sum(counts[day] for day in covering) < limit:
        whole, last = covering, None
    else:
        whole, last = covering[:-1], covering[-1]
    found = _task_owners(store, _DUE_ON_DAYS, {**params, "days": whole})
    if last is not None:
        found += _scan_in_answer_order(
            store, "t.deadline = $day", {"day": last, "document": None}, limit - len(found)
        )
    return found


_DUE_ON_DAYS = (
    "MATCH (dt:Date) WHERE dt.value IN $days WITH dt MATCH (t:Task)-[:DUE_BY]->(dt) "
    "MATCH (t)-[:IN_DOCUMENT]->(d:Document)" + _TASK_PAGE.format(order=_BY_DEADLINE)
)
_DUE_DAYS = """
MATCH (dt:Date)
WHERE dt.due_count > 0
  AND ($due_from IS NULL OR dt.value >= $due_from) AND ($due_to IS NULL OR dt.value <= $due_to)
RETURN dt.value AS id, dt.due_count AS n ORDER BY id LIMIT $limit
"""


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
    if document is None:
        counts = """
        MATCH (a:Agency) WHERE $include_generic OR a.kind <> 'generic'
        WITH a, coalesce(a.leads_count, 0) AS leads, coalesce(a.co_count, 0) AS co,
             coalesce(a.sole_count, 0) AS sole
        WITH a, leads, co, sole, leads + co + sole AS total WHERE total > 0
        """
    else:
        counts = f"""
        {_DOCUMENTS}
        MATCH (a:Agency)-[r:{_ROLES}]->(t:Task)-[:IN_DOCUMENT]->(d)
        WHERE $include_generic OR a.kind <> 'generic'
        WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS leads,
             count(CASE WHEN type(r) = 'CO_RESPONSIBLE' THEN 1 END) AS co,
             count(CASE WHEN type(r) = 'RESPONSIBLE' THEN 1 END) AS sole
        WITH a, leads, co, sole, leads + co + sole AS total
        """
    params = {"by": by, "limit": limit, "document": document, "include_generic": include_generic}
    return [AgencyLoad(**row) for row in _rows(store, counts + _RANKED, params)]


def co_responsible_pairs(
    store: GraphStore, limit: int = 20, document: str | None = None, include_generic: bool = False
) -> list[AgencyPair]:
    """Agency pairs named on the same tasks (any role), most frequent first."""
    params = {"limit": limit, "document": document, "include_generic": include_generic}
    if document is not None:
        return [AgencyPair(**row) for row in _rows(store, _DOCUMENT_PAIRS, params)]
    # The top pairs come from the index on AgencyPair.tasks: first those sharing at least half
    # the busiest agency's tasks, then a quarter …, until `limit` pairs clear the floor. The
    # pairs below the floor share fewer tasks than every pair above it, so the answer is
    # exact; it is usually found after a few index range scans instead of a scan of all pairs.
    floor = _rows(store, _BUSIEST_AGENCY, {})[0]["tasks"] or 0
    while True:
        floor //= 2
        rows = _rows(store, _PAIRS_FROM_FLOOR, params | {"floor": max(floor, 1)})
        if len(rows) >= limit or floor <= 1:
            return [AgencyPair(**row) for row in rows]


_BUSIEST_AGENCY = """
MATCH (a:Agency)
RETURN max(coalesce(a.leads_count, 0) + coalesce(a.co_count, 0) + coalesce(a.sole_count, 0)) AS tasks
"""
_PAIRS_FROM_FLOOR = """
MATCH (p:AgencyPair) WHERE p.tasks >= $floor
  AND ($include_generic OR (p.kind_a <> 'generic' AND p.kind_b <> 'generic'))
RETURN p.agency_a AS agency_a, p.agency_b AS agency_b, p.tasks AS tasks
ORDER BY tasks DESC, agency_a, agency_b LIMIT $limit
"""
_DOCUMENT_PAIRS = f"""
{_DOCUMENTS}
MATCH (owner:Agency)-[:{_ROLES}]->(t:Task)-[:IN_DOCUMENT]->(d)
WHERE $include_generic OR owner.kind <> 'generic'
WITH t, collect(DISTINCT owner) AS owners
UNWIND owners AS a
UNWIND owners AS b
WITH t, a, b WHERE a.name < b.name
RETURN a.name AS agency_a, b.name AS agency_b, count(DISTINCT t) AS tasks
ORDER BY tasks DESC, agency_a, agency_b LIMIT $limit
"""


def document_changes(store: GraphStore, old: str, new: str, series: str | None = None) -> list[RoleChange]:
    """Agencies whose task counts per role changed between two documents of a series.

    `old`/`new` are document ids, or years when `series` (a title keyword) picks the series,
    e.g. series=知识产权 old=2021 new=2022.

    Each document carries one `role:agency_id` token per responsibility edge (graph/derived.py):
    counting the tokens of the compared documents costs a fraction of walking their edges.
    Agencies are grouped by name, as researchers read them, after counting.
    """
    documents = _rows(store, _COMPARED_DOCUMENTS, {"old": str(old), "new": str(new), "series": series})
    before = Counter(" ".join(row["owners"] for row in documents if row["is_old"]).split())
    after = Counter(" ".join(row["owners"] for row in documents if row["is_new"]).split())
    tokens = {token: token.split(":", 1) for token in before.keys() | after.keys()}
    names = _agency_names(store, {agency for _, agency in tokens.values()})
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for token, (role, agency) in tokens.items():
        pair = counts[names[agency], role]
        pair[0] += before[token]
        pair[1] += after[token]
    changes = [
        RoleChange(agency, role, was, now, now - was)
        for (agency, role), (was, now) in counts.items()
        if was != now
    ]
    return sorted(changes, key=lambda c: (-abs(c.change), c.agency, RELATIONSHIP_OF[c.role]))


_IS_OLD = "d.id = $old OR ($series IS NOT NULL AND d.title CONTAINS $series AND d.published STARTS WITH $old)"
_IS_NEW = "d.id = $new OR ($series IS NOT NULL AND d.title CONTAINS $series AND d.published STARTS WITH $new)"
# The WHERE is `is_old OR is_new` with the year tests shared, so the flags are computed only for
# the documents compared (a third of the time of computing them for every document).
_COMPARED_DOCUMENTS = f"""
MATCH (d:Document)
WHERE d.id IN [$old, $new]
   OR ($series IS NOT NULL AND d.title CONTAINS $series
       AND (d.published STARTS WITH $old OR d.published STARTS WITH $new))
RETURN {_IS_OLD} AS is_old, {_IS_NEW} AS is_new, coalesce(d.role_owners, '') AS owners
"""


def _agency_names(store: GraphStore, ids: set[str]) -> dict[str, str]:
    """Names for agency ids: registry ids from memory (every writer names them from the same
    registry), only generic and local bodies from the store."""
    registry = _registry_names()
    names = {agency: registry[agency] for agency in ids if agency in registry}
    others = sorted(ids - names.keys())
    if others:
        rows = _rows(
            store, "UNWIND $ids AS id MATCH (a:Agency {id: id}) RETURN id, a.name AS name", {"ids": others}
        )
        names.update((row["id"], row["name"]) for row in rows)
    return names


@cache
def _registry_names() -> dict[str, str]:
    return {agency.id: agency.name for agency in agencies()}


def documents_issued(store: GraphStore, agency: str, limit: int = DEFAULT_LIMIT) -> list[IssuedDocument]:
    """Documents an agency issued, oldest first, with their number of tasks.

    Stops at `limit` like the task lists: 国务院 issues hundreds of documents in a large
    corpus, and decoding every row cost more than the query itself.
    """
    match, params = _agency_match(agency)
    cypher = f"""
    {match}
    MATCH (a)-[:ISSUED]->(d:Document)
    WITH d ORDER BY d.published, d.title LIMIT $limit
    RETURN d.id AS document_id, d.title AS title, d.doc_number AS doc_number, d.published AS published,
           d.task_count AS tasks
    ORDER BY published, title
    """
    return [IssuedDocument(**row) for row in _rows(store, cypher, {**params, "limit": limit})]


def agency_profile(store: GraphStore, agency: str) -> list[AgencyProfile]:
    """One agency's names, level, predecessors/successors and task counts by role and year.

    The lineage is the whole chain of 机构改革 steps (loaders.lineage): 国家金融监督管理总局's
    predecessors are 银保监会 and, two steps back, 银监会 and 保监会, each with its tasks. Of a
    local body's possible predecessors and successors, only those the graph holds are listed.
    """
    match, params = _agency_match(agency)
    identity = f"""
    {match}
    RETURN a.id AS agency_id, a.name AS name, a.short_names AS aliases, a.kind AS kind, a.level AS level
    """
    found = _rows(store, identity, params)
    ref = normalise(agency)
    chain = lineage(ref) if found and found[0]["agency_id"] == ref.id else None
    before = list(chain.predecessors) if chain else []
    after = list(chain.successors) if chain else []
    names = _agency_names(store, set(before + after))
    by_agency: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    counted = _rows(store, _AGENCY_YEARS, {"ids": [row["agency_id"] for row in found] + before})
    for row in counted:
        for role in ROLE_OF.values():
            if row[role]:
                by_agency[row["agency_id"]][row["year"]][role] = row[role]
    profiles = []
    for row in found:
        years = dict(sorted(by_agency[row["agency_id"]].items()))
        profiles.append(
            AgencyProfile(
                **{**row, "aliases": sorted(set(row["aliases"] or []))},
                predecessors=[names[i] for i in before if i in names],
                successors=[names[i] for i in after if i in names],
                predecessor_tasks={
                    names[i]: sum(_total(by_agency[i], role) for role in ROLE_OF.values())
                    for i in before
                    if i in names
                },
                leads=_total(years, "leads"),
                co=_total(years, "co"),
                sole=_total(years, "sole"),
                by_year=years,
            )
        )
    return profiles


# An agency's tasks per role and publication year are kept on its AgencyYear nodes
# (graph/aggregates.py): a handful of nodes instead of every edge of the agency.
_AGENCY_YEARS = """
MATCH (y:AgencyYear) WHERE y.agency_id IN $ids
RETURN y.agency_id AS agency_id, y.year AS year, y.leads AS leads, y.co AS co, y.sole AS sole
"""


def _total(years: Mapping[str, Mapping[str, int]], role: str) -> int:
    return sum(roles.get(role, 0) for roles in years.values())


def generic_share(
    store: GraphStore, document: str | None = None, limit: int = DEFAULT_LIMIT
) -> list[GenericShare]:
    """Per document, the tasks whose only owners are generic bodies (有关部门, 各地区 …).

    Rows are per title, so grouping is needed; grouping every document's title cost 60–75 ms
    at 5000 documents. First only titles up to the `limit`-th document's are grouped; when
    repeated titles leave fewer than `limit` rows, all documents are.
    """
    params = {"document": document, "limit": limit}
    rows = _rows(store, _GENERIC_SHARE.format(cap=_FIRST_TITLES), params)
    if len(rows) < limit:
        rows = _rows(store, _GENERIC_SHARE.format(cap=""), params)
    return [GenericShare(share=round(row["generic_only"] / row["tasks"], 4), **row) for row in rows]


_COUNTED_DOCUMENTS = f"MATCH (d:Document) WHERE {_DOCUMENT_FILTER} AND d.task_count > 0"
_FIRST_TITLES = f"""
WITH d ORDER BY d.title LIMIT $limit
WITH max(d.title) AS last
{_COUNTED_DOCUMENTS} AND d.title <= last
"""
_GENERIC_SHARE = f"""
{_COUNTED_DOCUMENTS}
{{cap}}
WITH d.title AS document, sum(d.task_count) AS tasks, sum(d.generic_only_count) AS generic_only
RETURN document, toInteger(tasks) AS tasks, toInteger(generic_only) AS generic_only
ORDER BY document
LIMIT $limit
"""


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
_ROWS = Param("limit", int, f"at most this many tasks (default {DEFAULT_LIMIT})")
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
                _ROWS,
                Param(
                    "predecessors",
                    bool,
                    "also tasks filed under the bodies it took over in 机构改革, whole chain (default true)",
                ),
            ),
        ),
        CannedQuery(
            "who-leads",
            who_leads,
            TaskOwners,
            (Param("keyword", str, "words of the task text", True), _DOCUMENT, _ROWS),
        ),
        CannedQuery(
            "ranking",
            agency_ranking,
            AgencyLoad,
            (Param("by", str, "leads (default), co, sole or total"), _LIMIT, _DOCUMENT, _GENERIC),
        ),
        CannedQuery("pairs", co_responsible_pairs, AgencyPair, (_LIMIT, _DOCUMENT, _GENERIC)),
        CannedQuery("several-leads", several_leads, TaskOwners, (_DOCUMENT, _ROWS)),
        CannedQuery("no-lead", no_lead, TaskOwners, (_DOCUMENT, _ROWS)),
        CannedQuery(
            "deadlines",
            deadlines,
            TaskOwners,
            (_DUE_FROM, _DUE_TO, Param("agency", str, "only this agency's tasks"), _ROWS),
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
        CannedQuery(
            "issued",
            documents_issued,
            IssuedDocument,
            (_AGENCY, Param("limit", int, f"at most this many documents (default {DEFAULT_LIMIT})")),
        ),
        CannedQuery("profile", agency_profile, AgencyProfile, (_AGENCY,)),
        CannedQuery(
            "generic-share",
            generic_share,
            GenericShare,
            (_DOCUMENT, Param("limit", int, f"at most this many documents (default {DEFAULT_LIMIT})")),
        ),
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
