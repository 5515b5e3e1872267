"""Tasks across 机构改革: a body's tasks and profile reach back to the bodies it took over.

Four small documents, national and of one city, file tasks under bodies before and after the
2018 reforms (国土资源部 → 自然资源部, 银监会 → 银保监会 → 国家金融监督管理总局, 石家庄市工商局 →
石家庄市市场监督管理局), read by the real pipeline into the real store of each backend.
"""

from __future__ import annotations

import json

import pytest

from graph.ingest import ingest_paths
from queries import canned
from tests.cli_support import invoke
from tests.conftest import BACKENDS
from tests.test_ui_app import open_page

REFORM_DOCUMENTS = {
    "guowuyuan-2016.txt": (
        "国务院关于落实2016年重点工作部门分工的意见\n"
        "一、重点任务\n"
        "（一）推进不动产统一登记。（国土资源部牵头，住房城乡建设部参与）\n"
        "（二）防范银行业风险。（银监会负责）\n"
        "国务院\n2016年3月29日\n"
    ),
    "guowuyuan-2020.txt": (
        "国务院关于落实2020年重点工作部门分工的意见\n"
        "一、重点任务\n"
        "（一）建立国土空间规划体系。（自然资源部牵头）\n"
        "国务院\n2020年4月1日\n"
    ),
    "shijiazhuang-2016.txt": (
        "石家庄市人民政府关于规范市场秩序的实施意见\n"
        "一、重点任务\n"
        "（一）整顿市场秩序。（市工商局牵头，市发改委配合）\n"
        "石家庄市人民政府\n2016年5月1日\n"
    ),
    "shijiazhuang-2020.txt": (
        "石家庄市人民政府关于优化营商环境的实施意见\n"
        "一、重点任务\n"
        "（一）推进信用监管。（市市场监管局牵头，市发展和改革委员会配合）\n"
        "石家庄市人民政府\n2020年5月1日\n"
    ),
}


@pytest.fixture(scope="module", params=BACKENDS)
def reform_store(request, tmp_path_factory):
    """Tasks filed under bodies before and after the 2018 reforms, national and in one city."""
    folder = tmp_path_factory.mktemp("reform")
    for name, text in REFORM_DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = request.getfixturevalue(f"store_factory_{request.param}")(folder / "db")
    ingest_paths(store, [folder])
    yield store
    store.close()


def _held(rows):
    return [(r.published[:4], r.role, r.agency, r.mention) for r in rows]


def test_a_successors_tasks_include_its_predecessors_as_written(reform_store):
    """A researcher asking for 自然资源部 also gets what 国土资源部 was assigned, named as it was."""
    assert _held(canned.agency_tasks(reform_store, "自然资源部", predecessors=True)) == [
        ("2016", "leads", "国土资源部", "国土资源部"),
        ("2020", "leads", "自然资源部", "自然资源部"),
    ]
    only_own = canned.agency_tasks(reform_store, "自然资源部")
    assert _held(only_own) == [("2020", "leads", "自然资源部", "自然资源部")]
    two_steps_back = canned.agency_tasks(reform_store, "国家金融监督管理总局", predecessors=True)
    assert _held(two_steps_back) == [("2016", "sole", "中国银行业监督管理委员会", "银监会")]


def test_a_local_bodys_tasks_include_its_predecessor_of_the_same_place(reform_store):
    assert _held(canned.agency_tasks(reform_store, "石家庄市市场监督管理局", predecessors=True)) == [
        ("2016", "leads", "石家庄市工商行政管理局", "市工商局"),
        ("2020", "leads", "石家庄市市场监督管理局", "市市场监管局"),
    ]
    assert _held(canned.agency_tasks(reform_store, "石家庄市发展和改革委员会")) == [
        ("2016", "co", "石家庄市发展和改革委员会", "市发改委"),
        ("2020", "co", "石家庄市发展和改革委员会", "市发展和改革委员会"),
    ]


def test_profile_lists_the_whole_chain_of_predecessors_with_their_tasks(reform_store):
    [nfra] = canned.agency_profile(reform_store, "金融监管总局")
    assert nfra.predecessors == [
        "中国银行保险监督管理委员会",
        "中国银行业监督管理委员会",
        "中国保险监督管理委员会",
    ]
    assert nfra.predecessor_tasks == {
        "中国银行保险监督管理委员会": 0,
        "中国银行业监督管理委员会": 1,
        "中国保险监督管理委员会": 0,
    }
    [mnr] = canned.agency_profile(reform_store, "自然资源部")
    assert mnr.predecessor_tasks["国土资源部"] == 1 and mnr.leads == 1
    [samr] = canned.agency_profile(reform_store, "石家庄市市场监管局")
    assert (samr.predecessors, samr.predecessor_tasks) == (
        ["石家庄市工商行政管理局"],
        {"石家庄市工商行政管理局": 1},
    )
    [saic] = canned.agency_profile(reform_store, "石家庄市工商行政管理局")
    assert saic.successors == ["石家庄市市场监督管理局"]


def test_ask_agency_tasks_with_or_without_predecessors(reform_store):
    own = invoke(reform_store, "ask", "agency-tasks", "--param", "agency=自然资源部", "--format", "json")
    assert [r["agency"] for r in json.loads(own.output)] == ["自然资源部"]
    rows = json.loads(
        invoke(
            reform_store,
            "ask",
            "agency-tasks",
            "--param",
            "agency=自然资源部",
            "--param",
            "predecessors=true",
            "--format",
            "json",
        ).output
    )
    assert [(r["agency"], r["mention"]) for r in rows] == [
        ("国土资源部", "国土资源部"),
        ("自然资源部", "自然资源部"),
    ]


def test_profile_page_shows_predecessors_with_their_tasks_and_who_held_each(reform_store):
    at = open_page(reform_store, "agency.py")
    at.text_input[0].input("自然资源部").run()
    assert not at.exception, at.exception
    assert any("国土资源部 (tasks: 1)" in m.value for m in at.markdown)
    assert any("predecessors" in c.value for c in at.caption)
    assert list(at.dataframe[0].value["agency"]) == ["国土资源部", "自然资源部"]
