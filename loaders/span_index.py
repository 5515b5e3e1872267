"""Overlap tests against many spans in O(log n), for the clause finders.

Documents hold thousands of clauses and brackets; testing every candidate against every
span made extraction quadratic in document length.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate


class SpanIndex:
    """Spans (start, end) sorted by start with running maximum ends."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_ends = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with [start, end)."""
        index = bisect_left(self._starts, end)
        return index > 0 and self._max_ends[index - 1] > start

    def contains(self, pos: int) -> bool:
        """Whether any span holds the character at `pos`."""
        return self.overlaps(pos, pos + 1)
