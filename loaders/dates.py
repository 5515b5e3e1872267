"""Dates in policy text: publish dates, 文号 years and task deadlines.

Tasks say *by when* in a handful of set phrases (到2025年, 2022年底前, 2023年6月底前, "十四五"时期,
长期坚持 …). Researchers filter and sort tasks by those dates, so each phrase becomes a
normalised date or interval while the original phrase is kept; a deadline-like phrase that
needs context we do not have (今年底前) is kept as text rather than guessed. Chinese numerals
inside a phrase (二〇二五年, 十四五) are read by cn2an.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache, lru_cache
from typing import Literal, NamedTuple

import cn2an

from loaders.records import Deadline

_CN_DIGITS = "〇零一二三四五六七八九"
_Y = rf"(\d{{4}}|[{_CN_DIGITS}]{{4}})"
_M = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_BEFORE = r"(?:之)?前(?![一二三两几\d后])"
_YEAR_END = r"(?:年底|年末|底|末)"

_FIRST_YEAR_OF_PLAN_3 = 1966
"""The 3rd five-year plan began in 1966; from then on plans follow each other every 5 years."""


@lru_cache(maxsize=1 << 10)
def _number(text: str) -> int:
    """An Arabic or Chinese numeral (二〇二五, 十二) as int; cached because cn2an is slow."""
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))


def _normalised(text: str) -> str:
    """NFKC (full-width digits and brackets to ASCII) without whitespace, offsets not needed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_FULL_DATE = re.compile(rf"{_Y}年{_M}月{_D}日")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?!\d)")
_DOC_NUMBER_YEAR = re.compile(r"[〔\[【(［{](\d{4})[〕\]】)］}]")


def parse_date(text: str) -> date | None:
    """The first calendar date in `text`: 2021年10月25日, 二〇二一年十月二十五日, 2021-10-25, 2021.10.25."""
    flat = _normalised(text)
    found: list[tuple[int, date]] = []
    for match in _FULL_DATE.finditer(flat):
        day = _safe_date(*(_number(g) for g in match.groups()))
        if day:
            found.append((match.start(), day))
            break
    for match in _NUMERIC_DATE.finditer(flat):
        day = _safe_date(int(match[1]), int(match[3]), int(match[4]))
        if day:
            found.append((match.start(), day))
            break
    return min(found)[1] if found else None


def doc_number_year(doc_number: str) -> int | None:
    """The year of a 发文字号: 国发〔2021〕20号 → 2021 (any bracket style)."""
    match = _DOC_NUMBER_YEAR.search(_normalised(doc_number))
    return int(match[1]) if match else None


def plan_period(ordinal: int) -> tuple[date, date]:
    """The years of the n-th five-year plan: 14 ("十四五") → 2021-01-01 … 2025-12-31."""
    first = 1953 if ordinal == 1 else 1958 if ordinal == 2 else _FIRST_YEAR_OF_PLAN_3 + 5 * (ordinal - 3)
    return date(first, 1, 1), date(first + 4, 12, 31)


DeadlineKind = Literal["date", "interval", "ongoing", "text"]
Built = tuple[date | None, date | None, DeadlineKind]
Builder = Callable[[re.Match[str], int | None], Built | None]
"""Builds a phrase's interval; the int is the document's year, for relative phrases (今年底前)."""


_PARTS_OF_YEAR = {
    "上半年": (1, 6),
    "下半年": (7, 12),
    "一季度": (1, 3),
    "二季度": (4, 6),
    "三季度": (7, 9),
    "四季度": (10, 12),
}


def _part_key(part: str) -> str:
    return part.removeprefix("第").translate(str.maketrans("1234", "一二三四"))


def _year_end(m: re.Match[str], _year: int | None) -> Built:
    end = date(_number(m[1]), 12, 31)
    return end, end, "date"


def _month_deadline(m: re.Match[str], _year: int | None) -> Built | None:
    month = _number(m[2])
    if not 1 <= month <= 12:
        return None
    end = _month_end(_number(m[1]), month)
    return end, end, "date"


def _day_deadline(m: re.Match[str], _year: int | None) -> Built | None:
    day = _safe_date(_number(m[1]), _number(m[2]), _number(m[3]))
    return (day, day, "date") if day else None


def _year_range(m: re.Match[str], _year: int | None) -> Built | None:
    first, last = _number(m[1]), _number(m[2])
    return (date(first, 1, 1), date(last, 12, 31), "interval") if first <= last else None


def _part_of_year(m: re.Match[str], _year: int | None) -> Built:
    year, part, before = _number(m[1]), m[2], bool(m[3])
    first_month, last_month = _PARTS_OF_YEAR[_part_key(part)]
    end = _month_end(year, last_month)
    return (end, end, "date") if before else (date(year, first_month, 1), end, "interval")


