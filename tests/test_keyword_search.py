"""Keyword search answers exactly what a substring scan does, in document order.

who-leads and the search box find tasks by keyword the same way (queries/first_tasks.py):
documents in answer order, the bigram full-text index, or both. Besides the sample corpus, a
graph of 80 documents (titles out of id order, each title used twice) holds words at every
density that picks a different way: in every task, in the later documents only, in a few
tasks, in none, and a single character the index cannot find.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.dialect import fulltext_query, fulltext_tasks_call
from graph.ingest import IngestSummary, write_documents
from graph.store import GraphStore
from graph.terms import index_terms, keyword_phrase
from loaders.agencies import normalise
from loaders.records import Document
from queries.canned import who_leads
from queries.first_tasks import RARE_BELOW, SCAN_BATCHES
from queries.search import search
from tests.conftest import BACKENDS
from tests.synthetic_records import named_document, named_task

_SCAN = """
MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
WHERE t.text CONTAINS $text OR t.clause CONTAINS $text OR t.clause CONTAINS $name
RETURN t.id ORDER BY d.title, d.id, t.start
"""
_CJK_AND_OTHERS = st.text(alphabet="地理标志碳达峰知识产权局负责,，、。5G ", max_size=40)


def _scanned(store: GraphStore, keyword: str) -> list[str]:
    """Task ids a plain substring scan finds for `keyword` in document order: the search box's answer."""
    name = normalise(keyword).name or keyword
    return [row[0] for row in store.read(_SCAN, {"text": keyword, "name": name}).rows]


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
    assert [hit.task_id for hit in hits] == _scanned(sample_store, keyword)


def test_index_candidates_include_every_match(sample_store: GraphStore) -> None:
    query = fulltext_query(sample_store.dialect, ["地理 理标 标志", "碳达 达峰"])
    cypher = fulltext_tasks_call(sample_store.dialect) + " RETURN node.id"
    candidates = {row[0] for row in sample_store.read(cypher, {"query": query}).rows}
    expected = set(_scanned(sample_store, "地理标志") + _scanned(sample_store, "碳达峰"))
    assert expected and expected <= candidates


DOCUMENTS = 80
TASKS_PER_DOCUMENT = 5
EVERYWHERE = "推进改革"
LATER_ONLY = "数据共享"
FEW = "标准体系"
ABSENT = "量子引力"
ONE_CHARACTER = "局"
KEYWORDS = (EVERYWHERE, LATER_ONLY, FEW, ABSENT, ONE_CHARACTER)
_IN_ORDER = """
MATCH (t:Task)-[:IN_DOCUMENT]->(d:Document)
WHERE t.text CONTAINS $keyword AND ($document IS NULL OR d.id = $document OR d.title CONTAINS $document)
RETURN t.id ORDER BY d.title, d.id, t.start
"""


def _title_number(document: int) -> int:
    """Documents n and n + 40 share a title; answer order is far from id order."""
    return (document * 37) % (DOCUMENTS // 2)


def _task_text(document: int, task: int) -> str:
    """EVERYWHERE in every task, LATER_ONLY in all tasks after the first 20 documents in answer
    order, FEW in one task of every fourth document, ONE_CHARACTER in half the later ones."""
    words = [EVERYWHERE]
    if _title_number(document) >= 10:
        words.append(LATER_ONLY)
    if task == 0 and document % 4 == 3:
        words.append(FEW)
    if _title_number(document) >= 15 and task % 2:
        words.append("地方金融监管局")
    return f"第{document}号文件任务{task}：{'，'.join(words)}。"


def _keyword_document(number: int) -> Document:
    doc_id = f"kw{number:02d}"
    tasks = tuple(
        replace(named_task(doc_id, n, leads=["国家发展改革委"]), text=_task_text(number, n))
        for n in range(TASKS_PER_DOCUMENT)
    )
    return named_document(doc_id, f"第{_title_number(number):02d}号工作方案", tasks, issuer="国务院")


@pytest.fixture(scope="module", params=BACKENDS)
def keyword_store(request, tmp_path_factory):
    # Sized so that every way is taken: more documents than the scan batches hold, and the
    # frequent words above the index's rare threshold while FEW stays below it.
    assert sum(SCAN_BATCHES) < DOCUMENTS and DOCUMENTS // 4 < RARE_BELOW
    assert (DOCUMENTS - 20) * TASKS_PER_DOCUMENT >= RARE_BELOW
    make = request.getfixturevalue(f"store_factory_{request.param}")
    store = make(tmp_path_factory.mktemp("keywords") / "db")
    write_documents(store, [_keyword_document(n) for n in range(DOCUMENTS)], IngestSummary())
    yield store
    store.close()


def _in_order(store: GraphStore, keyword: str, document: str | None = None) -> list[str]:
    rows = store.read(_IN_ORDER, {"keyword": keyword, "document": document}).rows
    return [row[0] for row in rows]


@pytest.mark.parametrize("keyword", KEYWORDS)
@pytest.mark.parametrize("document", [None, "第1", "kw37"])
def test_who_leads_equals_a_scan_in_document_order(keyword_store, keyword: str, document: str | None) -> None:
    expected = _in_order(keyword_store, keyword, document)
    for limit in (1, 5, 100, 1000):
        found = who_leads(keyword_store, keyword, document=document, limit=limit)
        assert [row.task_id for row in found] == expected[:limit]
    assert all(row.leads == ["国家发展和改革委员会"] for row in found)


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_search_box_tasks_equal_a_scan_in_document_order(keyword_store, keyword: str) -> None:
    expected = _scanned(keyword_store, keyword)
    for limit in (1, 25, 1000):
        hits = search(keyword_store, keyword, limit=limit)
        assert [hit.task_id for hit in hits.tasks] == expected[:limit]
        assert ("tasks" in hits.cut) == (len(expected) > limit)
