"""Which bodies a body took over, and which took it over, over every 机构改革 step.

A researcher asking for 国家金融监督管理总局's tasks also means those filed under 银保监会 and,
two steps back, 银监会 and 保监会; asking for 武汉市市场监督管理局, those of 武汉市工商局. The
registry's successions link national bodies by id; local bodies are linked by the local
reform steps between standard names (`loaders.local_functions`), within one place, so a
city's 市场监督管理局 follows its own 工商局 and never another city's. Ids only: which of them
the graph holds, and under what names, is the store's to say.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from loaders.agencies import LOCAL_LEVEL, local_id, successions
from loaders.local_functions import local_successions
from loaders.places import split_local
from loaders.records import AgencyRef


@dataclass(frozen=True)
class Lineage:
    """Agency ids of a body's predecessors and successors, the whole chain, nearest first."""

    predecessors: tuple[str, ...]
    successors: tuple[str, ...]


@dataclass(frozen=True)
class _Steps:
    """One kind of succession (registry ids or local standard names) in both directions."""

    before: Mapping[str, tuple[str, ...]]
    after: Mapping[str, tuple[str, ...]]


def _steps(pairs: Iterable[tuple[str, str]]) -> _Steps:
    before: dict[str, list[str]] = defaultdict(list)
    after: dict[str, list[str]] = defaultdict(list)
    for old, new in pairs:
        before[new].append(old)
        after[old].append(new)
    return _Steps(
        before={key: tuple(values) for key, values in before.items()},
        after={key: tuple(values) for key, values in after.items()},
    )


@cache
def _registry_steps() -> _Steps:
    return _steps((step.from_id, step.to_id) for step in successions())


@cache
def _local_steps() -> _Steps:
    return _steps((step.from_name, step.to_name) for step in local_successions())


def _chain(start: str, step: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Everything reachable from `start` one step at a time, nearest first (breadth-first)."""
    found: list[str] = []
    frontier = [start]
    while frontier:
        following = [
            nxt for key in frontier for nxt in step.get(key, ()) if nxt != start and nxt not in found
        ]
        found += dict.fromkeys(following)
        frontier = list(dict.fromkeys(following))
    return tuple(found)


def lineage(ref: AgencyRef) -> Lineage:
    """The predecessors and successors of a resolved body (empty for generic and unknown ones)."""
    if ref.id is None or ref.name is None:
        return Lineage((), ())
    if ref.level != LOCAL_LEVEL:
        return _lineage(ref.id, _registry_steps(), lambda agency_id: agency_id)
    local = split_local(ref.name)
    if local is None:
        return Lineage((), ())
    place, standard = local
    return _lineage(standard, _local_steps(), lambda name: local_id(place + name))


def _lineage(start: str, steps: _Steps, to_id: Callable[[str], str]) -> Lineage:
    return Lineage(
        predecessors=tuple(to_id(key) for key in _chain(start, steps.before)),
        successors=tuple(to_id(key) for key in _chain(start, steps.after)),
    )
