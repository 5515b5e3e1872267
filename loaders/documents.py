"""Splitting a cleaned file into policy documents and reading each one's header facts.

Compilations such as a 政策快讯 hold a table of contents and then several full texts; the
titles in the contents look exactly like the real ones. A title therefore only starts a
document when the lines after it read like the opening of a document (an addressee line
ending in a colon, a 文号, a signature). Issuer and publish date come from the signature
(`国务院办公厅` / `2021年10月25日`, at the end or under the title) or from the title itself
(`国务院办公厅关于…的通知`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from loaders.clause_grammar import AGENCY_TAIL
from loaders.dates import parse_date

#: The kinds of documents a title names, as its last word.
DOC_TYPES = (
    "通知|意见|方案|规划|纲要|办法|决定|函|复函|通告|公告|批复|报告|规定|细则|计划|措施|指引|"
    "指南|要点|条例|规则|决议|通报"
)
TITLE = re.compile(
    rf"^(?P<issuer>[^\s，,。；;:：]{{0,40}}?)关于(?P<subject>[^。；;]{{2,100}})的?(?:{DOC_TYPES})$"
)
PLAIN_TITLE = re.compile(rf"^[^。；;:：，,]{{4,60}}(?:{DOC_TYPES})$")
#: The first chapter or article of a text of articles (条例, 办法): `第一章 总则`, `第一条 为了…`.
FIRST_ARTICLE = re.compile(r"^(?:第[一1]\s*(?:章|条)|一、)")
#: An issuer's verb left before 关于 (苍南县人民政府印发关于…的通知): the notice carries 关于….
ISSUER_VERB = re.compile(r"(?:印发|转发|发布)$")
#: A web page's or a compilation's date line for the text below it: 发布时间：2016-03-31.
PUBLISHED_LINE = re.compile(
    r"^(?:发布|印发|成文|公开|发文)(?:时间|日期)\s*[:：\t|｜]\s*(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)
#: 关于印发X的通知: the document users mean is X, the plan the notice publishes.
PROMULGATION = re.compile(r"^(?:印发|转发|发布|颁布)《?(?P<inner>.+?)》?(?:的)?$")
PROMULGATED = re.compile(r"现将《(?P<inner>[^》]{2,80})》(?:[^。]{0,20})?印发")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*\d{1,4}\s*号")
ADDRESSEE = re.compile(r"^(?P<bodies>[^。；;]{2,120}?)(?:[(（][^()（）]{1,12}[)）])?[:：]$")
#: Addressees are bodies (…人民政府, 各直属机构, 各有关单位, 各企业); a colon line that ends
#: otherwise (`具体措施：`, `（一）指导思想：`) is a label inside a text, not a document's opening.
ADDRESSEE_EXTRA_TAIL = re.compile(r"企业$")
#: A line wholly in brackets is a note on the document (`（此件公开发布）`, `（国家知识产权局代章）`),
#: never a line of a title set over several lines.
BRACKET_NOTE = re.compile(r"^[(（][^()（）]*[)）]$")
#: An attachment named under a notice: `附件：X实施方案`, `附件1：X`.
ATTACHMENT_LINE = re.compile(r"^附件\s*\d*\s*[:：]?\s*(?:\d+[.．、]\s*)?(?P<inner>\S.{2,80})$")
#: A compilation's marker (`【政策原文】`) or a contents heading above a title: not a title line.
FURNITURE_LINE = re.compile(r"^(?:【[^【】]*】|目\s*录|Contents)$")
DATE_LINE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^年]{1,3}月[^月]{1,4}日$")
ISSUER_SUFFIX = re.compile(
    r"(?:国务院|院|厅|部|委|局|署|会|办|政府|办公室|委员会|中心|银行|总局|办公厅|领导小组|小组|公司)$"
)
SIGNATURE_LINE = re.compile(
    r"^(?P<issuer>[^\s。，,；;:：()（）]{2,40}(?:\s+[^\s。，,；;:：()（）]{2,40}){0,5})"
    r"(?:\s*(?P<date>(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^年]{1,3}月[^月]{1,4}日))?$"
)
#: How many paragraphs after a title may hold the cue that it opens a document.
OPENING_WINDOW = 4
#: A title set over several lines has at most this many, each this short.
MAX_TITLE_LINES = 3
MAX_TITLE_LINE_CHARS = 30
#: Marks that never occur in a title line: sentence ends, labels, table cells, a section number.
TITLE_BREAKERS = re.compile(
    r"[。；;:：\t]|^\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)
#: Longest paragraph that can be a title.
MAX_TITLE_CHARS = 100
#: Shortest contents entry that opens a document without ending in a document type.
MIN_UNTYPED_TITLE_CHARS = 8
#: A title line set in book-title marks (`《关于…的实施细则》`), as some reprints give it.
QUOTED_TITLE = re.compile(r"^《(?P<inner>[^《》]+)》$")


@dataclass(frozen=True)
class DocumentSlice:
    """One document of a file: where it is in the cleaned text and what its header says."""

    start: int
    end: int
    title: str
    issuer: str | None
    doc_number: str | None
    published: date | None


class _Paragraph(NamedTuple):
    """A non-blank line and its offsets (a tuple: one is made per line of the file)."""

    start: int
    end: int
    text: str


def document_id(title: str, doc_number: str | None) -> str:
    """Stable id from title and 文号 only, so a revised text of a document keeps its id."""
    key = "|".join("".join(part.split()) for part in (title, doc_number or ""))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def paragraphs(text: str) -> list[_Paragraph]:
    """The non-blank lines of cleaned text with their offsets."""
    result: list[_Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            result.append(_Paragraph(offset, offset + len(line), line))
        offset += len(line) + 1
    return result


def unquoted(text: str) -> str:
    """A title without the book-title marks a reprint may have set the whole line in."""
    text = text.strip()
    if not text.startswith("《"):
        return text  # every paragraph is asked whether it is a title: spare most the regex
    quoted = QUOTED_TITLE.match(text)
    return quoted.group("inner") if quoted else text


def is_title(text: str) -> bool:
    """Whether a paragraph reads as a document title (关于…的通知, …规划)."""
    text = unquoted(text)
    return len(text) <= MAX_TITLE_CHARS and bool(TITLE.match(text) or PLAIN_TITLE.match(text))


#: Last characters of every document type, to spare most lines the title regex.
_TITLE_LAST_CHARS = frozenset(kind[-1] for kind in DOC_TYPES.split("|"))
_TITLE_HEAD = re.compile(r"^[^\s，,。；;:：]{0,40}?关于")


def is_complete_title(text: str) -> bool:
    """Whether a line is a whole title that cannot go on below: one ending in 通知 (a notice
    is always the last word), 关于X的意见, or 关于印发X that has reached its 通知 (关于印发…规划
    still waits for it)."""
    if text[-1:] not in _TITLE_LAST_CHARS:
        return False
    if text.endswith("通知"):
        return is_title(text)
    match = TITLE.match(text)
    return match is not None and (PROMULGATION.match(match.group("subject")) is None or text.endswith("通知"))


def starts_title(text: str) -> bool:
    """Whether a line begins a title of its own (`…关于…`, or a whole title)."""
    return _TITLE_HEAD.match(text) is not None or is_title(text)


def is_addressee(text: str) -> bool:
    """Whether a line is the addressee line that opens a document (`各省、…各直属机构：`)."""
    match = ADDRESSEE.match(text)
    if match is None:
        return False
    bodies = match.group("bodies")
    return bool(AGENCY_TAIL.search(bodies) or ADDRESSEE_EXTRA_TAIL.search(bodies))


def _opens_document(following: list[_Paragraph]) -> bool:
    for paragraph in following[:OPENING_WINDOW]:
        text = paragraph.text.strip()
        if is_addressee(text) or DOC_NUMBER.fullmatch(text):
            return True
        if is_title(text):
            return False
    return False


def _carried(text: str, paras: list[_Paragraph]) -> set[str]:
    """Titles of plans a notice carries, named in its text (`现将《X》印发`), its own title
    (`关于印发X的通知`) or an attachment line (`附件：X`): where X stands again, the notice goes
    on into its attachment, one document."""
    carried = {match.group("inner") for match in PROMULGATED.finditer(text)}
    for paragraph in paras:
        line = paragraph.text.strip()
        attached = ATTACHMENT_LINE.match(line)
        if attached:
            carried.add(unquoted(attached.group("inner")))
        elif "印发" in line or "转发" in line:
            title = TITLE.match(unquoted(line))
            inner = _promulgated(title.group("subject")) if title else None
            if inner:
                carried.add(inner)
    return carried


def _promulgated(subject: str) -> str | None:
    """The plan a 关于-title's subject publishes (印发X → X), or None for any other subject."""
    inner = PROMULGATION.match(subject)
    return inner.group("inner").strip("《》") if inner else None


