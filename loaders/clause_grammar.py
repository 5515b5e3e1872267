"""The grammar of one responsibility assignment: agency lists, role verbs, labels.

Clause finders (`loaders.clauses`) locate candidate text; this module decides what a piece of
text assigns to whom. It works on structure (separators, role verbs, labels, agency-name
endings) so that names no dictionary knows are still split and typed correctly; a dictionary
of known names only protects names that contain a separator character (国家发展和改革委员会).
Offsets always index the string handed in, and mentions are slices of it with whitespace
removed, so every mention is the agency exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from hanlp_trie import Trie

from loaders.span_index import SpanIndex

# Full- and half-width punctuation mapped one-to-one, so a normalised copy keeps offsets;
# 〔〕, 【】 and [] enclose clauses in some documents just as （） do.
_HALF_WIDTH = tuple(zip("（）〔〕【】［］[]<>〈〉，；：", "()()()()()()(),;:", strict=True))

# Endings that make a string look like the name of a body that can carry a task.
AGENCY_TAIL = re.compile(
    r"(部|委|局|院|办|署|厅|室|处|所|站|队|组|社|中心|银行|分行|支行|公司|府|部门|单位|机关|机构|团|司|"
    r"会|联|协|校|馆|台|区|县|市|省|州|盟|旗|镇|乡|街道|党组|团中央|兵团|人大|政协|管委|专班|海关|大学|联席会议|园|科|人行|农商行|农发行|国开行|进出口行|[建工农中交]行|"
    # state-owned companies by the short names city plans give them (杭州资本, 杭州城投, 市国投)
    r"(?<!社会)资本|城投|交投|国投|建投|产投|金控|控股)$"
)
# Plural or unnamed bodies (有关部门, 地方各级人民政府): kept as mentions, typed generic downstream.
GENERIC_HEAD = re.compile(r"^(各|有关|相关|其他|其它|地方各级|各级)")
# Administrative levels written as a 、-list inside one name: 各省、自治区、直辖市人民政府.
_LEVEL_WORD = re.compile(
    r"^各?(?:有关|相关)?(省|自治区|直辖市|计划单列市|市|县|区|特区|乡|镇|地市|市县|县市|区县|新疆生产建设兵团)$"
)
# Words that are only a class of body, never a body on their own after 和 (党委和政府).
_BARE_CLASS = frozenset({"政府", "人民政府", "部门", "单位", "机关", "机构"})
_MENTION_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z()（）〔〕<>〈〉·、“”‘’\"']+$")
# Words a phrase starts with when it is an adverbial or a note, not a body (在全社会, 社会各界,
# 以下各项工作均需各区政府落实).
_NOT_AGENCY_HEAD = re.compile(r"^(?:在|全社会|社会|以下|以上|上述)")
_VERB_IN_NAME = re.compile("负责|牵头|配合|落实|抓好|(?<![主重首纲])要")
# A role word inside a name that ends in a label (各项目牵头单位) names bodies; it is no verb.
_LABEL_IN_NAME = re.compile("(?:牵头|配合|责任)(?:单位|部门)$")
# What a body's name is said to cover, after it (各区人民政府〈含开发区、长江新区，下同〉): not the name.
_SCOPE_NOTE = re.compile(r"[(（〔〈<](?:含|包括|包含|不含)[^()（）〔〕〈〉<>]*[)）〕〉>]$")
_TRAILING_NOTE = re.compile(r"[(（〔][^()（）〔〕]*[)）〕]$")
# A note in a list that states the first-listed-leads convention (…、C（列第一位为牵头单位，下同）,
# A（首位单位为牵头单位，下同）、B…): it names no body, and the list goes on around it.
_INNER_BRACKET = re.compile(r"[(（〔][^()（）〔〕]*[)）〕]")
# A role marked inside a list of bodies: 责任单位：省发展改革委（牵头）、省财政厅、省商务厅（配合）.
_ROLE_MARK = re.compile(
    r"[(（〔【]\s*(?:(?P<leads>牵头|主责|主办)|(?P<co>配合|协办|参与|协助|协同))(?:单位|部门)?\s*[)）〕】]$"
)

_LIST_SEPARATORS = "、,;"
_CONJUNCTIONS = ("以及", "和", "与", "及", "同")
# Every position where a separator, (in _CONJUNCTIONS order) a conjunction or a gap starts;
# zero-width, so the 及 of a 以及 that does not split is still tried on its own. A gap cuts like
# a conjunction, between names (市场监管局　公安局: cleaning keeps only such wide gaps).
_CUT_AT = re.compile(
    "(?=([" + re.escape(_LIST_SEPARATORS) + "]|" + "|".join(map(re.escape, _CONJUNCTIONS)) + r"|\s+))"
)
_BRACKET = re.compile(r"[()]")
# A list split_agents would cut only at its separators (see _written_mentions).
_PLAIN_LIST = re.compile(r"[^和与及同()（）〔〕【】［］[\]<>〈〉\s]*")
_LIST_CUT = re.compile("[、,，;；]")

_MANNER = (
    r"(?:按照?|根据|依据?)?(?:各自)?(?:职责分工|职能分工|职责|分工)?(?:分别|共同|各自|具体|联合|结合实际)?"
)
_VERB_WORD = (
    r"(?:牵头|负责|配合|参与|协助|协同|协办|参加|指导|督导|主责|主办|主抓|统筹|承办|组织实施|落实|实施|推进)"
    r"(?:负责|落实|实施|推进|组织实施|牵头|抓总|组织|协调|统筹|做好|具体落实|具体实施|抓好落实|统筹协调|组织落实)?"
)
ETC = (
    r"等(?:[\d一二三四五六七八九十两]+(?:个|家)?)?(?:(?:国务院|中央|省|市|县|区)级?)?(?:有关|相关|其他)?"
    r"(?:(?:部门|单位|机构|方面|地方)(?:[和及、](?:部门|单位|机构))?)?"
)
_ETC = re.compile(ETC)
_TRAILING_ETC = re.compile(ETC + "$")
# What stands before a list of bodies and is not a name: 由/请, a subject the sentence hands
# over (此项工作由A牵头, 联席会议由A牵头), 其中 (A、B负责，其中A牵头).
_LEADING_BY = re.compile(
    r"^(?:(?:(?:此|该|本|这|上述|以上)?(?:项|些)?(?:工作|任务|措施|事项|项目|活动)|联席会议|领导小组)?(?:由|请)"
    r"|其中)"
)
# A star some plans set before or after a body (*县大数据中心) is no part of its name.
_STARS = "*＊★☆"
# The lookahead after the (lazy) agents holds the characters the rest of each pattern can start
# with (ETC's 等, _MANNER's and _VERB_WORD's first characters): it changes no match, but spares
# trying the whole tail after every character of a long agency list.
_ASSIGNMENT = re.compile(
    r"^(?:由|请)?(?P<agents>.+?)(?=[等按根依各职分共具联结牵负配参协指督主承组落实统推])"
    rf"(?P<etc>{ETC})?(?P<manner>{_MANNER})(?P<verb>{_VERB_WORD})$"
)
_DESIGNATION = re.compile(
    r"^(?P<agents>.+?)(?=[等为是作])(?P<etc>"
    + ETC
    + r")?(?:为|是|作为)(?P<verb>牵头|主责|责任|配合|参与|协办)(?:单位|部门)$"
)
# The last character of any _ASSIGNMENT (its verb) or _DESIGNATION (单位/部门): a cheap test that
# spares the two regexes for the many segments that are deadlines or notes.
_ASSIGNMENT_LAST_CHARS = frozenset("头责合与助同办加导施实进位门抓筹总织调好")
_LEAD_VERBS = ("牵头", "主责", "主办", "主抓", "统筹")
_CO_VERBS = ("配合", "参与", "协助", "协同", "协办", "参加", "指导", "督导")
_JOINT_MANNERS = ("职责分工", "职能分工", "分工", "分别", "共同", "各自", "联合")

# A convention making the first-listed agency the lead: 列第一位者为牵头单位, 排在第一位的部门为牵头部门.
CONVENTION = re.compile(
    r"(?:第一|首)(?:位|个|家)?[^,，。;；\n]{0,8}?(?:为|是)(?:工作)?(?:牵头|主责)"
    r"|牵头(?:单位|部门)[^,，。;；\n]{0,3}(?:列|排)在?(?:第一位|首位)"
)
CONVENTION_CARRIES = re.compile(r"下同")
# CONVENTION reads full- and half-width punctuation alike, so it runs on text as written; the
# same-length half_width copy would give the same matches at the same offsets.

# Field labels of labelled assignments (牵头单位：A；配合单位：B) and of task-table headers.
_LABEL_ROLE = {
    "牵头责任": "leads",
    "牵头考核": "leads",  # 包头 数字政府 考评: 牵头考核单位 is the task's own lead
    "牵头推进": "leads",
    "牵头落实": "leads",
    "牵头实施": "leads",
    "主要责任": "leads",
    "第一责任": "leads",
    "协同责任": "co",
    "配合责任": "co",
    "参与责任": "co",
    "其他责任": "co",
    "相关责任": "co",
    "牵头": "leads",
    "主责": "leads",
    "主办": "leads",
    "责任": "resp",
    "负责": "resp",
    "实施": "resp",
    "落实": "resp",
    "承办": "resp",
    "配合": "co",
    "协办": "co",
    "协同": "co",
    "参与": "co",
    "参加": "co",
    "协助": "co",
}
# A division-of-work label (部门分工：A牵头，B、C配合) names no role itself: its value says who does
# what, and a plain list under it is 负责-type like one under 责任单位.
_DIVISION_LABELS = ("部门分工", "责任分工", "任务分工", "职责分工", "工作分工")
# One alternation of literal words, so that scanning whole texts for labels stays a fast
# first-character test; the lookbehinds let a division label, and the plainest role words
# (牵头：A；配合：B), stand without the ending (单位, 部门…) that other role words need.
_BARE_ROLES = "牵头|配合|协办|参与|责任|主责"
# A plain role word is a label only where a field can start (a line, a bracket, a separator),
# not after other words: 由谁牵头：… is a sentence.
_BARE_LABEL = rf"(?<={_BARE_ROLES})(?<![\u4e00-\u9fff](?:{_BARE_ROLES}))"
LABEL_NAME = (
    r"(?P<label>"
    + "|".join((*_LABEL_ROLE, *_DIVISION_LABELS))
    + r")(?:(?<=分工)|"
    + _BARE_LABEL
    + r"|单位|部门|处室|机构|科室|主体)(?:[(（][^)）]{0,6}[)）])?"
)
LABEL = re.compile(LABEL_NAME + r"\s*[:：]")
# Fields that give a task's deadline beside its owners (责任单位：A；完成时限：2023年底).
DEADLINE_FIELD_NAMES = ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时间要求", "时限")
_DEADLINE_NAME = re.compile("|".join(DEADLINE_FIELD_NAMES))
# A line that starts with an owners' or a deadline field: a field of its own, never the rest of
# the line above it.
FIELD_LINE = re.compile(r"^\s*(?:" + LABEL_NAME + "|" + "|".join(DEADLINE_FIELD_NAMES) + r")\s*[:：]")
# A label written as a heading in 【】 (【责任单位】市发改委、市财政局) instead of with a colon.
_BRACKETED_LABEL = re.compile(r"【(\s*" + LABEL_NAME + r"\s*)】\s*[:：]?")
HEADER_CELL = re.compile(r"^\s*" + LABEL_NAME + r"\s*$")
# A line that is only a role header cell, anywhere in a text: the tell of a task table.
HEADER_LINE = re.compile(r"^[^\S\n]*" + LABEL_NAME + r"[^\S\n]*$", re.MULTILINE)
# Every assignment, label and convention holds one of these words: text without any is skipped
# before the (much slower) grammar runs.
ROLE_WORD = re.compile(
    "|".join(
        sorted(
            {*_LABEL_ROLE, "组织实施", "协助", "会同", "分工", "推进", "统筹", "主抓", "指导", "督导"},
            key=len,
            reverse=True,
        )
    )
)
# Any field label, so that a value stops where the next field (完成时限：…) begins.
ANY_FIELD = re.compile(r"[\u4e00-\u9fff]{2,8}[:：]")
_VALUE_STOP = re.compile(r"[;；。\n\t]")


@dataclass
class Roles:
    """Mentions found for each role; `resp` holds 负责-type mentions whose role the clause decides."""

    leads: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    sole: list[str] = field(default_factory=list)
    resp: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    joint: bool = False

    def add(self, role: str, mentions: Iterable[str]) -> None:
        for mention in mentions:
            getattr(self, role).append(mention)
            self.order.append(mention)

    def merge(self, other: Roles | Assignment) -> None:
        self.leads.extend(other.leads)
        self.co.extend(other.co)
        self.sole.extend(other.sole)
        self.resp.extend(other.resp)
        self.order.extend(other.order)
        self.joint = self.joint or other.joint

    def empty(self) -> bool:
        return not self.order

    def frozen(self) -> Assignment:
        return Assignment(
            tuple(self.leads),
            tuple(self.co),
            tuple(self.sole),
            tuple(self.resp),
            tuple(self.order),
            self.joint,
        )


class Assignment(NamedTuple):
    """What `Roles` found, frozen: parses are cached and shared by every clause that repeats
    a phrase or a bracket, so none may be changed after it is made."""

    leads: tuple[str, ...]
    co: tuple[str, ...]
    sole: tuple[str, ...]
    resp: tuple[str, ...]
    order: tuple[str, ...]
    joint: bool

    def settle(self, first_leads: bool) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Resolve 负责-type mentions and an applicable first-listed-leads convention.

        负责 beside a named lead is co-responsibility; beside only helpers (配合) it is the lead;
        alone it is sole for one agency written without 等 and joint otherwise. The convention
        picks the lead among several bodies: one named alone stays solely responsible (as
        readers of the 丽水, 海盐 and 长兴 分解 read `责任单位：县财政局` under such a note).
        """
        leads, co, sole = self.leads, self.co, self.sole
        if self.resp:
            if leads:
                co = self.resp + co
            elif co:
                leads = self.resp
            elif len(self.resp) == 1 and not self.joint:
                sole = self.resp
            else:
                co = self.resp
        if first_leads and not leads and (len(sole + co) > 1 or (co and self.joint)):  # A等相关部门 too
            rest = list(sole + co)
            leads = (rest.pop(rest.index(self.order[0])),)
            co, sole = tuple(rest), ()
        if leads and any(mention in leads for mention in co):
            co = tuple(mention for mention in co if mention not in leads)  # A、B负责，其中A牵头
        return leads, co, sole


