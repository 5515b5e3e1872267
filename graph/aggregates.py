"""Derived data: counts the canned questions would otherwise recompute from every task.

Whole-graph questions (agencies ranked by tasks, agencies that work together, tasks with
several or no leads, the generic-body share) aggregate over every responsibility edge; at a
million tasks that is seconds per question. So each document write also maintains:

- on `Task`: `lead_count` (agencies leading it) and `generic_only` (its only owners are generic
  bodies such as 有关部门);
- on `Document`: `task_count`, `unled_count`, `joint_led_count` and `generic_only_count`;
- on `Agency`: `leads_count`, `co_count` and `sole_count` over all documents;
- on `Date`: `due_count`, the tasks due that day;
- `AgencyPair {id, agency_a, agency_b, kind_a, kind_b, tasks}`: tasks two agencies are both
  named on (any role), one node per pair, `agency_a` the lexically smaller name. A node rather
  than an Agency–Agency edge so exports, CSV re-import and store copies carry it through the
  schema's label list like any other node, without a relationship type of its own.

The statements run inside the document's own write transaction: `retract_statements` before a
previous version is deleted (subtracting what it contributed), `add_statements` after the new
version is written. So the derived data is exactly as durable and atomic as the document, and
a crash never leaves counts that disagree with the edges. Task and Document properties vanish
with their nodes; only the Agency counts and AgencyPair nodes need subtracting.
"""

from __future__ import annotations

from typing import Final

from graph import schema
from graph.store import GraphStore, Statement

AGENCY_PAIR: Final = "AgencyPair"
_ROLES: Final = f"{schema.LEADS}|{schema.CO_RESPONSIBLE}|{schema.RESPONSIBLE}"

_AGENCY_COUNTS: Final = f"""
MATCH (t:{schema.TASK}) WHERE t.document_id IN $ids WITH t
MATCH (a:{schema.AGENCY})-[r:{_ROLES}]->(t)
WITH a, count(CASE WHEN type(r) = '{schema.LEADS}' THEN 1 END) AS leads,
     count(CASE WHEN type(r) = '{schema.CO_RESPONSIBLE}' THEN 1 END) AS co,
     count(CASE WHEN type(r) = '{schema.RESPONSIBLE}' THEN 1 END) AS sole
SET a.leads_count = coalesce(a.leads_count, 0) + $sign * leads,
    a.co_count = coalesce(a.co_count, 0) + $sign * co,
    a.sole_count = coalesce(a.sole_count, 0) + $sign * sole
"""
_PAIRS: Final = f"""
MATCH (t:{schema.TASK}) WHERE t.document_id IN $ids WITH t
MATCH (owner:{schema.AGENCY})-[:{_ROLES}]->(t)
WITH t, collect(DISTINCT owner) AS owners
UNWIND owners AS a
UNWIND owners AS b
WITH t, a, b WHERE a.name < b.name
WITH a, b, count(DISTINCT t) AS tasks
MERGE (p:{AGENCY_PAIR} {{id: a.id + '|' + b.id}})
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
    f"MATCH (p:{AGENCY_PAIR}) DELETE p",
    f"MATCH (a:{schema.AGENCY}) SET a.leads_count = 0, a.co_count = 0, a.sole_count = 0",
    f"MATCH (dt:{schema.DATE}) SET dt.due_count = 0",
)
_ALL_DOCUMENTS: Final = f"MATCH (d:{schema.DOCUMENT}) RETURN d.id ORDER BY d.id"
REBUILD_BATCH: Final = 50
"""Documents per transaction when rebuilding: keeps each transaction's pair rows small."""


def retract_statements(document_ids: list[str]) -> list[Statement]:
    """Subtract what the stored versions of `document_ids` contribute; run before deleting them."""
    params = {"ids": document_ids, "sign": -1}
    return [Statement(_AGENCY_COUNTS, params), Statement(_PAIRS, params), Statement(_DATE_COUNTS, params)]


def add_statements(document_ids: list[str]) -> list[Statement]:
    """Derive the counts of freshly written `document_ids`; run after writing their tasks and edges."""
    params = {"ids": document_ids, "sign": 1}
    return [
        Statement(_TASK_PROPERTIES, {"ids": document_ids}),
        Statement(_DOCUMENT_PROPERTIES, {"ids": document_ids}),
        Statement(_AGENCY_COUNTS, params),
        Statement(_PAIRS, params),
        Statement(_DATE_COUNTS, params),
    ]


def rebuild(store: GraphStore) -> int:
    """Recompute all derived data from the edges, e.g. for a graph written before it existed.

    Returns the number of documents processed.
    """
    store.write([Statement(cypher) for cypher in _RESET])
    ids = [row[0] for row in store.read(_ALL_DOCUMENTS).rows]
    for start in range(0, len(ids), REBUILD_BATCH):
        store.write(add_statements(ids[start : start + REBUILD_BATCH]))
    return len(ids)
