"""`policykg extract` end to end: the seed gold, offsets, pages, formats and bad input."""

from __future__ import annotations

import gc
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from loaders.cleaning import clean
from loaders.pipeline import LoadError, load_file
from loaders.readers import read_file
from policykg import cli
from tests.test_readers import make_pdf

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "hz-gaoxin-policy-brief-2021-10.txt"
GOLD = Path(__file__).resolve().parent / "gold" / "seed-clauses.jsonl"
ROLES = ("leads", "co", "sole")


def _extract(*args: str) -> Any:
    return CliRunner().invoke(cli, ["extract", *args])


def _rows(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_rows() -> list[dict[str, Any]]:
    result = _extract(str(SEED), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return _rows(result.stdout)


def _clause_key(mentions: dict[str, list[Any]]) -> tuple[tuple[str, ...], ...]:
    def name(m: Any) -> str:
        return "".join((m["mention"] if isinstance(m, dict) else m).split())

    return tuple(tuple(sorted(name(m) for m in mentions[role])) for role in ROLES)


def test_seed_reproduces_all_gold_clauses_exactly(seed_rows: list[dict[str, Any]]) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    predicted = [row for row in seed_rows if row["form"] == "parenthetical"]
    assert Counter(row["clause"] for row in predicted) == Counter(g["clause"] for g in gold)
    assert Counter(_clause_key(row) for row in predicted) == Counter(_clause_key(g) for g in gold)
    titles = {row["clause"]: row["document"] for row in predicted}
    assert all(titles[g["clause"]] == g["document"] for g in gold)


def test_every_clause_span_indexes_the_cleaned_text(seed_rows: list[dict[str, Any]]) -> None:
    text = clean(read_file(SEED)).text
    for row in seed_rows:
        source = row["source"]
        assert text[source["start"] : source["end"]] == row["clause"]
        assert row["clause"] in row["task"]
        assert isinstance(source["page"], int)
        assert source["file"] == str(SEED)


def test_a_paragraph_with_an_explicit_clause_gets_no_second_inline_task(
    seed_rows: list[dict[str, Any]],
) -> None:
    """(二十一) says `国家知识产权局会同有关部门…` and ends `(国家知识产权局牵头,…)`: one task."""
    owner = "国家知识产权局"
    leads = [r for r in seed_rows if any(m["mention"] == owner for m in r["leads"])]
    sole = [r for r in seed_rows if any(m["mention"] == owner for m in r["sole"])]
    assert (len(leads), len(sole)) == (15, 2)
    assert all(r["form"] == "parenthetical" for r in leads + sole)


def test_records_keep_sections_pages_and_stable_ids() -> None:
    first, second = load_file(SEED), load_file(SEED)
    assert [t.id for d in first for t in d.tasks] == [t.id for d in second for t in d.tasks]
    plan = next(d for d in first if d.title == "“十四五”国家知识产权保护和运用规划")
    assert plan.issuers and all(ref.name is not None for ref in plan.issuers)
    task = next(t for t in plan.tasks if "市场监管总局等按职责分工负责)" in t.text and t.span.page == 30)
    assert task.section_path == (
        "七、推进知识产权人才和文化建设,夯实事业发展基础",
        "(十六)加强知识产权人才队伍建设",
    )
    assert task.clause.span.page == 30
    assert len({t.id for d in first for t in d.tasks}) == sum(len(d.tasks) for d in first)


def test_pdf_clause_split_across_pages_points_to_its_first_page(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    line = "加强知识产权保护工作,完善知识产权法律政策体系,健全司法保护和行政保护衔接机制"
    make_pdf(
        path,
        [
            [
                "关于加强知识产权保护的意见",
                "各省、自治区、直辖市人民政府:",
                "一、重点任务",
                line,
                line + "。(国家知识产权局牵头,",
                "- 1 -",
            ],
            ["中央宣传部等按职责分工负责)", "- 2 -"],
        ],
    )
    rows = _rows(_extract(str(path)).stdout)
    assert [(r["clause"], r["source"]["page"]) for r in rows] == [
        ("(国家知识产权局牵头,中央宣传部等按职责分工负责)", 1)
    ]
    assert rows[0]["leads"][0] == {"mention": "国家知识产权局", "agency": "国家知识产权局", "kind": "agency"}
    assert rows[0]["section"] == ["一、重点任务"]


def test_table_format_summarises_each_clause(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes("一、任务\n推进标准化。(市场监管总局负责)\n".encode("gb18030"))
    result = _extract(str(path), "--format", "table")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["document", "section", "page", "form", "leads", "co", "sole"]
    assert "市场监管总局" in lines[2] and "parenthetical" in lines[2]
    assert lines[-1] == "1 clauses"


def test_names_set_apart_by_wide_gaps_stay_apart(tmp_path: Path) -> None:
    """A list typed with spaces instead of 、 (common in HTML and PDF tables) names each body."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "一、任务\n1.加强监管。（牵头单位：市商务局  配合单位：杭州海关\u3000市公安局    市税务局）\n"
    )
    (doc,) = load_file(path)
    (task,) = doc.tasks
    assert {role: [ref.mention for ref in refs] for role, refs in task.clause.by_role().items() if refs} == {
        "leads": ["市商务局"],
        "co": ["杭州海关", "市公安局", "市税务局"],
    }


def test_an_assignment_on_a_line_of_its_own_is_the_clause_of_the_task_above(tmp_path: Path) -> None:
    """`市人社局牵头落实` under a paragraph assigns that paragraph, as a labelled line would;
    the same words inside a sentence stay a free-sentence (inline) assignment."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "一、加强预期引导\n围绕就业创业政策，加强信息公开，深入解读政策。\n市人社局牵头落实\n"
        "加强财政信息公开，由市财政局负责，按月公开收支情况。\n"
    )
    (doc,) = load_file(path)
    assert [(t.clause.form, t.clause.text, t.text) for t in doc.tasks] == [
        (
            "parenthetical",
            "市人社局牵头落实",
            "围绕就业创业政策，加强信息公开，深入解读政策。\n市人社局牵头落实",
        ),
        ("inline", "由市财政局负责", "加强财政信息公开，由市财政局负责，按月公开收支情况。"),
    ]


def test_a_deadline_field_on_the_next_line_stays_a_field_of_its_own(tmp_path: Path) -> None:
    """北京市政务公开工作重点任务分工(2016-2020年): `完成时限:` under `牵头单位:` is its own field, even
    where the text's wrap width would run the two lines together."""
    path = tmp_path / "plan.txt"
    item = (
        "1.积极推进本市行政程序立法进程,将公众参与、专家论证、风险评估、合法性审查、集体讨论决定确定为重大行政决策"
        "法定程序。决策前,应广泛征求公众意见,对决策的必要性、可行性等组织专家进行咨询论证,对决策的效果预期、"
        "资金使用、社会稳定、法律纠纷等进行风险评估,对决策的主体、程序、要件进行合法性审查。"
    )
    lines = [
        "北京市政务公开工作重点任务分工(2016-2020年)",
        "北京市政务公开领导小组",
        "2016年6月8日",
        "一、推进行政权力运行全流程公开",
        item,
        "牵头单位:市人大常委会法制办、市政府法制办",
        "完成时限:2018年底",
        "2.加大行政决策过程的公开力度,释疑解惑、凝聚共识。",
    ]
    path.write_text("\n".join(lines) + "\n")
    task = load_file(path)[0].tasks[0]
    assert [ref.mention for ref in task.clause.leads] == ["市人大常委会法制办", "市政府法制办"]
    assert task.deadline is not None and task.deadline.text == "2018年底"


def test_bad_files_are_reported_in_one_line_and_the_rest_still_run(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("推进标准化。(市场监管总局负责)", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = _extract(str(binary), str(empty), str(missing), str(good))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"policykg: {binary}: binary file",
        f"policykg: {empty}: empty file",
        f"policykg: {missing}: no such file",
    ]
    assert [r["clause"] for r in _rows(result.stdout)] == ["(市场监管总局负责)"]


def test_load_error_names_file_and_reason(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as err:
        load_file(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a directory"


def test_a_joint_issue_resolves_every_issuing_body() -> None:
    (doc,) = load_file(ROOT / "samples" / "gov-cn-guobanfa-1996-25.html")
    assert doc.issuer == "国务院办公厅、中央军委办公厅"
    assert [ref.mention for ref in doc.issuers] == ["国务院办公厅", "中央军委办公厅"]
    assert all(ref.kind == "agency" and ref.name for ref in doc.issuers)


def test_loading_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    """load_file is a pure function over text: the collector's state and pace are the caller's,
    also when the file cannot be loaded."""
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    before = (gc.isenabled(), gc.get_threshold())
    assert sum(len(doc.tasks) for doc in load_file(SEED)) > 0
    with pytest.raises(LoadError):
        load_file(empty)
    assert (gc.isenabled(), gc.get_threshold()) == before


def test_extract_gives_the_caller_its_collector_pace_back(tmp_path: Path) -> None:
    """`policykg extract` holds every file's rows, so it collects rarely while it loads; the
    caller's pace comes back afterwards, also after a file that cannot be loaded."""
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    before = gc.get_threshold()
    result = _extract(str(SEED), str(empty))
    assert result.exit_code == 1
    assert _rows(result.stdout)
    assert gc.get_threshold() == before


def test_each_row_of_a_task_table_is_a_task_with_its_own_deadline(tmp_path: Path) -> None:
    """A 分工表 row is one task: its text is the row, its clause the role cells, and its
    deadline the row's 完成时限 cell, not the row above's."""
    table = tmp_path / "fengong.txt"
    table.write_text(
        "重点任务分工表\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推进数字政府建设\t市大数据局\t市政府办公室、市财政局\t2023年底\n"
        "2\t优化营商环境\t市发展改革委\t市市场监管局\t持续推进\n",
        encoding="utf-8",
    )
    (doc,) = load_file(table)
    assert [(t.text.split("\t")[1], t.deadline and t.deadline.text) for t in doc.tasks] == [
        ("推进数字政府建设", "2023年底"),
        ("优化营商环境", "持续推进"),
    ]
    assert [([r.mention for r in t.clause.leads], [r.mention for r in t.clause.co]) for t in doc.tasks] == [
        (["市大数据局"], ["市政府办公室", "市财政局"]),
        (["市发展改革委"], ["市市场监管局"]),
    ]


@pytest.mark.parametrize(
    ("items", "tasks"),
    [
        # 工作要点 items are often only a title and a clause: the task is the item, not the
        # clause alone; a clause after running text still governs only that text
        (
            "1.推进数字政府建设。（市大数据局负责）\n"
            "2.优化营商环境。\n牵头单位：市发展改革委\n"
            "3.加强监管。完善信用监管机制，推进部门联合抽查。（市市场监管局牵头）\n",
            [
                "1.推进数字政府建设。（市大数据局负责）",
                "2.优化营商环境。\n牵头单位：市发展改革委",
                "完善信用监管机制，推进部门联合抽查。（市市场监管局牵头）",
            ],
        ),
        # a clause inside the title governs the whole item, not the section line above it
        # with the title, nor the title with the previous item's content
        (
            "1.推进数字政府建设（市大数据局牵头）。加快建设一体化平台。\n"
            "2.优化营商环境（市发展改革委牵头，市市场监管局配合）。深化改革。\n",
            [
                "1.推进数字政府建设（市大数据局牵头）。加快建设一体化平台。",
                "2.优化营商环境（市发展改革委牵头，市市场监管局配合）。深化改革。",
            ],
        ),
    ],
)
def test_a_numbered_item_and_its_clause_make_one_task(tmp_path: Path, items: str, tasks: list[str]) -> None:
    plan = tmp_path / "yaodian.txt"
    plan.write_text("一、重点任务\n" + items, encoding="utf-8")
    (doc,) = load_file(plan)
    assert [t.text for t in doc.tasks] == tasks
