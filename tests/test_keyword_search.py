"""Keyword search through the bigram full-text index answers exactly what a substring scan does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.dialect import fulltext_query, fulltext_tasks_call
from graph.store import GraphStore
from graph.terms import index_terms, keyword_phrase
from loaders.agencies import normalise
from queries.search import search

_SCAN = """
MATCH (t:Task)
WHERE t.text CONTAINS $text OR t.clause CONTAINS $text OR t.clause CONTAINS $name
RETURN t.id
"""
_CJK_AND_OTHERS = st.text(alphabet="地理标志碳达峰知识产权局负责,，、。5G ", max_size=40)


def _scanned(store: GraphStore, keyword: str) -> list[str]:
    """Task ids a plain substring scan finds for `keyword`, the answer the index must give."""
    name = normalise(keyword).name or keyword
    return sorted(row[0] for row in store.read(_SCAN, {"text": keyword, "name": name}).rows)


@settings(max_examples=200, deadline=None)
@given(text=_CJK_AND_OTHERS, start=st.integers(0, 40), length=st.integers(1, 12))
def test_every_substring_phrase_is_found_in_the_text_terms(text: str, start: int, length: int) -> None:
    keyword = text[start : start + length]
    phrase = keyword_phrase(keyword)
    if phrase is not None:
        assert f" {phrase} " in f" {index_terms(text)} "


def test_words_without_two_chinese_characters_have_no_phrase() -> None:
    assert keyword_phrase("局") is None
    assert keyword_phrase("5G") is None
    assert keyword_phrase("局、部") is None
    assert keyword_phrase("5G网络，碳达峰") == "碳达 达峰"


@pytest.mark.parametrize(
    ("keyword", "tasks"),
    [("地理标志", 5), ("碳达峰", 3), ("知识产权侵权惩罚性赔偿", 1)],
)
def test_search_finds_every_task_holding_the_word(sample_store: GraphStore, keyword: str, tasks: int) -> None:
    hits = search(sample_store, keyword, limit=1000).tasks
    assert len(hits) == tasks
    assert all(keyword in hit.task for hit in hits)


@pytest.mark.parametrize(
    "keyword",
    [
        "地理标志",
        "碳达峰",
        "知识产权侵权惩罚性赔偿",
        "知识产权",
        "知识产权局",
        "负责",
        "按职责分工负责",
        "局",
        "5G",
    ],
)
def test_search_equals_a_substring_scan(sample_store: GraphStore, keyword: str) -> None:
    hits = search(sample_store, keyword, limit=1000).tasks
    assert sorted(hit.task_id for hit in hits) == _scanned(sample_store, keyword)


def test_index_candidates_include_every_match(sample_store: GraphStore) -> None:
    query = fulltext_query(sample_store.dialect, ["地理 理标 标志", "碳达 达峰"])
    cypher = fulltext_tasks_call(sample_store.dialect) + " RETURN node.id"
    candidates = {row[0] for row in sample_store.read(cypher, {"query": query}).rows}
    expected = set(_scanned(sample_store, "地理标志") + _scanned(sample_store, "碳达峰"))
    assert expected and expected <= candidates