def colon_labels(text: str) -> str:
    """Same-length copy of `text` with every 【label】 written as a colon label (`label：` and
    spaces, starting where the bracket did), so one label grammar reads both and a clause found
    in the copy spans its label's brackets in the text; the text between labels is untouched."""
    if "【" not in text:
        return text
    return _BRACKETED_LABEL.sub(lambda match: f"{match[1].strip()}：".ljust(len(match[0])), text)


def half_width(text: str) -> str:
    """Same-length copy of `text` with full-width brackets and separators made half-width."""
    for full, half in _HALF_WIDTH:
        text = text.replace(full, half)  # nine C-speed passes beat one str.translate per character
    return text


@cache
def _known_name_list() -> tuple[str, ...]:
    """Known agency surface forms (from the registry) for names a separator would break."""
    try:
        from loaders.agencies import surface_forms
    except ImportError:
        return ()
    return tuple(surface_forms())


@cache
def _known_names() -> Trie:
    return Trie(_known_name_list())


@cache
def _names_hold_list_separators() -> bool:
    """Whether a known name holds 、 or a comma; if none does, names only protect conjunctions."""
    return any(sep in half_width(name) for name in _known_name_list() for sep in _LIST_SEPARATORS)


def known_spans(text: str) -> list[tuple[int, int]]:
    """Longest known agency names in `text`, as (start, end) offsets."""
    return [(start, end) for start, end, _ in _known_names().parse_longest(text)]


