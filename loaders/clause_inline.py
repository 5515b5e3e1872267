"""Assignments in free sentences: `由A牵头…`, `A要会同B…`, `各级…主管部门要…`.

One that fills its line alone (`市发改委牵头落实` under the task it assigns) is that task's
responsibility clause, as a labelled line would be, and takes the clause form.

These are weaker than bracketed clauses, so a subject counts only when every name in it ends
like a body (…部门, …局, …人民政府) or is a known agency. Where the helpers after 会同 end is a
word-boundary question: a list of registry names answers it with the name trie; only a name the
registry does not know needs jieba's part-of-speech tags (the first verb ends the list). jieba
takes seconds to load its dictionary, so it is imported on that first need, never at startup.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import cache
from itertools import chain
from types import ModuleType

from loaders.clause_grammar import (
    AGENCY_TAIL,
    ETC,
    Roles,
    is_known,
    known_spans,
    mentions_of,
    parse_segment,
    top_level_segments,
)
from loaders.clause_types import Candidate
from loaders.span_index import SpanIndex

# Item numbers a sentence may start with: (一) 1. 第一条, and the enumerators 一是 二是 ….
_NUMBERING = (
    r"(?:\(?[一二三四五六七八九十\d]{1,3}[).、．]|第[一二三四五六七八九十]+[条章节]"
    r"|[一二三四五六七八九十]{1,3}是)?\s*"
)
_SENTENCE_MARKS = "[。;!?！？\n:]"
_SENTENCE_MARK = re.compile(_SENTENCE_MARKS)
_SENTENCE_START = rf"(?:^|(?<={_SENTENCE_MARKS}))\s*" + _NUMBERING
# Each lookahead holds the first characters of the verb that follows: it changes no match but
# spares trying every verb after every character of a lazily grown agency list.
_LEAD_OR_OWN = r"(?:分别|共同|各自)?(?:牵头负责|负责牵头|牵头|负责(?!人|同志))(?:落实|推进|实施)?"
_BY = re.compile(rf"由(?P<agents>[^,;。:()\n由]{{2,60}}?)(?=[牵负会分共各])(?P<verb>{_LEAD_OR_OWN}|会同)")
_SUBJECT = re.compile(
    _SENTENCE_START
    + r"(?P<agents>[^,;。:()\n、]{2,40}?(?:、[^,;。:()\n、]{2,40}?)*)(?=[要应须必将会牵负分共各])"
    + rf"(?P<verb>(?:要|应当|应|须|必须|将)?会同|(?:要|应当|应|须|必须)?{_LEAD_OR_OWN}|要(?!求)|应当|须|必须)"
)
_NOT_SUBJECT_HEAD = re.compile(
    r"^(?:在|对|为|把|将|从|按|以|经|据|全社会|社会|本(?:办法|方案|通知|意见|规定|细则|条例|措施|政策|计划|规划))"
)
_ETC_AT = re.compile(ETC)
# A subject holding a verb of speech (亳州市要求市…) or naming a role, not a body (各牵头单位要…,
# 主要责任单位要…: whichever units the plan names).
_NOT_A_NAME = re.compile("要求|指出|强调|表示|(?:牵头|责任|汇总|配合)(?:单位|部门)$")
_GENERIC_BODY = re.compile(r"(?:各级|各|有关|相关|其他)+(?:部门|单位|机构|方面)")
_CONJUNCTION_AT = re.compile(r"、|以及|和|与|及")
_HELPER_STOP = frozenset({"v", "vd", "p", "d", "ad", "x", "uj"})


def inline_candidates(text: str, norm: str, brackets: SpanIndex) -> list[Candidate]:
    """Free-sentence assignments outside brackets, form "inline"; `norm` is `half_width(text)`."""
    found: list[Candidate] = []
    for match in [*_BY.finditer(norm), *_subject_matches(norm)]:
        start = match.start("agents") - (1 if match.re is _BY else 0)
        if brackets.contains(start) or any(c.start <= start < c.end for c in found):
            continue
        candidate = _candidate(text, norm, match, start)
        if candidate is not None and not any(c.start < candidate.end and start < c.end for c in found):
            found.append(candidate)  # 联席会议由A牵头…: the subject's sentence holds the 由 one found first
    return found


def _subject_matches(norm: str) -> Iterator[re.Match[str]]:
    """What `_SUBJECT.finditer(norm)` yields, tried only where a sentence starts.

    A subject match can only start at the text's start or after a sentence mark, so trying
    those positions (leftmost first, resuming after each match as finditer does) gives the
    same matches without attempting the pattern at every character.
    """
    resume = 0
    for start in chain((0,), (mark.end() for mark in _SENTENCE_MARK.finditer(norm))):
        if start < resume:
            continue
        match = _SUBJECT.match(norm, start)
        if match is not None:
            resume = match.end()
            yield match


def _candidate(text: str, norm: str, match: re.Match[str], start: int) -> Candidate | None:
    subject = mentions_of(text[match.start("agents") : match.end("agents")])
    if not subject or not all(map(_strict_agency, subject)):
        return None
    verb = match.group("verb")
    roles = Roles()
    end = match.end()
    if verb.endswith("会同"):
        helped = _helpers_from(text, norm, end)
        if helped is None:
            return None
        roles.add("leads", subject)
        roles.add("co", helped[0])
        end = helped[1]
    else:
        roles.add("leads" if "牵头" in verb else "resp", subject)
        end = _with_helpers(text, norm, end, roles)
    return Candidate(
        start, end, "parenthetical" if _whole_line(norm, start, end) else "inline", roles.frozen()
    )


def _whole_line(norm: str, start: int, end: int) -> bool:
    """Whether the assignment is all its line holds (`市发改委牵头落实` under a task, as
    labelled lines stand): then it is the task's responsibility clause, not a free sentence."""
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    rest = norm[end : line_end if line_end >= 0 else len(norm)]
    return not norm[line_start:start].strip() and not rest.strip(" 。.;,")


