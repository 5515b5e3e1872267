"""Section hierarchy and task segmentation within one document's cleaned text.

Chinese policy documents number their headings by kind (第X章, 第X节, 一、, （一）, 1., （1）)
but do not all use every kind or the same order, so depth is taken from the order in which
kinds first nest: a kind seen again closes everything opened below it. A task is the text a
responsibility clause governs: from the previous boundary (the last heading, or the end of
the previous clause) up to and including the clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from loaders.clause_grammar import DEADLINE_FIELD_NAMES
from loaders.records import ClauseForm

_CN = "一二三四五六七八九十百零〇"
#: Heading kinds in their usual order of depth; the name is only used for nesting.
HEADING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第[{_CN}\d]+章")),
    ("part", re.compile(rf"^第[{_CN}\d]+节")),
    ("cn", re.compile(rf"^[{_CN}]+[、．.](?![{_CN}]*[、．.])")),
    ("paren_cn", re.compile(rf"^[(（][{_CN}]+[)）]")),
    ("arabic", re.compile(r"^\d{1,3}[.．、](?!\d)")),
    ("paren_arabic", re.compile(r"^[(（]\d{1,3}[)）]")),
)
_HEADING_START = re.compile(
    "^(?:"
    + "|".join(f"(?P<{kind}>{pattern.pattern.removeprefix('^')})" for kind, pattern in HEADING_KINDS)
    + ")",
    re.MULTILINE,
)
#: A heading's title ends at its first sentence mark when the paragraph goes on after it.
TITLE_END = re.compile(r"[。；;:：!！?？\t]")
#: Marks that end a sentence, the extent of a task an inline clause opens.
SENTENCE_MARKS = "。；;！!？?"
#: Longest text taken as a heading title; longer first sentences are list items.
MAX_TITLE_CHARS = 40
#: Longest heading that stands alone on its line: a line holding a numbered title and no
#: sentence mark at all is a heading even when long, as national plans' 一、 often are. A line
#: ending in a sentence mark or a bracket is a list item (`1.推进…。`, `1.推进…（A负责）`).
MAX_LINE_TITLE_CHARS = 80


class Heading(NamedTuple):
    """A heading found in a document: offsets are local to the document text.

    `end` is where the heading's title ends, the first boundary a task can start at.
    """

    kind: str
    title: str
    start: int
    end: int
    level: int
    path: tuple[str, ...]


class TaskSpan(NamedTuple):
    """The text one clause governs, as local offsets into the document text."""

    start: int
    end: int
    path: tuple[str, ...]


def find_headings(text: str) -> list[Heading]:
    """Every numbered heading in `text`, with its depth and its path from the top.

    One regex pass over the whole text finds the lines that open with a heading number; the
    kinds are alternatives in HEADING_KINDS order, so the first kind that fits a line wins.
    """
    headings: list[Heading] = []
    kinds: list[str] = []  # the open headings' kinds and titles, from the top down
    titles: list[str] = []
    for marker in _HEADING_START.finditer(text):
        kind = marker.lastgroup
        assert kind is not None
        start = marker.start()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        stop = TITLE_END.search(text, marker.end(), line_end)
        end = line_end if stop is None else stop.end()
        title = text[start:end].rstrip("。；;:：!！?？ \t")  # a group row of a table ends in TABs
        alone = stop is None and title[-1:] not in ")）"
        if len(title) > (MAX_LINE_TITLE_CHARS if alone else MAX_TITLE_CHARS):
            continue
        if kind in kinds:
            closed = kinds.index(kind)
            del kinds[closed:], titles[closed:]
        kinds.append(kind)
        titles.append(title)
        headings.append(
            Heading(kind=kind, title=title, start=start, end=end, level=len(kinds), path=tuple(titles))
        )
    return headings


def segment_tasks(
    text: str, clauses: Sequence[tuple[int, int, ClauseForm]], headings: Sequence[Heading]
) -> list[TaskSpan]:
    """For each clause (start, end, form), the span it governs and its section path.

    The span starts after the later of the previous parenthetical clause and the last
    heading before the clause, skipping whitespace. A parenthetical clause closes its task
    and governs everything since that boundary, inline assignments included; an inline
    clause (`各地区要…`) opens its sentence, so its task is that sentence. A clause right after
    a numbered item's title (`1.推进数字政府建设。（A负责）`) governs that title, one inside the
    title (`1.推进数字政府建设（A牵头）。内容…`) the whole item, and a clause in a table row (a
    line of TAB-separated cells) governs that row, deadline cell included.
    """
    tasks: list[TaskSpan] = []
    previous_end = 0
    heading_starts = [h.start for h in headings]
    for index, (start, end, form) in enumerate(clauses):
        above = bisect_right(heading_starts, start)
        heading = headings[above - 1] if above else None
        boundary = max(previous_end, heading.end if heading and heading.end <= start else 0)
        if form == "parenthetical" and heading and start < heading.end:
            # 1.推进数字政府建设（A牵头）。内容…: a clause inside an item's title governs the item
            next_start = clauses[index + 1][0] if index + 1 < len(clauses) else len(text)
            boundary, end = heading.start, min(_line_bounds(text, start, end)[1], next_start)
        elif form == "inline":
            boundary = max(boundary, _sentence_start(text, start))
            end = max(end, _sentence_end(text, end))
        elif (row := _table_row(text, start, end)) is not None:
            boundary, end = max(boundary, row[0]), row[1]
        if form == "parenthetical":
            end = _deadline_line_end(text, end)
        while boundary < start and text[boundary].isspace():
            boundary += 1
        if (
            form == "parenthetical"
            and heading
            and previous_end <= heading.start
            and (boundary == start or _only_fields(text, heading.end, start))
        ):
            boundary = heading.start  # 1.推进….（A负责）: the item's title is the task it governs
        tasks.append(TaskSpan(boundary, end, heading.path if heading else ()))
        if form == "parenthetical":
            previous_end = end
    return tasks


def _deadline_line_end(text: str, end: int) -> int:
    """`end`, or the end of the deadline field on the line below the clause
    (`（牵头单位：…）` / `完成时限：2022年6月底前`): the task's own deadline, not the next task's."""
    match = _DEADLINE_LINE.match(text, end)
    return match.end() if match else end


_DEADLINE_LINE = re.compile(r"[ \t]*\n[ \t]*(?:" + "|".join(DEADLINE_FIELD_NAMES) + r")\s*[:：][^\n]*")


def _only_fields(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], between an item's title and its clause, holds no sentence of
    its own, only field lines (`1.地区生产总值增长6%以上。` / `分管省领导：林克庆` / `部门分工：…`):
    then the title is the task, as when the clause follows it directly."""
    between = text[start:end].lstrip(SENTENCE_MARKS + " \n")
    return not any(mark in between for mark in SENTENCE_MARKS)


def _table_row(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The line holding text[start:end] when it is a table row (TAB-separated cells), else None."""
    line_start, line_end = _line_bounds(text, start, end)
    return (line_start, line_end) if text.find("\t", line_start, line_end) >= 0 else None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the line (or lines) holding text[start:end] start and end."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _sentence_start(text: str, offset: int) -> int:
    stops = [text.rfind(mark, 0, offset) for mark in SENTENCE_MARKS + "\n"]
    return max(stops) + 1


def _sentence_end(text: str, offset: int) -> int:
    stops = [i for i in (text.find(mark, offset) for mark in SENTENCE_MARKS) if i >= 0]
    line_end = text.find("\n", offset)
    stops.append(line_end if line_end >= 0 else len(text))
    end = min(stops)
    return end + 1 if end < len(text) and text[end] in SENTENCE_MARKS else end