def _from_year(m: re.Match[str], _year: int | None) -> Built:
    return date(_number(m[1]), 1, 1), None, "interval"


def _plan(m: re.Match[str], _year: int | None) -> Built:
    start, end = plan_period(_number(m[1]))
    return (end, end, "date") if m[2] in ("末", "期末") else (start, end, "interval")


def _ongoing(m: re.Match[str], _year: int | None) -> Built:
    return None, None, "ongoing"


def _unresolved(m: re.Match[str], _year: int | None) -> Built:
    return None, None, "text"


def _relative_year_end(m: re.Match[str], year: int | None) -> Built:
    """今年底前, 年内, 明年底前: the end of the document's year (+1 for 明年), else text."""
    if year is None:
        return None, None, "text"
    end = date(year + (1 if m[0].startswith("明年") else 0), 12, 31)
    return end, end, "date"


def _relative_month(m: re.Match[str], year: int | None) -> Built | None:
    """6月底前 in a 分工方案, or 明年6月底前 (a pattern with a `said` year group): that month of
    the document's year, of the next one for 明年, else text."""
    said = m["said"] if "said" in m.re.groupindex else None
    month = _number(m[2] if said else m[1])
    if not 1 <= month <= 12:
        return None
    if year is None:
        return None, None, "text"
    end = _month_end(year + (said == "明年"), month)
    return end, end, "date"


def _relative_day(m: re.Match[str], year: int | None) -> Built | None:
    """5月1日前 in a 分工方案: that day of the document's year, else text."""
    if year is None:
        return None, None, "text"
    day = _safe_date(year, _number(m[1]), _number(m[2]))
    return (day, day, "date") if day else None


def _relative_part(m: re.Match[str], year: int | None) -> Built:
    """上半年 / 三季度末前 without a year: that part of the document's year, else text."""
    if year is None:
        return None, None, "text"
    first, last = _PARTS_OF_YEAR[_part_key(m[1])]
    end = _month_end(year, last)
    return (end, end, "date") if m[2] else (date(year, first, 1), end, "interval")


_PLAN_ORDINAL = r"(十[一二三四五六七八九]?|[一二三四五六七八九])"
_QUOTE_OPEN, _QUOTE_CLOSE = r"[“\"‘']", r"[”\"’']"


class _Rule(NamedTuple):
    """A deadline phrase: the lowest rank found wins, then the last occurrence, because a task's
    own deadline follows its text while targets such as 到2025年 may open a section.

    Two shortcuts spare running a pattern over every character of a text; neither changes a
    match. Every match holds one of `guards` (empty: no such word is known). When `reach` is
    given, every match holds a 年 that many characters after its start, so the pattern is tried
    only at those positions before each 年 (most texts hold one or two).
    """

    rank: int
    guards: tuple[str, ...]
    pattern: re.Pattern[str]
    build: Builder
    reach: tuple[int, ...] = ()
    history: bool = False
    """A bare date (no 前/底/到) on or before the document's own date narrates what happened
    (`2020年9月11日，…会议上`), so it is no deadline; one after that date may be."""


