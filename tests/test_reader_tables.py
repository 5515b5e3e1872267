"""Task tables as real pages and documents lay them out: merged cells, group headings, cells of
several paragraphs. Rows are the real 辽中区 and 沈河区 2024 分解表 (a blind tester's minimal
variants of them), built into real HTML and DOCX files in a temp dir.

Sources:
http://www.liaozhong.gov.cn/zwgk/fdzdgknr/zfwj/slzzfwj/202401/t20240118_4592091.html (辽中区)
http://www.shenhe.gov.cn/dzgk/zwgk/fdzdgknr/zfwj/shzfwj/202403/t20240315_4617439.html (沈河区)
"""

from __future__ import annotations

from pathlib import Path

import docx

from loaders.pipeline import load_file
from tests.reader_support import roles

LZ_TITLE = "沈阳市辽中区人民政府关于印发2024年政府工作报告主要工作任务分解表的通知"
LZ_HEADER = ["序号", "主要工作举措", "牵头单位", "配合单位", "责任领导"]
LZ_GROUP = "一、做大做强主导产业"
LZ_ROWS = [
    [
        "1",
        "加快构建具有辽中特色的现代化产业体系,聚焦农产品精深加工产业,实现三产融合发展。",
        "区农业农村局",
        "区发展改革局、区工业和信息化局、沈阳近海经济区管委会",
        "",
    ],
    [
        "2",
        "加快安徽节源、沈发废弃油脂等在建项目的建设进度,推动中科凌胜等签约项目的开工建设。",
        "沈阳近海经济区管委会",
        "自然资源分局、生态环境分局、区发展改革局",
        "冯冬昌",
    ],
    [
        "3",
        "推动胜达再生塑料、敏实铝循环利用等一批项目的签约落地,打造再生资源产业集群。",
        "沈阳近海经济区管委会",
        "自然资源分局、生态环境分局、区发展改革局",
        "冯冬昌",
    ],
    [
        "4",
        "聚焦装备制造及配套产业,扶持远程摩擦、昌盛电气等一批重点增资项目扩产。",
        "区工业和信息化局",
        "沈阳近海经济区管委会、各镇政府(街道办事处)",
        "冯冬昌",
    ],
]
LZ_ROLES = [
    {"leads": ["区农业农村局"], "co": ["区发展改革局", "区工业和信息化局", "沈阳近海经济区管委会"]},
    {"leads": ["沈阳近海经济区管委会"], "co": ["自然资源分局", "生态环境分局", "区发展改革局"]},
    {"leads": ["沈阳近海经济区管委会"], "co": ["自然资源分局", "生态环境分局", "区发展改革局"]},
    {"leads": ["区工业和信息化局"], "co": ["沈阳近海经济区管委会", "各镇政府(街道办事处)"]},
]


def html_page(path: Path, body: str) -> Path:
    path.write_text(
        f'<html><head><meta charset="utf-8"><title>{LZ_TITLE}</title></head>'
        f"<body><h1>{LZ_TITLE}</h1>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def test_html_group_heading_row_and_a_merged_last_column(tmp_path: Path) -> None:
    """辽中区's table: a `colspan` group heading under the header and 责任领导 merged over three
    rows; the heading is a row that assigns nothing, the rows below still read by column."""
    rows = ["<tr>" + "".join(f"<th>{cell}</th>" for cell in LZ_HEADER) + "</tr>"]
    rows.append(f'<tr><td colspan="5">{LZ_GROUP}</td></tr>')
    for n, row in enumerate(LZ_ROWS):
        cells = row if n == 0 else row[:4]
        tds = "".join(f"<td>{cell}</td>" for cell in cells)
        rows.append(f"<tr>{tds}" + ('<td rowspan="3">冯冬昌</td>' if n == 1 else "") + "</tr>")
    path = html_page(tmp_path / "lz.html", '<table border="1">' + "".join(rows) + "</table>")
    assert roles(path) == LZ_ROLES
    (doc,) = load_file(path)
    assert all(task.text.startswith(row[0] + "\t") for task, row in zip(doc.tasks, LZ_ROWS, strict=True))


def test_html_lead_cell_merged_over_two_rows_leads_both(tmp_path: Path) -> None:
    rows = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in LZ_HEADER[:4]) + "</tr>"]
    for n, row in enumerate(LZ_ROWS):
        if n == 1:
            lead = f'<td rowspan="2">{row[2]}</td>'
            rows.append(f"<tr><td>{row[0]}</td><td>{row[1]}</td>{lead}<td>{row[3]}</td></tr>")
        elif n == 2:
            rows.append(f"<tr><td>{row[0]}</td><td>{row[1]}</td><td>{row[3]}</td></tr>")
        else:
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row[:4]) + "</tr>")
    path = html_page(tmp_path / "rowspan.html", '<table border="1">' + "".join(rows) + "</table>")
    assert roles(path) == LZ_ROLES


