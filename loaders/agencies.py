"""Agency registry: one canonical node per government body, whatever a document calls it.

Researchers ask "which ministry owns which task" across years of documents, so every mention
(发改委, 国家发展改革委, 国家发展和改革委员会 …) must land on the same registry entry, and a name
must mean the body that carried it on the document's date (银保监会 in 2021 is 中国银行保险监督管理
委员会, linked to its 2023 successor 国家金融监督管理总局, never merged into it).

Resolution order for a mention: registry surface form (dated), generic body by rule (有关部门,
各地区各部门 …), a national body's local branch, local body by rule (`loaders.places`: a real
place name + a standard body suffix, or a relative name such as 区司法局 given the document's
place; a standard body under its standard name, so 市发改委 and 市发展和改革委员会 are one node),
else an explicit "unknown" that keeps the mention. A registry name after text that is no
place (联席会议由市场监管总局) is a sentence's tail, not a body, and stays unknown. The registry
data lives in `data/agencies.toml`; everything is precomputed once and results are cached, so
`normalise` costs a dictionary lookup at 1M-mention scale.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from loaders.agency_data import clean_mention, registry_data
from loaders.places import WHOLE_NAME_LENGTH, is_area, local_name, own_level_name
from loaders.records import AgencyKind, AgencyRef

LOCAL_LEVEL = "地方"
_NATIONAL_MARKERS = ("国家", "中国", "中华", "国务院", "中央", "全国")
_OWN_LEVEL_SUFFIXES = ("局", "委", "办")


@dataclass(frozen=True)
class Agency:
    """One registry entry; `established`/`abolished` bound the dates its names meant it."""

    id: str
    name: str
    short_names: tuple[str, ...]
    level: str
    parent_id: str | None
    kind: str
    established: date | None
    abolished: date | None

    def current_on(self, day: date) -> bool:
        """Whether the body existed on `day` (abolition day itself belongs to the successor)."""
        started = self.established is None or self.established <= day
        return started and (self.abolished is None or day < self.abolished)


@dataclass(frozen=True)
class Succession:
    """A 机构改革 step: `from_id`'s duties (all or part) passed to `to_id` in `year`."""

    from_id: str
    to_id: str
    year: int


class RegistryError(ValueError):
    """The data file contradicts itself (duplicate id, a name meaning two bodies at once …)."""


@dataclass(frozen=True)
class _Registry:
    """The parsed data file plus the lookup tables derived from it."""

    agencies: tuple[Agency, ...]
    successions: tuple[Succession, ...]
    by_surface: dict[str, tuple[Agency, ...]]
    generic_exact: frozenset[str]
    generic_prefixes: tuple[str, ...]
    generic_markers: tuple[str, ...]
    generic_suffixes: tuple[str, ...]
    boundaries: tuple[date, ...]


_PAREN = re.compile(r"\(([^()]*)\)")


