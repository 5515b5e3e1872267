"""The first tasks matching a condition in answer order, found the cheapest way.

Task lists answer in document order (document title, document id, position) and stop at a
limit: who-leads, the search box's task group and a deadline day. Two ways find those rows:

- **Scanning documents in answer order**, a batch at a time (`SCAN_BATCHES`): costs the
  tasks of the documents scanned, whatever the corpus size, so a frequent word is cheap (the
  first 8 documents hold 100 tasks with 知识产权: ~3 ms at 100k tasks).
- **The full-text index** over task bigrams (graph/terms.py), candidates confirmed by the
  condition: costs every task holding the word's phrase, fetched and sorted, so a rare or
  absent word is cheap (under 1 ms at 100k, where scanning the rest cost ~80 ms, ~10× at 1M)
  but a frequent one is not (40–70 ms for 9k hits at 100k, growing with the corpus).

So the index is asked first how many candidates it holds, counting no further than
`RARE_BELOW` (the engines stream hits, so this costs ~1 ms however frequent the word): a rare
word is then answered by the index alone. A frequent one scans the first batch of documents,
whose yield predicts how many more complete the list: the second batch scans only those (at
most 64), and what is still missing then comes from the index, not from a scan of every
task. Going to the index right after the first batch was measured and dropped: a word in
~2 tasks per document costs 20 ms by index at 100k but 90 ms at 1M, against ~40 ms for
scanning 64 more documents. A condition without index words (a single CJK character, Latin
letters, a deadline day) scans both batches whole and then the remaining tasks.
Figures: benchmarks/NOTES-queries.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate
from math import ceil
from typing import Any, Final

from graph.dialect import fulltext_query, fulltext_tasks_call
from graph.store import GraphStore
from graph.terms import keyword_phrase

type Fetch[Row] = Callable[[str, Mapping[str, Any]], list[Row]]
"""Runs a query ending in the caller's page and turns its rows into the caller's answers."""

ANSWER_ORDER: Final = "d.title, d.id, t.start"
"""The order every page passed to `first_tasks` returns its rows in: the order documents are scanned."""
RARE_BELOW: Final = 256
"""A word with fewer index candidates than this is found through the index alone."""
SCAN_BATCHES: Final = (8, 64)
"""Documents scanned in answer order, batch by batch, before the rest is searched at once; with
an index, a later batch holds only as many documents as those before predict are needed."""
SPARE: Final = 1.25
"""How many more documents than predicted a later batch scans, for words unevenly spread."""

_AFTER = "($after_id IS NULL OR d.title > $after_title OR (d.title = $after_title AND d.id > $after_id))"
_NEXT_DOCUMENTS = f"""
MATCH (d:Document) WHERE {{scope}} AND {_AFTER}
RETURN d.id AS id, d.title AS title
ORDER BY d.title, d.id
LIMIT $batch
"""
_TO_DOCUMENT = " WITH t MATCH (t)-[:IN_DOCUMENT]->(d:Document)"
_IN_DOCUMENTS = "MATCH (t:Task) WHERE t.document_id IN $ids AND {condition}" + _TO_DOCUMENT
_REST = "{start}" + _TO_DOCUMENT + f" WHERE {{scope}} AND {_AFTER}"
_SCANNED = "MATCH (t:Task) WHERE {condition}"
_INDEXED = "{call} WITH node AS t WHERE {condition}"


def first_tasks[Row](
    store: GraphStore,
    *,
    condition: str,
    words: Sequence[str] = (),
    scope: str = "true",
    params: Mapping[str, Any],
    page: str,
    fetch: Fetch[Row],
    limit: int,
) -> list[Row]:
    """The first `limit` rows of `page` over tasks meeting `condition` in documents meeting `scope`.

    `condition` is a Cypher predicate over task `t`; `words` are the substrings it requires
    one of (empty when it is no word match), so the index may find its candidates. `scope` is
    a predicate over document `d`. `page` continues from bound `t` and `d` and returns at most
    `$limit` rows in `ANSWER_ORDER`.
    """
    index_query = _index_query(store.dialect, words)
    if index_query is None:
        start = _SCANNED.format(condition=condition)
    else:
        start = _INDEXED.format(call=fulltext_tasks_call(store.dialect), condition=condition)
    rest = _REST.format(start=start, scope=scope) + page
    scan: dict[str, Any] = {**params, "query": index_query, "after_title": None, "after_id": None}
    if index_query is not None and _rare(store, index_query):
        return fetch(rest, scan | {"limit": limit})
    in_documents = _IN_DOCUMENTS.format(condition=condition) + page
    next_documents = _NEXT_DOCUMENTS.format(scope=scope)
    found: list[Row] = []
    for scanned, batch in zip(accumulate(SCAN_BATCHES, initial=0), SCAN_BATCHES, strict=False):
        size = batch if index_query is None else _to_complete(len(found), scanned, batch, limit)
        documents = store.read(next_documents, scan | {"batch": size}).records()
        ids = [row["id"] for row in documents]
        found += fetch(in_documents, scan | {"ids": ids, "limit": limit - len(found)})
        if len(found) >= limit or len(documents) < size:
            return found
        scan |= {"after_title": documents[-1]["title"], "after_id": ids[-1]}
    return found + fetch(rest, scan | {"limit": limit - len(found)})


def _rare(store: GraphStore, index_query: str) -> bool:
    """Whether the index holds fewer than `RARE_BELOW` candidates, counted no further than that.

    The engines stream index hits, so the count costs at most `RARE_BELOW` hits however
    frequent the word is, and the index then answers with fewer hits than that to sort.
    """
    cypher = fulltext_tasks_call(store.dialect) + " WITH node LIMIT $cap RETURN count(node) AS n"
    [(candidates,)] = store.read(cypher, {"query": index_query, "cap": RARE_BELOW}).rows
    return int(candidates) < RARE_BELOW


def _to_complete(found: int, scanned: int, batch: int, limit: int) -> int:
    """At most `batch` documents: as many as, as dense in matches as the `scanned` ones, reach `limit`.

    With a quarter to spare, since the rest then comes from the index, which costs every
    candidate of a frequent word. A word not yet found (or too sparse) scans the whole batch.
    """
    if not found:
        return batch
    return min(batch, ceil((limit - found) * scanned * SPARE / found))


def _index_query(dialect: str, words: Sequence[str]) -> str | None:
    """The full-text query finding every task containing any of `words`, or None if one has no phrase."""
    phrases = [keyword_phrase(word) for word in words]
    if not phrases or None in phrases:
        return None
    return fulltext_query(dialect, [phrase for phrase in phrases if phrase is not None])
