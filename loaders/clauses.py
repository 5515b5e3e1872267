"""Find every responsibility assignment in the cleaned text of one document.

Four shapes carry assignments: bracketed clauses after a task (`（A牵头，B等按职责分工负责）`),
labelled fields (`牵头单位：A；配合单位：B`), task tables whose header names the roles, and
free sentences (`由A牵头…`, `A要会同B…`). The first three are the document's formal
assignments (form "parenthetical"); free sentences are "inline". A document may also declare
that the first-listed agency leads (`列第一位者为牵头单位`, or a clause tail `…，下同`); that is
applied here because it depends on where in the document a clause stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.clause_grammar import (
    CONVENTION,
    CONVENTION_CARRIES,
    GENERIC_HEAD,
    LABEL,
    ROLE_WORD,
    half_width,
    parse_assignment,
    parse_labelled,
    value_end,
)
from loaders.clause_inline import inline_candidates
from loaders.clause_tables import table_candidates
from loaders.clause_types import Candidate
from loaders.records import ClauseForm

# A bracketed clause longer than this is a stray bracket, not a clause.
_MAX_BRACKET = 400


@dataclass(frozen=True)
class RawClause:
    """One assignment as written: `text == document_text[start:end]`, mentions as written."""

    start: int
    end: int
    text: str
    form: ClauseForm
    leads: tuple[str, ...]
    co: tuple[str, ...]
    sole: tuple[str, ...]


def find_clauses(text: str) -> list[RawClause]:
    """All assignments of one document's cleaned text, in reading order."""
    norm = half_width(text)
    brackets = _bracket_groups(norm)
    candidates, conventions = _bracketed(text, brackets)
    taken = [(c.start, c.end) for c in candidates]
    candidates += _labelled(text, norm, brackets)
    candidates += [c for c in table_candidates(text) if not _overlaps(c, taken)]
    taken = [(c.start, c.end) for c in candidates]
    conventions += [m.start() for m in CONVENTION.finditer(norm) if not _inside(m.start(), brackets)]
    assigned = [_paragraph(text, c.start) for c in candidates]
    candidates += [
        c
        for c in inline_candidates(text, brackets)
        if not _overlaps(c, taken) and _paragraph(text, c.start) not in assigned
    ]
    candidates.sort(key=lambda c: c.start)
    return [_settle(text, c, conventions) for c in candidates]


def _paragraph(text: str, offset: int) -> int:
    """Start of the paragraph (cleaned line) holding `offset`.

    A paragraph that carries an explicit clause is assigned by it; a sentence inside it
    such as `A要…` or `A会同有关部门…` restates that assignment and must not add a second task.
    """
    return text.rfind("\n", 0, offset) + 1


def _settle(text: str, candidate: Candidate, conventions: list[int]) -> RawClause:
    first_leads = candidate.form == "parenthetical" and (
        candidate.own_convention or any(pos <= candidate.start for pos in conventions)
    )
    leads, co, sole = candidate.roles.settle(first_leads)
    return RawClause(
        candidate.start, candidate.end, text[candidate.start : candidate.end], candidate.form, leads, co, sole
    )


def _bracket_groups(norm: str) -> list[tuple[int, int]]:
    """Top-level bracket groups as (start, end) with the brackets included; nesting allowed."""
    groups: list[tuple[int, int]] = []
    opened: int | None = None
    depth = 0
    for i, ch in enumerate(norm):
        if ch == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0 and opened is not None:
                if i + 1 - opened <= _MAX_BRACKET:
                    groups.append((opened, i + 1))
                opened = None
        if opened is not None and i - opened > _MAX_BRACKET:
            opened, depth = None, 0
    return groups


def _bracketed(text: str, brackets: list[tuple[int, int]]) -> tuple[list[Candidate], list[int]]:
    """Clauses in brackets, plus positions of conventions declared in a bracket (`…，下同`)."""
    candidates: list[Candidate] = []
    conventions: list[int] = []
    for start, end in brackets:
        body = text[start + 1 : end - 1]
        if not ROLE_WORD.search(body):
            continue
        roles = parse_labelled(body) if LABEL.search(body) else parse_assignment(body)
        convention = CONVENTION.search(half_width(body))
        if convention and roles is not None and all(GENERIC_HEAD.match(m) for m in roles.order):
            roles = None  # a note (列第一位者为牵头单位，其他单位按职责分工负责), not an assignment
        if convention and (roles is None or CONVENTION_CARRIES.search(body, convention.end())):
            conventions.append(start)
        if roles is not None:
            candidates.append(Candidate(start, end, "parenthetical", roles, own_convention=bool(convention)))
    return candidates, conventions


def _labelled(text: str, norm: str, brackets: list[tuple[int, int]]) -> list[Candidate]:
    """Labelled fields outside brackets; adjacent labels (`牵头单位：A；配合单位：B`) form one clause."""
    candidates: list[Candidate] = []
    runs: list[tuple[int, int]] = []
    for match in LABEL.finditer(norm):
        if _inside(match.start(), brackets) or _on_tab_line(norm, match.start()):
            continue
        end = value_end(norm, match.end())
        if runs and re.fullmatch(r"[\s;,]*", norm[runs[-1][1] : match.start()]):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((match.start(), end))
    for start, end in runs:
        roles = parse_labelled(text[start:end])
        if roles is not None:
            candidates.append(Candidate(start, end, "parenthetical", roles))
    return candidates


def _on_tab_line(norm: str, pos: int) -> bool:
    line_start = norm.rfind("\n", 0, pos) + 1
    line_end = norm.find("\n", pos)
    return "\t" in norm[line_start : line_end if line_end >= 0 else len(norm)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _overlaps(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    return any(candidate.start < end and start < candidate.end for start, end in spans)