def _opens_rules(paras: list[_Paragraph], index: int, carried: set[str]) -> bool:
    """Whether the title at `index` heads a text of articles (an 条例 or 办法 reprinted in a
    compilation: its title, maybe a note on its adoption, then `第一章 总则` or `第一条`), which
    opens no addressee or 文号. A plan a notice above carries (`现将《X办法》印发给你们`) is
    that notice's attachment and opens nothing of its own."""
    line = unquoted(paras[index].text)
    if any(title.endswith(line) for title in carried):
        return False  # the carried title, or the last line of it set over two
    for paragraph in paras[index + 1 : index + 1 + OPENING_WINDOW]:
        text = paragraph.text.strip()
        if FIRST_ARTICLE.match(text):
            return True
        if is_title(text) or (not BRACKET_NOTE.match(text) and not DATE_LINE.match(text)):
            return False
    return False


def split_documents(text: str, fallback_title: str, stated_title: str | None = None) -> list[DocumentSlice]:
    """Cut the cleaned text of a file into its documents (at least one). `stated_title` is
    the title the file gives apart from its text (a web page's <h1>): a file that is one
    document is titled by the line that repeats it, not by a link above it."""
    paras = paragraphs(text)
    listed = set(_listed_again(paras))  # a whole title on its line: no lines above belong to it
    carried = _carried(text, paras)
    starts = [
        i
        for i in range(len(paras))
        if _ends_title(paras, i) and (_opens_document(paras[i + 1 :]) or _opens_rules(paras, i, carried))
    ]
    starts = sorted(listed.union(starts))
    if not starts:
        return [_whole(text, paras, fallback_title, stated_title)] if paras else []
    slices: list[DocumentSlice] = []
    firsts = [index if index in listed else _title_start(paras, index) for index in starts]
    for n, (first, index) in enumerate(zip(firsts, starts, strict=True)):
        stop = firsts[n + 1] if n + 1 < len(firsts) else len(paras)
        slices.append(_describe(paras[first:stop], fallback_title, index - first + 1))
    return slices


