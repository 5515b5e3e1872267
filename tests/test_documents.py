"""Splitting compilations into documents, their header facts, sections and task spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from loaders.cleaning import clean
from loaders.documents import document_id, split_documents
from loaders.readers import read_file
from loaders.sections import find_headings, segment_tasks

SEED = Path(__file__).resolve().parent.parent / "samples" / "hz-gaoxin-policy-brief-2021-10.txt"

COMPILATION = """政策汇编
目录
关于加强数据安全管理的通知
关于推进标准化建设的意见
关于加强数据安全管理的通知
国办发〔2022〕7号
各省、自治区、直辖市人民政府:
一、总体要求
加强数据安全管理。(国家网信办牵头,工业和信息化部等按职责分工负责)
国务院办公厅
2022年3月1日
国家发展改革委关于推进标准化建设的意见
各有关单位:
第一章 总则
第一节 目标
1.完善标准体系。健全标准。(市场监管总局负责)
(1)细化标准。"""


def test_seed_compilation_splits_into_its_three_full_texts() -> None:
    text = clean(read_file(SEED)).text
    documents = split_documents(text, "seed")
    assert [(d.title, d.issuer, d.published) for d in documents] == [
        ("关于鼓励和支持社会资本参与生态保护修复的意见", "国务院办公厅", date(2021, 10, 25)),
        ("“十四五”国家知识产权保护和运用规划", "国务院", date(2021, 10, 9)),
        ("2030年前碳达峰行动方案", None, None),
    ]


def test_table_of_contents_entries_are_not_documents() -> None:
    documents = split_documents(COMPILATION, "fallback")
    assert [d.title for d in documents] == [
        "关于加强数据安全管理的通知",
        "国家发展改革委关于推进标准化建设的意见",
    ]
    first, second = documents
    assert (first.doc_number, first.issuer, first.published) == (
        "国办发〔2022〕7号",
        "国务院办公厅",
        date(2022, 3, 1),
    )
    assert (second.issuer, second.doc_number, second.published) == ("国家发展改革委", None, None)
    assert COMPILATION[first.start : first.end].endswith("2022年3月1日")


def test_text_without_a_title_is_one_document_named_after_the_file() -> None:
    documents = split_documents("加强管理。\n(财政部负责)", "notes")
    assert len(documents) == 1
    assert documents[0].title == "notes"


def test_document_id_is_stable_and_ignores_spacing() -> None:
    assert document_id("数据安全 规划", "国发〔2021〕1号") == document_id("数据安全规划", "国发〔2021〕1号")
    assert document_id("数据安全规划", None) != document_id("数据安全规划", "国发〔2021〕1号")
    assert len(document_id("x", None)) == 16


def test_heading_hierarchy_nests_by_first_use() -> None:
    body = COMPILATION[COMPILATION.index("第一章") :]
    paths = [h.path for h in find_headings(body)]
    assert paths == [
        ("第一章 总则",),
        ("第一章 总则", "第一节 目标"),
        ("第一章 总则", "第一节 目标", "1.完善标准体系"),
        ("第一章 总则", "第一节 目标", "1.完善标准体系", "(1)细化标准"),
    ]


def test_task_runs_from_previous_boundary_to_its_clause() -> None:
    text = "一、总体要求\n先做甲。(财政部负责)再做乙。\n各地区要做丙。然后做丁。(商务部负责)\n(二)其他"
    first = text.index("(财政部负责)")
    second = text.index("(商务部负责)")
    inline = text.index("各地区要")
    clauses = [
        (first, first + 7, "parenthetical"),
        (inline, inline + 4, "inline"),
        (second, second + 7, "parenthetical"),
    ]
    spans = segment_tasks(text, clauses, find_headings(text))  # type: ignore[arg-type]
    assert [text[s.start : s.end] for s in spans] == [
        "先做甲。(财政部负责)",
        "各地区要做丙。",
        "再做乙。\n各地区要做丙。然后做丁。(商务部负责)",
    ]
    assert {s.path for s in spans} == {("一、总体要求",)}