def test_html_cell_paragraphs_stay_in_their_cell(tmp_path: Path) -> None:
    """沈河区's row 2 names two leads as two <p> in one cell (as Word pastes a table); they are
    the lead cell's lines, and the sidebar heading after the table is no body of the last cell."""
    path = html_page(
        tmp_path / "sh.html",
        '<table border="1"><tr><th>主要工作任务</th><th>牵头单位</th><th>责任单位</th></tr>'
        "<tr><td><p>2.大力发展新兴数字、网络安全、工业互联网、前沿新材料、航空发动机、创新药等战略性新兴产业。</p></td>"
        "<td><p>发改局</p><p>区工信局</p></td><td><p>各街道办事处</p></td></tr></table>"
        "<div><h4>相关文件</h4><ul><li>政策解读</li></ul></div>",
    )
    assert roles(path) == [{"leads": ["发改局", "区工信局"], "co": ["各街道办事处"]}]


def test_a_one_column_layout_table_of_paragraphs_stays_paragraphs(tmp_path: Path) -> None:
    """Old sites set the article in one cell of a layout table: its paragraphs stay lines."""
    path = html_page(
        tmp_path / "layout.html",
        "<table><tr><td><p>一、总体要求</p><p>加强知识产权保护。（国家知识产权局牵头）</p></td></tr></table>",
    )
    (doc,) = load_file(path)
    assert [task.text for task in doc.tasks] == ["加强知识产权保护。（国家知识产权局牵头）"]


def test_docx_group_heading_row_and_vertical_merges(tmp_path: Path) -> None:
    """The same table in Word: the group row merged across all columns, 责任领导 merged down
    over rows 2-4 and the lead of rows 2-3 merged down too."""
    document = docx.Document()
    document.add_paragraph(LZ_TITLE)
    table = document.add_table(rows=2 + len(LZ_ROWS), cols=len(LZ_HEADER))
    for cell, value in zip(table.rows[0].cells, LZ_HEADER, strict=True):
        cell.text = value
    table.cell(1, 0).merge(table.cell(1, 4)).text = LZ_GROUP
    for n, row in enumerate(LZ_ROWS, start=2):
        for cell, value in zip(table.rows[n].cells, row, strict=True):
            cell.text = value
    table.cell(3, 2).merge(table.cell(4, 2)).text = "沈阳近海经济区管委会"
    table.cell(3, 4).merge(table.cell(5, 4)).text = "冯冬昌"
    path = tmp_path / "lz.docx"
    document.save(str(path))
    assert roles(path) == LZ_ROLES


def test_docx_cells_merged_across_some_columns_keep_the_columns(tmp_path: Path) -> None:
    """A task written over the 序号 and 任务 columns leaves the role cells where they were."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for cell, value in zip(table.rows[0].cells, ["序号", "任务", "牵头单位", "配合单位"], strict=True):
        cell.text = value
    table.cell(1, 0).merge(table.cell(1, 1)).text = "推动签约落地"
    table.cell(1, 2).text = "区农业农村局"
    table.cell(1, 3).text = "区发展改革局"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert roles(path) == [{"leads": ["区农业农村局"], "co": ["区发展改革局"]}]
