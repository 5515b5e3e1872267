"""Cleaning: page furniture goes, wrapped lines join, spacing settles, pages stay known."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.cleaning import clean, normalise_spacing
from loaders.readers import Page, RawText, read_file

SEED = Path(__file__).resolve().parent.parent / "samples" / "hz-gaoxin-policy-brief-2021-10.txt"
WIDE = "知识产权保护运用规划国家发展改革委负责推进建设加强完善"
#: Disjoint alphabets, one per page, so every character tells which page it came from.
PAGE_ALPHABETS = ["甲乙丙丁戊己", "庚辛壬癸子丑", "寅卯辰巳午未", "申酉戌亥天地"]


def _no_space(text: str) -> str:
    return "".join(text.split())


def test_seed_running_headers_and_page_markers_are_gone() -> None:
    cleaned = clean(read_file(SEED))
    lines = cleaned.text.split("\n")
    assert not [line for line in lines if re.fullmatch(r"第\d+页|政策快资讯\s*\d+", line)]
    assert "市场监管总第31页" not in cleaned.text


def test_seed_clause_broken_across_pages_is_whole_and_keeps_its_page() -> None:
    cleaned = clean(read_file(SEED))
    clause = "(国家知识产权局牵头,中央宣传部、市场监管总局等按职责分工负责)"
    start = cleaned.text.index(clause)
    assert cleaned.page_map.page_at(start) == 30
    assert cleaned.page_map.page_at(start + len(clause) - 1) == 31


def test_wrapped_lines_join_but_headings_and_sentence_ends_do_not() -> None:
    width_line = "推进知识产权保护工作,完善知识产权法律政策体系,加强司法保护和行政保护,"
    text = "\n".join(
        [
            "(一)指导思想",
            width_line,
            "",
            "健全协同保护格局。(教育部、人力资源社会保障部、" + "国家知识产权局等按职",
            "责分工负责)",
            "(二)基本原则",
            width_line[:-1] + "。",
            width_line,
            "推动高质量发展。",
        ]
    )
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    assert cleaned.text.split("\n") == [
        "(一)指导思想",
        width_line + "健全协同保护格局。(教育部、人力资源社会保障部、国家知识产权局等按职责分工负责)",
        "(二)基本原则",
        width_line[:-1] + "。",
        width_line + "推动高质量发展。",
    ]


def test_a_document_number_under_a_full_width_title_stays_on_its_own_line() -> None:
    title = "国务院知识产权战略实施工作部际联席会议办公室关于印发《年度推进计划》的通知"
    text = "\n".join([title, "国知战联办〔2022〕5号", title[:-4] + "工作。", title[:-4] + "事项。"])
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    assert cleaned.text.split("\n")[:2] == [title, "国知战联办〔2022〕5号"]


def test_a_contents_list_of_titles_filling_the_width_keeps_one_title_per_line() -> None:
    """A 政策动态 contents list whose entries fill the wrap width: a whole title (one ending in
    通知, or 关于X的意见) does not run on into the next title, while a title cut mid-word
    (`…责任分` / `工方案的通知`) and a promulgation still waiting for its 通知 are joined."""
    lines = [
        "四川省人民政府办公厅关于印发实施《西部大开发“十三五”规划》责任分工方案的通知",
        "《实施创新驱动发展战略行动计划》工作任务分工方案",
        "北京市海淀区人民政府办公室印发本区2017年政务公开工作要点的通知",
        "海淀区2018年政务公开工作要点",
        "四川省人民政府办公厅关于印发实施《西部大开发“十三五”规划》责任分",
        "工方案的通知",
        "国务院办公厅关于印发知识产权强国建设纲要和“十四五”规划",
        "实施年度推进计划的通知",
    ]
    text = "\n".join([*lines, "各市(州)人民政府,省政府各部门、各直属机构,有关单位:"])
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    assert cleaned.text.split("\n")[:6] == [*lines[:4], lines[4] + lines[5], lines[6] + lines[7]]


def test_a_line_ending_in_colon_or_semicolon_inside_an_open_bracket_still_wraps() -> None:
    width_line = "推进知识产权保护工作,完善知识产权法律政策体系,加强司法保护和行政保护,"
    text = "\n".join(
        [
            width_line,
            "完善公共服务平台，推动各项措施落地见效，结合实际细化配套措施。（责任单位：",
            "国家知识产权局、市场监管总局）",
            width_line,
            "健全协同保护格局，加大政策支持力度，推动各项措施落地见效。（牵头单位：科技部；",
            "配合单位：教育部）",
        ]
    )
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    lines = cleaned.text.split("\n")
    assert lines[0].endswith("（责任单位：国家知识产权局、市场监管总局）")
    assert lines[1].endswith("（牵头单位：科技部；配合单位：教育部）")


def test_repeated_edge_lines_are_running_headers() -> None:
    pages = tuple(Page(n, f"规划解读 {n}\n第{n}段正文内容。\n- {n} -") for n in range(1, 5))
    cleaned = clean(RawText(pages, wrapped=True))
    assert cleaned.text.split("\n") == [f"第{n}段正文内容。" for n in range(1, 5)]
    assert [cleaned.page_map.page_at(cleaned.text.index(f"第{n}段")) for n in range(1, 5)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "number",
    ["- 3 -", "— 3 —", "－3－", "·3·", "• 3 •", "第 3 页 共 20 页", "第 3 页（共 20 页）", "3/20", "3"],
)
def test_a_page_number_inside_a_clause_is_dropped_and_the_clause_joined(number: str) -> None:
    pages = (
        Page(1, f"推进立法（国家知识产权局牵头，中央宣传部、\n{number}\n"),
        Page(2, "市场监管总局等按职责分工负责）。\n二、下一项。"),
    )
    cleaned = clean(RawText(pages, wrapped=True))
    assert (
        cleaned.text.split("\n")[0]
        == "推进立法（国家知识产权局牵头，中央宣传部、市场监管总局等按职责分工负责）。"
    )


@pytest.mark.parametrize(
    "footer", ["— {} —", "－{}－", "-{}-", "·{}·", "第{}页 共9页", "第 {} 页（共 9 页）", "{}/9"]
)
def test_a_page_footer_in_a_text_dump_without_page_breaks_ends_its_page(footer: str) -> None:
    """Text copied out of a PDF often keeps the footers but not the page breaks; a footer
    inside a clause must not cut it, and what follows is on the next page."""
    text = (
        f"一、任务\n推进立法（国家知识产权局牵头，中央宣传部、\n{footer.format(3)}\n"
        f"市场监管总局等按职责分工负责）。\n二、下一项。\n{footer.format(4)}\n三、再下一项。"
    )
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    lines = cleaned.text.split("\n")
    assert lines == [
        "一、任务",
        "推进立法（国家知识产权局牵头，中央宣传部、市场监管总局等按职责分工负责）。",
        "二、下一项。",
        "三、再下一项。",
    ]
    assert [cleaned.page_map.page_at(cleaned.text.index(line)) for line in lines] == [3, 3, 4, 5]


def test_a_lone_page_number_or_repeated_title_inside_a_clause_is_dropped() -> None:
    """A two-page dump has one footer and one running header: too few to see as repeated, but
    no clause holds a line that is only a number, or the title again atop the next page."""
    title = "关于印发重点任务分工方案的通知"
    for furniture in (["5"], ["— 3 —", "重点任务分工方案"]):
        text = "\n".join(
            [
                title,
                "一、任务",
                "推进立法。（国家知识产权局牵头，中央宣传部、",
                *furniture,
                "市场监管总局等按职责分工负责）",
            ]
        )
        assert clean(RawText((Page(None, text),), wrapped=True)).text.split("\n") == [
            title,
            "一、任务",
            "推进立法。（国家知识产权局牵头，中央宣传部、市场监管总局等按职责分工负责）",
        ]


def test_a_compilations_running_header_after_a_lone_page_number_inside_a_clause_is_dropped() -> None:
    """海淀《政策资讯》: the compilation's name heads the file, and after a page number a header
    line starting with it (`政策资讯 2018年第5期`) interrupts a clause."""
    text = "政策资讯\n一、任务\n推进公开。(区发展改\n1\n政策资讯 2018年第5期\n\n革委、区财政局分别负责落实)"
    assert clean(RawText((Page(None, text),), wrapped=True)).text.split("\n")[-1] == (
        "推进公开。(区发展改革委、区财政局分别负责落实)"
    )


def test_bare_numbers_counting_up_a_page_apart_are_page_footers_but_table_serials_are_not() -> None:
    words = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    body = [f"{a}{b}方面的工作要求。" for a in words[:8] for b in words[:5]]
    text = "\n".join(
        [
            *body[:12],
            "推进立法（科技部牵头，",
            "1",
            "财政部配合）。",
            *body[12:24],
            "2",
            *body[24:36],
            "3",
            *body[36:],
        ]
    )
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    assert "推进立法（科技部牵头，财政部配合）。" in cleaned.text.split("\n")
    assert not any(line.isdigit() for line in cleaned.text.split("\n"))
    serials = "\n".join(
        [
            "序号",
            "任务",
            "牵头单位",
            "1",
            "推进立法",
            "科技部",
            "2",
            "推进执法",
            "公安部",
            "3",
            "推进普法",
            "司法部",
        ]
    )
    assert clean(RawText((Page(None, serials),), wrapped=False)).text.split("\n") == serials.split("\n")


def test_row_numbers_of_a_flattened_table_with_many_cells_are_not_page_footers() -> None:
    """池州 政务公开任务清单, copied from a web table: each row is ten lines or more (cells and
    `|` lines), so its numbers stand a page apart as footers do; the 责任科室 header says table."""
    header = ["工作任务", "|", "具体要求", "|", "责任科室", "|", "时限要求", "|"]
    row = ["强化政策解读", "|", "对重要政策文件开展解读", "|", "办公室", "|", "年底前", "|", "|"]
    text = "\n".join(header + [line for n in range(1, 5) for line in [str(n), "|", *row]])
    lines = clean(RawText((Page(None, text),), wrapped=False)).text.split("\n")
    assert [line for line in lines if line.isdigit()] == ["1", "2", "3", "4"]


def test_a_running_header_of_a_two_page_document_is_dropped() -> None:
    """Two pages are enough to tell a running header (政策快讯 1, 政策快讯 2) from content."""
    wrapped = "加强知识产权保护，完善知识产权法律政策体系，推进重点领域"
    pages = (
        Page(1, f"政策快讯 1\n{wrapped}\n{wrapped}\n立法（国家知识产权局牵头，中央宣传部、工业和信息化"),
        Page(2, "政策快讯 2\n部等按职责分工负责）。"),
    )
    cleaned = clean(RawText(pages, wrapped=True))
    clause = "（国家知识产权局牵头，中央宣传部、工业和信息化部等按职责分工负责）"
    assert cleaned.text.split("\n") == [f"{wrapped}{wrapped}立法{clause}。"]


@pytest.mark.parametrize(
    "furniture",
    ["4", "杭州高新区(滨江)政策快讯-2021年第10期(总第52期)", "政 策 快 讯    4"],
)
def test_unmarked_page_furniture_repeated_inside_clauses_is_dropped_and_the_clause_joined(
    furniture: str,
) -> None:
    """A text dump that marks no page: a bare page number, or a running title or letter-spaced
    header the breaks repeat, inside three clauses (helper18's minimal cases, built on the
    seed's clauses); the clauses read whole, a clause opened last on its line included."""
    numbered = [furniture.replace("4", str(n)) for n in (4, 5, 6)]
    text = "\n".join(
        [
            "一是加强监管。（财政部牵头，国家发展改革委、人力资源社会保障部、人",
            numbered[0],
            "民银行、税务总局等按职责分工负责）",
            "二是优化服务。(牵头单位:区政府办公室、区司法局、区行政审批服务",
            numbered[1],
            "局;责任单位:区政府有关部门)",
            "三是全面建成小康社会。(",
            numbered[2],
            "国务院各部门分别负责,年内持续推进)",
        ]
    )
    assert clean(RawText((Page(None, text),), wrapped=True)).text.split("\n") == [
        "一是加强监管。（财政部牵头，国家发展改革委、人力资源社会保障部、人民银行、税务总局等按职责分工负责）",
        "二是优化服务。(牵头单位:区政府办公室、区司法局、区行政审批服务局;责任单位:区政府有关部门)",
        "三是全面建成小康社会。(国务院各部门分别负责,年内持续推进)",
    ]


def test_a_page_number_after_a_closed_inner_bracket_is_still_inside_the_clause() -> None:
    """太仓 企业服务政策汇编: `（牵头单位：市委组织部（人才办），责任单位：市教育局、市` / `4` /
    the running title / `科技局…）`: the inner bracket closed, the clause's did not; the number
    and the title go, the name joins."""
    wrapped = "事等活动，发掘和集聚一批在模式创新、场景应用、生态服务等方向"
    text = "\n".join(
        [
            wrapped,
            "的OPC创业人才。到2028年，培育OPC企业100家、集聚OPC人才超1000",
            "名。（牵头单位：市委组织部（人才办），责任单位：市教育局、市",
            "4",
            "",
            "企业服务政策汇编（2026年第4期）",
            "",
            "科技局、市工信局、市人社局、市招商局、团市委）",
            wrapped,
            "企业服务政策汇编（2026年第5期）",
            wrapped,
        ]
    )
    lines = clean(RawText((Page(None, text),), wrapped=True)).text.split("\n")
    assert any(
        line.endswith("责任单位：市教育局、市科技局、市工信局、市人社局、市招商局、团市委）")
        for line in lines
    )


def test_a_browsers_print_header_is_a_running_header_however_long() -> None:
    """A page printed from a browser carries the date, time and page title atop every page
    (辽中区 任务分解表 printed by Chromium); between two table rows it must not end the table."""
    stamp = "12/7/26, 1:17 AM 辽中区2024年政府工作报告重点工作任务分解表_辽中区人民政府网站"
    pages = (
        Page(1, f"{stamp}\n序号\t重点任务\t牵头单位\n1\t做大做强主导产业\t区农业农村局"),
        Page(2, f"{stamp}\n2\t推进项目建设\t区发展改革局"),
    )
    lines = clean(RawText(pages, wrapped=True)).text.split("\n")
    assert lines == [
        "序号\t重点任务\t牵头单位",
        "1\t做大做强主导产业\t区农业农村局",
        "2\t推进项目建设\t区发展改革局",
    ]


def test_letter_spaced_lines_and_latin_words() -> None:
    assert normalise_spacing("增 加 值 占 国 内 生 产 总 值 ( GDP ) 比 重 超 过 11.6% ,") == (
        "增加值占国内生产总值(GDP)比重超过11.6%,"
    )
    assert normalise_spacing("　　国务院办公厅  2021年10月25日") == "国务院办公厅 2021年10月25日"
    assert normalise_spacing("World  Intellectual Property 组织") == "World Intellectual Property 组织"


def test_a_wide_gap_between_chinese_words_separates_them() -> None:
    assert (
        normalise_spacing("责任单位：市场监管局  公安局\u3000税务局")
        == "责任单位：市场监管局\u3000公安局\u3000税务局"
    )
    assert normalise_spacing("牵头单位：商务局   配合单位：海关") == "牵头单位：商务局\u3000配合单位：海关"
    assert normalise_spacing("市场监管局 公安局") == "市场监管局公安局"  # one space: a PDF's justification
    assert normalise_spacing("关\u3000于\u3000印\u3000发\u3000通\u3000知") == "关于印发通知"  # letter-spaced


spaced_text = st.text(alphabet=WIDE + "，。、（）() \u3000ABC12", max_size=60)


@given(spaced_text)
def test_spacing_is_idempotent_and_keeps_every_visible_character(text: str) -> None:
    once = normalise_spacing(text)
    assert normalise_spacing(once) == once
    assert _no_space(once) == _no_space(text)


lines = st.lists(st.text(alphabet=WIDE + "，。、（）  ", min_size=0, max_size=40), max_size=12)


@settings(max_examples=60)
@given(lines, st.booleans())
def test_cleaning_keeps_every_visible_character_and_is_idempotent(body: list[str], wrapped: bool) -> None:
    text = "\n".join(body)
    cleaned = clean(RawText((Page(None, text),), wrapped=wrapped))
    assert _no_space(cleaned.text) == _no_space(text)
    again = clean(RawText((Page(None, cleaned.text),), wrapped=False))
    assert again.text == cleaned.text


@settings(max_examples=60)
@given(
    st.lists(
        st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=5),
        min_size=1,
        max_size=len(PAGE_ALPHABETS),
    )
)
def test_page_map_points_every_character_back_to_its_page(line_lengths: list[list[int]]) -> None:
    pages = tuple(
        Page(n + 1, "\n".join(alphabet[: k % 6 + 1] * (k // 6 + 1) for k in lengths))
        for n, (lengths, alphabet) in enumerate(zip(line_lengths, PAGE_ALPHABETS, strict=False))
    )
    cleaned = clean(RawText(pages, wrapped=True))
    for offset, ch in enumerate(cleaned.text):
        if not ch.isspace():
            expected = next(n for n, a in enumerate(PAGE_ALPHABETS, start=1) if ch in a)
            assert cleaned.page_map.page_at(offset) == expected


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["第{}页", " 第 {} 页 ", "\u3000第{}页\t", "第{}页\r"]),
            st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=len(PAGE_ALPHABETS),
    )
)
def test_page_markers_of_a_text_dump_cut_its_pages(pages: list[tuple[str, list[int]]]) -> None:
    """An unpaged dump is cut at its `第N页` lines, however they are spaced, and blank lines
    around a marker stay on their own side of it."""
    text = "\n".join(
        marker.format(n) + "\n" + "\n".join(alphabet[: k % 6] * (k // 6 + 1) for k in lengths)
        for n, ((marker, lengths), alphabet) in enumerate(zip(pages, PAGE_ALPHABETS, strict=False), start=1)
    )
    cleaned = clean(RawText((Page(None, text),), wrapped=True))
    assert "页" not in cleaned.text
    for offset, ch in enumerate(cleaned.text):
        if not ch.isspace():
            expected = next(n for n, a in enumerate(PAGE_ALPHABETS, start=1) if ch in a)
            assert cleaned.page_map.page_at(offset) == expected


@given(st.sampled_from(sorted({ch for ch in map(chr, range(0x3000)) if ch.isspace()} - {"\t", "\n"})))
def test_every_kind_of_space_in_chinese_text_is_dropped(space: str) -> None:
    """A file whose only space is a rare one (em space, form feed) is still normalised; an
    ideographic space is as wide as a character and separates (see the wide gap test)."""
    cleaned = clean(RawText((Page(None, f"国务院{space}办公厅\n印发通知。"),), wrapped=False))
    assert cleaned.text == "国务院办公厅\n印发通知。"