def is_known(name: str) -> bool:
    return name in _known_names()


@lru_cache(maxsize=1 << 16)
def looks_like_agency(mention: str) -> bool:
    """Whether a mention can be a body that carries a task (named, known or generic)."""
    if not _name_shaped(mention):
        return False
    name = _TRAILING_NOTE.sub("", mention)
    return is_known(mention) or bool(AGENCY_TAIL.search(name) or GENERIC_HEAD.match(name))


def _name_shaped(mention: str) -> bool:
    """Whether a mention is written like a name at all: letters only, not a phrase (的, 在…,
    or a role verb: 各区负责 is a body and its verb; a trailing mark such as （牵头） is no verb)."""
    return (
        2 <= len(mention) <= 40
        and bool(_MENTION_CHARS.match(mention))
        and "的" not in mention
        and not _NOT_AGENCY_HEAD.match(mention)
        and not _VERB_IN_NAME.search(_LABEL_IN_NAME.sub("", _TRAILING_NOTE.sub("", mention)))
    )


def _names_bodies(found: tuple[str, ...]) -> bool:
    """Whether an assigned list names bodies: every mention looks like one, or most do and the
    rest are at least written like names (中国铁塔, 中国联通 beside 工业和信息化部、国务院国资委:
    bodies whose names end in no body word). One odd name does not void a whole clause."""
    bodies = sum(map(looks_like_agency, found))
    return bodies == len(found) or (bodies * 2 > len(found) and all(map(_name_shaped, found)))


