"""DOCX text a reader sees although python-docx's Paragraph.text does not: tracked insertions,
smart tags, content controls. Each is real Word markup around item 3 of 广州《关于推进人才集聚
工程的实施意见》(2012), http://auto.ifeng.com/roll/20121101/823850.shtml, in a real file.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.reader_support import roles

TITLE = "关于推进人才集聚工程的实施意见"
TASK = "3.羊城企业家培养项目。加强市管企业领导人员队伍建设，培养100名优秀企业家。"
REVISED = (
    '<w:{kind} w:id="{n}" w:author="a" w:date="2012-09-01T00:00:00Z">'
    "<w:r><w:{tag}>{text}</w:{tag}></w:r></w:{kind}>"
)


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def saved(tmp_path: Path, block: str) -> Path:
    """A document of the title and one body block given as WordprocessingML."""
    document = docx.Document()
    document.add_paragraph(TITLE)
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {nsdecls('w')}", block, count=1)))
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path


def paragraph(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


CASES = {
    # Track changes on: 市经贸委 struck out, 市国资委 typed in; the reader sees the revision.
    "tracked change": paragraph(
        run(TASK + "（牵头单位：市委组织部，配合单位：")
        + REVISED.format(kind="del", n=1, tag="delText", text="市经贸委")
        + REVISED.format(kind="ins", n=2, tag="t", text="市国资委")
        + run("）")
    ),
    "smart tag": paragraph(
        run(TASK + "（牵头单位：")
        + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">'
        + run("市委组织部")
        + "</w:smartTag>"
        + run("，配合单位：市国资委）")
    ),
    "inline content control": paragraph(
        run(TASK)
        + '<w:sdt><w:sdtPr><w:alias w:val="责任单位"/></w:sdtPr><w:sdtContent>'
        + run("（牵头单位：市委组织部，配合单位：市国资委）")
        + "</w:sdtContent></w:sdt>"
    ),
    "block content control": "<w:sdt><w:sdtPr/><w:sdtContent>"
    + paragraph(run(TASK + "（牵头单位：市委组织部，配合单位：市国资委）"))
    + "</w:sdtContent></w:sdt>",
    "content control in a table cell": "<w:tbl><w:tr>"
    + "".join(f"<w:tc>{paragraph(run(cell))}</w:tc>" for cell in ("重点项目", "牵头单位", "配合单位"))
    + "</w:tr><w:tr>"
    + f"<w:tc>{paragraph(run(TASK))}</w:tc><w:tc>{paragraph(run('市委组织部'))}</w:tc>"
    + "<w:tc><w:sdt><w:sdtContent>"
    + paragraph(REVISED.format(kind="ins", n=3, tag="t", text="市国资委"))
    + "</w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>",
}


@pytest.mark.parametrize("block", CASES.values(), ids=CASES.keys())
def test_docx_text_inside_run_level_markup_is_read(tmp_path: Path, block: str) -> None:
    path = saved(tmp_path, block)
    assert roles(path) == [{"leads": ["市委组织部"], "co": ["市国资委"]}]
