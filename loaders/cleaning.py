"""Cleaning: from a reader's pages to one clean text with a map back to page numbers.

PDF text (and text dumps of PDFs such as the 政策快讯 compilations) carry layout
artefacts that break clause extraction: running headers/footers (`第N页`, `政策快资讯 N`,
`- 3 -`) in the middle of sentences, lines wrapped mid-word and mid-clause, and spacing
inserted by justification (`增 加 值 占 GDP`). This module removes them while remembering
on which page every character stood, so that a clause found in the clean text can still
point to its page. Punctuation is left as written (half- or full-width): clause strings
must stay verbatim, and the clause grammar accepts both.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from loaders.clause_grammar import FIELD_LINE, HEADER_LINE, ROLE_WORD, looks_like_agency
from loaders.documents import DOC_NUMBER, is_complete_title, starts_title
from loaders.readers import Page, RawText
from loaders.text_width import narrow

#: Spaces within one line (a pattern run over a whole text must not cross a line with them).
_SP = r"[^\S\n]*"
#: The page count after a page's number: ` 共 20 页`, `（共20页）`, `，共20页`.
_OF_PAGES = rf"{_SP}[,，/(（]?{_SP}共{_SP}\d{{1,4}}{_SP}页{_SP}[)）]?"
#: A line that only marks a page: `第3页`, `第 3 页 共 20 页`, `第1页（共2页）`, `- 3 -`, `·3·`,
#: `3/20`, `3`.
PAGE_NUMBER_LINE = re.compile(
    rf"^\s*(?:第\s*(?P<n>\d{{1,4}})\s*页(?:{_OF_PAGES})?"
    r"|[-—–－·•]?\s*\d{1,4}\s*[-—–－·•]?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_MAX_PAGE_NUMBER = 18
"""No line that PAGE_NUMBER_LINE matches is longer (`第 123 页 （共 456 页）` is 17)."""
#: `第N页` alone on a line in a text dump: the start of page N (the seed's convention). One
#: multiline pass over the whole text finds them all; the spaces it allows never cross a line.
PAGE_MARKER = re.compile(r"^[^\S\n]*第[^\S\n]*(\d{1,4})[^\S\n]*页[^\S\n]*$", re.MULTILINE)
#: A page number set off by dashes or dots (`— 3 —`, the 公文 standard GB/T 9704, `-3-`, `·3·`),
#: or `第3页 共10页`, `3/10`, alone on a line: the end of page N in a text dump without page
#: breaks. A bare number is not one: task tables list 1, 2, 3 on lines of their own.
PAGE_FOOTER = re.compile(
    r"^[^\S\n]*(?:[-—–－·•]+[^\S\n]*(?P<dashed>\d{1,4})[^\S\n]*[-—–－·•]+"
    rf"|第{_SP}(?P<of>\d{{1,4}}){_SP}页{_OF_PAGES}"
    r"|(?P<slash>\d{1,4})[^\S\n]*/[^\S\n]*\d{1,4})[^\S\n]*$",
    re.MULTILINE,
)
#: A number alone on a line; a run of them counting up, each this many lines or more after
#: the last (a page of text), are page footers too: table serials stand a few lines apart.
BARE_NUMBER = re.compile(r"^[^\S\n]*(\d{1,4})[^\S\n]*$", re.MULTILINE)
MIN_PAGE_LINES = 10
MIN_BARE_FOOTERS = 3
#: A document's title is among its first lines; a running header may repeat it.
TITLE_LINES = 4
#: Lines within this many of a page's edge are candidates for running headers/footers.
EDGE_LINES = 2
#: A running header is short; longer repeated lines are content.
MAX_HEADER_CHARS = 40
#: Characters that end a paragraph when they end a line.
TERMINAL = frozenset("。！？；：!?;:")
CLOSING_QUOTES = frozenset("”’」』\"'")
#: The last characters (besides whitespace) that leave `_ends_paragraph` anything to look at.
_TELLING_ENDS = TERMINAL | CLOSING_QUOTES | frozenset(")）")
#: Line starts that always begin a new paragraph: section headings, list items, dashes.
BLOCK_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.．、](?!\d)"
    r"|[(（]\d{1,3}[)）]|第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[——]{2}|[•·●○■□◆]|附件)"
)
#: A wrapped line this close to the wrap width is full: the sentence continues below.
FULL_LINE_SHARE = 0.8
#: A line with at least one space per this many characters is letter-spaced (justified).
LETTER_SPACED_RATIO = 3
#: Share of lines that must be full before a text is believed to be hard-wrapped.
WRAPPED_SHARE = 0.3


@dataclass(frozen=True)
class PageMap:
    """Page numbers by offset: `pages[i]` holds from `starts[i]` up to the next start."""

    starts: tuple[int, ...]
    pages: tuple[int | None, ...]

    def page_at(self, offset: int) -> int | None:
        """The page of the character at `offset` (None when the source has no pages)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.pages[index] if index >= 0 else None


