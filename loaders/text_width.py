"""How wide text prints: CJK characters take two columns.

Cleaning measures every line to find a hard-wrapped text's width, the layout-table reader
places cells by the column they start at, and `policykg extract --format table` pads cells.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache


def display_width(text: str) -> int:
    """Columns a line takes in print: wide (CJK) characters count two."""
    if text.isascii():
        return len(text)
    return 2 * len(text) - len(narrow(text))


def narrow(text: str) -> str:
    """`text` without its wide characters."""
    kept = _wide_chars(0, 0x10000).sub("", text)
    if kept and max(kept) > "\uffff":
        kept = _wide_chars(0x10000, 0x40000).sub("", kept)
    return kept


@cache
def _wide_chars(low: int, high: int) -> re.Pattern[str]:
    """Runs of the wide (W/F) characters in [low, high), read from unicodedata.

    Measuring every line is on the cleaning hot path: one regex pass in C replaces a Python
    call per character. The basic plane gets a class of its own because re matches such a
    class by bitmap; the rare astral characters are only looked at when a line holds one.
    """
    ranges: list[str] = []
    run_start: int | None = None
    for code in range(low, high + 1):
        wide = code < high and unicodedata.east_asian_width(chr(code)) in "WF"
        if wide and run_start is None:
            run_start = code
        elif not wide and run_start is not None:
            ranges.append(f"{re.escape(chr(run_start))}-{re.escape(chr(code - 1))}")
            run_start = None
    return re.compile("[" + "".join(ranges) + "]+")  # runs: one replacement per run, not per char