def _squash(text: str) -> str:
    return "".join(text.split())


def _protected(norm: str, with_names: bool) -> SpanIndex:
    """Spans a separator must not split: known names (when `with_names`) and the inside of
    brackets (nesting allowed)."""
    spans = known_spans(norm) if with_names else []
    depth = 0
    opened = 0
    for bracket in _BRACKET.finditer(norm):
        if bracket.group() == "(":
            if depth == 0:
                opened = bracket.start() + 1
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, bracket.start()))
    if depth:
        spans.append((opened, len(norm)))
    return SpanIndex(spans)


def split_agents(text: str) -> list[tuple[int, int]]:
    """Split an agency list into mention spans on 、 and commas, and on 和/与/及 or a gap between names.

    A conjunction splits only where the words before it already end like a body (有关部门与…),
    so 工业和信息化部 and 文化和旅游部 stay whole without any dictionary. Only the positions where
    a separator or conjunction starts are visited, and the known-name dictionary is consulted
    only when a name could cover one of them.
    """
    norm = half_width(text)
    cuts: list[tuple[int, int]] = []
    positions = list(_CUT_AT.finditer(norm))
    names_matter = _names_hold_list_separators() or any(p.group(1) not in _LIST_SEPARATORS for p in positions)
    mask = _protected(norm, names_matter) if positions else None
    last = 0
    resume = 0
    for position in positions:
        i = position.start()
        if i < resume or (mask is not None and mask.contains(i)):
            continue
        found = position.group(1)
        if found in _LIST_SEPARATORS:
            cuts.append((i, i + 1))
            last = resume = i + 1
            continue
        if found == "同" and norm[i - 1 : i] == "会":
            continue  # 会同 is a verb (A会同B), not the conjunction 同
        left = _squash(norm[last:i])
        right = _squash(norm[i + len(found) :])
        if AGENCY_TAIL.search(left) and len(right) >= 2 and not any(right.startswith(b) for b in _BARE_CLASS):
            cuts.append((i, i + len(found)))
            last = resume = i + len(found)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut_start, cut_end in [*cuts, (len(norm), len(norm))]:
        spans.append((start, cut_start))
        start = cut_end
    return _merge_level_words(text, [s for s in spans if _squash(text[s[0] : s[1]])])


