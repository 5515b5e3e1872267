"""The standard names of local government bodies, and their 机构改革 steps, from the data file.

Local documents name one body many ways (市发改委, 市发展改革委, 市发展和改革委员会); the graph
must hold one node for it. The registry cannot list the bodies of 3,000 places, but the bodies
of every place share a small set of standard names (发展和改革委员会, 人力资源和社会保障局 …),
each with a few short forms. So a local body is named by its place and the standard name of
what it is, and these tables, kept as data in `data/agencies.toml` (`[local] functions` and
`successions`), say which short form stands for which standard name and which standard names
replaced which in the 2018–2019 local reforms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from loaders.agency_data import registry_data

_GOVERNMENT_HEADS = ("人民政府", "政府")
"""A body under a government is also written after it (市人民政府金融办, 市政府国资委)."""


class LocalFunctionError(ValueError):
    """The data file's local tables contradict themselves (a form of two names, an unknown name)."""


@dataclass(frozen=True)
class LocalSuccession:
    """A local reform step: in each place, the body named `from_name` passed its duties to `to_name`."""

    from_name: str
    to_name: str
    year: int


@dataclass(frozen=True)
class _Functions:
    standard: dict[str, str]
    successions: tuple[LocalSuccession, ...]


@cache
def _functions() -> _Functions:
    """Every form → its standard name, checked once per process."""
    local = registry_data()["local"]
    standard: dict[str, str] = {}
    for entry in local["functions"]:
        name = str(entry["name"])
        for form in (name, *entry["short"]):
            if standard.setdefault(form, name) != name:
                raise LocalFunctionError(f"agencies.toml: {form!r} stands for {standard[form]} and {name}")
    steps = tuple(LocalSuccession(str(s["from"]), str(s["to"]), int(s["year"])) for s in local["successions"])
    for step in steps:
        for name in (step.from_name, step.to_name):
            if standard.get(name) != name:
                raise LocalFunctionError(
                    f"agencies.toml: local succession names {name!r}, not a standard name"
                )
    return _Functions(standard=standard, successions=steps)


def standard_name(body: str) -> str | None:
    """The standard name of a local body written without its place, or None when it is no
    standard body: 发改委 → 发展和改革委员会, 人民政府金融办 → 金融工作办公室."""
    standard = _functions().standard
    found = standard.get(body)
    if found is not None:
        return found
    for head in _GOVERNMENT_HEADS:
        if body.startswith(head) and body[len(head) :] in standard:
            return standard[body[len(head) :]]
    return None


def local_successions() -> list[LocalSuccession]:
    """Every local reform step by standard name, in data-file order."""
    return list(_functions().successions)
