"""Local government bodies, resolved by rule: a real place name + a standard body suffix.

The registry cannot list every 厅/局/委 of 3,000 places, but their names follow one pattern
(浙江省科学技术厅, 杭州市滨江区人民政府), so a mention that starts with real place names from
the data file and ends with a standard suffix is a local body named by what it says. Documents
also write relative names (省发展改革委, 区司法局, a bare 政务和数据局) meaning the issuer's own
place; those resolve only when the caller passes that place, never by guessing one.

A standard government body is named by its place and its standard name (`loaders.local_functions`),
so 市发改委 and 成都市发展和改革委员会 in a 成都 document are one node. Only a place, an area or a
level word may stand before a body's name: text that is none of these (此项工作由市环保局) or a
list sharing one suffix (市财政、国税、地税局) is never taken for one body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.agency_data import STRIP_CHARS, clean_mention, registry_data
from loaders.local_functions import standard_name

PlaceLevel = str
_PAREN = re.compile(r"\([^()]*\)")
_FIRST_CHAR = re.compile(r"\s*(.)")
_LEADING_YEAR = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?")
"""A year before a title's place (2024年杭州市政府工作报告…), which would hide it."""
_GROUP_LEVELS: dict[str, PlaceLevel] = {
    "provinces": "province",
    "province_short": "province",
    "cities": "city",
    "city_short": "city",
    "counties": "county",
}
_RELATIVE_PREFIXES: dict[str, PlaceLevel] = {
    "自治区": "province",
    "自治州": "city",
    "自治县": "county",
    "省": "province",
    "市": "city",
    "州": "city",
    "区": "county",
    "县": "county",
}
"""Level words that stand for the document's own place (省发展改革委, 自治区财政厅), longest first."""
_NOT_RELATIVE = ("市场", "区域", "县域")
"""Words that start with 市/区/县 without naming a level: 市场监管局 is not 市 + 场监管局."""
_INNER_LEVELS = tuple(prefix for prefix in _RELATIVE_PREFIXES if prefix != "区")
"""Level words that open a body inside a longer name (此项工作由市环保局). Not 区, which more
often closes an area's name (高新区发改局 is the 高新区's 发改局)."""
_AREA_ENDS = ("区", "县", "市", "省", "州", "旗", "盟", "镇", "乡", "街道")
"""How the name of a place or an area (高新区, 某某镇) ends: such a head may stand before a body."""
_LIST_MARK = re.compile(r"[、,;]")
"""Marks between names: 市财政、国税、地税局 is three bureaus sharing one suffix, not one body."""
WHOLE_NAME_LENGTH = 4
"""A known name this long inside a longer one is a body of its own (联席会议由市场监管局);
shorter ones end many real names (农业农村和水利局 is one bureau, not 农业农村和 + 水利局;
市委统战部, 政务和数据局)."""
_PROVINCE_ONLY_SUFFIX = "厅"
"""A bare 商务厅 can only be a province's department: only provinces have 厅."""


_SHORT_GROUPS = {"province_short": "provinces", "city_short": "cities"}
"""Each group of short names (湖北, 广州) and the group of full names (湖北省, 广州市) they shorten."""


@dataclass(frozen=True)
class _Rules:
    places: dict[str, PlaceLevel]
    lengths: tuple[int, ...]
    zones: tuple[str, ...]
    suffixes: tuple[str, ...]
    first_chars: frozenset[str]
    full_names: dict[str, str]
    provinces: dict[str, str]


@cache
def _rules() -> _Rules:
    raw = registry_data()
    places: dict[str, PlaceLevel] = {}
    for group, level in _GROUP_LEVELS.items():
        for name in raw["places"][group]:
            places.setdefault(clean_mention(name), level)
    full_names: dict[str, str] = {}
    for short_group, full_group in _SHORT_GROUPS.items():
        for short in raw["places"][short_group]:
            expansions = [full for full in raw["places"][full_group] if full.startswith(short)]
            if len(expansions) == 1:
                full_names.setdefault(short, expansions[0])
    local = raw["local"]
    return _Rules(
        places=places,
        lengths=tuple(sorted({len(p) for p in places}, reverse=True)),
        zones=tuple(sorted(local["zone_suffixes"], key=len, reverse=True)),
        suffixes=tuple(sorted(local["suffixes"], key=len, reverse=True)),
        first_chars=frozenset(place[0] for place in places if place),
        full_names=full_names,
        provinces={
            name: full_names.get(name, name)
            for group in ("provinces", "province_short")
            for name in raw["places"][group]
        },
    )


