"""The extractor judged on real documents: (role, mention) precision and recall per sample file.

Issue #3 asks for ≥ 0.97 on both, per document, on documents the extractor was not written
against. Every file in samples/ and tests/gold/documents/ is a gold document (see
tests/gold/README.md); files without gold lines must yield no parenthetical clause. Where
today's extractor falls short, the gold stays honest and the shortfall is listed in
`KNOWN_SHORTFALLS` with the exact gold clauses it misses: the list only shrinks, and the test
fails as soon as it is wrong in either direction.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from loaders.clause_rows import clause_rows
from loaders.cleaning import clean
from loaders.pipeline import load_file
from loaders.readers import read_file
from tests.gold_scoring import ROOT, gold_documents, load_gold, score_document

THRESHOLD = 0.97

KNOWN_SHORTFALLS: dict[str, tuple[str, ...]] = {}
"""Sample file → gold clauses the extractor misses today. Remove an entry once it passes."""

GOLD = load_gold()


@pytest.mark.parametrize("path", gold_documents(), ids=lambda p: p.name)
def test_each_document_reaches_the_issue_threshold(path: Path) -> None:
    score = score_document(path.name, GOLD.get(path.name, []), clause_rows(load_file(path)))
    assert score.invented == (), f"clauses not in the gold: {[c.text for c in score.invented]}"
    if path.name in KNOWN_SHORTFALLS:
        assert tuple(c.text for c in score.missed) == KNOWN_SHORTFALLS[path.name]
        return
    misses = [(c.text, c.describe()) for c in score.missed]
    assert score.precision >= THRESHOLD, misses
    assert score.recall >= THRESHOLD, misses
    assert score.exact_clauses == score.gold_clauses, misses


def test_every_gold_line_is_verbatim_in_its_sample() -> None:
    samples = {p.name: p for p in gold_documents()}
    for doc, rows in GOLD.items():
        text = clean(read_file(samples[doc])).text
        for row in rows:
            assert row["clause"] in text, (doc, row["clause"])
            for role in ("leads", "co", "sole"):
                assert all(m in row["clause"] for m in row[role]), (doc, row["clause"], role)


def test_the_scorer_counts_wrong_roles_and_invented_clauses() -> None:
    gold = [{"clause": "(甲部牵头,乙部负责)", "leads": ["甲部"], "co": ["乙部"], "sole": []}]
    right = score_document("x", gold, [{**gold[0], "form": "parenthetical"}])
    assert (right.precision, right.recall, right.exact_clauses) == (1.0, 1.0, 1)
    wrong_role = {
        "clause": gold[0]["clause"],
        "form": "parenthetical",
        "leads": [],
        "co": ["甲部", "乙部"],
        "sole": [],
    }
    invented = {"clause": "(丙局负责)", "form": "parenthetical", "leads": [], "co": [], "sole": ["丙局"]}
    inline = {"clause": "丁委负责", "form": "inline", "leads": [], "co": [], "sole": ["丁委"]}
    score = score_document("x", gold, [wrong_role, invented, inline])
    assert (score.true_pairs, score.predicted_pairs, score.gold_pairs) == (1, 3, 2)
    assert [c.text for c in score.missed] == [gold[0]["clause"]]
    assert [c.text for c in score.invented] == [gold[0]["clause"], "(丙局负责)"]


def test_score_gold_tool_prints_one_line_per_document() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "score-gold")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(any(line.startswith(p.name) for line in lines) for p in gold_documents())
    assert lines[-1].startswith("all documents")
