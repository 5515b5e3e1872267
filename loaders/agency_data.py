"""The parsed registry data file, read once per process and shared by its users.

`agencies` (names, reforms, generic bodies) and `places` (local bodies) read different tables
of the same curated file, so that one versioned file describes everything normalisation knows.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

_AND_OTHERS = re.compile(r"(?<=.)等(?:有关|相关)?(?:部门|单位)$")
"""教育部等部门 names 教育部 (and unnamed others), not a class of bodies."""
STRIP_CHARS = "等、,，。;；:：“”\"'‘’《》<>「」『』 "


@cache
def registry_data() -> dict[str, Any]:
    """`loaders/data/agencies.toml` as parsed by tomllib."""
    text = resources.files("loaders").joinpath("data/agencies.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1 << 16)
def clean_mention(mention: str) -> str:
    """The lookup key of a mention: NFKC (full-width brackets → ASCII), no whitespace, no 等.

    Clause extractors hand over names as written, so they may carry line-break spaces, a
    trailing 等 / 等部门 or list punctuation; none of that changes which body is meant.
    """
    text = _AND_OTHERS.sub("", "".join(unicodedata.normalize("NFKC", mention).split()))
    previous = None
    while previous != text:
        previous = text
        text = text.strip(STRIP_CHARS)
        if text.endswith("等") and len(text) > 1:
            text = text[:-1]
    return text
