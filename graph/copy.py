"""Copy a whole graph from one store to another (in practice: embedded → Neo4j).

A team that outgrows the embedded store should not have to re-ingest its corpus: this reads
every node label by label and every relationship by (start label, type, end label) through the
source's read path and MERGEs them into the target in batches, keyed by each label's unique
property from `graph.schema`. Only names from the schema (labels) or checked identifiers
(relationship types) are ever placed in Cypher text; all data travels as parameters.
Counts of both sides come back so the caller can show that nothing was lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from graph.schema import INDEXES, NODE_PROPERTIES
from graph.store import GraphStore, Statement, StoreError

BATCH_SIZE = 2000
KEY_PROPERTY: dict[str, str] = {spec.label: spec.prop for spec in INDEXES if spec.unique}
"""Each label's unique property, which identifies a node across stores."""
_RELATIONSHIP_TYPE = re.compile(r"[A-Z][A-Z0-9_]*")


@dataclass(frozen=True)
class GraphCounts:
    """How many nodes per label and relationships per type a store holds."""

    nodes: dict[str, int]
    relationships: dict[str, int]


@dataclass(frozen=True)
class CopyReport:
    """Counts before (source) and after (target) a copy; equal when the target started empty."""

    source: GraphCounts
    target: GraphCounts

    @property
    def identical(self) -> bool:
        return self.source == self.target


def count_graph(store: GraphStore) -> GraphCounts:
    """Nodes per schema label and relationships per type, omitting zero counts."""
    nodes: dict[str, int] = {}
    for label in NODE_PROPERTIES:
        count = store.read(f"MATCH (n:{label}) RETURN count(n) AS c").rows[0][0]
        if count:
            nodes[label] = count
    rows = store.read("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c").rows
    return GraphCounts(nodes=nodes, relationships={str(kind): count for kind, count in rows if count})


def copy_graph(source: GraphStore, target: GraphStore, batch_size: int = BATCH_SIZE) -> CopyReport:
    """MERGE every node and relationship of `source` into `target`, `batch_size` per transaction."""
    for label, key in KEY_PROPERTY.items():
        _copy_nodes(source, target, label, key, batch_size)
    for start, kind, end in _relationship_shapes(source):
        _copy_relationships(source, target, start, kind, end, batch_size)
    return CopyReport(source=count_graph(source), target=count_graph(target))


def _copy_nodes(source: GraphStore, target: GraphStore, label: str, key: str, batch_size: int) -> None:
    """Pages through `label` in key order (keyset paging: no SKIP cost on big graphs)."""
    read = (
        f"MATCH (n:{label}) WHERE n.{key} > $after "
        f"RETURN n.{key} AS key, properties(n) AS props ORDER BY key LIMIT $batch"
    )
    write = f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.key}}) SET n = row.props"
    after = ""
    while True:
        rows = source.read(read, {"after": after, "batch": batch_size}).rows
        if not rows:
            return
        target.write([Statement(write, {"rows": [{"key": k, "props": _props(p)} for k, p in rows]})])
        after = rows[-1][0]


def _copy_relationships(
    source: GraphStore, target: GraphStore, start: str, kind: str, end: str, batch_size: int
) -> None:
    start_key, end_key = KEY_PROPERTY[start], KEY_PROPERTY[end]
    read = (
        f"MATCH (a:{start})-[r:{kind}]->(b:{end}) "
        f"RETURN a.{start_key} AS a, b.{end_key} AS b, properties(r) AS props "
        "ORDER BY a, b SKIP $skip LIMIT $batch"
    )
    write = (
        f"UNWIND $rows AS row MATCH (a:{start} {{{start_key}: row.a}}) MATCH (b:{end} {{{end_key}: row.b}}) "
        f"MERGE (a)-[r:{kind}]->(b) SET r = row.props"
    )
    skip = 0
    while True:
        rows = source.read(read, {"skip": skip, "batch": batch_size}).rows
        if not rows:
            return
        target.write([Statement(write, {"rows": [{"a": a, "b": b, "props": _props(p)} for a, b, p in rows]})])
        skip += len(rows)


def _relationship_shapes(source: GraphStore) -> list[tuple[str, str, str]]:
    """The distinct (start label, type, end label) triples, each checked before it meets Cypher."""
    rows = source.read("MATCH (a)-[r]->(b) RETURN DISTINCT labels(a) AS a, type(r) AS t, labels(b) AS b").rows
    return sorted((_known_label(a), _checked_type(t), _known_label(b)) for a, t, b in rows)


def _known_label(labels: list[str]) -> str:
    if len(labels) != 1 or labels[0] not in KEY_PROPERTY:
        raise StoreError(f"cannot copy a node labelled {labels}: not a label of the policykg schema")
    return labels[0]


def _checked_type(kind: str) -> str:
    if not _RELATIONSHIP_TYPE.fullmatch(kind):
        raise StoreError(f"cannot copy relationship type {kind!r}: not an upper-case identifier")
    return kind


def _props(props: Any) -> dict[str, Any]:
    return dict(props or {})


def render_report(report: CopyReport, fmt: str) -> str:
    """Counts side by side: JSON for scripts, a small table for people."""
    if fmt == "json":
        return json.dumps(
            {
                "identical": report.identical,
                "source": asdict(report.source),
                "target": asdict(report.target),
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [f"{'':<16}{'source':>10}{'target':>10}"]
    for title, source, target in (
        ("nodes", report.source.nodes, report.target.nodes),
        ("relationships", report.source.relationships, report.target.relationships),
    ):
        lines.append(title)
        for name in sorted(source.keys() | target.keys()):
            lines.append(f"  {name:<14}{source.get(name, 0):>10}{target.get(name, 0):>10}")
    lines.append("counts identical" if report.identical else "counts differ (the target was not empty?)")
    return "\n".join(lines)