def _chain(key: str) -> tuple[list[tuple[str, PlaceLevel]], str]:
    """Leading place names of `key` (each with its level) and the text after them.

    A place may be followed by a zone (杭州高新区, a district-level unit) and a bracketed
    alias (杭州高新区(滨江)).
    """
    rules = _rules()
    parts: list[tuple[str, PlaceLevel]] = []
    rest = key
    while True:
        place = next((rest[:n] for n in rules.lengths if rest[:n] in rules.places), None)
        if place is None:
            return parts, rest
        rest = rest[len(place) :]
        level = rules.places[place]
        zone = next((z for z in rules.zones if rest.startswith(z)), "")
        if zone:
            rest, place, level = rest[len(zone) :], place + zone, "county"
        bracket = _PAREN.match(rest)
        if bracket:
            rest, place = rest[bracket.end() :], place + bracket[0]
        parts.append((place, level))


def place_of(text: str | None) -> str | None:
    """The place a document speaks for, from its issuer or title: 四川省发展和改革委员会 → 四川省.

    A place written short (湖北数字经济发展规划) is given its full name (湖北省), which names
    the document's relative bodies: 省科技厅 → 湖北省科技厅, not 湖北科技厅.
    """
    if not text:
        return None
    parts, _ = _chain(clean_mention(text))
    full_names = _rules().full_names
    return "".join(full_names.get(p, p) for p, _ in parts) or None


def title_province(title: str) -> str | None:
    """The one province a title names inside it, as provincial plans name themselves
    (数字广东建设2025年工作要点, 2025年美丽浙江建设工作要点); None for a notice (关于…), whose
    province may be only its subject (国务院关于支持广东…), or for a title naming two."""
    if "关于" in title:
        return None
    named = {full for name, full in _rules().provinces.items() if name in title}
    return named.pop() if len(named) == 1 else None


def local_name(key: str, place: str | None = None) -> str | None:
    """The name of a local body mention, or None if it is not one.

    `key` is a cleaned mention; `place` (from `place_of`) qualifies relative names such as
    区司法局 → 济南市钢城区司法局. A standard government body is named by its place and its
    standard name (市发改委 → 成都市发展和改革委员会), so every spelling is one node; any other
    body keeps its name as written (重庆海关, 湖北银保监局).
    """
    rules = _rules()
    parts, body = _chain(key)
    if parts:
        return _named(parts, body) if body and body.endswith(rules.suffixes) and one_body(body) else None
    if place is None or not key.endswith(rules.suffixes):
        return None
    context, _ = _chain(place)
    prefix = _relative_prefix(key)
    if prefix is not None:
        wanted, body = _RELATIVE_PREFIXES[prefix], key[len(prefix) :]
    elif key.endswith(_PROVINCE_ONLY_SUFFIX):
        wanted, body = "province", key
    else:
        return own_level_name(key, place)
    levels = [level for _, level in context]
    if not body or wanted not in levels or not one_body(body):
        return None
    return _named(context[: levels.index(wanted) + 1], body)


def own_level_name(key: str, place: str) -> str | None:
    """A bare body name in a local document, as that place's own body: 统计局 → 广东省统计局.

    Local documents drop their own place from names of their own level (省发展改革委、能源局),
    so a bare 局/委/办 there is the issuer's body; None when `place` holds no real place.
    """
    context, _ = _chain(clean_mention(place))
    if not context or not key.endswith(_rules().suffixes) or not one_body(key):
        return None
    return _named(context, key)


