"""Records → graph: batched, parameterised `UNWIND $rows …` statements per document.

A document's statements first delete what a previous version of it left (its tasks, sections
and edges; document ids are stable across versions), then write the new content, and are
written in one store transaction, so a crash leaves each document fully present or absent
and re-running converges. Small documents are grouped into one transaction for throughput;
each is still whole. Nodes shared between documents (agencies, dates) are MERGEd; the
document's own nodes and edges were just deleted, so they are CREATEd, which skips MERGE's
existence checks (ids include the document id, so they cannot collide). Loading files and
turning their documents into rows (pure, CPU-bound) can use worker processes, which hand back
plain rows; this process only writes, serially. Into a graph without documents, a
store that offers a `FreshLoader` (the embedded one: GRAPH.BULK, graph/falkor_bulk.py) takes
the whole load instead and publishes it at once.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from tqdm import tqdm

from graph import aggregates, schema
from graph.rows import DocumentRows, document_rows, registry_rows
from graph.store import GraphStore, Statement
from loaders.collector import collect_rarely, rare_collections
from loaders.records import Document

SUPPORTED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".docx", ".pdf"})
READ_AHEAD_PER_WORKER = 8
"""Files a loader process may have finished or queued beyond the one being written: enough to
keep it busy while this process writes, few enough that rows cannot pile up here."""
PARALLEL_MIN_BYTES = 2_000_000
"""Inputs smaller than this load in-process: ~1 s of worker start-up would outweigh the gain."""
TASKS_PER_TRANSACTION = 500
"""Documents are grouped until a transaction holds about this many tasks. Measured on 20k
tasks: 500 halves the wall time of one document per transaction (one fsync each) and costs
less server CPU than 2000 or 10000, whose long chained queries plan slower."""

_DELETE_DOCUMENT = [
    f"MATCH (n:{schema.TASK}) WHERE n.document_id IN $ids DETACH DELETE n",
    f"MATCH (n:{schema.SECTION}) WHERE n.document_id IN $ids DETACH DELETE n",
    f"MATCH (d:{schema.DOCUMENT}) WHERE d.id IN $ids DETACH DELETE d",
]
_MERGE_AGENCIES = (
    f"UNWIND $rows AS r MERGE (a:{schema.AGENCY} {{id: r.id}}) "
    "ON CREATE SET a.name = r.name, a.kind = r.kind, a.level = r.level"
)
_CREATE_DOCUMENT = (
    f"CREATE (d:{schema.DOCUMENT}) SET d += $doc "
    f"WITH d WHERE $published IS NOT NULL MERGE (dt:{schema.DATE} {{value: $published}}) "
    f"CREATE (d)-[:{schema.PUBLISHED_ON}]->(dt)"
)
_CREATE_ISSUED = (
    f"MATCH (a:{schema.AGENCY} {{id: $agency}}), (d:{schema.DOCUMENT} {{id: $doc}}) "
    f"CREATE (a)-[:{schema.ISSUED}]->(d)"
)
_CREATE_SECTIONS = (
    f"MATCH (d:{schema.DOCUMENT} {{id: $doc}}) UNWIND $rows AS r "
    f"CREATE (s:{schema.SECTION})-[:{schema.IN_DOCUMENT}]->(d) SET s += r"
)
_CREATE_TASKS = (
    f"MATCH (d:{schema.DOCUMENT} {{id: $doc}}) UNWIND $rows AS r "
    f"CREATE (t:{schema.TASK})-[:{schema.IN_DOCUMENT}]->(d) SET t += r"
)
_CREATE_IN_SECTION = (
    f"UNWIND $rows AS r MATCH (t:{schema.TASK} {{id: r.task}}), (s:{schema.SECTION} {{id: r.section}}) "
    f"CREATE (t)-[:{schema.IN_SECTION}]->(s)"
)
_CREATE_DUE_BY = (
    f"UNWIND $rows AS r MATCH (t:{schema.TASK} {{id: r.task}}) MERGE (dt:{schema.DATE} {{value: r.date}}) "
    f"CREATE (t)-[:{schema.DUE_BY}]->(dt)"
)
_CREATE_ROLE = (
    "UNWIND $rows AS r MATCH (a:{agency} {{id: r.agency}}), (t:{task} {{id: r.task}}) "
    "CREATE (a)-[:{rel} {{mention: r.mention, document_id: $doc}}]->(t)"
)
_MERGE_REGISTRY = (
    f"UNWIND $rows AS r MERGE (a:{schema.AGENCY} {{id: r.id}}) "
    "SET a.name = r.name, a.short_names = r.short_names, a.kind = r.kind, a.level = r.level"
)
_MERGE_SUCCESSIONS = (
    f"UNWIND $rows AS r MATCH (a:{schema.AGENCY} {{id: r.from_id}}), (b:{schema.AGENCY} {{id: r.to_id}}) "
    f"MERGE (a)-[e:{schema.SUCCEEDED_BY}]->(b) SET e.year = r.year"
)
_STALE_DOCUMENTS = f"MATCH (d:{schema.DOCUMENT} {{source_file: $file}}) WHERE NOT d.id IN $keep RETURN d.id"


@dataclass
class IngestSummary:
    """What an ingest did, for the command's closing report."""

    documents: int = 0
    tasks: int = 0
    edges: int = 0
    agencies: set[str] = field(default_factory=set)
    unknown_agencies: set[str] = field(default_factory=set)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "tasks": self.tasks,
            "agencies": len(self.agencies),
            "edges": self.edges,
            "unknown_agencies": sorted(self.unknown_agencies),
            "skipped": [{"file": file, "reason": reason} for file, reason in self.skipped],
        }