@dataclass(frozen=True)
class CleanText:
    """The cleaned text of a whole file: one paragraph per line, and its page map."""

    text: str
    page_map: PageMap


class _Page(NamedTuple):
    """One page's raw lines: cleaning works on a page's list of strings, not on an object per line."""

    number: int | None
    lines: list[str]


class _Lines(NamedTuple):
    """The kept lines of the whole file as parallel lists (no object per line): the text with
    its spacing normalised, its page, and its display width (0 when the text is not wrapped)."""

    texts: list[str]
    pages: list[int | None]
    widths: list[int]


def clean(raw: RawText) -> CleanText:
    """Remove page furniture, join wrapped lines, normalise spacing; keep page numbers."""
    texts, pages = _strip_running_lines(_split_marked_pages(raw.pages))
    if any(_holds_space(page.text) for page in raw.pages):  # most Chinese text holds none
        texts = [normalise_spacing(text) for text in texts]
    lines = _Lines(texts, pages, _widths(texts) if raw.wrapped else [0] * len(texts))
    headers = _running_headers(texts)
    width = _wrap_width(lines, headers) if raw.wrapped else None
    return _assemble(lines, width, headers)


def _widths(texts: list[str]) -> list[int]:
    """`display_width` of every line, measured in one pass over the joined lines.

    Removing the wide characters keeps the newlines, so the narrow rest splits back into lines.
    """
    if not texts:
        return []
    narrow_lines = narrow("\n".join(texts)).split("\n")
    return [2 * len(text) - len(rest) for text, rest in zip(texts, narrow_lines, strict=True)]


def _split_marked_pages(pages: tuple[Page, ...]) -> list[_Page]:
    """Per page its lines; an unpaged text dump is cut at its `第N页` marker lines (the start
    of page N), or where it has none, after its page footers (`— 3 —`: the end of page 3),
    which then stand at a page's edge and are dropped like any page number there.

    The markers are found by one multiline regex pass; the text between them splits at once.
    """
    if len(pages) > 1 or pages[0].number is not None:
        return [_Page(p.number, p.text.split("\n")) for p in pages]
    text = pages[0].text
    if PAGE_MARKER.search(text) is None:
        return _split_after_footers(text)
    result: list[_Page] = []
    number: int | None = None
    start = 0
    for marker in PAGE_MARKER.finditer(text):
        result.append(_Page(number, text[start : marker.start()].split("\n")[:-1]))
        number = int(marker.group(1))
        start = marker.end() + 1
    if start <= len(text):
        result.append(_Page(number, text[start:].split("\n")))
    return [page for page in result if page.lines]


def _split_after_footers(text: str) -> list[_Page]:
    result: list[_Page] = []
    number: int | None = None
    start = 0
    for footer, page in _footers(text):
        result.append(_Page(page, text[start : footer.end()].split("\n")))
        number = page + 1
        start = footer.end() + 1
    if start <= len(text):
        result.append(_Page(number, text[start:].split("\n")))
    return [page for page in result if page.lines]


def _footers(text: str) -> list[tuple[re.Match[str], int]]:
    """The page footers of an unpaged text and the page each ends: the decorated ones, or
    failing those the longest run of bare numbers counting up a page apart, unless a role
    header cell alone on a line (责任科室) stands above them: then they number a task table's
    rows, one cell per line, ten lines or more apart when each row has that many cells."""
    decorated = [
        (m, int(m.group("dashed") or m.group("of") or m.group("slash"))) for m in PAGE_FOOTER.finditer(text)
    ]
    if decorated:
        return decorated
    runs: dict[int, list[re.Match[str]]] = {}  # by the number that would extend the run
    for match in BARE_NUMBER.finditer(text):
        value = int(match.group(1))
        run = runs.pop(value, None)
        if run is not None and text.count("\n", run[-1].end(), match.start()) >= MIN_PAGE_LINES:
            run.append(match)
        else:
            run = [match]
        runs[value + 1] = run
    longest = max(runs.values(), key=len, default=[])
    if len(longest) < MIN_BARE_FOOTERS:
        return []
    table = HEADER_LINE.search(text, 0, longest[0].start())
    if table is not None:
        return []  # a task table flattened one cell per line above: its row numbers, not pages
    return [(m, int(m.group(1))) for m in longest]


