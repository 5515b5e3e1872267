"""Each reader on a real small file of its format, built in a temp dir."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from loaders.pipeline import load_file
from loaders.readers import RawText, UnreadableInput, read_file
from loaders.table_text import pipe_tables, table_lines

CLAUSE = "加强知识产权保护。（国家知识产权局牵头，中央宣传部等按职责分工负责）"


def _text(raw: RawText) -> str:
    return "\n".join(page.text for page in raw.pages)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_txt_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(f"国务院办公厅\n{CLAUSE}\n".encode(encoding))
    text = _text(read_file(path))
    assert text.startswith("国务院办公厅")  # no BOM left over
    assert CLAUSE in text


def test_short_gb18030_text_is_read_as_chinese(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("第二页内容。".encode("gb18030"))
    assert _text(read_file(path)) == "第二页内容。"


def test_form_feeds_are_page_breaks(tmp_path: Path) -> None:
    path = tmp_path / "paged.txt"
    path.write_text("第一页。\f第二页。\f", encoding="utf-8")
    raw = read_file(path)
    assert [(p.number, p.text) for p in raw.pages] == [(1, "第一页。"), (2, "第二页。")]


def test_html_drops_scripts_keeps_paragraphs_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    html = (
        "<html><head><title>标题</title><style>p{color:red}</style></head><body>"
        "<script>var x = '国家发展改革委负责';</script>"
        f"<div><p>一、总体要求</p><p>{CLAUSE}</p></div>"
        "<table><tr><th>任务</th><th>牵头单位</th></tr>"
        "<tr><td>推进<br>碳达峰</td><td>国家发展改革委</td></tr></table></body></html>"
    )
    path.write_bytes(html.encode("gb18030"))
    lines = _text(read_file(path)).split("\n")
    assert lines == ["一、总体要求", CLAUSE, "任务\t牵头单位", "推进 碳达峰\t国家发展改革委"]
    assert read_file(path).wrapped is False


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、总体要求")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(
        table.rows, [("序号", "任务", "责任单位"), ("1", "推进碳达峰", "国家发展改革委")], strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(CLAUSE)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    lines = _text(read_file(path)).split("\n")
    assert lines == ["一、总体要求", "序号\t任务\t责任单位", "1\t推进碳达峰\t国家发展改革委", CLAUSE]


def test_bodies_listed_one_per_line_in_a_role_column_stay_apart(tmp_path: Path) -> None:
    """分工表 cells often hold one body per line; under a role header the lines become a 、 list
    (other cells' line breaks stay layout), so the bodies are not glued into one name."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    rows = [
        ("任务", "牵头单位", "配合单位"),
        ("推进\n碳达峰", "国家发展改革委", "财政部\n生态环境部、\n工业和信息化部"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    docx_path = tmp_path / "plan.docx"
    document.save(str(docx_path))
    html_path = tmp_path / "plan.html"
    html_path.write_text(
        "<table><tr><th>任务</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td>推进\n碳达峰</td><td>国家发展改革委</td><td>财政部<br>生态环境部、<br/>\n工业和信息化部</td></tr>"
        "</table>",
        encoding="utf-8",
    )
    for path in (docx_path, html_path):
        assert _text(read_file(path)).split("\n") == [
            "任务\t牵头单位\t配合单位",
            "推进 碳达峰\t国家发展改革委\t财政部、生态环境部、工业和信息化部",
        ]
        (doc,) = load_file(path)
        roles = [
            (ref.mention, role)
            for task in doc.tasks
            for role, refs in task.clause.by_role().items()
            for ref in refs
        ]
        assert roles == [
            ("国家发展改革委", "leads"),
            ("财政部", "co"),
            ("生态环境部", "co"),
            ("工业和信息化部", "co"),
        ]


def make_pdf(path: Path, pages: list[list[str]]) -> None:
    """A real PDF with a Chinese text layer (reportlab's built-in CID font, no font file)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont("STSong-Light", 11)
        for n, line in enumerate(lines):
            pdf.drawString(50, 800 - 16 * n, line)
        pdf.showPage()
    pdf.save()


def test_pdf_text_layer_keeps_pages(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    make_pdf(path, [["一、总体要求", "加强知识产权保护。"], ["（国家知识产权局负责）"]])
    raw = read_file(path)
    assert [p.number for p in raw.pages] == [1, 2]
    assert "加强知识产权保护。" in raw.pages[0].text
    assert "（国家知识产权局负责）" in raw.pages[1].text


Cell = str | list[str]
"""A table cell: its text, or its lines when it wraps."""


def make_table_pdf(path: Path, pages: list[tuple[list[str], list[list[Cell]]]]) -> None:
    """A PDF whose pages hold ruled tables as word processors print them: grid lines, wrapped
    cells, short cells centred in tall rows; each page is (lines above the table, its rows)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    columns = [40, 70, 260, 360, 480, 560]
    for lines, rows in pages:
        pdf.setFont("STSong-Light", 11)
        for n, line in enumerate(lines):
            pdf.drawString(50, 800 - 16 * n, line)
        top = y = 790 - 16 * len(lines)
        pdf.line(columns[0], y, columns[-1], y)
        for row in rows:
            cells = [cell if isinstance(cell, list) else [cell] for cell in row]
            height = 14 * max(map(len, cells)) + 6
            for x, cell in zip(columns, cells, strict=False):
                first = y - 14 - (height - 6 - 14 * len(cell)) / 2
                for k, text in enumerate(cell):
                    pdf.drawString(x + 3, first - 14 * k, text)
            y -= height
            pdf.line(columns[0], y, columns[-1], y)
        for x in columns:
            pdf.line(x, top, x, y)
        pdf.drawString(50, y - 30, "- 1 -")
        pdf.showPage()
    pdf.save()


def test_a_pdf_task_table_is_read_by_its_cells(tmp_path: Path) -> None:
    """pypdf alone puts each cell on a line of its own and drops empty ones, so the columns of
    a 分工表 are lost; its rows come out as TAB rows, over the page the table runs on to."""
    path = tmp_path / "plan.pdf"
    header: list[Cell] = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    make_table_pdf(
        path,
        [
            (
                ["附件", "重点任务分工表"],
                [
                    header,
                    [
                        "1",
                        ["推进政务服务事项标准化，全面", "梳理政务服务事项清单"],
                        "市政务服务局",
                        ["市司法局", "市大数据局"],
                        "2023年12月底",
                    ],
                    ["2", "深化工程建设项目审批改革", "市住建局", "", "2023年9月底"],
                ],
            ),
            (
                [],
                [
                    [
                        "3",
                        ["优化企业开办服务，企业开办", "时间压缩至1个工作日以内"],
                        "市市场监管局",
                        ["市公安局、市税务", "局"],
                        "持续推进",
                    ]
                ],
            ),
        ],
    )
    text = _text(read_file(path))
    assert "序号\t重点任务\t牵头单位\t配合单位\t完成时限" in text.split("\n")
    assert "2\t深化工程建设项目审批改革\t市住建局\t\t2023年9月底" in text.split("\n")
    roles = [
        (
            {role: [ref.mention for ref in refs] for role, refs in task.clause.by_role().items() if refs},
            task.span.page,
        )
        for doc in load_file(path)
        for task in doc.tasks
    ]
    assert roles == [
        ({"leads": ["市政务服务局"], "co": ["市司法局", "市大数据局"]}, 1),
        ({"leads": ["市住建局"]}, 1),
        ({"leads": ["市市场监管局"], "co": ["市公安局", "市税务局"]}, 2),
    ]


def test_a_web_pages_own_title_beats_a_title_shaped_link_in_its_sidebar(tmp_path: Path) -> None:
    """广州市人民政府门户网站: a 相关文件 link above the article is title-shaped; the page's
    <h1> names the document."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>关于推进人才集聚工程的实施意见重点项目分工表_广州市人民政府门户网站</title></head>"
        "<body><div class='side'><a>关于印发《政府工作报告》重点工作任务分工方案的通知</a></div>"
        "<h1>关于推进人才集聚工程的实施意见重点项目分工表</h1>"
        "<p>1.实施领军人才集聚计划。（牵头单位：市委组织部，配合单位：市科技和信息化局）</p></body></html>",
        encoding="utf-8",
    )
    assert read_file(page).title == "关于推进人才集聚工程的实施意见重点项目分工表"
    assert [d.title for d in load_file(page)] == ["关于推进人才集聚工程的实施意见重点项目分工表"]


def test_a_role_cell_wrapped_inside_a_bracket_keeps_the_name_whole() -> None:
    """辽中区 table in a PDF: `各镇政府（街道办事` / `处）` is one body wrapped by the cell's width;
    `市发展改革委` / `市财政局` are two."""
    rows = [
        [["牵头单位"], ["配合单位"]],
        [["区工业和信息化局"], ["沈阳近海经济区管委会、各镇政府（街道办事", "处）"]],
    ]
    rows.append([["市发展改革委"], ["市财政局", "市商务局"]])
    assert list(table_lines(rows))[1:] == [
        "区工业和信息化局\t沈阳近海经济区管委会、各镇政府（街道办事处）",
        "市发展改革委\t市财政局、市商务局",
    ]


def test_a_pipe_table_in_plain_text_is_a_table(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "重点任务分工\n"
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
        "|:---:|---|---|---|---|\n"
        "| 1 | 推进政务服务标准化 | 市政务服务局 | 市司法局<br>市大数据局 | 2023年底 |\n"
        "| 2 | 深化审批改革 | 市住建局 |  | 持续推进 |\n"
        "\n"
        "注：a | b | c\n",
        encoding="utf-8",
    )
    assert _text(read_file(path)).split("\n") == [
        "重点任务分工",
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限",
        "1\t推进政务服务标准化\t市政务服务局\t市司法局、市大数据局\t2023年底",
        "2\t深化审批改革\t市住建局\t\t持续推进",
        "",
        "注：a | b | c",
        "",
    ]


@given(st.lists(st.text(alphabet="甲乙部局|｜ -:\t", max_size=20), max_size=6))
def test_pipes_without_a_role_header_stay_as_written(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert pipe_tables(text) == text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n ", "empty file"),
        ("image.txt", bytes(range(256)) * 4, "binary file"),
        ("fake.pdf", "不是PDF".encode(), "not a PDF file"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF file"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "not a readable DOCX file"),
    ],
)
def test_bad_input_gives_one_line_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableInput) as err:
        read_file(path)
    assert err.value.reason.startswith(reason)
    assert "\n" not in err.value.reason


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(UnreadableInput, match="is a directory"):
        read_file(tmp_path)
