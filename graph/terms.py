"""Task text → the terms its full-text index holds, and a keyword → the phrase that finds them.

Chinese has no spaces, and FalkorDB's Chinese analyser (a word segmenter) both costs most of
an ingest's index time and misses real matches: it cut 标准体系 and 地理标志 where users do
not. Character bigrams, the scheme of Lucene's CJK analyser, need no dictionary: every run of
two or more CJK characters becomes its overlapping bigrams (地理标志 → 地理 理标 标志),
space-separated in `Task.terms`, which the engines' plain whitespace-splitting analysers
index. A text containing a keyword then holds the bigrams of each of the keyword's CJK runs
as consecutive terms, so the phrase of those bigrams finds every such task; it may also find
a few that do not contain the keyword (a phrase spanning punctuation), which is why searches
confirm candidates with CONTAINS and stay exact.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK unified ideographs: the basic block, extension A, compatibility ideographs."""
_CJK_RUN = re.compile(f"[{_CJK}]{{2,}}")
_BIGRAM = re.compile(f"(?=([{_CJK}]{{2}}))")
"""Every pair of adjacent CJK characters, overlapping (a lookahead consumes nothing)."""


def index_terms(*texts: str) -> str:
    """The bigrams of every CJK run of `texts`, space-separated, in text order."""
    return " ".join(_BIGRAM.findall("\n".join(texts)))


def keyword_phrase(keyword: str) -> str | None:
    """The bigrams of `keyword`'s longest CJK run, or None when it has no run of two characters.

    One run suffices to find every candidate (the rest is checked by CONTAINS), and the
    longest is the most selective. Without a run (单字, Latin words, digits) the index cannot
    find the keyword and the caller scans instead.
    """
    runs = _CJK_RUN.findall(keyword)
    return index_terms(max(runs, key=len)) if runs else None