def registry_statements(agencies: Iterable[Any], successions: Iterable[Any]) -> list[Statement]:
    """Registry agencies (with short names) and their SUCCEEDED_BY steps, merged idempotently."""
    rows, steps = registry_rows(agencies, successions)
    return [Statement(_MERGE_REGISTRY, {"rows": rows}), Statement(_MERGE_SUCCESSIONS, {"rows": steps})]


def document_statements(rows: DocumentRows) -> list[Statement]:
    """Replace the document of `rows` in the graph: delete its previous version, then merge this one."""
    doc_id = rows.document["id"]
    statements = aggregates.retract_statements([doc_id])
    statements += [Statement(cypher, {"ids": [doc_id]}) for cypher in _DELETE_DOCUMENT]
    statements.append(Statement(_MERGE_AGENCIES, {"rows": rows.agencies}))
    statements.append(Statement(_CREATE_DOCUMENT, {"doc": rows.document, "published": rows.published}))
    statements += [Statement(_CREATE_ISSUED, {"agency": issuer, "doc": doc_id}) for issuer in rows.issuers]
    statements += [
        Statement(_CREATE_SECTIONS, {"doc": doc_id, "rows": rows.sections}),
        Statement(_CREATE_TASKS, {"doc": doc_id, "rows": rows.tasks}),
        Statement(_CREATE_IN_SECTION, {"rows": rows.in_section}),
        Statement(_CREATE_DUE_BY, {"rows": rows.due_by}),
    ]
    for relationship, role_rows in rows.roles.items():
        if role_rows:
            cypher = _CREATE_ROLE.format(agency=schema.AGENCY, task=schema.TASK, rel=relationship)
            statements.append(Statement(cypher, {"rows": role_rows, "doc": doc_id}))
    return statements + aggregates.add_statements(rows)


def remove_stale_documents(store: GraphStore, source_file: str, keep: Sequence[str]) -> int:
    """Delete documents once loaded from `source_file` that its current version no longer has."""
    stale = [row[0] for row in store.read(_STALE_DOCUMENTS, {"file": source_file, "keep": list(keep)}).rows]
    if stale:
        deletes = [Statement(cypher, {"ids": stale}) for cypher in _DELETE_DOCUMENT]
        store.write(aggregates.retract_statements(stale) + deletes)
    return len(stale)


def write_documents(store: GraphStore, docs: Sequence[Document], summary: IngestSummary) -> None:
    """Write `docs`, grouped into transactions of about TASKS_PER_TRANSACTION tasks."""
    write_rows(store, [document_rows(doc) for doc in docs], summary)


def write_rows(store: GraphStore, documents: Sequence[DocumentRows], summary: IngestSummary) -> None:
    """Write documents given as rows, grouped into transactions of about TASKS_PER_TRANSACTION tasks."""
    for group in _groups(documents):
        store.write([statement for rows in group for statement in document_statements(rows)])
        for rows in group:
            _count(rows, summary)


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to load (directories recurse, keeping supported types) and paths skipped with reasons."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
            )
        elif path.is_file():
            files.append(path)
        else:
            skipped.append((str(path), "no such file or directory"))
    return files, skipped