def leading_part(text: str, documents: list[DocumentSlice], fallback_title: str) -> DocumentSlice | None:
    """The text before the first document `split_documents` found, as a document of its own.

    It is a compilation's front matter (cover, contents) or the first item of one that opens
    with no addressee or 文号 (a measure reprinted from its title straight into its text).
    Whether it holds any task decides which; the caller keeps it only then, so no clause
    written before the first recognised opening is lost.
    """
    if not documents:
        return None
    paras = paragraphs(text[: documents[0].start])
    return _whole(text[: documents[0].start], paras, fallback_title) if paras else None


def _listed_again(paras: list[_Paragraph]) -> list[int]:
    """Entries of a contents list that stand again later on a line of their own: there a
    document starts, whatever follows (a compilation often reprints a plan from its title
    straight into its text, with no addressee or 文号). A contents list is a run of short
    lines without sentence punctuation holding at least two titles; its other entries count
    too (`2017年广东省市场监管体系建设重点工作` ends in no document type) when long enough to
    be one, and a line the run repeats (`政策快讯` between entries) is furniture, not an entry."""
    listed: dict[str, int] = {}
    run: list[str] = []
    for index, paragraph in enumerate([*paras, None]):
        text = None if paragraph is None else unquoted(paragraph.text)
        if text is not None and len(text) <= MAX_TITLE_CHARS and not TITLE_BREAKERS.search(text):
            run.append(text)
            continue
        if sum(map(is_title, run)) >= 2:
            counts = Counter(run)
            for entry in run:
                if counts[entry] == 1 and (len(entry) >= MIN_UNTYPED_TITLE_CHARS or is_title(entry)):
                    listed.setdefault(entry, index)
        run = []
    return [i for i, p in enumerate(paras) if i >= listed.get(unquoted(p.text), len(paras))]


def _ends_title(paras: list[_Paragraph], index: int) -> bool:
    """Whether a title ends with paragraph `index`: a title on its line, or the last line of
    one set over several (`关于印发…的` / `通 知`), whose lines are no title apart."""
    joined = paras[index].text.strip()
    if is_title(joined):
        return True
    for before in range(index - 1, max(index - MAX_TITLE_LINES, -1), -1):
        line = paras[before].text.strip()
        if len(line) > MAX_TITLE_LINE_CHARS:
            return False
        joined = line + joined
        if is_title(joined):
            return True
    return False


