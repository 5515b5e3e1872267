"""Derived data (graph/derived.py, graph/aggregates.py) always equals what the edges say, through every write.

The fast canned questions read these counts instead of the edges, so a count that drifted
after a replaced document version or a rebuild would silently give researchers wrong answers.
Each test recounts from the edges with plain Cypher and compares.
"""

from __future__ import annotations

from datetime import date

from graph import aggregates
from graph.ingest import IngestSummary, remove_stale_documents, write_documents
from graph.rows import agency_id
from graph.store import GraphStore
from loaders.agencies import normalise
from loaders.records import Document, Task
from tests.synthetic_records import named_document, named_task

_ROLES = "LEADS|CO_RESPONSIBLE|RESPONSIBLE"
ROLE = {"LEADS": "leads", "CO_RESPONSIBLE": "co", "RESPONSIBLE": "sole"}


def _document(doc_id: str, tasks: tuple[Task, ...]) -> Document:
    return named_document(doc_id, f"{doc_id}方案", tasks)


FIRST = _document(
    "a",
    (
        named_task("a", 1, leads=["知识产权局", "市场监管总局"], co=["公安部"], due=date(2023, 6, 30)),
        named_task("a", 2, co=["有关部门"], due=date(2023, 6, 30)),
        named_task("a", 3, sole=["公安部"], due=date(2024, 12, 31)),
    ),
)
OTHER = _document(
    "b",
    (
        named_task("b", 1, leads=["知识产权局"], co=["市场监管总局", "有关部门"]),
        named_task("b", 2, leads=["公安部"], co=["知识产权局"], due=date(2024, 12, 31)),
    ),
)
FIRST_AGAIN = _document(
    "a", (named_task("a", 1, leads=["市场监管总局"], co=["公安部"], due=date(2025, 1, 1)),)
)


def _derived(store: GraphStore) -> dict[str, set[tuple]]:
    queries = {
        "agencies": "MATCH (a:Agency) WITH a, coalesce(a.leads_count, 0) AS leads, "
        "coalesce(a.co_count, 0) AS co, coalesce(a.sole_count, 0) AS sole "
        "WHERE leads + co + sole > 0 RETURN a.id, leads, co, sole",
        "pairs": "MATCH (p:AgencyPair) RETURN p.agency_a, p.agency_b, p.tasks",
        "tasks": "MATCH (t:Task) RETURN t.id, t.lead_count, t.generic_only",
        "documents": "MATCH (d:Document) RETURN d.id, d.task_count, d.unled_count, d.joint_led_count, "
        "d.generic_only_count",
        "dates": "MATCH (dt:Date) WHERE dt.due_count > 0 RETURN dt.value, dt.due_count",
        "years": "MATCH (y:AgencyYear) RETURN y.agency_id, y.year, y.leads, y.co, y.sole",
        "owners": "MATCH (d:Document) RETURN d.id, d.role_owners",
    }
    return {name: set(store.read(cypher).rows) for name, cypher in queries.items()}


def _role_owners(store: GraphStore) -> set[tuple]:
    """Each document's `role:agency_id` tokens, one per edge, recounted from the edges."""
    tokens: dict[str, list[str]] = {row[0]: [] for row in store.read("MATCH (d:Document) RETURN d.id").rows}
    edges = store.read(
        f"MATCH (a:Agency)-[r:{_ROLES}]->(:Task)-[:IN_DOCUMENT]->(d:Document) RETURN d.id, type(r), a.id"
    )
    for document, relationship, agency in edges.rows:
        tokens[document].append(f"{ROLE[relationship]}:{agency}")
    return {(document, " ".join(sorted(owned))) for document, owned in tokens.items()}


def _recounted(store: GraphStore) -> dict[str, set[tuple]]:
    queries = {
        "agencies": f"MATCH (a:Agency)-[r:{_ROLES}]->(:Task) "
        "RETURN a.id, count(CASE WHEN type(r) = 'LEADS' THEN 1 END), "
        "count(CASE WHEN type(r) = 'CO_RESPONSIBLE' THEN 1 END), "
        "count(CASE WHEN type(r) = 'RESPONSIBLE' THEN 1 END)",
        "pairs": f"MATCH (a:Agency)-[:{_ROLES}]->(t:Task)<-[:{_ROLES}]-(b:Agency) WHERE a.name < b.name "
        "RETURN a.name, b.name, count(DISTINCT t)",
        "tasks": f"MATCH (t:Task) OPTIONAL MATCH (a:Agency)-[r:{_ROLES}]->(t) "
        "WITH t, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS leads, collect(a.kind) AS kinds "
        "RETURN t.id, leads, size(kinds) > 0 AND size([k IN kinds WHERE k <> 'generic']) = 0",
        "documents": "MATCH (d:Document) OPTIONAL MATCH (t:Task)-[:IN_DOCUMENT]->(d) "
        "RETURN d.id, count(t), count(CASE WHEN t.lead_count = 0 THEN 1 END), "
        "count(CASE WHEN t.lead_count >= 2 THEN 1 END), count(CASE WHEN t.generic_only THEN 1 END)",
        "dates": "MATCH (:Task)-[:DUE_BY]->(dt:Date) RETURN dt.value, count(*)",
        "years": f"MATCH (a:Agency)-[r:{_ROLES}]->(:Task)-[:IN_DOCUMENT]->(d:Document) "
        "RETURN a.id, coalesce(substring(d.published, 0, 4), 'undated'), "
        "count(CASE WHEN type(r) = 'LEADS' THEN 1 END), "
        "count(CASE WHEN type(r) = 'CO_RESPONSIBLE' THEN 1 END), "
        "count(CASE WHEN type(r) = 'RESPONSIBLE' THEN 1 END)",
    }
    recounted = {name: set(store.read(cypher).rows) for name, cypher in queries.items()}
    return recounted | {"owners": _role_owners(store)}


def test_counts_follow_writes_and_replaced_versions(fresh_store):
    write_documents(fresh_store, [FIRST, OTHER], IngestSummary())
    derived = _derived(fresh_store)
    assert derived == _recounted(fresh_store)
    assert ("国家市场监督管理总局", "国家知识产权局", 2) in derived["pairs"]
    assert ("a", 3, 2, 1, 1) in derived["documents"]
    assert ("2024-12-31", 2) in derived["dates"]
    assert ("cnipa", "2022", 2, 1, 0) in derived["years"]
    generic = agency_id(normalise("有关部门"))
    assert ("a", f"co:{generic} co:mps leads:cnipa leads:samr sole:mps") in derived["owners"]
    write_documents(fresh_store, [FIRST_AGAIN], IngestSummary())
    derived = _derived(fresh_store)
    assert derived == _recounted(fresh_store)
    assert ("国家市场监督管理总局", "国家知识产权局", 1) in derived["pairs"]
    assert ("2023-06-30", 2) not in derived["dates"]


def test_removing_a_stale_document_subtracts_it(fresh_store):
    write_documents(fresh_store, [FIRST, OTHER], IngestSummary())
    assert remove_stale_documents(fresh_store, "b.txt", []) == 1
    assert _derived(fresh_store) == _recounted(fresh_store)


def test_rebuild_recomputes_from_the_edges(fresh_store):
    write_documents(fresh_store, [FIRST, OTHER], IngestSummary())
    before = _derived(fresh_store)
    assert aggregates.rebuild(fresh_store) == 2
    assert _derived(fresh_store) == before
