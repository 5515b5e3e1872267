"""Derived counts that span documents: per agency, per pair of agencies, per due date.

Whole-graph questions (agencies ranked by tasks, agencies that work together, deadlines in
order) would otherwise aggregate over every responsibility edge; at a million tasks that is
seconds per question. So the graph also keeps:

- on `Agency`: `leads_count`, `co_count` and `sole_count` over all documents;
- on `Date`: `due_count`, the tasks due that day;
- `AgencyYear {id, agency_id, year, leads, co, sole}`: an agency's tasks per role in the
  documents published in `year` (`undated` when a document has no date), so an agency's
  profile reads a handful of nodes instead of every edge of the agency;
- `AgencyPair {id, agency_a, agency_b, kind_a, kind_b, tasks}`: tasks two agencies are both
  named on (any role), one node per pair, `agency_a` the lexically smaller name. A node rather
  than an Agency–Agency edge so exports, CSV re-import and store copies carry it through the
  schema's label list like any other node, without a relationship type of their own.

Per-task and per-document counts need no maintenance: they are written with their nodes
(graph/derived.py). These ones are kept up to date in two ways:

- incremental writes run `retract_statements` inside the document's own transaction before a
  previous version is deleted (subtracting what it contributed, for agency years read from
  the stored version's `role_owners`) and `add_statements` after the new version is written,
  so the counts are exactly as atomic as the document;
- a bulk load (graph/falkor_bulk.py) accumulates `Totals` in Python while staging and writes
  them once after it commits: a Cypher pass over a million tasks' pairs would take minutes.
`rebuild` recomputes everything, the per-task and per-document data of graph/derived.py
included, from the edges, for graphs written before these counts existed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any, Final

from graph import schema
from graph.rows import DocumentRows
from graph.store import GraphStore, Statement

_ROLES: Final = f"{schema.LEADS}|{schema.CO_RESPONSIBLE}|{schema.RESPONSIBLE}"

COUNT_PROPERTY: Final = {
    schema.LEADS: "leads_count",
    schema.CO_RESPONSIBLE: "co_count",
    schema.RESPONSIBLE: "sole_count",
}
"""The Agency property counting each role's edges."""
# One statement per role rather than `type(r)` over all roles: within the query that created
# them (a chained document write), FalkorDB's type(r) does not see the new edges' types.
_AGENCY_COUNTS: Final = tuple(
    f"""
MATCH (t:{schema.TASK}) WHERE t.document_id IN $ids WITH t
MATCH (a:{schema.AGENCY})-[:{relationship}]->(t)
WITH a, count(t) AS tasks
SET a.{prop} = coalesce(a.{prop}, 0) + $sign * tasks
"""
    for relationship, prop in COUNT_PROPERTY.items()
)
_PAIRS: Final = f"""
MATCH (t:{schema.TASK}) WHERE t.document_id IN $ids WITH t
MATCH (owner:{schema.AGENCY})-[:{_ROLES}]->(t)
WITH t, collect(DISTINCT owner) AS owners
UNWIND owners AS a
UNWIND owners AS b
WITH t, a, b WHERE a.name < b.name
WITH a, b, count(DISTINCT t) AS tasks
MERGE (p:{schema.AGENCY_PAIR} {{id: a.id + '|' + b.id}})
ON CREATE SET p.agency_a = a.name, p.agency_b = b.name, p.kind_a = a.kind, p.kind_b = b.kind, p.tasks = 0
SET p.tasks = p.tasks + $sign * tasks
WITH p WHERE p.tasks <= 0
DELETE p
"""
_DATE_COUNTS: Final = f"""
MATCH (t:{schema.TASK}) WHERE t.document_id IN $ids WITH t
MATCH (t)-[:{schema.DUE_BY}]->(dt:{schema.DATE})
WITH dt, count(t) AS due
SET dt.due_count = coalesce(dt.due_count, 0) + $sign * due
"""
_TASK_PROPERTIES: Final = f"""
MATCH (t:{schema.TASK}) WHERE t.document_id IN $ids WITH t
OPTIONAL MATCH (a:{schema.AGENCY})-[r:{_ROLES}]->(t)
WITH t, count(CASE WHEN type(r) = '{schema.LEADS}' THEN 1 END) AS leads, collect(a.kind) AS kinds
SET t.lead_count = leads,
    t.generic_only = size(kinds) > 0 AND size([k IN kinds WHERE k <> 'generic']) = 0
"""
_ROLE_WHEN: Final = " ".join(
    f"WHEN '{relationship}' THEN '{role}'" for relationship, role in schema.ROLE_OF.items()
)
_ROLE_NAME: Final = f"CASE type(r) {_ROLE_WHEN} END"
_ROLE_TOKENS: Final = f"""
MATCH (d:{schema.DOCUMENT}) WHERE d.id IN $ids WITH d
MATCH (a:{schema.AGENCY})-[r:{_ROLES}]->(:{schema.TASK})-[:{schema.IN_DOCUMENT}]->(d)
RETURN d.id AS document, {_ROLE_NAME} + ':' + a.id AS token, count(*) AS n
"""
_SET_ROLE_OWNERS: Final = (
    f"UNWIND $rows AS r MATCH (d:{schema.DOCUMENT} {{id: r.id}}) SET d.role_owners = r.owners"
)
UNDATED: Final = "undated"
"""The `AgencyYear.year` of documents without a publication date."""
_AGENCY_YEARS: Final = f"""
MATCH (d:{schema.DOCUMENT}) WHERE d.id IN $ids
WITH d, coalesce(substring(d.published, 0, 4), '{UNDATED}') AS year
UNWIND split(d.role_owners, ' ') AS token
WITH year, token, count(*) AS n WHERE token <> ''
WITH year, split(token, ':')[0] AS role, n, token
WITH year, substring(token, size(role) + 1) AS agency,
     toInteger(sum(CASE role WHEN 'leads' THEN n ELSE 0 END)) AS leads,
     toInteger(sum(CASE role WHEN 'co' THEN n ELSE 0 END)) AS co,
     toInteger(sum(CASE role WHEN 'sole' THEN n ELSE 0 END)) AS sole
MERGE (y:{schema.AGENCY_YEAR} {{id: agency + '|' + year}})
ON CREATE SET y.agency_id = agency, y.year = year, y.leads = 0, y.co = 0, y.sole = 0
SET y.leads = y.leads + $sign * leads, y.co = y.co + $sign * co, y.sole = y.sole + $sign * sole
WITH y WHERE y.leads + y.co + y.sole <= 0
DELETE y
"""
_DOCUMENT_PROPERTIES: Final = f"""
MATCH (d:{schema.DOCUMENT}) WHERE d.id IN $ids WITH d
OPTIONAL MATCH (t:{schema.TASK})-[:{schema.IN_DOCUMENT}]->(d)
WITH d, count(t) AS tasks,
     count(CASE WHEN t.lead_count = 0 THEN 1 END) AS unled,
     count(CASE WHEN t.lead_count >= 2 THEN 1 END) AS joint,
     count(CASE WHEN t.generic_only THEN 1 END) AS generic_only
SET d.task_count = tasks, d.unled_count = unled, d.joint_led_count = joint,
    d.generic_only_count = generic_only
"""
_RESET: Final = (
    f"MATCH (p:{schema.AGENCY_PAIR}) DELETE p",
    f"MATCH (a:{schema.AGENCY}) SET a.leads_count = 0, a.co_count = 0, a.sole_count = 0",
    f"MATCH (dt:{schema.DATE}) SET dt.due_count = 0",
    f"MATCH (y:{schema.AGENCY_YEAR}) DELETE y",
)
_ALL_DOCUMENTS: Final = f"MATCH (d:{schema.DOCUMENT}) RETURN d.id ORDER BY d.id"
REBUILD_BATCH: Final = 50
"""Documents per transaction when rebuilding: keeps each transaction's pair rows small."""


