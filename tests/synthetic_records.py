"""Hand-built loader records for graph tests: exact, known counts without running the loaders.

The durability tests load thousands of tasks in a subprocess; building records directly keeps
them fast and makes "every document has exactly N tasks" a precise invariant to check.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from loaders.agencies import normalise
from loaders.records import AgencyRef, Clause, Deadline, Document, Section, Span, Task

LEAD = AgencyRef(
    mention="发改委", name="国家发展和改革委员会", id="ndrc", kind="agency", level="国务院组成部门"
)
CO = AgencyRef(mention="科技部", name="科学技术部", id="most", kind="agency", level="国务院组成部门")
UNKNOWN = AgencyRef(mention="某某办公室", name=None, id=None, kind="unknown")


def make_document(
    serial: int, n_tasks: int, version: int = 0, source_file: str = "synthetic.txt"
) -> Document:
    """Document `serial` with `n_tasks` tasks; `version` changes task text (so task ids), not the doc id."""
    doc_id = f"doc-{serial}"
    section = Section(id=f"{doc_id}-s1", title="一、总体要求", path=("一、总体要求",), level=1)
    tasks = tuple(_task(doc_id, source_file, number, version, section) for number in range(n_tasks))
    return Document(
        id=doc_id,
        title=f"关于合成文件{serial}的实施意见",
        issuer="国家发展和改革委员会",
        issuers=(LEAD,),
        doc_number=f"发改〔2021〕{serial}号",
        published=date(2021, 10, 1),
        source_file=source_file,
        span=Span(source_file, 0, 100, None),
        text=f"合成文件{serial}正文",
        sections=(section,),
        tasks=tasks,
    )


def _task(doc_id: str, source_file: str, number: int, version: int, section: Section) -> Task:
    text = f"第{version}版任务{number}：完善\"标准\\体系\"'{number}'"
    clause = Clause(
        text="(发改委牵头,科技部、某某办公室按职责分工负责)",
        form="parenthetical",
        leads=(LEAD,),
        co=(CO, UNKNOWN),
        sole=(),
        span=Span(source_file, number * 10, number * 10 + 9, 1),
    )
    deadline = Deadline(text="2022年底前", start=date(2022, 12, 31), end=date(2022, 12, 31), kind="date")
    return Task(
        id=f"{doc_id}-v{version}-t{number}",
        text=text,
        section_path=section.path,
        span=Span(source_file, number * 10, number * 10 + 9, 1),
        clause=clause,
        deadline=deadline,
    )


def named_task(
    doc_id: str,
    n: int,
    leads: Sequence[str] = (),
    co: Sequence[str] = (),
    sole: Sequence[str] = (),
    due: date | None = None,
) -> Task:
    """Task `n` of `doc_id` whose owners are mentions as a document writes them, resolved by the registry."""
    span = Span(f"{doc_id}.txt", n * 100, n * 100 + 50, None)
    refs = {
        role: tuple(normalise(m) for m in names)
        for role, names in (("leads", leads), ("co", co), ("sole", sole))
    }
    clause = Clause(f"(条款{n})", "parenthetical", refs["leads"], refs["co"], refs["sole"], span)
    deadline = Deadline(f"{due}前", due, due, "date") if due else None
    return Task(f"{doc_id}-t{n}", f"{doc_id}任务{n}", ("一、重点任务",), span, clause, deadline)


def named_document(
    doc_id: str,
    title: str,
    tasks: Sequence[Task],
    issuer: str | None = None,
    published: date = date(2022, 1, 1),
) -> Document:
    """Document `doc_id` holding `tasks` (e.g. from `named_task`), issued by the registry's `issuer`."""
    source_file = f"{doc_id}.txt"
    return Document(
        id=doc_id,
        title=title,
        issuer=issuer,
        issuers=(normalise(issuer),) if issuer else (),
        doc_number=None,
        published=published,
        source_file=source_file,
        span=Span(source_file, 0, 1000, None),
        text="",
        tasks=tuple(tasks),
    )