@runtime_checkable
class FreshLoader(Protocol):
    """A store's fast path for loading into a graph without documents (see graph/falkor_bulk.py).

    Nothing is visible until `commit`, which publishes the whole load at once; `add` hands back
    the rows of documents whose id the load already has, for the ordinary replacing write after
    commit.
    `totals` counts what the staged documents contribute to the derived cross-document counts.
    """

    totals: aggregates.Totals

    def add_registry(self, agencies: Iterable[Any], successions: Iterable[Any]) -> None: ...

    def add(self, documents: Sequence[DocumentRows]) -> list[DocumentRows]: ...

    def commit(self) -> None: ...

    def abort(self) -> None: ...


@runtime_checkable
class SupportsFreshLoad(Protocol):
    """A store that may offer a `FreshLoader` (None when its graph already holds documents)."""

    def fresh_loader(self) -> FreshLoader | None: ...


def ingest_paths(store: GraphStore, paths: Iterable[Path], workers: int | None = None) -> IngestSummary:
    """Load every file under `paths` and write it; a file that fails is reported and skipped.

    `workers` loader processes extract while this process writes; None picks them from the
    input (see `default_workers`).

    Into a graph without documents, a store that can bulk-load does so (half the server CPU);
    otherwise each document replaces its previous version in its own transaction.
    """
    from loaders.agencies import agencies, successions

    files, skipped = collect_files(paths)
    workers = workers if workers is not None else default_workers(files)
    summary = IngestSummary(skipped=skipped)
    loader = store.fresh_loader() if files and isinstance(store, SupportsFreshLoad) else None
    with rare_collections():
        if loader is None:
            store.write(registry_statements(agencies(), successions()))
            _ingest_files(files, workers, summary, lambda docs: _write_file(store, docs, summary))
        else:
            repeated = _bulk_load(loader, files, workers, summary)
            store.write(loader.totals.statements())
            write_rows(store, repeated, summary)
    return summary


def _start_worker() -> None:
    """A loader worker keeps its imports for life: freeze them out of the collector's walks."""
    import loaders.pipeline  # noqa: F401  (imported here so that the freeze covers it)

    gc.freeze()
    collect_rarely()


def _bulk_load(
    loader: FreshLoader, files: list[Path], workers: int, summary: IngestSummary
) -> list[DocumentRows]:
    """Stage and publish every file through `loader`; returns documents to write afterwards."""
    from loaders.agencies import agencies, successions

    repeated: list[DocumentRows] = []
    try:
        loader.add_registry(agencies(), successions())
        _ingest_files(files, workers, summary, lambda docs: _stage_file(loader, docs, summary, repeated))
        loader.commit()
    except BaseException:
        loader.abort()
        raise
    return repeated


def default_workers(files: Sequence[Path]) -> int:
    """One loader process per core for inputs worth it, else none besides this one.

    Extraction is the largest CPU cost of an ingest (several times the writes), so on a
    multi-core machine it runs in worker processes while this process encodes and writes;
    starting a worker costs about a second of imports, so small inputs load in-process.
    """
    if len(files) < 2 or sum(path.stat().st_size for path in files) < PARALLEL_MIN_BYTES:
        return 1
    return min(os.cpu_count() or 1, len(files))


def _ingest_files(
    files: list[Path], workers: int, summary: IngestSummary, write: Callable[[list[DocumentRows]], None]
) -> None:
    with tqdm(total=len(files), unit="file", disable=None) as bar:
        for path, loaded in _load_all(files, workers):
            if isinstance(loaded, str):
                summary.skipped.append((str(path), loaded))
            elif not loaded:
                summary.skipped.append((str(path), "no policy document found"))
            else:
                write(loaded)
            bar.update(1)
            rate = summary.tasks / bar.format_dict["elapsed"] if bar.format_dict["elapsed"] else 0.0
            bar.set_postfix(clauses=summary.tasks, rate=f"{rate:.0f}/s")


def _write_file(store: GraphStore, documents: list[DocumentRows], summary: IngestSummary) -> None:
    write_rows(store, documents, summary)
    ids = [rows.document["id"] for rows in documents]
    remove_stale_documents(store, documents[0].document["source_file"], ids)


