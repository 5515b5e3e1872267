"""PDFs as a browser prints them: tables ruled with thin filled rectangles, a header row on one
line of the text layer, cells wrapped at their width, a row cut by a page break, the header
repeated atop the next page; text layers holding radical code points; library log noise.

The table is the real 沈河区 2024 分解表,
http://www.shenhe.gov.cn/dzgk/zwgk/fdzdgknr/zfwj/shzfwj/202403/t20240315_4617439.html, laid out
as headless Chromium printed it for a blind tester (their p2_shenhe_table.pdf), drawn here with
reportlab into a real file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from loaders.pipeline import load_file
from loaders.radicals import RADICALS, SUPPLEMENT_CHARACTERS
from loaders.readers import PDF_LOGGERS, UnreadableInput, read_file
from tests.reader_support import roles

FONT = 11
LEADING = 14
PAD = 3
#: Column edges: the task, a lead column two characters wide, a co column eight wide.
COLUMNS = [50.0, 250.0, 284.0, 380.0]
HEADER = [["主要工作任务"], ["牵头", "单位"], ["责任单位"]]
GROUP = ["一、优结构、谋发展,在加快构建现代化产业体系上冲", "在前、当先锋、作示范"]


@dataclass
class Row:
    """A table row as printed on one page: its cells' lines, or one line list across the
    table (a group heading); `cut` when the page break cuts it (no ruling there)."""

    cells: list[list[str]]
    cut: bool = False


def _rule(pdf: canvas.Canvas, x: float, y: float, width: float, height: float) -> None:
    """A border as browsers draw it: a thin filled rectangle, not a line."""
    pdf.rect(x, y, width, height, stroke=0, fill=1)


def chromium_like_pdf(path: Path, pages: list[tuple[list[str], list[Row], bool]]) -> None:
    """Pages of (lines above the table, its rows, whether the first row goes on from the page
    before: no ruling above it)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for number, (lines, rows, continued) in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", FONT)
        for n, line in enumerate(lines):
            pdf.drawString(50, 800 - 16 * n, line)
        y = 790 - 16 * len(lines)
        if not continued:
            _rule(pdf, COLUMNS[0], y, COLUMNS[-1] - COLUMNS[0], 0.75)
        for row in rows:
            height = LEADING * max(map(len, row.cells)) + 2 * PAD
            starts = COLUMNS[:1] if len(row.cells) == 1 else COLUMNS[:-1]
            for x, cell in zip(starts, row.cells, strict=True):
                for k, text in enumerate(cell):
                    pdf.drawString(x + PAD, y - PAD - FONT - LEADING * k, text)
            edges = [COLUMNS[0], COLUMNS[-1]] if len(row.cells) == 1 else COLUMNS
            for x in edges:
                _rule(pdf, x, y - height, 0.75, height)
            y -= height
            if not row.cut:
                _rule(pdf, COLUMNS[0], y, COLUMNS[-1] - COLUMNS[0], 0.75)
        pdf.drawString(280, 40, f"— {number} —")
        pdf.showPage()
    pdf.save()