def _counted(params: dict[str, Any]) -> list[Statement]:
    return [Statement(cypher, params) for cypher in _AGENCY_COUNTS]


def retract_statements(document_ids: list[str]) -> list[Statement]:
    """Subtract what the stored versions of `document_ids` contribute; run before deleting them."""
    params = {"ids": document_ids, "sign": -1}
    return [
        *_counted(params),
        Statement(_PAIRS, params),
        Statement(_DATE_COUNTS, params),
        Statement(_AGENCY_YEARS, params),
    ]


def add_statements(rows: DocumentRows) -> list[Statement]:
    """Add what a freshly written document contributes, counted from its rows (no traversal)."""
    totals = Totals()
    totals.add(rows)
    return totals.statements()


def rebuild(store: GraphStore) -> int:
    """Recompute all derived data from the edges, e.g. for a graph written before it existed.

    Returns the number of documents processed.
    """
    store.write([Statement(cypher) for cypher in _RESET])
    ids = [row[0] for row in store.read(_ALL_DOCUMENTS).rows]
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = {"ids": ids[start : start + REBUILD_BATCH]}
        added = {**batch, "sign": 1}
        derived = [
            Statement(_TASK_PROPERTIES, batch),
            Statement(_DOCUMENT_PROPERTIES, batch),
            Statement(_SET_ROLE_OWNERS, {"rows": _role_owners(store, batch["ids"])}),
        ]
        counts = [Statement(_PAIRS, added), Statement(_DATE_COUNTS, added), Statement(_AGENCY_YEARS, added)]
        store.write([*derived, *_counted(added), *counts])
    return len(ids)


