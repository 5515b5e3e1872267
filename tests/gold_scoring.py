"""Scoring `policykg extract` against the hand-made gold, one document (sample file) at a time.

The issue judges the extractor by precision and recall of (role, agency mention) pairs per
document, on documents it was not written against. The documents are the files of samples/
and of tests/gold/documents/. The rules are those of the shared scorer
(`../shared/tools/score_extract.py`), so figures stay comparable with it: only clauses of
form "parenthetical" count (labelled fields and task-table cells are parenthetical too;
inline prose is not in the gold), mentions are compared as written with whitespace removed,
and pairs are multisets. A sample file with no gold line is still scored: it must yield no
parenthetical clause, which is how invented clauses show up.

Both `tests/test_gold_documents.py` and `tools/score-gold` use this module, so the test and
the figures written into `tests/gold/README.md` come from one implementation.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.clause_rows import clause_rows
from loaders.pipeline import load_file
from loaders.records import ROLES

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD_DIR = Path(__file__).resolve().parent / "gold"
MEASURE_ONLY = GOLD_DIR / "documents"
"""Gold documents kept out of samples/: excerpts too partial for the sample-wide tests (e.g.
their issuer is cut off, so relative names such as 市财政局 cannot be placed), yet fine to
measure the clause extractor on."""
NOT_DOCUMENTS = frozenset({"SOURCES.md"})
"""Files in samples/ that describe the samples rather than being one."""

Pair = tuple[str, str]
ClauseKey = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ClauseRoles:
    """One clause reduced to what is scored: its text and the mentions of each role."""

    text: str
    key: ClauseKey

    def describe(self) -> str:
        """`leads=[..] co=[..] sole=[..]`, for miss reports a person reads."""
        return " ".join(f"{role}={list(names)}" for role, names in zip(ROLES, self.key, strict=True))


@dataclass(frozen=True)
class DocumentScore:
    """Pair counts and clause matches of one sample file."""

    doc: str
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int
    exact_clauses: int
    gold_clauses: int
    missed: tuple[ClauseRoles, ...]
    """Gold clauses that no predicted clause reproduces exactly."""
    invented: tuple[ClauseRoles, ...]
    """Predicted clauses that reproduce no gold clause."""

    @property
    def precision(self) -> float:
        """Share of predicted pairs that are gold; 1.0 when nothing was predicted."""
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        """Share of gold pairs that were predicted; 1.0 when the gold is empty."""
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0


def _name(mention: Any) -> str:
    """The mention as written, whitespace removed (cleaning may rejoin broken lines)."""
    text = mention["mention"] if isinstance(mention, dict) else mention
    return "".join(str(text).split())


def _roles(row: Mapping[str, Any]) -> ClauseRoles:
    key = tuple(tuple(sorted(_name(m) for m in row.get(role) or [])) for role in ROLES)
    return ClauseRoles(text=str(row["clause"]), key=key)


def _pairs(clauses: Iterable[ClauseRoles]) -> Counter[Pair]:
    return Counter(
        (role, name) for c in clauses for role, names in zip(ROLES, c.key, strict=True) for name in names
    )


def _unmatched(ours: Sequence[ClauseRoles], theirs: Sequence[ClauseRoles]) -> tuple[ClauseRoles, ...]:
    """Clauses of `ours` left over once each is paired with an equal-roles clause of `theirs`."""
    left = Counter(c.key for c in theirs)
    out = []
    for clause in ours:
        if left[clause.key]:
            left[clause.key] -= 1
        else:
            out.append(clause)
    return tuple(out)


def score_document(
    doc: str, gold_rows: Sequence[Mapping[str, Any]], predicted_rows: Sequence[Mapping[str, Any]]
) -> DocumentScore:
    """Score one file's predicted rows (extract's JSON shape) against its gold lines."""
    gold = [_roles(g) for g in gold_rows]
    predicted = [_roles(p) for p in predicted_rows if p.get("form", "parenthetical") == "parenthetical"]
    gold_pairs, predicted_pairs = _pairs(gold), _pairs(predicted)
    exact = sum((Counter(c.key for c in gold) & Counter(c.key for c in predicted)).values())
    return DocumentScore(
        doc=doc,
        true_pairs=sum((gold_pairs & predicted_pairs).values()),
        predicted_pairs=sum(predicted_pairs.values()),
        gold_pairs=sum(gold_pairs.values()),
        exact_clauses=exact,
        gold_clauses=len(gold),
        missed=_unmatched(gold, predicted),
        invented=_unmatched(predicted, gold),
    )


def total(scores: Iterable[DocumentScore], name: str = "all documents") -> DocumentScore:
    """The scores of several documents summed into one, for the corpus-wide line."""
    scores = list(scores)
    return DocumentScore(
        doc=name,
        true_pairs=sum(s.true_pairs for s in scores),
        predicted_pairs=sum(s.predicted_pairs for s in scores),
        gold_pairs=sum(s.gold_pairs for s in scores),
        exact_clauses=sum(s.exact_clauses for s in scores),
        gold_clauses=sum(s.gold_clauses for s in scores),
        missed=tuple(c for s in scores for c in s.missed),
        invented=tuple(c for s in scores for c in s.invented),
    )


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, list[dict[str, Any]]]:
    """Every gold line of every `*.jsonl` in `gold_dir`, grouped by sample file name."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                grouped.setdefault(row["doc"], []).append(row)
    return grouped


def gold_documents(folders: Iterable[Path] = (SAMPLES, MEASURE_ONLY)) -> list[Path]:
    """The gold documents: every file of `folders`, whether or not it has gold lines."""
    files = (p for folder in folders for p in folder.iterdir() if p.is_file())
    return sorted((p for p in files if p.name not in NOT_DOCUMENTS), key=lambda p: p.name)


def score_samples(gold_dir: Path = GOLD_DIR) -> list[DocumentScore]:
    """Run the extractor on every gold document and score each against its gold lines."""
    gold = load_gold(gold_dir)
    return [
        score_document(path.name, gold.get(path.name, []), clause_rows(load_file(path)))
        for path in gold_documents()
    ]