_RULES: tuple[_Rule, ...] = (
    _Rule(0, ("日",), re.compile(rf"{_Y}年{_M}月{_D}日{_BEFORE}"), _day_deadline, (4,)),
    _Rule(0, ("月",), re.compile(rf"{_Y}年{_M}月(?:底|末|份)?{_BEFORE}"), _month_deadline, (4,)),
    _Rule(0, ("月",), re.compile(rf"到{_Y}年{_M}月(?:底|末)?"), _month_deadline, (5,)),
    _Rule(
        0,
        ("月",),
        re.compile(rf"(?P<said>今年|本年|当年|明年){_M}月(?:底|末|份)?{_BEFORE}"),
        _relative_month,
        (1,),
    ),
    _Rule(
        0,
        ("季", "半年"),
        re.compile(rf"{_Y}年(第?[一二三四1234]季度|上半年|下半年)((?:末|底)?{_BEFORE})?"),
        _part_of_year,
        (4,),
    ),
    _Rule(0, ("前",), re.compile(rf"{_Y}年{_YEAR_END}?{_BEFORE}"), _year_end, (4,)),
    _Rule(0, ("年",), re.compile(rf"(?:到|至|截至){_Y}年{_YEAR_END}?"), _year_end, (5, 6)),
    _Rule(0, ("年",), re.compile(rf"{_Y}年{_YEAR_END}"), _year_end, (4,)),
    _Rule(0, ("年",), re.compile(rf"{_Y}年(?:内|全面完成|基本完成|完成)"), _year_end, (4,)),
    _Rule(1, ("年",), re.compile(rf"{_Y}年?[-—–~～至到]{_Y}年"), _year_range, (9, 10)),
    _Rule(1, ("年",), re.compile(rf"(?:从|自)?{_Y}年(?:起|开始|以来)"), _from_year, (4, 5)),
    _Rule(
        1,
        ("五",),
        re.compile(rf"{_QUOTE_OPEN}?{_PLAN_ORDINAL}五{_QUOTE_CLOSE}?(时期|期间|期末|末|规划期)"),
        _plan,
    ),
    _Rule(1, ("五",), re.compile(rf"{_QUOTE_OPEN}{_PLAN_ORDINAL}五{_QUOTE_CLOSE}()"), _plan),
    _Rule(
        1,
        ("持续", "长期"),
        re.compile(r"(?:今年|本年|当年|全年|年内)内?(?:持续|长期)(?:推进|实施|开展|落实)"),
        _relative_year_end,
        (0, 1),
    ),
    _Rule(
        1,
        ("年",),
        re.compile(r"(?<!每)(?:(?:今年|本年|当年|明年)(?:内|底|末|年底|年末)?(?:之)?前?|年内|年底前|年末前)"),
        _relative_year_end,
        (0, 1),
    ),
    _Rule(1, ("日",), re.compile(rf"(?<![\d年]){_M}月{_D}日{_BEFORE}"), _relative_day),
    _Rule(1, ("月",), re.compile(rf"(?<![\d年]){_M}月(?:底|末|份)?{_BEFORE}"), _relative_month),
    _Rule(
        1,
        ("季", "半年"),
        re.compile(rf"(?<![\d年前])(第?[一二三四]季度|上半年|下半年)((?:末|底)?{_BEFORE})?"),
        _relative_part,
    ),
    _Rule(
        2,
        ("长期", "持续", "常态化"),
        re.compile(
            r"长期坚持|长期推进|长期实施|长期开展|长期任务|持续推进|持续实施|持续开展|持续落实|常态化推进"
        ),
        _ongoing,
    ),
    _Rule(3, ("日",), re.compile(rf"{_Y}年{_M}月{_D}日"), _day_deadline, (4,), history=True),
    _Rule(
        3,
        ("月",),
        re.compile(rf"{_Y}年{_M}月(?:底|末)?(?![\d〇一二三四五六七八九十])"),
        _month_deadline,
        (4,),
        history=True,
    ),
    _Rule(4, ("近期", "尽快"), re.compile(r"近期|尽快"), _unresolved),
)


# Every guard of the rules: each is looked for once per text, not once per rule holding it.
_GUARDS = frozenset(guard for rule in _RULES for guard in rule.guards)


@cache
def _applicable(present: frozenset[str]) -> tuple[_Rule, ...]:
    """The rules, in order, that a text holding just the guards `present` can match; texts
    hold few combinations of guards, so this is computed once for each."""
    return tuple(rule for rule in _RULES if not rule.guards or not present.isdisjoint(rule.guards))


def _matches(
    rule: _Rule, flat: str, years: list[int], starts: dict[tuple[int, ...], list[int]]
) -> Iterator[re.Match[str]]:
    """What `rule.pattern.finditer(flat)` yields; `years` holds the offsets of 年 in `flat`.

    With a reach, the pattern is tried only where a match can start, leftmost first and
    resuming after each match as finditer does (no pattern matches the empty string). Those
    starts are worked out once per text and reach in `starts`: most rules share a reach.
    """
    if not rule.reach:
        yield from rule.pattern.finditer(flat)
        return
    tried = starts.get(rule.reach)
    if tried is None:
        tried = starts[rule.reach] = sorted(
            {year - offset for year in years for offset in rule.reach if year >= offset}
        )
    resume = 0
    for start in tried:
        if start < resume:
            continue
        match = rule.pattern.match(flat, start)
        if match is not None:
            resume = match.end()
            yield match


def _offsets(text: str, char: str) -> list[int]:
    found: list[int] = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


# Every rule above needs one of these in the flattened text: a text without any (most task
# texts) is answered without running any rule.
_TRIGGER = re.compile(r"[年月季五]|长期|持续|常态化|近期|尽快")


# Full-width punctuation that flattens to ASCII punctuation no rule reads: neither form is matched
# by any pattern above, so a text may keep them unflattened and every match stays the same.
_UNREAD = "，（）：；！？"