def _role_owners(store: GraphStore, document_ids: list[str]) -> list[dict[str, str]]:
    """`Document.role_owners` recounted from the edges, joined here: FalkorDB's string `reduce`
    garbles long strings."""
    tokens: dict[str, list[str]] = {document: [] for document in document_ids}
    for document, token, edges in store.read(_ROLE_TOKENS, {"ids": document_ids}).rows:
        tokens[document] += [token] * edges
    return [{"id": document, "owners": " ".join(sorted(owned))} for document, owned in tokens.items()]


def _add_role_count(prop: str) -> str:
    return (
        f"UNWIND $rows AS r MATCH (a:{schema.AGENCY} {{id: r.id}}) SET a.{prop} = coalesce(a.{prop}, 0) + r.n"
    )


_ADD_PAIRS: Final = (
    f"UNWIND $rows AS r MERGE (p:{schema.AGENCY_PAIR} {{id: r.id}}) "
    "ON CREATE SET p.agency_a = r.agency_a, p.agency_b = r.agency_b, p.kind_a = r.kind_a, "
    "p.kind_b = r.kind_b, p.tasks = 0 "
    "SET p.tasks = p.tasks + r.tasks"
)
_ADD_AGENCY_YEARS: Final = (
    f"UNWIND $rows AS r MERGE (y:{schema.AGENCY_YEAR} {{id: r.id}}) "
    "ON CREATE SET y.agency_id = r.agency_id, y.year = r.year, y.leads = 0, y.co = 0, y.sole = 0 "
    "SET y.leads = y.leads + r.leads, y.co = y.co + r.co, y.sole = y.sole + r.sole"
)
_ADD_DATE_COUNTS: Final = (
    f"UNWIND $rows AS r MATCH (dt:{schema.DATE} {{value: r.value}}) "
    "SET dt.due_count = coalesce(dt.due_count, 0) + r.due"
)
TOTALS_BATCH: Final = 5000
"""Rows per statement when writing `Totals`."""


class Totals:
    """The cross-document counts of a bulk load, accumulated from each document's rows."""

    def __init__(self) -> None:
        self._roles: dict[str, Counter[str]] = defaultdict(Counter)
        self._pairs: Counter[tuple[str, str]] = Counter()
        self._due: Counter[str] = Counter()
        self._years: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self._agencies: dict[str, dict[str, Any]] = {}

    def add(self, rows: DocumentRows) -> None:
        """Count one staged document's role edges, owner pairs and deadlines."""
        for agency in rows.agencies:
            self._agencies.setdefault(agency["id"], agency)
        owners: dict[str, set[str]] = defaultdict(set)
        year = rows.published[:4] if rows.published else UNDATED
        for relationship, role_rows in rows.roles.items():
            for row in role_rows:
                self._roles[row["agency"]][relationship] += 1
                self._years[row["agency"], year][relationship] += 1
                owners[row["task"]].add(row["agency"])
        for task_owners in owners.values():
            by_name = sorted(task_owners, key=lambda agency: self._agencies[agency]["name"])
            for a, b in combinations(by_name, 2):
                if self._agencies[a]["name"] < self._agencies[b]["name"]:
                    self._pairs[a, b] += 1
        self._due.update(row["date"] for row in rows.due_by)

    def statements(self) -> list[Statement]:
        """Statements adding every counted total to the graph's (the counted nodes must exist).

        A role an agency does not hold here leaves its count untouched (absent stays absent),
        so a bulk load and document-by-document writes give identical graphs.
        """
        writes = [
            (
                _add_role_count(prop),
                [{"id": agency, "n": roles[rel]} for agency, roles in self._roles.items() if roles[rel]],
            )
            for rel, prop in COUNT_PROPERTY.items()
        ]
        writes.append((_ADD_PAIRS, [self._pair_row(a, b, tasks) for (a, b), tasks in self._pairs.items()]))
        writes.append((_ADD_DATE_COUNTS, [{"value": value, "due": due} for value, due in self._due.items()]))
        writes.append((_ADD_AGENCY_YEARS, [_year_row(*key, roles) for key, roles in self._years.items()]))
        return [
            Statement(cypher, {"rows": rows[start : start + TOTALS_BATCH]})
            for cypher, rows in writes
            for start in range(0, len(rows), TOTALS_BATCH)
        ]

    def _pair_row(self, a: str, b: str, tasks: int) -> dict[str, Any]:
        first, second = self._agencies[a], self._agencies[b]
        return {
            "id": f"{a}|{b}",
            "agency_a": first["name"],
            "agency_b": second["name"],
            "kind_a": first["kind"],
            "kind_b": second["kind"],
            "tasks": tasks,
        }


def _year_row(agency: str, year: str, roles: Counter[str]) -> dict[str, Any]:
    counts: dict[str, int] = {field: roles[relationship] for relationship, field in schema.ROLE_OF.items()}
    return {"id": f"{agency}|{year}", "agency_id": agency, "year": year, **counts}