def _merge_level_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin 各省、自治区、直辖市人民政府: bare level words belong to the name that follows,
    and a bare class word to the name before it (市直有关部门、单位)."""
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in spans:
        word = _squash(text[start:end])
        if _LEVEL_WORD.match(word):
            pending = start if pending is None else pending
            continue
        if word in _BARE_CLASS and merged and pending is None:
            merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start if pending is None else pending, end))
        pending = None
    if pending is not None:
        merged.append((pending, spans[-1][1]))
    return merged


@lru_cache(maxsize=1 << 16)
def mentions_of(text: str) -> tuple[str, ...]:
    """Mentions in an agency list, whitespace removed, 由/等 trimmed.

    Cached: documents repeat the same agency lists, and splitting is the extractor's hot path.
    """
    result = []
    for mention in _written_mentions(text):
        mention = _LEADING_BY.sub("", _SCOPE_NOTE.sub("", mention).strip(_STARS))
        mention = _TRAILING_ETC.sub("", mention) if len(mention) > 3 else mention
        if mention:
            result.append(mention)
    return tuple(result)


def _written_mentions(text: str) -> list[str]:
    """The mentions split_agents finds, as written without whitespace.

    Most lists are names between separators and nothing else: with no conjunction, bracket,
    whitespace, level word or bare class word in them, split_agents cuts at every separator and
    nowhere else, so a plain split gives the same mentions without its position-by-position walk.
    """
    if _PLAIN_LIST.fullmatch(text) and not _names_hold_list_separators():
        pieces = [piece for piece in _LIST_CUT.split(text) if piece]
        if not any(_LEVEL_WORD.match(piece) or piece in _BARE_CLASS for piece in pieces):
            return pieces
    return [_squash(text[start:end]) for start, end in split_agents(text)]


@cache
def _verb_role(verb: str) -> str:
    """A verb phrase's role: it leads when it holds a lead verb anywhere (牵头负责, 负责牵头),
    helps when it holds a helping one (配合做好), and is 负责-type otherwise."""
    if any(word in verb for word in _LEAD_VERBS):
        return "leads"
    return "co" if any(word in verb for word in _CO_VERBS) else "resp"


def parse_segment(segment: str) -> Assignment | None:
    """One assignment phrase (no top-level commas): `A、B等按职责分工负责`, `A会同B负责`, `A为牵头单位`."""
    written = segment.strip()
    if written[-1:] not in _ASSIGNMENT_LAST_CHARS:
        return None
    return _parse_phrase(written)


@lru_cache(maxsize=1 << 15)
def _parse_phrase(written: str) -> Assignment | None:
    """parse_segment of a stripped phrase; cached because phrases such as `A牵头` and
    `有关部门按职责分工负责` recur in clauses that are otherwise new."""
    norm = half_width(written)
    match = _ASSIGNMENT.match(norm) or _DESIGNATION.match(norm)
    if not match:
        return None
    verb = match.group("verb")
    role = {"责任": "resp"}.get(verb) or _verb_role(verb)
    agents = written[match.start("agents") : match.end("agents")]
    manner = match.groupdict().get("manner") or ""
    joint = bool(match.group("etc")) or bool(manner and any(m in manner for m in _JOINT_MANNERS))
    if "会同" in agents:
        head, _, tail = agents.partition("会同")
        lead_part, co_part = mentions_of(head), mentions_of(tail)
        if not co_part or not _names_bodies(lead_part + co_part):
            return None
        # 会同B落实 after the clause's lead (A牵头，会同B落实): B helps whoever leads
        return Assignment(lead_part, co_part, (), (), lead_part + co_part, joint)
    found = mentions_of(agents)
    if not found or not _names_bodies(found):
        return None
    if role == "resp" and "分别" in manner:
        joint = True
    return _one_role(role, found, joint)


def _one_role(role: str, found: tuple[str, ...], joint: bool) -> Assignment:
    """`found` in the list of `role` (but for bodies the list marks with a role of their own:
    省发展改革委（牵头）; the mark is not part of the name, so it is cut off like a trailing 等),
    built directly: phrases that miss the cache build many."""
    if not _marked(found):
        plain: dict[str, tuple[str, ...]] = {"leads": (), "co": (), "sole": (), "resp": ()}
        plain[role] = found
        return Assignment(plain["leads"], plain["co"], plain["sole"], plain["resp"], found, joint)
    lists: dict[str, list[str]] = {"leads": [], "co": [], "sole": [], "resp": []}
    order: list[str] = []
    for mention in found:
        mark = _ROLE_MARK.search(mention)
        name = mention[: mark.start()] if mark else mention
        lists[(mark.lastgroup if mark else None) or role].append(name)
        order.append(name)
    return Assignment(
        tuple(lists["leads"]),
        tuple(lists["co"]),
        tuple(lists["sole"]),
        tuple(lists["resp"]),
        tuple(order),
        joint,
    )


def _marked(found: Iterable[str]) -> bool:
    """Whether any mention may carry a role mark: only those ending in a bracket can."""
    return any(mention[-1:] in ")）〕】" for mention in found)


def top_level_segments(text: str, separators: str = ",;") -> list[tuple[int, int]]:
    """Spans of `text` between top-level separators (brackets nest); only brackets and
    separators are visited."""
    norm = half_width(text)
    spans, depth, start = [], 0, 0
    for mark in _segment_marks(separators).finditer(norm):
        ch, i = mark.group(), mark.start()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif not depth:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(norm)))
    return spans


@cache
def _segment_marks(separators: str) -> re.Pattern[str]:
    return re.compile("[()" + re.escape(separators) + "]")


def parse_assignment(body: str) -> Roles | None:
    """Parse a free-form assignment such as `A牵头,B、C等按职责分工负责,2022年底前完成`.

    Parts between commas or full stops that assign nothing (deadlines, notes, conventions) are
    skipped; a part that is only a list of names is joined to the next part (A，B按职责分工负责).
    """
    roles = Roles()
    segments = top_level_segments(body, ",;。")
    noted = CONVENTION.search(body) is not None  # without one in the body, no segment holds one
    i = 0
    while i < len(segments):
        start, end = segments[i]
        parsed = None if noted and CONVENTION.search(body, start, end) else parse_segment(body[start:end])
        j = i
        while parsed is None and j + 1 < len(segments) and _is_name_list(body[start : segments[j][1]]):
            j += 1
            if noted and CONVENTION.search(body, *segments[j]):
                break  # A、B，排在首位为牵头单位: the note names no one (its 首位 is no body)
            parsed = parse_segment(body[start : segments[j][1]])
        if parsed is not None:
            roles.merge(parsed)
            i = j
        i += 1
    return None if roles.empty() else roles


@lru_cache(maxsize=1 << 14)
def parse_assignment_line(line: str) -> Assignment | None:
    """A line that is an assignment and nothing else (`A、B等按职责分工负责` under its task, as
    plain-text plans and trees of a notice's tasks write it): every part between commas
    assigns, lists names for the next part, or says when; None for a line with anything else
    (a task's own words, a note)."""
    if CONVENTION.search(line) or _NUMBERED_LINE.match(line):
        return None  # 第四条 本办法由…负责组织实施: an article, a sentence of its own
    parts = [line[start:end] for start, end in top_level_segments(line)]
    names = [parse_segment(part) is not None or _is_name_list(part) for part in parts]
    if not names[0] or not all(named or _WHEN.search(part) for named, part in zip(names, parts, strict=True)):
        return None
    roles = parse_assignment(line)
    return None if roles is None else roles.frozen()


_WHEN = re.compile("年|月|季度|持续|长期|底前|年内")
_NUMBERED_LINE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十]+、|\d{1,3}[.、．](?!\d))"
)