def _as_date(value: Any, field: str, agency_id: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise RegistryError(f"agencies.toml: {agency_id}.{field} must be a TOML date, got {value!r}")


def _parse_agency(raw: dict[str, Any]) -> Agency:
    agency_id = str(raw["id"])
    if not agency_id.isascii() or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", agency_id):
        raise RegistryError(f"agencies.toml: id {agency_id!r} is not a lower-case ASCII slug")
    return Agency(
        id=agency_id,
        name=str(raw["name"]),
        short_names=tuple(str(s) for s in raw.get("short", ())),
        level=str(raw["level"]),
        parent_id=raw.get("parent"),
        kind=str(raw.get("kind", "agency")),
        established=_as_date(raw.get("established"), "established", agency_id),
        abolished=_as_date(raw.get("abolished"), "abolished", agency_id),
    )


def _overlap(a: Agency, b: Agency) -> bool:
    a_end, b_end = a.abolished or date.max, b.abolished or date.max
    a_start, b_start = a.established or date.min, b.established or date.min
    return a_start < b_end and b_start < a_end


def _forms(agency: Agency, aliases: dict[str, Any]) -> set[str]:
    """Every lookup key of an agency, including the state-name form (中华人民共和国外交部)."""
    forms = {clean_mention(agency.name), *(clean_mention(s) for s in agency.short_names)}
    prefix = str(aliases["official_prefix"])
    if agency.level in aliases["prefix_levels"] and not agency.name.startswith(prefix):
        forms.add(prefix + clean_mention(agency.name))
    return forms


def _index(agency_list: tuple[Agency, ...], aliases: dict[str, Any]) -> dict[str, tuple[Agency, ...]]:
    """Surface form → bodies that carried it, oldest first; a form may only be reused over time."""
    index: dict[str, list[Agency]] = {}
    for agency in agency_list:
        for form in _forms(agency, aliases):
            for other in index.setdefault(form, []):
                if _overlap(other, agency):
                    raise RegistryError(f"agencies.toml: {form!r} names both {other.id} and {agency.id}")
            index[form].append(agency)
    return {
        form: tuple(sorted(found, key=lambda a: a.established or date.min)) for form, found in index.items()
    }


def _check_references(agency_list: tuple[Agency, ...], succession_list: tuple[Succession, ...]) -> None:
    ids = [a.id for a in agency_list]
    known = set(ids)
    if len(known) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise RegistryError(f"agencies.toml: duplicate ids {duplicates}")
    for agency in agency_list:
        if agency.parent_id is not None and agency.parent_id not in known:
            raise RegistryError(f"agencies.toml: {agency.id}.parent {agency.parent_id!r} is not an id")
    for step in succession_list:
        for ref in (step.from_id, step.to_id):
            if ref not in known:
                raise RegistryError(f"agencies.toml: succession names unknown id {ref!r}")


@cache
def _registry() -> _Registry:
    """Load and index the data file once per process."""
    raw = registry_data()
    agency_list = tuple(_parse_agency(entry) for entry in raw["agency"])
    succession_list = tuple(
        Succession(from_id=s["from"], to_id=s["to"], year=int(s["year"])) for s in raw.get("succession", ())
    )
    _check_references(agency_list, succession_list)
    generic = raw["generic"]
    return _Registry(
        agencies=agency_list,
        successions=succession_list,
        by_surface=_index(agency_list, raw["aliases"]),
        generic_exact=frozenset(clean_mention(g) for g in generic["exact"]),
        generic_prefixes=tuple(generic["prefixes"]),
        generic_markers=tuple(generic["markers"]),
        generic_suffixes=tuple(generic["suffixes"]),
        boundaries=tuple(
            sorted({d for a in agency_list for d in (a.established, a.abolished) if d is not None})
        ),
    )


def agencies() -> list[Agency]:
    """Every registry entry, in data-file order."""
    return list(_registry().agencies)


def successions() -> list[Succession]:
    """Every 机构改革 succession step, in data-file order."""
    return list(_registry().successions)


def surface_forms() -> list[str]:
    """Every canonical name, short name and alias, longest first (for dictionary matching)."""
    return sorted(_registry().by_surface, key=lambda form: (-len(form), form))


def _pick(candidates: tuple[Agency, ...], as_of: date | None) -> Agency:
    """The body a reused name meant on `as_of`; without a date, the newest body."""
    if as_of is None or len(candidates) == 1:
        return candidates[-1]
    for agency in candidates:
        if agency.current_on(as_of):
            return agency
    started = [a for a in candidates if a.established is None or a.established <= as_of]
    return started[-1] if started else candidates[0]


def _is_generic(key: str, reg: _Registry) -> bool:
    return (
        key in reg.generic_exact
        or key.startswith(reg.generic_prefixes)
        or key.endswith(reg.generic_suffixes)
        or any(marker in key for marker in reg.generic_markers)
    )


def _dropped_marker(key: str, agency: Agency) -> bool:
    """Whether `key` is a national bureau's name without its 国家/中国 (统计局 for 国家统计局).

    In a local document such a bare name is the local body of the same trade; 总局 names
    (税务总局, 市场监管总局) have no local namesake and stay national.
    """
    return (
        agency.name.startswith(_NATIONAL_MARKERS)
        and not key.startswith(_NATIONAL_MARKERS)
        and key.endswith(_OWN_LEVEL_SUFFIXES)
        and "总" not in key
    )


def _is_branch(key: str, reg: _Registry) -> bool:
    """A national body's local branch: 中国证监会广东监管局, 人民银行广东省分行, 国家税务总局杭州市税务局."""
    for end in range(len(key) - 1, 1, -1):
        if key[:end] in reg.by_surface:
            return local_name(key[end:]) is not None
    return False


def _holds_national_name(key: str, reg: _Registry) -> bool:
    """Whether a registry name stands inside `key` after a head that is no place or area:
    联席会议由市场监管总局 is a sentence's tail, while 湖北省地质调查局 is a body of 湖北省."""
    return any(
        key[start:] in reg.by_surface and not is_area(key[:start])
        for start in range(1, len(key) - WHOLE_NAME_LENGTH + 1)
    )


def local_id(name: str) -> str:
    """A stable ASCII id for a rule-resolved local body (same name → same node)."""
    return "local-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def _resolve(
    mention: str, as_of: date | None, place: str | None
) -> tuple[str | None, str | None, AgencyKind, str | None]:
    """(name, id, kind, level) for a mention as written."""
    key = clean_mention(mention)
    reg = _registry()
    for candidate in (key, _PAREN.sub("", key)):
        found = reg.by_surface.get(candidate)
        if found:
            agency = _pick(found, as_of)
            own = own_level_name(candidate, place) if place and _dropped_marker(candidate, agency) else None
            if own is not None:
                return own, local_id(own), "agency", LOCAL_LEVEL
            return agency.name, agency.id, "agency", agency.level
    if key and _is_generic(key, reg):
        return None, None, "generic", None
    if _is_branch(key, reg):
        return key, local_id(key), "agency", LOCAL_LEVEL
    if _holds_national_name(key, reg):
        return None, None, "unknown", None
    local = local_name(key, place) if key else None
    if local is not None:
        return local, local_id(local), "agency", LOCAL_LEVEL
    return None, None, "unknown", None


