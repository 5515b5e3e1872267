"""Which agency mentions the registry does not know, so the registry can be extended.

The registry is only as good as its coverage of real documents; this report is the loop that
grows it: run it over new files, add what it lists to `data/agencies.toml`, repeat until empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from loaders.records import AgencyRef, Document


@dataclass(frozen=True)
class UnknownMention:
    """One mention as written, how often it occurs, and where it was first seen."""

    mention: str
    count: int
    example: str
    file: str


@dataclass(frozen=True)
class UnknownReport:
    """Unknown mentions (most frequent first) and the share of specific mentions they make up.

    Generic bodies (有关部门 …) are left out of `specific`: they are not registry entries and
    would hide how well the registry covers the bodies that documents actually name.
    """

    mentions: tuple[UnknownMention, ...]
    specific: int
    unknown: int

    @property
    def unknown_share(self) -> float:
        return self.unknown / self.specific if self.specific else 0.0


def _mentions(documents: Iterable[Document]) -> Iterator[tuple[AgencyRef, str, str]]:
    """Every resolved mention with the clause (or issuer line) that holds it and its file."""
    for doc in documents:
        for issuer in doc.issuers:
            yield issuer, f"发文机关: {doc.issuer}", doc.source_file
        for task in doc.tasks:
            for refs in task.clause.by_role().values():
                for ref in refs:
                    yield ref, task.clause.text, task.clause.span.file


def unknown_report(documents: Iterable[Document]) -> UnknownReport:
    """Count the mentions of `documents` the registry left unknown, with a first example each."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[str, str]] = {}
    specific = 0
    for ref, example, file in _mentions(documents):
        if ref.kind == "generic":
            continue
        specific += 1
        if ref.kind == "unknown":
            counts[ref.mention] += 1
            first_seen.setdefault(ref.mention, (example, file))
    mentions = tuple(
        UnknownMention(mention, count, *first_seen[mention]) for mention, count in counts.most_common()
    )
    return UnknownReport(mentions=mentions, specific=specific, unknown=sum(counts.values()))


def report_dict(report: UnknownReport) -> dict[str, object]:
    """The report as plain JSON-ready values (for `--format json`)."""
    return {
        "specific_mentions": report.specific,
        "unknown_mentions": report.unknown,
        "unknown_share": round(report.unknown_share, 4),
        "unknown": [
            {"mention": m.mention, "count": m.count, "example": m.example, "file": m.file}
            for m in report.mentions
        ],
    }


def render_table(report: UnknownReport) -> str:
    """One line per unknown mention (count, mention, example clause) and a summary line."""
    lines = [f"{m.count:>5}  {m.mention}  |  {m.example}  ({m.file})" for m in report.mentions]
    lines.append(
        f"{report.unknown} unknown of {report.specific} specific mentions "
        f"({report.unknown_share:.1%}); {len(report.mentions)} distinct"
    )
    return "\n".join(lines)