def _is_name_list(text: str) -> bool:
    if CONVENTION.search(text):
        return False
    found = mentions_of(text)
    return bool(found) and all(map(looks_like_agency, found))


def label_role(label: str) -> str:
    """The role a label gives a plain agency list under it; a division label's is 负责-type."""
    return _LABEL_ROLE.get(label, "resp")


def parse_labelled_value(value: str, role: str) -> Roles:
    """A label's value: a plain agency list takes the label's role; a phrase with role verbs
    (`A牵头，B配合`) is parsed as a free assignment. Non-agency words (deadlines) are dropped."""
    phrased = parse_assignment(value)
    if phrased is not None:
        return phrased
    head, together, tail = value.partition("会同")
    if together:  # 牵头单位：A会同B: A takes the label's role, B helps
        roles = parse_labelled_value(head, role)
        roles.merge(parse_labelled_value(tail, "co"))
        return roles
    value = _INNER_BRACKET.sub(_without_convention_note, value)
    value = _before_note(value)
    roles = Roles(joint=bool(_ETC.search(value)))
    found = tuple(m for m in mentions_of(value) if looks_like_agency(m) and not CONVENTION.search(m))
    roles.merge(_one_role(role, found, roles.joint))
    return roles


_PLACE_TAIL = re.compile("(?:市|省|县|区|州|盟|旗|镇|乡|街道)$")


