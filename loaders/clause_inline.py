"""Assignments in free sentences: `由A牵头…`, `A要会同B…`, `各级…主管部门要…`.

These are weaker than bracketed clauses, so a subject counts only when every name in it ends
like a body (…部门, …局, …人民政府) or is a known agency. Where the helpers after 会同 end is a
word-boundary question, answered with jieba's part-of-speech tags (the first verb ends them).
"""

from __future__ import annotations

import logging
import re

import jieba
import jieba.posseg

from loaders.clause_grammar import (
    AGENCY_TAIL,
    Roles,
    half_width,
    is_known,
    mentions_of,
    parse_segment,
    top_level_segments,
)
from loaders.clause_types import Candidate

_NUMBERING = r"(?:\(?[一二三四五六七八九十\d]{1,3}[).、．]|第[一二三四五六七八九十]+[条章节])?\s*"
_SENTENCE_START = r"(?:^|(?<=[。;!?！？\n:]))\s*" + _NUMBERING
_BY = re.compile(r"由(?P<agents>[^,;。:()\n由]{2,60}?)(?P<verb>牵头|负责|会同)")
_SUBJECT = re.compile(
    _SENTENCE_START
    + r"(?P<agents>[^,;。:()\n、]{2,40}?(?:、[^,;。:()\n、]{2,40}?)*)"
    + r"(?P<verb>(?:要|应当|应|须|必须|将)?会同|(?:要|应当|应|须|必须)?(?:牵头|负责)|要(?!求)|应当|须|必须)"
)
_NOT_SUBJECT_HEAD = re.compile(r"^(?:在|对|为|把|将|从|按|以|经|据|全社会|社会)")
jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not for our users

_HELPER_STOP = frozenset({"v", "vd", "p", "d", "ad", "x", "uj"})


def inline_candidates(text: str, brackets: list[tuple[int, int]]) -> list[Candidate]:
    """Free-sentence assignments outside brackets, form "inline"."""
    norm = half_width(text)
    found: list[Candidate] = []
    for match in [*_BY.finditer(norm), *_SUBJECT.finditer(norm)]:
        start = match.start("agents") - (1 if match.re is _BY else 0)
        if any(s <= start < e for s, e in brackets) or any(c.start <= start < c.end for c in found):
            continue
        candidate = _candidate(text, norm, match, start)
        if candidate is not None:
            found.append(candidate)
    return found


def _candidate(text: str, norm: str, match: re.Match[str], start: int) -> Candidate | None:
    subject = mentions_of(text[match.start("agents") : match.end("agents")])
    if not subject or not all(map(_strict_agency, subject)):
        return None
    verb = match.group("verb")
    roles = Roles()
    end = match.end()
    if verb.endswith("会同"):
        helpers_end = _helpers_end(norm, end)
        helpers = mentions_of(text[end:helpers_end])
        if not helpers or not all(map(_strict_agency, helpers)):
            return None
        roles.add("leads", subject)
        roles.add("co", helpers)
        end = helpers_end
    else:
        roles.add("leads" if verb.endswith("牵头") else "resp", subject)
        end = _with_helpers(text, norm, end, roles)
    return Candidate(start, end, "inline", roles)


def _with_helpers(text: str, norm: str, end: int, roles: Roles) -> int:
    """Extend `由A牵头` over a following `，B、C配合` part."""
    if not norm.startswith(",", end):
        return end
    seg_start, seg_end = top_level_segments(norm[end + 1 : end + 80], ",;。")[0]
    extra = parse_segment(text[end + 1 + seg_start : end + 1 + seg_end])
    if extra is None or not all(map(_strict_agency, extra.order)):
        return end
    roles.merge(extra)
    return end + 1 + seg_end


def _helpers_end(norm: str, start: int) -> int:
    """End of the agency list after 会同: up to the first verb, cut back to a name ending."""
    end = start
    for word, flag in jieba.posseg.cut(norm[start : start + 60]):
        if flag in _HELPER_STOP and word not in "、和与及":
            break
        end += len(word)
    while end > start and not AGENCY_TAIL.search(norm[start:end]):
        end -= 1
    return end


def _strict_agency(mention: str) -> bool:
    if _NOT_SUBJECT_HEAD.match(mention) or "的" in mention or len(mention) > 30:
        return False
    return is_known(mention) or bool(AGENCY_TAIL.search(mention))