class _Flattening(NamedTuple):
    """What each character of the basic plane flattens to (NFKC, whitespace dropped), by code,
    and patterns for the characters that do not flatten to exactly one character (`irregular`:
    spaces, ㍻ → 平成, anything beyond the basic plane) and for those whose flattening a rule
    could notice (`telling`: the irregular ones and every other change outside _UNREAD).

    str.translate with a list indexed by code runs in C without hashing; a text with no irregular
    character keeps its offsets, so flat index == text index, and a text with no telling one
    (most task texts) needs no translating at all.
    """

    table: list[str]
    irregular: re.Pattern[str]
    telling: re.Pattern[str]


@cache
def _flattening() -> _Flattening:
    """Built once, on the first deadline search (65,536 NFKC calls, about 0.1 s)."""
    table = [
        "".join(p for p in unicodedata.normalize("NFKC", chr(code)) if not p.isspace())
        for code in range(0x10000)
    ]
    irregular = "".join(re.escape(chr(code)) for code, flat in enumerate(table) if len(flat) != 1)
    changed = "".join(
        re.escape(chr(code))
        for code, flat in enumerate(table)
        if len(flat) == 1 and flat != chr(code) and chr(code) not in _UNREAD
    )
    beyond = "\U00010000-\U0010ffff"
    return _Flattening(
        table, re.compile(f"[{irregular}{beyond}]"), re.compile(f"[{irregular}{changed}{beyond}]")
    )


def _flatten_with_origins(text: str) -> tuple[str, list[int]]:
    """`_normalised(text)` plus, per character, its index in `text` (to quote phrases as written)."""
    table = _flattening().table
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        code = ord(char)
        for piece in table[code] if code < len(table) else _normalised(char):
            chars.append(piece)
            origins.append(index)
    return "".join(chars), origins


def _flatten(text: str) -> tuple[str, list[int] | None]:
    """The text the rules read and its origins; None stands for "flat index == text index"
    (the usual case)."""
    flattening = _flattening()
    telling = flattening.telling.search(text)
    if telling is None:
        return text, None
    if flattening.irregular.search(text, telling.start()) is None:
        return text.translate(flattening.table), None
    return _flatten_with_origins(text)


@lru_cache(maxsize=1 << 14)
def _deadline(text: str, year: int | None, history_until: date | None) -> Deadline | None:
    """find_deadline by the document's year; cached because clause texts repeat.

    `history_until` is the document's date when the text holds a date with a month, else None,
    so that texts without one stay cached across the documents of a year."""
    flat, origins = _flatten(text)
    if not _TRIGGER.search(flat):
        return None
    best: tuple[int, int] | None = None
    found: Deadline | None = None
    taken: list[tuple[int, int]] = []
    years = _offsets(flat, "年")
    starts: dict[tuple[int, ...], list[int]] = {}
    for rule in _applicable(frozenset(guard for guard in _GUARDS if guard in flat)):
        if best is not None and rule.rank > best[0]:
            break  # a later rule has a higher rank and can neither win nor change what won
        for match in _matches(rule, flat, years, starts):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            built = rule.build(match, year)
            if built is None or (rule.history and _narrated(built, history_until)):
                continue
            taken.append((match.start(), match.end()))
            if best is None or (rule.rank, -match.start()) < best:
                first, last = (
                    (match.start(), match.end() - 1)
                    if origins is None
                    else (
                        origins[match.start()],
                        origins[match.end() - 1],
                    )
                )
                best, found = (rule.rank, -match.start()), Deadline(text[first : last + 1], *built)
    return found


def _narrated(built: Built, history_until: date | None) -> bool:
    """Whether a date lies on or before the document's own date: history, not a deadline."""
    end = built[1]
    return history_until is not None and end is not None and end <= history_until


def find_deadline(text: str, as_of: date | None = None, year: int | None = None) -> Deadline | None:
    """The deadline phrase of a task text or clause as written, normalised, or None if none.

    `as_of` is the document's date: relative phrases (今年底前, 6月底前, 明年) resolve against
    its year, and stay text without it. `year` stands in when only the year is known (a
    document with a 文号 but no dated signature, 国发〔2020〕6号).

    Explicit deadlines (…前, …底, 到…) beat periods and relative phrases (十四五时期, 年内),
    which beat ongoing phrases (持续推进), then bare dates and vague ones (尽快); among equals
    the last one wins. A relative period framing continuing work (年内持续推进) is one phrase,
    quoted whole, and bounded like the period (the end of the document's year). A frequency
    (每年培育50家) is no deadline, and neither is a bare date or month on or before the
    document's date (a meeting or notice the text recalls); a later one (完成时限：2024年9月) is.
    """
    return _deadline(text, as_of.year if as_of else year, as_of if "日" in text or "月" in text else None)
