"""Task tables aligned with spaces (`pdftotext -layout`) read as tables, cell by cell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from loaders.cleaning import clean
from loaders.layout_tables import layout_tables
from loaders.pipeline import load_text
from loaders.readers import read_txt
from loaders.text_width import display_width

# 2022年区政府工作报告经济社会发展预期目标任务分解表 (重庆市沙坪坝区), as `pdftotext -layout`
# sets it, with a page break between two rows:
# http://www.cqspb.gov.cn/zwgk_235/zfxxgkpt/zcwj0617/bm0617/202203/t20220329_10563014.html
TARGETS = """2022年区政府工作报告经济社会发展预期目标任务分解表

序号  2022年预期目标                          责任单位
1     地区生产总值增长5.5%左右                区发展改革委

2     固定资产投资增长6%左右                  区发展改革委
第4页

3     工业增加值增长7%左右                    区经济信息委
"""

# 广州市 2021年市政府工作报告部署工作责任分工: cells wrap inside their columns, and 王 东 (the
# vice-mayor in charge, one space inside the name) is one cell.
# http://www.gz.gov.cn/zwgk/fggw/szfwj/content/post_7123483.html
WRAPPED = """序号  重点工作                      市政府    牵头单位    配合单位              备注
                                    分管领导
1     加快建设以中新知识城、南沙    王 东     市科技局    黄埔区、南沙区政府
      科学城为极点,链接全市域科
      技创新关键节点的科技创新轴。
2     全力做好呼吸领域国家实验室    王 东     市科技局    市政府办公厅、市发展
      筹建保障服务工作。                                  改革委、市财政局、市
                                                          卫生健康委,荔湾区、
                                                          黄埔区政府

为确保各项工作落到实处,各牵头单位要制定具体措施,按时报送进展情况。
"""


def test_rows_of_a_space_aligned_table_become_tab_rows_around_page_furniture() -> None:
    """Only the table's lines change: blank lines and the page marker stay where they stood."""
    assert layout_tables(TARGETS).split("\n") == [
        "2022年区政府工作报告经济社会发展预期目标任务分解表",
        "",
        "序号\t2022年预期目标\t责任单位",
        "1\t地区生产总值增长5.5%左右\t区发展改革委",
        "",
        "2\t固定资产投资增长6%左右\t区发展改革委",
        "第4页",
        "",
        "3\t工业增加值增长7%左右\t区经济信息委",
        "",
    ]


def test_each_row_of_a_space_aligned_table_is_a_clause() -> None:
    (document,) = load_text(clean(read_txt(TARGETS.encode())), "targets.txt")
    assert [[ref.mention for ref in task.clause.sole] for task in document.tasks] == [
        ["区发展改革委"],
        ["区发展改革委"],
        ["区经济信息委"],
    ]


def test_wrapped_cells_join_their_row_and_prose_after_the_table_stays_prose() -> None:
    lines = layout_tables(WRAPPED).split("\n")
    assert lines[:3] == [
        "序号\t重点工作\t市政府 分管领导\t牵头单位\t配合单位\t备注",
        "1\t加快建设以中新知识城、南沙 科学城为极点,链接全市域科 技创新关键节点的科技创新轴。"
        "\t王 东\t市科技局\t黄埔区、南沙区政府\t",
        "2\t全力做好呼吸领域国家实验室 筹建保障服务工作。\t王 东\t市科技局"
        "\t市政府办公厅、市发展改革委、市财政局、市卫生健康委,荔湾区、黄埔区政府\t",
    ]
    assert lines[3:] == ["", "为确保各项工作落到实处,各牵头单位要制定具体措施,按时报送进展情况。", ""]


def test_text_without_a_role_header_is_unchanged() -> None:
    text = "序号  项目名称        金额\n1     道路改造        100万元\n"
    assert layout_tables(text) == text


_CELL = st.text(alphabet="市区县发展改革委财政局科技推进工作建设加快完成2024年底", min_size=1, max_size=12)


@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=6), st.integers(2, 6))
def test_any_aligned_table_reads_back_cell_for_cell(rows: list[tuple[str, str]], gap: int) -> None:
    """Rows numbered 1…n, a task column and a 责任单位 column, each column as wide as its
    widest cell plus `gap` spaces: the reader returns exactly the cells."""
    table = [
        ("序号", "重点任务", "责任单位"),
        *((str(n), task, owner) for n, (task, owner) in enumerate(rows, 1)),
    ]
    widths = [max(display_width(row[column]) for row in table) + gap for column in range(2)]
    text = "\n".join(
        "".join(
            cell + " " * (width - display_width(cell)) for cell, width in zip(row[:2], widths, strict=True)
        )
        + row[2]
        for row in table
    )
    assert layout_tables(text).split("\n") == ["\t".join(row) for row in table]