def _relative_prefix(key: str) -> str | None:
    """The level word a relative name starts with (市 of 市发改委), or None."""
    if key.startswith(_NOT_RELATIVE):
        return None
    return next((prefix for prefix in _RELATIVE_PREFIXES if key.startswith(prefix)), None)


def _named(parts: list[tuple[str, PlaceLevel]], body: str) -> str:
    """A body's node name: its places in full and its standard name, if it has one."""
    standard = standard_name(body)
    if standard is None:
        return "".join(place for place, _ in parts) + body
    full_names = _rules().full_names
    return "".join(full_names.get(place, place) for place, _ in parts) + standard


def one_body(body: str) -> bool:
    """Whether `body` (a name after its place or level word) can name one body.

    Not when it lists several (市财政、国税、地税局), nor when it holds a whole body's name after
    a head that is no place or area: 此项工作由市环保局 is a sentence's tail, not a body of 武汉市.
    """
    if standard_name(body) is not None:
        return True
    if _LIST_MARK.search(_PAREN.sub("", body)):
        return False
    return not any(_opens_a_name(body[i:]) and not is_area(body[:i]) for i in range(1, len(body)))


def _opens_a_name(text: str) -> bool:
    """Whether `text` is a standard body by itself: with a level word or place before its
    standard name (市环保局, 武汉市环保局), or a long standard name alone (市场监管局)."""
    if len(text) >= WHOLE_NAME_LENGTH and standard_name(text) is not None:
        return True
    level = next((prefix for prefix in _INNER_LEVELS if text.startswith(prefix)), None)
    if level is not None and not text.startswith(_NOT_RELATIVE):
        return standard_name(text[len(level) :]) is not None
    parts, rest = _chain(text)
    return bool(parts) and standard_name(rest) is not None


def is_area(head: str) -> bool:
    """Whether `head` can stand before a body's name: places (湖北), an area (高新区) or a level word."""
    return head.endswith(_AREA_ENDS) or not _chain(head)[1]


def split_local(name: str) -> tuple[str, str] | None:
    """A local body's node name as (place, standard name), or None if it is not one:
    石家庄市市场监督管理局 → (石家庄市, 市场监督管理局)."""
    parts, body = _chain(name)
    if not parts or standard_name(body) != body:
        return None
    return "".join(place for place, _ in parts), body


def document_place(title: str, issuer: str | None, text: str = "") -> str | None:
    """The place a document speaks for: its issuer's, else its title's (after a leading year),
    else its signature's, else the one province its title names inside it.

    The signature is a line that is wholly a local body name (济南市钢城区人民政府办公室), as
    notices are signed; a place merely mentioned in the body text is not taken. Without a
    place, a provincial plan's 省科技厅 stays unknown and its bare 统计局 (省发展改革委、统计局)
    would be taken for the national body.
    """
    for source in (issuer, _LEADING_YEAR.sub("", title)):
        found = place_of(source)
        if found:
            return found
    return _signature_place(text) or title_province(title)


def _signature_place(text: str) -> str | None:
    """The place of the first line that is wholly a local body name.

    Such a name starts with a place name. Most lines open (after whitespace) with a character
    whose clean_mention form is known without normalising the line (see _kept_head); when
    that cannot open a place name the line is passed over, any other line is read in full.
    """
    first_chars = _rules().first_chars
    for line in text.splitlines():
        head = _FIRST_CHAR.match(line)
        kept = _kept_head(head[1]) if head else None
        if kept is not None and kept not in first_chars:
            continue
        key = clean_mention(line)
        if key and local_name(key) is not None:
            return place_of(key)
    return None


def _kept_head(char: str) -> str | None:
    """The first character clean_mention keeps of a line opening with `char`, where that is
    certain from `char` alone: CJK ideographs, digits and brackets are NFKC-stable (（ → ()
    and compose with nothing that follows; None for anything else."""
    if "\u4e00" <= char <= "\u9fff":
        return None if char in STRIP_CHARS else char
    if char in "0123456789(":
        return char
    return "(" if char == "（" else None
