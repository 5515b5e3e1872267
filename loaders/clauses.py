"""Find every responsibility assignment in the cleaned text of one document.

Four shapes carry assignments: bracketed clauses after a task (`（A牵头，B等按职责分工负责）`),
labelled fields (`牵头单位：A；配合单位：B`, or headed `【牵头单位】A【配合单位】B`), task tables
whose header names the roles (one clause per row, over its role cells), and free sentences
(`由A牵头…`, `A要会同B…`). The first three are the document's formal assignments (form
"parenthetical"); free sentences are "inline". Inside a list a body may carry its own role
(`责任单位：A（牵头）、B`). A document may also declare that the first-listed agency leads
(`列第一位者为牵头单位`, or a clause tail `…，下同`); that is applied here because it depends on
where in the document a clause stands.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from loaders.clause_grammar import (
    AGENCY_TAIL,
    CONVENTION,
    CONVENTION_CARRIES,
    DEADLINE_FIELD_NAMES,
    GENERIC_HEAD,
    LABEL,
    ROLE_WORD,
    Assignment,
    colon_labels,
    half_width,
    parse_assignment,
    parse_assignment_line,
    parse_bare_list,
    parse_labelled,
    parse_names_beside_note,
    value_end,
)
from loaders.clause_inline import inline_candidates
from loaders.clause_tables import flat_table_candidates, table_candidates
from loaders.clause_types import Candidate
from loaders.records import ClauseForm
from loaders.span_index import SpanIndex

# A bracketed clause longer than this is a stray bracket, not a clause.
_MAX_BRACKET = 400
_BRACKET = re.compile(r"[()]")
_SENTENCE_BEFORE = re.compile(r"[。；;！？!?]\s*$")
# A line that may be an assignment alone: no brackets, fields or full stops inside, ending in a
# role verb's last character (负责, 牵头, 配合, 落实 …), a full stop at most after it.
_ASSIGNMENT_LINE = re.compile(
    r"^[^\S\n]*(?P<line>[^\n()（）:：〔〕【】\[\]。]{2,300}?[头责合与助加导施实进抓筹])[^\S\n]*[。；;]?[^\S\n]*$",
    re.MULTILINE,
)
# What may stand between two labelled fields of one clause: separators and whole other fields
# (`牵头单位：A；完成时限：2023年底；配合单位：B`), each field a label and a value without 。.
_FIELD_GAP = re.compile(r"[\s;,。]*(?:[\u4e00-\u9fff]{2,8}:[^;:。\n]*[\s;,。]+)*")
# A note (注：…, 说明：…) states conventions for the whole document, wherever it stands.
# A deadline field right after a clause's last role field (责任单位：A\n完成时限：2023年底) belongs
# to the clause, as a deadline inside a bracketed clause does.
_DEADLINE_FIELD = re.compile(r"[\s;,]*(?:" + "|".join(DEADLINE_FIELD_NAMES) + r")\s*:")
# Labels that name a task's owners in a task list (主办单位：A；协办单位：B) but also an event's or
# a website's hosts (主办单位：A 承办单位：B, in a competition notice or a page footer).
_HOST_LABELS = frozenset({"主办", "承办", "协办"})
_EVENT_HOST_LABELS = ("主办单位", "承办单位")
# What introduces an example, right before a labelled field it quotes.
_EXAMPLE_BEFORE = re.compile(r"(?:例如|比如|譬如|如)[:：]?\s*[“\"「]?$")
# Words a website's footer sets beside its 主办单位 on the same line.
_SITE_FOOTER = re.compile(
    r"地址|版权|ICP|备案|电话|邮编|技术支持|网站标识|网站地图|联系我们|Copyright|©", re.IGNORECASE
)
# A task list repeats its 主办/协办 fields task after task; hosts are named once or twice.
_TASK_LIST_HOSTS = 3
# Brackets of several bare names each, this many in a document, make it a task list.
_TASK_LIST_BRACKETS = 2
# A title or heading saying the document divides work among bodies: 任务分工, 主要内容及分工, 责任分解.
_DIVIDES_WORK = re.compile(r"^[^。；;\n]{0,40}(?:分工|责任分解)[^。；;\n]{0,20}$", re.MULTILINE)
_NOTE_LINE = re.compile(r"^\s*(?:注|说明|备注|附注)\s*\d*\s*[:.]", re.MULTILINE)


class RawClause(NamedTuple):
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
    labels = colon_labels(text)
    norm = half_width(labels)
    brackets = _bracket_groups(norm)
    bracketed = SpanIndex(brackets)
    candidates, bare, conventions = _bracketed(text, brackets)
    taken = SpanIndex([(c.start, c.end) for c in candidates])
    labelled, hosts = _labelled(labels, norm, bracketed)
    candidates += labelled
    candidates += [
        c for c in table_candidates(text) + flat_table_candidates(text) if not taken.overlaps(c.start, c.end)
    ]
    conventions += [
        0 if _in_note(norm, m.start()) else m.start()
        for m in CONVENTION.finditer(norm)
        if not bracketed.contains(m.start())
    ]
    candidates += _in_a_task_list(bare, hosts, candidates, conventions, norm)
    taken = SpanIndex([(c.start, c.end) for c in candidates])
    candidates += [c for c in _assignment_lines(text) if not taken.overlaps(c.start, c.end)]
    taken = SpanIndex([(c.start, c.end) for c in candidates])
    assigned = {_paragraph(text, c.start) for c in candidates}
    candidates += [
        c
        for c in inline_candidates(text, norm, bracketed)
        if not taken.overlaps(c.start, c.end) and _paragraph(text, c.start) not in assigned
    ]
    candidates.sort(key=lambda c: c.start)
    first_convention = min(conventions, default=None)
    return [_settle(text, c, first_convention) for c in candidates]


def _assignment_lines(text: str) -> list[Candidate]:
    """Lines that hold an assignment and nothing else: the clause of the task above them."""
    found = []
    for match in _ASSIGNMENT_LINE.finditer(text):
        roles = parse_assignment_line(match.group("line"))
        if roles is not None:
            found.append(Candidate(match.start("line"), match.end("line"), "parenthetical", roles))
    return found


def _in_a_task_list(
    bare: list[Candidate],
    hosts: list[Candidate],
    explicit: list[Candidate],
    conventions: list[int],
    norm: str,
) -> list[Candidate]:
    """The clauses that assign only in a document that is a task list.

    A bracket of bare names after a sentence assigns in a task list, but ends a news item with
    the unit that wrote it (`…累计播种64.84万亩。（县农业农村局）`): it counts where the document
    assigns tasks explicitly too, or declares a first-listed-leads note, or says in a title or
    heading that it divides work (`主要内容及分工`, `责任分解`), or lists several bodies in
    bracket after bracket (a news item names one). 主办/协办 fields name a
    task's owners where the document assigns explicitly or repeats them task after task, and an
    event's or a website's hosts where they stand once or twice, or beside 承办单位.
    """
    listed = [c for c in bare if len(c.roles.order) > 1]
    if explicit or conventions or (bare and _DIVIDES_WORK.search(norm)):
        kept = bare
    else:
        kept = listed if len(listed) >= _TASK_LIST_BRACKETS else []
    is_event = all(label in norm for label in _EVENT_HOST_LABELS)
    if not is_event and (explicit or len(hosts) >= _TASK_LIST_HOSTS):
        kept = kept + hosts
    return kept


def _paragraph(text: str, offset: int) -> int:
    """Start of the paragraph (cleaned line) holding `offset`.

    A paragraph that carries an explicit clause is assigned by it; a sentence inside it
    such as `A要…` or `A会同有关部门…` restates that assignment and must not add a second task.
    """
    return text.rfind("\n", 0, offset) + 1


def _settle(text: str, candidate: Candidate, first_convention: int | None) -> RawClause:
    """The clause with its roles settled; the first-listed agency leads when the clause says
    so or a convention was declared at or before it (`first_convention`, None for none)."""
    first_leads = candidate.form == "parenthetical" and (
        candidate.own_convention or (first_convention is not None and first_convention <= candidate.start)
    )
    leads, co, sole = candidate.roles.settle(first_leads)
    return RawClause(
        candidate.start, candidate.end, text[candidate.start : candidate.end], candidate.form, leads, co, sole
    )


def _bracket_groups(norm: str) -> list[tuple[int, int]]:
    """Top-level bracket groups as (start, end) with the brackets included; nesting allowed.

    Only bracket characters are visited (one regex pass), not every character of the text.
    A group still open more than _MAX_BRACKET characters after its opening is abandoned at
    the first character past that limit, as a stray bracket.
    """
    groups: list[tuple[int, int]] = []
    opened = -1
    depth = 0
    for match in _BRACKET.finditer(norm):
        i = match.start()
        if opened >= 0 and i - 1 - opened > _MAX_BRACKET:
            opened, depth = -1, 0
        if match.group() == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                if i + 1 - opened <= _MAX_BRACKET:
                    groups.append((opened, i + 1))
                opened = -1
    return groups


def _bracketed(
    text: str, brackets: list[tuple[int, int]]
) -> tuple[list[Candidate], list[Candidate], list[int]]:
    """Clauses in brackets; brackets of bare names where a task's clause stands, apart (they
    count only in a task list); positions of conventions declared in a bracket (`…，下同`)."""
    candidates: list[Candidate] = []
    bare: list[Candidate] = []
    conventions: list[int] = []
    for start, end in brackets:
        body = text[start + 1 : end - 1]
        roles, convention, carries = _bracket_body(body)
        if carries:
            conventions.append(start)
        if roles is None and convention:
            roles = parse_names_beside_note(body)
        if roles is not None:
            candidates.append(Candidate(start, end, "parenthetical", roles, own_convention=convention))
        elif not convention and _closes_a_task(text, start, end):
            names = parse_bare_list(body)
            if names is not None:
                bare.append(Candidate(start, end, "parenthetical", names))
    return candidates, bare, conventions


def _closes_a_task(text: str, start: int, end: int) -> bool:
    """Whether the bracket text[start:end] stands where a task's clause does: right after a
    sentence (`…。（A、B）`), or last on its line after words that do not end a body's name
    (`推进…（A、B）。`, but not `国家发展和改革委员会（国家发展改革委）`, which gives a short name).
    A 【】 alone on its line is a compilation's section marker (`【各地动态】`), never a clause."""
    if text[start] == "【" and _alone_on_line(text, start, end):
        return False
    if _SENTENCE_BEFORE.search(text, max(0, start - 4), start):
        return True
    if text[end : _line_end(text, end)].strip(" 。；;"):
        return False
    return not AGENCY_TAIL.search(text, text.rfind("\n", 0, start) + 1, start)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return not before.strip() and not text[end : _line_end(text, end)].strip()


