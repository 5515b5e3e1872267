"""Per-task and per-document derived data, computed from one document's rows before they are written.

Whole-graph questions (tasks with several or no leads, the generic-body share) would otherwise
recount every task's owners on each ask, and comparing two documents would walk every
responsibility edge of their tasks. What a task or document contributes is known the
moment its rows are built, so both write paths (Cypher statements and the bulk loader) store
these properties with the nodes themselves, at no extra database cost, and they disappear with
the nodes when a document is replaced:

- `Task.lead_count`: agencies leading it; `Task.generic_only`: its only owners are generic
  bodies such as 有关部门;
- `Document.task_count`, `unled_count`, `joint_led_count` (two or more leads) and
  `generic_only_count`;
- `Document.role_owners`: one token `role:agency_id` (role `leads`, `co` or `sole`) per
  responsibility edge of the document, space-separated, sorted. Comparing documents (changes)
  counts these tokens instead of walking tens of thousands of edges; one string per document
  because the client decodes a value at a time (a list of 400 values costs 100× one string)
  and Python's Counter counts split tokens at C speed, where summing list entries in Cypher
  took longer than walking the edges.

Counts that span documents (per agency, per agency and year, per agency pair, per due date)
live in graph/aggregates.py.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from graph import schema

if TYPE_CHECKING:
    from graph.rows import DocumentRows

GENERIC_KIND = "generic"


def with_counts(rows: DocumentRows) -> DocumentRows:
    """`rows` with the derived properties added to its task rows and its document row."""
    kind_of = {agency["id"]: agency["kind"] for agency in rows.agencies}
    leads = Counter(row["task"] for row in rows.roles[schema.LEADS])
    owner_kinds: dict[str, list[str]] = defaultdict(list)
    for role_rows in rows.roles.values():
        for row in role_rows:
            if kind_of.get(row["agency"]) is not None:
                owner_kinds[row["task"]].append(kind_of[row["agency"]])
    for task in rows.tasks:
        kinds = owner_kinds[task["id"]]
        task["lead_count"] = leads[task["id"]]
        task["generic_only"] = bool(kinds) and all(kind == GENERIC_KIND for kind in kinds)
    rows.document.update(
        task_count=len(rows.tasks),
        unled_count=sum(task["lead_count"] == 0 for task in rows.tasks),
        joint_led_count=sum(task["lead_count"] >= 2 for task in rows.tasks),
        generic_only_count=sum(task["generic_only"] for task in rows.tasks),
        role_owners=role_owners(rows),
    )
    return rows


def role_owners(rows: DocumentRows) -> str:
    """The document's `role:agency_id` tokens, one per responsibility edge, sorted and space-separated."""
    return " ".join(
        sorted(
            f"{schema.ROLE_OF[relationship]}:{row['agency']}"
            for relationship, role in rows.roles.items()
            for row in role
        )
    )