@lru_cache(maxsize=1 << 14)
def parse_bare_list(body: str, role: str = "resp") -> Assignment | None:
    """A bracket that only names bodies (`（省发展改革委、省财政厅）` after a task, a common
    shorthand of task lists) assigns them as a 责任单位 list does (or as the label of the
    table column it stands in, `role`); None when any name is not a body's, or only a
    place's (`（杭州市、宁波市）` names where, not who)."""
    names = body.rstrip("。；;，, ")  # （区金融办、区财政局。）: the list's own full stop
    found = mentions_of(names)
    if not found or not all(
        looks_like_agency(m) and (is_known(m) or not _PLACE_TAIL.search(m)) for m in found
    ):
        return None
    roles = parse_labelled_value(names, role)
    return None if roles.empty() else roles.frozen()


def parse_names_beside_note(body: str) -> Assignment | None:
    """A bracket of bare names that also states the first-listed-leads note
    (`（市教育局，市委农办，排名第一位为牵头单位，下同）`): the names, as a 责任单位 list; None
    when the bracket holds no such note, or anything else beside it."""
    parts = [body[start:end] for start, end in top_level_segments(body)]
    names = [part for part in parts if not CONVENTION.search(part) and not _NOTE_PART.search(part)]
    return parse_bare_list("、".join(names)) if names and len(names) < len(parts) else None


