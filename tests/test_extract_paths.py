"""`policykg extract` over directories: the files `ingest` would load, each error on its line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from policykg import cli


def test_extract_recurses_into_directories_like_ingest(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("推进标准化。（市场监管总局负责）", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(
        "<html><body><p>加强知识产权保护。（国家知识产权局牵头，中央宣传部等按职责分工负责）</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "sub" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), str(tmp_path / "missing.txt")])
    files = [json.loads(line)["source"]["file"] for line in result.stdout.splitlines()]
    assert files == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.html")]
    assert result.stderr.splitlines() == [
        f"policykg: {tmp_path / 'sub' / 'broken.docx'}: not a readable DOCX file (File is not a zip file)",
        f"policykg: {tmp_path / 'missing.txt'}: no such file",
    ]
    assert result.exit_code == 1
