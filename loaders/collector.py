"""The cyclic garbage collector's pace for drivers that load many files and keep what they load.

A file's records are trees (documents hold sections and tasks, tasks hold clauses and spans):
loading builds no reference cycles, and reference counting frees every temporary. The cyclic
collector still runs, triggered by the allocations, and each of its full passes visits every
object alive, including all documents loaded before and the loaders' caches; at Python's
default pace that came to a fifth of extraction time with 20,000 tasks held.

`load_file` is a pure function over text and leaves the process's collector alone. The drivers
that load many files and hold the results (`policykg extract`, the extraction benchmark, the
ingest and its loader workers) run the collector rarely with these helpers instead: one
setting for all of them, so that their figures compare. The helpers live here, not in graph/,
because the reason is the loaders' allocation pattern and because every driver may import
loaders while loaders may not import graph.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

GC_YOUNG_THRESHOLD = 100_000
"""Net allocations before the cyclic collector runs (Python's default: 2,000). Extraction and
rows allocate millions of short-lived, acyclic objects (a 100k-task load leaves ~200 objects for
the collector to free), and each collection walked the loader's caches: 10-30% of a loader
worker's CPU at the default. Reference counting frees everything else as before."""


def collect_rarely() -> tuple[int, int, int]:
    """Raise the collector's first threshold to GC_YOUNG_THRESHOLD; return the thresholds before.

    For a process that loads until it ends (a loader worker); a caller that lives on uses
    `rare_collections` to get its own pace back.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *thresholds[1:])
    return thresholds


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run the cyclic collector rarely for the block, then as before (also on errors)."""
    thresholds = collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