def _stage_file(
    loader: FreshLoader,
    documents: list[DocumentRows],
    summary: IngestSummary,
    repeated: list[DocumentRows],
) -> None:
    """Stage `documents`, counting them; those the load already has join `repeated` for later."""
    again = loader.add(documents)
    repeated += again
    again_ids = {id(rows) for rows in again}  # identity: of two equal ids, the first was staged
    for rows in documents:
        if id(rows) not in again_ids:
            _count(rows, summary)


def load_one(path: Path) -> list[Document] | str:
    """Documents of one file, or the one-line reason it cannot be loaded (picklable for workers)."""
    from loaders.pipeline import LoadError, load_file

    try:
        return list(load_file(path))
    except LoadError as error:
        return error.reason
    except Exception as error:
        return f"{type(error).__name__}: {error}".splitlines()[0]


def load_rows(path: Path) -> list[DocumentRows] | str:
    """`load_one`, with each document already turned into its rows: a worker's whole job."""
    loaded = load_one(path)
    return loaded if isinstance(loaded, str) else [document_rows(doc) for doc in loaded]


def _load_all(files: list[Path], workers: int) -> Iterator[tuple[Path, list[DocumentRows] | str]]:
    if workers <= 1 or len(files) <= 1:
        yield from ((path, load_rows(path)) for path in files)
        return
    with loader_pool(workers) as pool:
        yield from zip(files, map_ahead(pool, load_rows, files, READ_AHEAD_PER_WORKER * workers), strict=True)


def map_ahead[T, R](
    pool: Executor, function: Callable[[T], R], items: Iterable[T], ahead: int
) -> Iterator[R]:
    """`pool.map` in order, with at most `ahead` items handed to the pool and not yet taken.

    `Executor.map` submits every item at once and holds each finished result until it is taken,
    so loaders that outrun the store pile up rows in this process: at 1M tasks, once the server
    indexed as it loaded, the ingest processes peaked at 832 MB; 16 files ahead, 634 MB in the
    same 102–103 s (4 ahead, 599 MB but 111 s: the loaders waited while a bulk command of ~20
    files was indexed). Unfinished items are cancelled if the caller stops early.
    """
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def loader_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that load files as the ingest does (the extraction benchmark uses them too).

    Spawned, not forked: the writing process has threads (tqdm's monitor, client libraries).
    """
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)


def _groups(documents: Sequence[DocumentRows]) -> Iterator[list[DocumentRows]]:
    group: list[DocumentRows] = []
    size = 0
    for rows in documents:
        group.append(rows)
        size += len(rows.tasks) + 1
        if size >= TASKS_PER_TRANSACTION:
            yield group
            group, size = [], 0
    if group:
        yield group


def _count(rows: DocumentRows, summary: IngestSummary) -> None:
    """Add what one document wrote: its nodes' edges, and the agencies its tasks name."""
    summary.documents += 1
    summary.tasks += len(rows.tasks)
    owners = [row for role_rows in rows.roles.values() for row in role_rows]
    summary.edges += len(rows.sections) + (rows.published is not None) + len(rows.issuers)
    summary.edges += len(rows.tasks) + len(rows.in_section) + len(rows.due_by) + len(owners)
    kinds = {agency["id"]: agency["kind"] for agency in rows.agencies}
    for row in owners:
        summary.agencies.add(row["agency"])
        if kinds[row["agency"]] == "unknown":
            summary.unknown_agencies.add(row["mention"])


def render_summary(summary: IngestSummary, fmt: str) -> str:
    """The closing report: JSON for scripts, short lines for people."""
    if fmt == "json":
        return json.dumps(summary.as_dict(), ensure_ascii=False, indent=2)
    data = summary.as_dict()
    lines = [
        f"documents: {data['documents']}",
        f"tasks: {data['tasks']}",
        f"agencies: {data['agencies']}",
        f"edges: {data['edges']}",
        f"unknown agencies: {len(data['unknown_agencies'])}"
        + (f" ({'、'.join(data['unknown_agencies'][:20])})" if data["unknown_agencies"] else ""),
        f"files skipped: {len(data['skipped'])}",
    ]
    lines += [f"  {item['file']}: {item['reason']}" for item in data["skipped"]]
    return "\n".join(lines)