_DIGIT_RUN = re.compile(r"\d+")


def _header_key(text: str) -> str:
    return _DIGIT_RUN.sub("#", "".join(text.split()))


def _edges(lines: list[str]) -> list[int]:
    """Indices of the first and last EDGE_LINES non-blank lines of a page.

    Read from both ends, so a page costs a few lines, not all of them.
    """
    first = _filled(lines, range(len(lines)))
    last = _filled(lines, range(len(lines) - 1, -1, -1))
    return sorted({*first, *last})


def _filled(lines: list[str], order: range) -> list[int]:
    """The first EDGE_LINES indices in `order` whose line holds text."""
    found: list[int] = []
    for i in order:
        if lines[i].strip():
            found.append(i)
            if len(found) == EDGE_LINES:
                break
    return found


def _strip_running_lines(pages: list[_Page]) -> tuple[list[str], list[int | None]]:
    """Drop page numbers and lines repeated at the edge of many pages (running headers); the
    lines kept, and the page of each. Two pages suffice in a short document; in a long one a
    line must recur at the edge of 30% of them."""
    edges = [_edges(page.lines) for page in pages]
    counts: Counter[str] = Counter()
    for page, edge in zip(pages, edges, strict=True):
        counts.update({_header_key(page.lines[i]) for i in edge})
    threshold = max(2, len(pages) * 3 // 10)
    texts: list[str] = []
    numbers: list[int | None] = []
    for page, edge in zip(pages, edges, strict=True):
        lines = page.lines
        drop = {
            i
            for i in edge
            if PAGE_NUMBER_LINE.match(lines[i])
            or (counts[_header_key(lines[i])] >= threshold and _header_like(lines[i]))
        }
        kept = len(texts)
        start = 0
        for i in sorted(drop):
            texts.extend(lines[start:i])
            start = i + 1
        texts.extend(lines[start:])
        numbers.extend([page.number] * (len(texts) - kept))
    return texts, numbers


def _header_like(text: str) -> bool:
    """Short and not a sentence: running headers are labels, never end in 。. A browser's
    print header (`12/7/26, 1:17 AM 页面标题`) is one however long the page's title."""
    text = text.strip()
    return (len(text) <= MAX_HEADER_CHARS and text[-1:] not in TERMINAL) or bool(_PRINT_STAMP.match(text))


#: The date and time a browser prints atop every page: `12/7/26, 1:17 AM`, `2026/12/7 01:17`.
_PRINT_STAMP = re.compile(r"^\d{1,4}/\d{1,2}/\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s")


def _wrap_width(lines: _Lines, headers: frozenset[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None if lines are paragraphs; page
    numbers and running headers repeated inside clauses are no lines of the text."""
    widths = sorted(
        width
        for text, width in zip(lines.texts, lines.widths, strict=True)
        if text.strip() and text not in headers and not _is_page_number(text)
    )
    if len(widths) < 3:
        return None
    width = widths[(len(widths) - 1) * 9 // 10]
    full = sum(1 for w in widths if w >= width * FULL_LINE_SHARE)
    return width if full >= len(widths) * WRAPPED_SHARE else None


def _ends_paragraph(paragraph: str) -> bool:
    """True if the text so far ends a sentence, or a bracket group that follows one.

    Most wrapped lines end inside a sentence, on a character that settles the answer at once.
    """
    if paragraph and paragraph[-1] not in _TELLING_ENDS and not paragraph[-1].isspace():
        return False
    text = paragraph.rstrip()
    while text and text[-1] in CLOSING_QUOTES:
        text = text[:-1]
    if _inside_brackets(text):
        return False
    if not text or text[-1] in TERMINAL:
        return True
    if text[-1] in ")）":
        opening = _last_opening(text)
        return opening <= 0 or text[opening - 1] in TERMINAL or text[opening - 1] in CLOSING_QUOTES
    return False


def _inside_brackets(text: str) -> bool:
    """True if a bracket is still open: a clause such as `（责任单位：` wraps on, and so does
    `（牵头单位：市委组织部（人才办），责任单位：市教育局、市`, whose last bracket closed inside
    the open one. Counting every bracket costs a dozen C scans; most calls stop at the first."""
    opening = _last_opening(text)
    if opening < 0:
        return False
    if not any(text.find(close, opening) >= 0 for close in _CLOSING):
        return True
    return _bracket_depth(text) > 0


def _bracket_depth(text: str) -> int:
    """Opening brackets of every kind clauses use, less closing ones."""
    return sum(map(text.count, _OPENING)) - sum(map(text.count, _CLOSING))


_OPENING = "(（[［〔【"
_CLOSING = ")）]］〕】"


def _last_opening(text: str) -> int:
    """Offset of the last opening bracket of any kind clauses use, -1 if none (a few C scans)."""
    return max(text.rfind(opening) for opening in _OPENING)


def _continues(paragraph: str, previous: str, previous_width: int, line: str, width: int) -> bool:
    """Whether `line` continues the paragraph whose last line is `previous`; the cheap tests
    come first, since most lines of a wrapped text fail one of them."""
    if paragraph[-1:] in _OPENING and not BLOCK_START.match(line):
        return True  # 三是全面建成小康社会。( / 国务院各部门分别负责…): a bracket opened last
    if (
        previous_width < width * FULL_LINE_SHARE
        or "\t" in previous
        or "\t" in line
        or BLOCK_START.match(line)
        or (FIELD_LINE.match(line) and not _inside_brackets(paragraph))
    ):
        return False  # 完成时限：… under 牵头单位：…: a field of its own, unless a bracket is open
    if _is_doc_number(line) or _is_doc_number(paragraph):
        return False  # a 文号 stands on its own line, under a title that may fill the width or above one
    if _ends_paragraph(paragraph):
        return False
    # a contents list of titles that fill the width: one whole title, then the next
    return not (is_complete_title(paragraph) and starts_title(line))


def _is_doc_number(text: str) -> bool:
    return text.endswith("号") and DOC_NUMBER.fullmatch(text) is not None


def _title_zone(texts: list[str]) -> str:
    """The document's opening lines that read as a title (no sentence punctuation), joined."""
    zone: list[str] = []
    for text in texts[:TITLE_LINES]:
        if _SENTENCE_PUNCTUATION.search(text):
            break
        zone.append(text)
    return "\n".join(zone)


_SENTENCE_PUNCTUATION = re.compile("[。，；：,;:（(]")


def _stray(text: str, title: str, new_page: bool) -> bool:
    """Whether a line is page furniture if it stands inside a clause: a page number, or, first
    on a new page, a running header repeating the document's title or its first line
    (`政策资讯 2018年第5期` under a compilation headed `政策资讯`)."""
    if _is_page_number(text):
        return True
    if not new_page or len(text) > MAX_HEADER_CHARS:
        return False
    return text in title or any(len(line) >= 2 and text.startswith(line) for line in title.split("\n"))


def _running_headers(texts: list[str]) -> frozenset[str]:
    """Lines that are running headers though no page is marked (`杭州高新区(滨江)政策快讯-2021年
    第10期(总第52期)`, `政 策 快 讯 4`), to drop where they stand inside a clause: short, with a
    page's or an issue's number, standing more than once (numbers aside), listing nothing and
    naming no body and no deadline. A wrapped list of names two clauses repeat holds a 、 or
    ends in a body's name; a deadline holds 前, 底 or 完成. One pass with C-speed tests first:
    every line of every file goes through it."""
    by_key: dict[str, list[str]] = {}
    for text in texts:
        if (
            not MIN_RUNNING_TITLE_CHARS <= len(text) <= MAX_RUNNING_TITLE_CHARS
            or "，" in text
            or "、" in text
        ):
            continue
        if _DIGIT_RUN.search(text):
            by_key.setdefault(_header_key(text), []).append(text)
    return frozenset(
        text for group in by_key.values() if len(group) > 1 for text in group if _header_shaped(text)
    )


def _header_shaped(text: str) -> bool:
    return (
        not _LIST_MARKS.search(text)
        and not _DEADLINE_WORDS.search(text)
        and not ROLE_WORD.search(text)
        and _bracket_depth(text) == 0  # a header's brackets close; a clause's last line (`负责）`)'s do not
        and not looks_like_agency(_squash_spaces(text))
    )


def _squash_spaces(text: str) -> str:
    return "".join(text.split())


_LIST_MARKS = re.compile("[、，,；;。：:]")
_DEADLINE_WORDS = re.compile("前|底|内|完成|起|至")
MIN_RUNNING_TITLE_CHARS = 4
MAX_RUNNING_TITLE_CHARS = 60


def _is_page_number(text: str) -> bool:
    return len(text) <= _MAX_PAGE_NUMBER and PAGE_NUMBER_LINE.match(text) is not None


def _needs_space(left: str, right: str) -> bool:
    return bool(left and right) and left[-1].isascii() and left[-1].isalnum() and right[0].isascii()


def _assemble(lines: _Lines, width: int | None, headers: frozenset[str]) -> CleanText:
    """Group lines into paragraphs (one per output line) and record where each page run starts.

    Blank lines do not end a paragraph (PDFs insert them at random). The paragraph's joined
    text grows with each line, for the test of whether the next line continues it. Page
    furniture that running-header detection cannot see, in a document of two pages (a page
    number away from the page's edge, the title repeated atop the second page), is still
    dropped where it stands inside an open bracket: no clause holds such a line.
    """
    texts, pages, widths = lines
    chunks: list[str] = []
    starts: list[int] = []
    page_numbers: list[int | None] = []
    offset = 0
    paragraph = ""
    previous = -1
    title = _title_zone(texts)
    page_break = False  # a page number was just dropped from inside a clause
    for index, text in enumerate(texts):
        if not text:
            continue
        new_page = page_break or (previous >= 0 and pages[index] != pages[previous])
        if (text in headers or _stray(text, title, new_page)) and _inside_brackets(paragraph):
            page_break = _is_page_number(text)
            continue
        page_break = False
        if (
            previous < 0
            or width is None
            or not _continues(paragraph, texts[previous], widths[previous], text, width)
        ):
            if previous >= 0:
                chunks.append("\n")
                offset += 1
            paragraph = text
        else:
            if _needs_space(paragraph, text):
                text = " " + text
            paragraph += text
        page = pages[index]
        if not page_numbers or page_numbers[-1] != page:
            starts.append(offset)
            page_numbers.append(page)
        chunks.append(text)
        offset += len(text)
        previous = index
    return CleanText("".join(chunks), PageMap(tuple(starts), tuple(page_numbers)))


_SPACES = re.compile(r"[^\S\t\n]+")


@cache
def _space_chars() -> str:
    """The characters _SPACES matches: every whitespace but TAB and newline (none above U+3000)."""
    return "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in "\t\n")


def _holds_space(text: str) -> bool:
    """Whether _SPACES would find anything in `text`: a few C scans for single characters beat
    the regex's class test at every character of a text that holds none (the usual case)."""
    return any(ch in text for ch in _space_chars())


IDEOGRAPHIC_SPACE = "\u3000"


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.-_/+&'")


def normalise_spacing(text: str) -> str:
    """One line's spacing: no spaces inside Chinese text, one space between Latin words.

    Justified PDF lines come out as `增 加 值 占 GDP` and indents as ideographic spaces;
    such spaces carry no meaning. A single space between Chinese and a Latin word or number
    (`国务院办公厅 2021年10月25日`) is kept unless the whole line is letter-spaced. A wide gap
    between two Chinese words (two spaces or more, or an ideographic space) separates them, as
    in `责任单位：市场监管局　公安局`: it becomes one ideographic space, which a second pass keeps.
    TABs separate table cells and are kept.
    """
    if not _SPACES.search(text):
        return text  # most lines of Chinese text hold no space at all
    words = _SPACES.split(text.strip(_space_chars()))
    gaps = _SPACES.findall(text.strip(_space_chars()))
    if not gaps:
        return words[0]
    letter_spaced = len(gaps) * LETTER_SPACED_RATIO >= sum(map(len, words)) + len(gaps)
    out = [words[0]]
    for gap, word in zip(gaps, words[1:], strict=True):
        left, right = out[-1][-1], word[0]
        wide = len(gap) > 1 or IDEOGRAPHIC_SPACE in gap
        if wide and not letter_spaced and _is_han(left) and _is_han(right):
            out.append(IDEOGRAPHIC_SPACE)
        elif _space_matters(left, right, letter_spaced):
            out.append(" ")
        out.append(word)
    return "".join(out).replace(" \t", "\t").replace("\t ", "\t")


def _space_matters(left: str, right: str, letter_spaced: bool) -> bool:
    if _is_word_char(left) and _is_word_char(right):
        return True
    if letter_spaced or "\t" in (left, right):
        return False
    return (_is_word_char(left) and _is_han(right)) or (_is_han(left) and _is_word_char(right))


def _is_han(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch).startswith("L")