# Parts of a bracket that only annotate the list (下同; 以下均需各县区落实，不再列出): they name
# bodies again but assign nothing of their own.
_NOTE_PART = re.compile(r"^\s*下同|不再(?:重复|单独)?列出|不再(?:做|作)?分工|以下(?:均|各项)")


def _before_note(value: str) -> str:
    """A label's value without the note that closes it (`…，以下均涉及各县区、功能区，不再重复
    列出`): the bodies it names again are not owners of this task."""
    if "以下" not in value and "不再" not in value:
        return value
    for start, end in top_level_segments(value):
        if _NOTE_PART.search(value, start, end) and start > 0:
            return value[:start]
    return value


def _without_convention_note(bracket: re.Match[str]) -> str:
    return "" if CONVENTION.search(bracket.group()) else bracket.group()


def parse_labelled(body: str) -> Roles | None:
    """Parse `牵头单位：A；配合单位：B；完成时限：…`: each agency label's value up to the next field."""
    labels = list(LABEL.finditer(body))
    if not labels:
        return None
    roles = Roles()
    for match in labels:
        value_end_at = value_end(body, match.end())
        roles.merge(parse_labelled_value(body[match.end() : value_end_at], label_role(match.group("label"))))
    return None if roles.empty() else roles


def value_end(body: str, start: int) -> int:
    """Where a label's value stops: at ；/。/newline/TAB or where the next field label begins,
    with trailing separators left out. A role label written right after the value
    (甲部配合单位：乙局) begins where its name does, not at the value's first character. A ；
    followed by more names only continues the list (责任单位：甲部、乙局等；各区政府)."""
    end = _field_end(body, start)
    while end < len(body) and body[end] in ";；":
        more = _field_end(body, end + 1)
        if not _is_name_list(body[end + 1 : more]):
            break
        end = more
    while end > start and body[end - 1] in " ,，、":
        end -= 1
    return end


def _field_end(body: str, start: int) -> int:
    hit = _VALUE_STOP.search(body, start)
    end = hit.start() if hit else len(body)
    next_field = ANY_FIELD.search(body, start, end)
    if next_field:
        label = LABEL.search(body, next_field.start(), next_field.end()) or _DEADLINE_NAME.search(
            body, next_field.start(), next_field.end()
        )
        end = label.start() if label else next_field.start()
    return end