def _with_helpers(text: str, norm: str, end: int, roles: Roles) -> int:
    """Extend `由A牵头` over a following `，B、C配合` or `，会同B、C…` part."""
    if not norm.startswith(",", end):
        return end
    if norm.startswith("会同", end + 1):
        helped = _helpers_from(text, norm, end + 3)
        if helped is None:
            return end
        roles.add("co", helped[0])
        return helped[1]
    seg_start, seg_end = top_level_segments(norm[end + 1 : end + 80], ",;。")[0]
    extra = parse_segment(text[end + 1 + seg_start : end + 1 + seg_end])
    if extra is None or not all(map(_strict_agency, extra.order)):
        return end
    roles.merge(extra)
    return end + 1 + seg_end


def _helpers_from(text: str, norm: str, start: int) -> tuple[tuple[str, ...], int] | None:
    """The bodies listed after a 会同 that ends at `start`, and where their list ends; None
    unless every one is strictly a body's name."""
    helpers_end = _helpers_end(norm, start)
    helpers = mentions_of(text[start:helpers_end])
    if not helpers or not all(map(_strict_agency, helpers)):
        return None
    return helpers, helpers_end


def _helpers_end(norm: str, start: int) -> int:
    """End of the agency list after 会同: registry names read directly, anything else by POS tags."""
    known = _known_list_end(norm, start)
    return known if known is not None else _tagged_list_end(norm, start)


def _known_list_end(norm: str, start: int) -> int | None:
    """End of a list made only of registry names and plain generic bodies (`财政部、商务部等部门`,
    `有关部门`), or None when a name there is unknown or might run on into a longer name (财政部门)."""
    pos = start
    while True:
        end = _name_end(norm, pos)
        if end is None:
            return None
        if any(AGENCY_TAIL.search(norm[pos : end + extra]) for extra in (1, 2)):
            return None
        etc = _ETC_AT.match(norm, end)
        if etc:
            return etc.end()
        joined = _CONJUNCTION_AT.match(norm, end)
        if joined is None:
            return end
        pos = joined.end()


def _name_end(norm: str, pos: int) -> int | None:
    """End of the registry name or plain generic body starting at `pos`, if one does."""
    generic = _GENERIC_BODY.match(norm, pos)
    first = next(iter(known_spans(norm[pos : pos + 40])), None)
    if first is not None and first[0] == 0:
        return max(pos + first[1], generic.end() if generic else 0)
    return generic.end() if generic else None


def _tagged_list_end(norm: str, start: int) -> int:
    """End of the agency list after 会同: up to the first verb, cut back to a name ending."""
    end = start
    for word, flag in _posseg().cut(norm[start : start + 60]):
        if flag in _HELPER_STOP and word not in "、和与及":
            break
        end += len(word)
    while end > start and not AGENCY_TAIL.search(norm[start:end]):
        end -= 1
    return end


@cache
def _posseg() -> ModuleType:
    """jieba's POS tagger, imported on first use (its dictionary takes seconds to load)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for our users
    return jieba.posseg


def _strict_agency(mention: str) -> bool:
    if (
        _NOT_SUBJECT_HEAD.match(mention)
        or _NOT_A_NAME.search(mention)
        or "的" in mention
        or len(mention) > 30
    ):
        return False
    return is_known(mention) or bool(AGENCY_TAIL.search(mention))