def normalise(mention: str, as_of: date | None = None, place: str | None = None) -> AgencyRef:
    """Resolve a mention as written to its registry body on the document's date `as_of`.

    `place` is the document's own place (`loaders.places.document_place`); only
    relative local names such as 省发展改革委 or 区司法局 need it. Never guesses: a name the
    registry and the generic/local rules do not cover comes back with kind "unknown",
    name/id None and the mention kept, so it can be reported and added.

    Results are cached per reform epoch (see _epoch_date): mentions repeat heavily across
    documents of different dates; the AgencyRef is frozen, so callers may share it.
    """
    return _normalised(mention, _epoch_date(as_of), place)


def resolver(as_of: date | None = None, place: str | None = None) -> Callable[[str], AgencyRef]:
    """`normalise` for one document's date and place, which hold for all its mentions: the
    date's reform epoch is looked up once instead of once per mention."""
    epoch = _epoch_date(as_of)
    return lambda mention: _normalised(mention, epoch, place)


def _epoch_date(as_of: date | None) -> date | None:
    """A stand-in for `as_of` that every registry date compares with exactly as `as_of` does.

    Resolution only compares the date with established/abolished dates, so all days between
    two consecutive such dates resolve alike; the latest registry date on or before `as_of`
    (date.min before the first) stands for them all.
    """
    if as_of is None:
        return None
    boundaries = _registry().boundaries
    index = bisect_right(boundaries, as_of)
    return boundaries[index - 1] if index else date.min


@lru_cache(maxsize=1 << 17)
def _normalised(mention: str, as_of: date | None, place: str | None) -> AgencyRef:
    name, agency_id, kind, level = _resolve(mention, as_of, place)
    return AgencyRef(mention=mention, name=name, id=agency_id, kind=kind, level=level)