def _line_end(text: str, offset: int) -> int:
    line_end = text.find("\n", offset)
    return line_end if line_end >= 0 else len(text)


@lru_cache(maxsize=1 << 14)
def _bracket_body(body: str) -> tuple[Assignment | None, bool, bool]:
    """What one bracket says: its roles (None for no assignment), whether it declares the
    first-listed-leads convention, and whether that convention carries to later clauses.

    Cached because documents repeat the same clauses.
    """
    if not ROLE_WORD.search(body):
        return None, False, False
    parsed = parse_labelled(body) if LABEL.search(body) else parse_assignment(body)
    roles = None if parsed is None else parsed.frozen()
    convention = CONVENTION.search(body)
    if convention and roles is not None and all(GENERIC_HEAD.match(m) for m in roles.order):
        roles = None  # a note (列第一位者为牵头单位，其他单位按职责分工负责), not an assignment
    if convention is None:
        return roles, False, False
    carries = roles is None or bool(CONVENTION_CARRIES.search(body, convention.end()))
    return roles, True, carries


def _labelled(text: str, norm: str, brackets: SpanIndex) -> tuple[list[Candidate], list[Candidate]]:
    """Labelled fields outside brackets; adjacent labels (`牵头单位：A；配合单位：B`) form one clause.
    Clauses labelled only 主办/承办/协办 come second: they may name an event's hosts, and name a
    website's owner in a page footer (`主办单位：…　地址：…`, `…版权所有`), where they assign nothing."""
    candidates: list[Candidate] = []
    hosts: list[Candidate] = []
    runs: list[tuple[int, int]] = []
    for match in LABEL.finditer(norm):
        if brackets.contains(match.start()) or _on_tab_line(norm, match.start()):
            continue
        end = value_end(norm, match.end())
        if runs and _FIELD_GAP.fullmatch(norm, runs[-1][1], match.start()):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((match.start(), end))
    for start, end in runs:
        if _EXAMPLE_BEFORE.search(norm, max(0, start - 6), start):
            continue  # 例如：“责任部门：环保局；完成时限：…”: a template in a how-to text
        deadline = _DEADLINE_FIELD.match(norm, end)
        if deadline and not brackets.contains(end):
            end = value_end(norm, deadline.end())
        roles = parse_labelled(text[start:end])
        if roles is not None:
            noted = CONVENTION.search(norm, start, end) is not None  # 责任单位：A、B（列第一位为牵头单位）
            labels = {m.group("label") for m in LABEL.finditer(norm, start, end)}
            found = Candidate(start, end, "parenthetical", roles.frozen(), own_convention=noted)
            if not labels <= _HOST_LABELS:
                candidates.append(found)
            elif not _SITE_FOOTER.search(norm, norm.rfind("\n", 0, start) + 1, _line_end(norm, end)):
                hosts.append(found)
    return candidates, hosts


def _in_note(norm: str, pos: int) -> bool:
    line_start = norm.rfind("\n", 0, pos) + 1
    return bool(_NOTE_LINE.match(norm, line_start))


def _on_tab_line(norm: str, pos: int) -> bool:
    line_start = norm.rfind("\n", 0, pos) + 1
    line_end = norm.find("\n", pos)
    return "\t" in norm[line_start : line_end if line_end >= 0 else len(norm)]
