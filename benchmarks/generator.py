"""A seeded generator of realistic synthetic policy documents, for measuring at scale.

Real documents are few and small; benchmarks need 10k to 1M tasks with the same shape as
the real thing: a title and 文号, a section hierarchy (一、/（一）/1.), task sentences, every
clause form the extractor reads, agency names in all their registry aliases, deadlines, and
PDF-style page headers that break lines mid-clause. The same seed always yields the same text,
so figures from two runs measure the code, not the corpus.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.agencies import agencies

CHINESE_NUMERALS = "一二三四五六七八九十"
ISSUERS = ("国务院", "国务院办公厅", "国家发展改革委", "工业和信息化部", "科技部", "商务部")
DOC_PREFIXES = ("国发", "国办发", "发改规划", "工信部规", "国科发", "商服贸发")
TOPICS = (
    "数字经济",
    "知识产权保护",
    "碳达峰",
    "制造业高质量发展",
    "乡村振兴",
    "营商环境",
    "科技创新",
    "对外开放",
    "公共卫生",
    "生态保护修复",
    "现代物流",
    "数据要素",
)
KINDS = ("行动方案", "实施意见", "规划", "重点任务分工方案", "若干措施")
VERBS = ("完善", "健全", "推进", "加强", "深化", "优化", "建立", "落实", "加快", "强化")
OBJECTS = (
    "知识产权保护制度",
    "标准体系",
    "监管机制",
    "公共服务平台",
    "统计监测体系",
    "人才培养体系",
    "融资支持政策",
    "跨部门协同机制",
    "信用评价制度",
    "试点示范工程",
    "数据共享机制",
    "应急保障能力",
)
FILLERS = (
    "结合实际细化配套措施",
    "形成可复制可推广的经验",
    "提升服务质量和效率",
    "加大政策支持力度",
    "强化督促检查",
    "推动各项措施落地见效",
    "鼓励社会资本积极参与",
    "营造良好发展环境",
)
DEADLINES = ("", "", "到2025年", "2024年底前", "2023年6月底前", "“十四五”时期", "持续推进", "长期坚持")
GENERIC = ("有关部门", "地方各级人民政府", "各地区各部门")
TOP_LEVELS = ("党中央", "全国人大", "国务院", "地方")
LINE_WIDTH = 38
LINES_PER_PAGE = 42


@dataclass(frozen=True)
class GeneratedFile:
    """One written file and how many responsibility clauses it holds."""

    path: Path
    tasks: int
    chars: int


def _agency_names() -> list[tuple[str, ...]]:
    """Each ministry-level agency with all its names, so the corpus exercises normalisation."""
    return [
        (agency.name, *agency.short_names)
        for agency in agencies()
        if agency.kind == "agency" and agency.level not in TOP_LEVELS
    ]


def _clause(rng: random.Random, names: list[tuple[str, ...]]) -> str:
    """One responsibility clause in a randomly chosen form of those real documents use."""
    picked = [rng.choice(aliases) for aliases in rng.sample(names, k=rng.randint(1, 5))]
    lead, rest = picked[0], "、".join(picked[1:]) or rng.choice(GENERIC)
    forms: tuple[Callable[[], str], ...] = (
        lambda: f"（{lead}牵头，{rest}等按职责分工负责）",
        lambda: f"（{'、'.join(picked)}等按职责分工负责）",
        lambda: f"（{lead}负责）",
        lambda: f"({lead}牵头,{rest}等按职责分工负责)",
        lambda: f"（{lead}会同{rest}负责）",
        lambda: f"（{lead}牵头，{rest}配合）",
        lambda: f"（责任单位：{'、'.join(picked)}）",
        lambda: f"（牵头单位：{lead}；配合单位：{rest}）",
        lambda: f"（{lead}牵头，{rng.choice(GENERIC)}按职责分工负责）",
    )
    return rng.choice(forms)()


def _task(rng: random.Random, names: list[tuple[str, ...]], number: int) -> str:
    """A numbered task paragraph ending in its clause, as 分工方案 write them."""
    head = f"{number}.{rng.choice(VERBS)}{rng.choice(OBJECTS)}。"
    body = "，".join(rng.sample(FILLERS, k=rng.randint(2, 4)))
    deadline = rng.choice(DEADLINES)
    when = f"{deadline}，" if deadline else ""
    return f"{head}{when}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{body}。{_clause(rng, names)}"


def document_text(rng: random.Random, names: list[tuple[str, ...]], n_tasks: int, serial: int) -> str:
    """The plain (unbroken) text of one synthetic document with `n_tasks` clauses."""
    year = 2018 + serial % 8
    issuer = rng.choice(ISSUERS)
    topic, kind = rng.choice(TOPICS), rng.choice(KINDS)
    title = f"关于印发{topic}{kind}（第{serial}号）的通知"
    number = f"{rng.choice(DOC_PREFIXES)}〔{year}〕{serial % 97 + 1}号"
    lines = [
        title,
        number,
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        f"现将《{topic}{kind}》印发给你们，请认真贯彻执行。",
    ]
    written = 0
    for part in range(1, 11):
        if written >= n_tasks:
            break
        lines.append(f"{CHINESE_NUMERALS[part - 1]}、{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
        for sub in range(1, 11):
            if written >= n_tasks:
                break
            lines.append(f"（{CHINESE_NUMERALS[sub - 1]}）{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
            for item in range(1, rng.randint(2, 6)):
                if written >= n_tasks:
                    break
                lines.append(_task(rng, names, item))
                written += 1
    lines += [issuer, f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    return "\n".join(lines)


def paginate(text: str, first_page: int = 1) -> str:
    """Wrap lines at a PDF-like width and insert `第N页` / `政策快资讯 N` page headers."""
    wrapped: list[str] = []
    for line in text.split("\n"):
        wrapped += [line[i : i + LINE_WIDTH] for i in range(0, len(line), LINE_WIDTH)] or [""]
    out: list[str] = []
    for index, line in enumerate(wrapped):
        if index % LINES_PER_PAGE == 0:
            page = first_page + index // LINES_PER_PAGE
            out += [f"第{page}页", f"政策快资讯 {page:02d}", ""]
        out.append(line)
    return "\n".join(out) + "\n"


def iter_documents(seed: int, total_tasks: int, tasks_per_doc: int = 200) -> Iterator[tuple[str, int]]:
    """Yield (paginated text, task count) for documents adding up to `total_tasks` clauses."""
    rng = random.Random(seed)
    names = _agency_names()
    serial = 0
    remaining = total_tasks
    while remaining > 0:
        n = min(tasks_per_doc, remaining)
        serial += 1
        yield paginate(document_text(rng, names, n, serial)), n
        remaining -= n


def write_corpus(out_dir: Path, seed: int, total_tasks: int, docs_per_file: int = 5) -> list[GeneratedFile]:
    """Write the corpus as compilation files of `docs_per_file` documents each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[GeneratedFile] = []
    batch: list[str] = []
    count = 0

    def flush() -> None:
        nonlocal batch, count
        path = out_dir / f"synthetic-{seed}-{len(files):05d}.txt"
        text = "\n".join(batch)
        path.write_text(text, encoding="utf-8")
        files.append(GeneratedFile(path, count, len(text)))
        batch, count = [], 0

    for text, n in iter_documents(seed, total_tasks):
        batch.append(text)
        count += n
        if len(batch) == docs_per_file:
            flush()
    if batch:
        flush()
    return files
