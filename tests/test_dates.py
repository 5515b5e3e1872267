"""Dates and deadlines: every phrase form becomes the right date or interval, or stays text."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.dates import doc_number_year, find_deadline, parse_date, plan_period
from loaders.records import Deadline

YEARS = st.integers(min_value=1950, max_value=2099)
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))
NO_DIGITS = st.text(alphabet="加快推进建设完善体系工作任务,。的和", max_size=12)
CN_DIGITS = "〇一二三四五六七八九"
FEW = settings(max_examples=40, deadline=None)


def _cn_year(year: int) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(year))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年,基本建成知识产权强国",
            Deadline("到2025年", date(2025, 12, 31), date(2025, 12, 31), "date"),
        ),
        ("(2022年底前完成)", Deadline("2022年底前", date(2022, 12, 31), date(2022, 12, 31), "date")),
        ("2023年6月底前出台", Deadline("2023年6月底前", date(2023, 6, 30), date(2023, 6, 30), "date")),
        ("2024年3月前报送", Deadline("2024年3月前", date(2024, 3, 31), date(2024, 3, 31), "date")),
        ("“十四五”时期持续推进", Deadline("“十四五”时期", date(2021, 1, 1), date(2025, 12, 31), "interval")),
        ('"十五五"期间', Deadline('"十五五"期间', date(2026, 1, 1), date(2030, 12, 31), "interval")),
        ("长期坚持", Deadline("长期坚持", None, None, "ongoing")),
        ("持续推进", Deadline("持续推进", None, None, "ongoing")),
        ("2021—2025年", Deadline("2021—2025年", date(2021, 1, 1), date(2025, 12, 31), "interval")),
        ("2021年-2025年", Deadline("2021年-2025年", date(2021, 1, 1), date(2025, 12, 31), "interval")),
        ("截至2025年底", Deadline("截至2025年底", date(2025, 12, 31), date(2025, 12, 31), "date")),
        ("从2022年起实施", Deadline("从2022年起", date(2022, 1, 1), None, "interval")),
        ("二〇二五年底前", Deadline("二〇二五年底前", date(2025, 12, 31), date(2025, 12, 31), "date")),
        ("2023年上半年", Deadline("2023年上半年", date(2023, 1, 1), date(2023, 6, 30), "interval")),
        ("2030年前实现碳达峰", Deadline("2030年前", date(2030, 12, 31), date(2030, 12, 31), "date")),
        ("今年底前", Deadline("今年底前", None, None, "text")),
    ],
)
def test_each_deadline_form(text: str, expected: Deadline) -> None:
    assert find_deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("年内持续推进", date(2021, 12, 31)),
        ("今年底前完成", date(2021, 12, 31)),
        ("明年底前出台", date(2022, 12, 31)),
        ("明年6月底前出台", date(2022, 6, 30)),
        ("今年9月底前完成", date(2021, 9, 30)),
        ("3月底前报送", date(2021, 3, 31)),
        ("三季度末前", date(2021, 9, 30)),
        ("5月1日前", date(2021, 5, 1)),
    ],
)
def test_relative_phrases_resolve_against_the_documents_year(text: str, end: date) -> None:
    found = find_deadline(text, as_of=date(2021, 4, 10))
    assert found is not None and (found.start, found.end, found.kind) == (end, end, "date")
    unresolved = find_deadline(text)
    assert unresolved is not None and (unresolved.kind, unresolved.start) == ("text", None)


def test_a_year_bounded_continuing_task_is_one_phrase_resolved_by_the_document_number_year() -> None:
    """国发〔2020〕6号 writes `（国务院各部门分别负责，年内持续推进）` and carries no dated signature."""
    end = date(2020, 12, 31)
    assert find_deadline("年内持续推进", year=2020) == Deadline("年内持续推进", end, end, "date")
    assert find_deadline("全年持续实施", as_of=date(2020, 5, 22)) == Deadline(
        "全年持续实施", end, end, "date"
    )
    assert find_deadline("年内持续推进") == Deadline("年内持续推进", None, None, "text")


def test_a_frequency_is_not_a_deadline() -> None:
    assert find_deadline("每年培育星级上云企业50家") is None
    assert find_deadline("每年开展一次专项检查，持续推进") == Deadline("持续推进", None, None, "ongoing")


def test_a_date_the_text_recalls_is_not_a_deadline() -> None:
    as_of = date(2020, 11, 1)
    recalled = "2020年9月11日，全国电视电话会议部署深化改革"
    assert find_deadline(recalled, as_of=as_of) is None
    assert find_deadline("2020年11月1日起施行", as_of=as_of) is None
    later = find_deadline("于2021年3月31日完成系统上线", as_of=as_of)
    assert later == Deadline("2021年3月31日", date(2021, 3, 31), date(2021, 3, 31), "date")
    assert find_deadline(recalled) is not None  # with no document date nothing says it is past


def test_a_bare_month_is_a_deadline_only_after_the_documents_date() -> None:
    """完成时限：2024年9月 in a table or clause; 2020年9月，… recalls what happened."""
    as_of = date(2023, 3, 1)
    end = date(2024, 9, 30)
    assert find_deadline("（市发改委牵头，2024年9月）", as_of=as_of) == Deadline(
        "2024年9月", end, end, "date"
    )
    assert find_deadline("2020年9月，国务院印发通知", as_of=as_of) is None
    assert find_deadline("2024年9月1日", as_of=as_of) == Deadline(
        "2024年9月1日", date(2024, 9, 1), date(2024, 9, 1), "date"
    )


def test_the_phrase_is_quoted_as_written() -> None:
    found = find_deadline("于２０２２年 底前完成")
    assert found == Deadline("２０２２年 底前", date(2022, 12, 31), date(2022, 12, 31), "date")


def test_no_deadline_and_first_three_quarters_is_not_a_deadline() -> None:
    assert find_deadline("加强知识产权保护") is None
    assert find_deadline("2021年前三季度") is None


def test_an_explicit_deadline_beats_a_target_that_opens_the_text() -> None:
    found = find_deadline("到2025年,建成体系。2022年底前出台实施细则")
    assert found is not None and found.text == "2022年底前"


@FEW
@given(YEARS, NO_DIGITS, NO_DIGITS)
def test_year_end_deadline_is_31_december_of_that_year(year: int, before: str, after: str) -> None:
    found = find_deadline(f"{before}{year}年底前{after}")
    assert found == Deadline(f"{year}年底前", date(year, 12, 31), date(year, 12, 31), "date")


@FEW
@given(YEARS, st.integers(min_value=1, max_value=12))
def test_month_deadline_is_the_last_day_of_the_month(year: int, month: int) -> None:
    last = date(year, month, calendar.monthrange(year, month)[1])
    assert find_deadline(f"{year}年{month}月底前") == Deadline(f"{year}年{month}月底前", last, last, "date")


@FEW
@given(st.integers(min_value=3, max_value=30))
def test_plan_periods_follow_each_other_every_five_years(ordinal: int) -> None:
    start, end = plan_period(ordinal)
    assert (start.year, end.year) == (1966 + 5 * (ordinal - 3), 1970 + 5 * (ordinal - 3))
    assert plan_period(ordinal + 1)[0].year == end.year + 1


@FEW
@given(DAYS, NO_DIGITS, NO_DIGITS)
def test_parse_date_reads_every_written_form(day: date, before: str, after: str) -> None:
    for written in (
        f"{day.year}年{day.month}月{day.day}日",
        f"{day:%Y-%m-%d}",
        f"{day.year}.{day.month}.{day.day}",
        f"{_cn_year(day.year)}年{day.month}月{day.day}日",
    ):
        assert parse_date(before + written + after) == day


@FEW
@given(st.text(max_size=40))
def test_parsers_never_raise_on_arbitrary_text(text: str) -> None:
    found = find_deadline(text)
    assert found is None or found.text
    parsed = parse_date(text)
    assert parsed is None or isinstance(parsed, date)


def test_impossible_dates_are_not_dates() -> None:
    assert parse_date("2021-02-30") is None
    assert parse_date("二〇二一年十月二十五日") == date(2021, 10, 25)


@pytest.mark.parametrize(
    ("number", "year"),
    [
        ("国发〔2021〕20号", 2021),
        ("国办发[2019]3号", 2019),
        ("济政办发(2021)4号", 2021),
        ("菏政办字【2023】1号", 2023),
    ],
)
def test_doc_number_year(number: str, year: int) -> None:
    assert doc_number_year(number) == year


def test_doc_number_without_year() -> None:
    assert doc_number_year("第3号") is None


@FEW
@given(year=YEARS, before=NO_DIGITS, after=NO_DIGITS)
def test_a_deadline_is_quoted_as_written_when_flattening_moves_offsets(
    year: int, before: str, after: str
) -> None:
    """Full-width digits, spaces and ㍻-style characters change length when flattened."""
    wide = str(year).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    found = find_deadline(f"{before}㍻ {wide} 年底前{after}")
    end = date(year, 12, 31)
    assert found == Deadline(f"{wide} 年底前", end, end, "date")