def _title_start(paras: list[_Paragraph], index: int) -> int:
    """Where a title that ends at `index` begins: titles are often set over several lines."""
    start = index
    while start > 0 and start > index - MAX_TITLE_LINES + 1:
        before = paras[start - 1].text.strip()
        if (
            len(before) > MAX_TITLE_LINE_CHARS
            or TITLE_BREAKERS.search(before)
            or DATE_LINE.match(before)
            or BRACKET_NOTE.match(before)
            or FURNITURE_LINE.match(before)
            or DOC_NUMBER.fullmatch(before)
        ):
            break
        if is_title(before):  # a whole title of its own above: a contents list, not one title
            break
        joined = "".join(p.text.strip() for p in paras[start - 1 : index + 1])
        if not is_title(joined) or (_is_issuer(before) and not TITLE.match(joined)):
            break  # 贵州省人大常委会 / 贵州省渔业条例: an issuer above, not a line of the title
        start -= 1
    return start


def _whole(
    text: str, paras: list[_Paragraph], fallback_title: str, stated_title: str | None = None
) -> DocumentSlice:
    """A file that is one document: all of it counts, titled by the line that repeats the
    title it states, else by its first title-like line.

    Without one, a promulgation notice (`现将《X》印发给你们`) names the plan it carries.
    """
    stated = next((i for i, p in enumerate(paras) if stated_title and unquoted(p.text) == stated_title), None)
    first = stated if stated is not None else next((i for i, p in enumerate(paras) if is_title(p.text)), None)
    if first is None:
        described = _describe(paras, fallback_title)
    else:
        top = _title_start(paras, first)
        described = _describe(paras[top:], fallback_title, first - top + 1)
    title = described.title if first is not None else fallback_title
    if first is None:
        carried = PROMULGATED.search(text)
        title = carried.group("inner") if carried else fallback_title
    signed_by, published = _signature(paras)
    return DocumentSlice(
        start=paras[0].start,
        end=paras[-1].end,
        title=title,
        issuer=described.issuer or signed_by,
        doc_number=_doc_number(paras),
        published=described.published or published or _published_line(paras),
    )


def _describe(body: list[_Paragraph], fallback_title: str, title_lines: int = 1) -> DocumentSlice:
    heading = unquoted("".join(p.text.strip() for p in body[:title_lines]))
    title = heading if is_title(heading) else (heading[:MAX_TITLE_CHARS] or fallback_title)
    title_match = TITLE.match(heading)
    issuer: str | None = None
    if title_match:
        issuer, subject = title_match.group("issuer") or None, title_match.group("subject")
        inner = _promulgated(subject)
        if inner:
            title = inner
        elif issuer and ISSUER_VERB.search(issuer):
            issuer, title = ISSUER_VERB.sub("", issuer), "关于" + subject.removesuffix("的")
    signed_by, published = _signature(body)
    return DocumentSlice(
        start=body[0].start,
        end=body[-1].end,
        title=title,
        issuer=issuer or signed_by,
        doc_number=_doc_number(body),
        published=published or _published_line(body),
    )


def _published_line(body: list[_Paragraph]) -> date | None:
    """The date a `发布时间：` line near the top gives, for a text that is signed without one."""
    for paragraph in body[: OPENING_WINDOW + 2]:
        found = PUBLISHED_LINE.match(paragraph.text.strip())
        if found:
            return parse_date(found.group("date"))
    return None


def _doc_number(body: list[_Paragraph]) -> str | None:
    """The 文号 standing on its own line near the top (one cited in a sentence is not it)."""
    for paragraph in body[: OPENING_WINDOW + 2]:
        text = paragraph.text.strip()
        if DOC_NUMBER.fullmatch(text):
            return "".join(text.split())
    return None


def _signature(body: list[_Paragraph]) -> tuple[str | None, date | None]:
    """The last issuer-and-date signature: one line, or an issuer line over a date line."""
    lines = [p.text.strip() for p in body]
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if DATE_LINE.match(line):
            issuer = lines[i - 1] if i > 0 and _is_issuer(lines[i - 1]) else None
            return issuer, parse_date(line)
        signed = SIGNATURE_LINE.match(line)
        if signed and signed.group("date") and _is_issuer(signed.group("issuer")):
            return signed.group("issuer"), parse_date(signed.group("date"))
    return None, None


def _is_issuer(text: str) -> bool:
    names = text.split()
    return bool(names) and len(text) <= 60 and all(ISSUER_SUFFIX.search(name) for name in names)


ISSUER_SEPARATORS = re.compile(r"[、，,\s]+")


def split_issuers(issuer: str | None) -> list[str]:
    """The bodies of an issuing line: a joint issue (国务院办公厅、中央军委办公厅) names several."""
    return [name for name in ISSUER_SEPARATORS.split(issuer or "") if name]