def test_a_browser_printed_task_table_reads_row_by_row(tmp_path: Path) -> None:
    """Before: the page was never read for its table (no header cell stands on a line of its
    own in a browser's text layer), 各街道办 / 事处 split into two bodies, and the row cut by
    the break lost its second lead."""
    path = tmp_path / "shenhe.pdf"
    row2_first = Row(
        [
            ["2.大力发展新兴数字、网络安全、工", "业互联网、前沿新材料、航空发动"],
            ["发改", "局"],
            ["各街道办事处"],
        ],
        cut=True,
    )
    row2_rest = Row([["机、创新药等战略性新兴产业。"], ["区工", "信局"], [""]])
    chromium_like_pdf(
        path,
        [
            (
                [
                    "沈河区人民政府关于印发2024年政府工作报告主要工作任务分解表的通知",
                    "2024年政府工作报告主要工作任务分解表",
                ],
                [
                    Row(HEADER),
                    Row([GROUP]),
                    Row(
                        [
                            ["1.主动对接国家战略,完善现代化产业", "体系,加快形成新质生产力。"],
                            ["区发", "改局"],
                            ["区工信局、区商务", "局、区文旅局、区", "金融局、各街道办", "事处"],
                        ]
                    ),
                    row2_first,
                ],
                False,
            ),
            (
                [],
                [
                    Row(HEADER),
                    row2_rest,
                    Row(
                        [
                            ["3.积极培育元宇宙、生成式人工智能、", "人形机器人、数字农业等未来产业。"],
                            ["发改", "局"],
                            ["区工信局、各街道", "办事处"],
                        ]
                    ),
                ],
                False,
            ),
        ],
    )
    assert roles(path) == [
        {"leads": ["区发改局"], "co": ["区工信局", "区商务局", "区文旅局", "区金融局", "各街道办事处"]},
        {"leads": ["发改局", "区工信局"], "co": ["各街道办事处"]},
        {"leads": ["发改局"], "co": ["区工信局", "各街道办事处"]},
    ]
    text = "\n".join(page.text for page in read_file(path).pages)
    assert text.count("主要工作任务\t牵头单位\t责任单位") == 1  # repeated on page 2: print furniture


def test_radical_code_points_in_a_text_layer_read_as_characters(tmp_path: Path) -> None:
    """A browser's CJK font printed 人力 as Kangxi radicals and 民 as a supplement radical
    (广州《关于推进人才集聚工程的实施意见》, http://auto.ifeng.com/roll/20121101/823850.shtml);
    the bodies are known again, and full-width punctuation stays as written."""
    path = tmp_path / "sysfont.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", FONT)
    pdf.drawString(50, 800, "25.社会工作人才培养项目。加快培养造就一支社会工作人才队伍。")
    pdf.drawString(50, 784, "（牵头单位：市\u2ea0政局，配合单位：市\u2f08\u2f12资源和社会保障局）")
    pdf.showPage()
    pdf.save()
    text = read_file(path).pages[0].text
    assert "（牵头单位：市民政局，配合单位：市人力资源和社会保障局）" in text
    (task,) = load_file(path)[0].tasks
    assert [ref.mention for ref in task.clause.leads] == ["市民政局"]
    assert [ref.mention for ref in task.clause.co] == ["市人力资源和社会保障局"]


def test_every_radical_mapping_is_to_the_character_its_unicode_name_says() -> None:
    import unicodedata

    assert len([code for code in RADICALS if 0x2F00 <= code <= 0x2FD5]) == 214
    for radical, character in SUPPLEMENT_CHARACTERS.items():
        name = unicodedata.name(radical)
        assert name.startswith("CJK RADICAL "), name
        assert unicodedata.name(character).startswith("CJK UNIFIED IDEOGRAPH"), character
    assert all(unicodedata.category(character) == "Lo" for character in RADICALS.values())


def test_pdf_libraries_say_nothing_of_their_own(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """pypdf logged `EOF marker not found` before our one-line reason for a truncated file."""
    path = tmp_path / "truncated.pdf"
    source = tmp_path / "whole.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(source))
    pdf.setFont("STSong-Light", FONT)
    pdf.drawString(50, 800, "加强知识产权保护。（国家知识产权局负责）")
    pdf.showPage()
    pdf.save()
    path.write_bytes(source.read_bytes()[:-400])
    levels = [logging.getLogger(name).level for name in PDF_LOGGERS]
    caplog.set_level(logging.DEBUG)
    with pytest.raises(UnreadableInput):
        read_file(path)
    read_file(source)
    assert [record.getMessage() for record in caplog.records if record.name.startswith(PDF_LOGGERS)] == []
    assert [logging.getLogger(name).level for name in PDF_LOGGERS] == levels
