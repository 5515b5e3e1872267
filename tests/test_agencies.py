"""The agency registry: aliases, reforms by date, generic and local bodies, unknown mentions."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.ingest import collect_files
from loaders.agencies import agencies, normalise, successions, surface_forms
from loaders.agency_report import unknown_report
from loaders.lineage import Lineage, lineage
from loaders.pipeline import load_file
from loaders.places import document_place, place_of
from loaders.records import Document
from policykg import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "hz-gaoxin-policy-brief-2021-10.txt"


@pytest.mark.parametrize(
    ("mentions", "agency_id", "name"),
    [
        (
            [
                "国家发展和改革委员会",
                "国家发展改革委",
                "发展改革委",
                "发改委",
                "中华人民共和国国家发展和改革委员会",
            ],
            "ndrc",
            "国家发展和改革委员会",
        ),
        (["工业和信息化部", "工信部", "中华人民共和国工业和信息化部"], "miit", "工业和信息化部"),
        (["国家市场监督管理总局", "市场监管总局"], "samr", "国家市场监督管理总局"),
        (["中央宣传部", "中宣部", "中共中央宣传部"], "cpc-publicity", "中共中央宣传部"),
        (["中央军委装备发展部", "军委装备发展部"], "cmc-equipment", "中央军委装备发展部"),
        (["全国总工会", "中华全国总工会"], "acftu", "中华全国总工会"),
        (["中科院", "中国科学院"], "cas", "中国科学院"),
    ],
)
def test_every_alias_lands_on_one_canonical_body(mentions: list[str], agency_id: str, name: str) -> None:
    refs = [normalise(m) for m in mentions]
    assert {(r.id, r.name, r.kind) for r in refs} == {(agency_id, name, "agency")}
    assert [r.mention for r in refs] == mentions


def test_mentions_as_written_tolerate_whitespace_full_width_and_deng() -> None:
    ref = normalise(" 国家卫生\n健康委 等")
    assert (ref.id, ref.mention) == ("nhc", " 国家卫生\n健康委 等")
    assert normalise("中共中央党校（国家行政学院）").id == "cpc-party-school"


def test_a_reformed_body_is_the_one_current_at_the_documents_date() -> None:
    in_2021 = normalise("银保监会", date(2021, 6, 1))
    assert (in_2021.id, in_2021.name) == ("cbirc", "中国银行保险监督管理委员会")
    assert normalise("金融监管总局", date(2023, 6, 1)).name == "国家金融监督管理总局"
    assert any(s.from_id == "cbirc" and s.to_id == "nfra" and s.year == 2023 for s in successions())


def test_a_reused_name_means_the_body_that_carried_it_then() -> None:
    assert normalise("交通部", date(2005, 1, 1)).id == "mot-old"
    assert normalise("交通部", date(2021, 1, 1)).id == "mot"
    assert normalise("广电总局", date(2010, 1, 1)).name == "国家广播电影电视总局"
    assert normalise("广电总局", date(2020, 1, 1)).name == "国家广播电视总局"


def test_2018_reform_merges_are_successions_into_market_regulation() -> None:
    into_samr = {s.from_id for s in successions() if s.to_id == "samr" and s.year == 2018}
    assert into_samr == {"saic", "aqsiq", "cfda"}
    assert normalise("国家工商总局", date(2016, 1, 1)).name == "国家工商行政管理总局"


@pytest.mark.parametrize(
    "mention",
    [
        "有关部门",
        "地方各级人民政府",
        "各省级人民政府",
        "各地区各部门",
        "中央军委有关部门",
        "相关部门",
        "各有关部门",
        "重点用能单位",
    ],
)
def test_generic_bodies_are_their_own_kind(mention: str) -> None:
    ref = normalise(mention)
    assert (ref.kind, ref.name, ref.id, ref.mention) == ("generic", None, None, mention)


def test_local_bodies_resolve_by_place_and_suffix_only() -> None:
    ref = normalise("浙江省科学技术厅")
    assert (ref.kind, ref.level, ref.name) == ("agency", "地方", "浙江省科学技术厅")
    assert ref.id == normalise(" 浙江省科学技术厅 ").id
    assert normalise("杭州高新区(滨江)经济和信息化局").level == "地方"
    assert normalise("火星省科技厅").kind == "unknown"


def test_relative_local_names_need_the_documents_place() -> None:
    assert normalise("区司法局").kind == "unknown"
    assert normalise("区司法局", place="济南市钢城区").name == "济南市钢城区司法局"
    assert normalise("商务厅", place=place_of("四川省发展和改革委员会")).name == "四川省商务厅"
    assert normalise("省发展改革委", place="济南市钢城区").kind == "unknown"


def test_a_bare_bureau_name_in_a_local_document_is_the_local_bureau() -> None:
    assert normalise("能源局", place="广东省").name == "广东省能源局"
    assert normalise("能源局").name == "国家能源局"
    assert normalise("国家能源局", place="广东省").id == "nea"
    assert normalise("税务总局", place="广东省").id == "sta"
    assert normalise("科技部", place="广东省").id == "most"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("政务和数据局", "广东省政务和数据局"),
        ("市场监管局", "广东省市场监督管理局"),
        ("省委宣传部", "广东省委宣传部"),
        ("省海洋综合执法总队", "广东省海洋综合执法总队"),
        ("中国证监会广东监管局", "中国证监会广东监管局"),
    ],
)
def test_a_provincial_work_plan_names_its_own_bodies(mention: str, name: str) -> None:
    ref = normalise(mention, date(2025, 3, 1), place="广东省")
    assert (ref.kind, ref.level, ref.name) == ("agency", "地方", name)


def test_a_national_bodys_local_branch_is_local_without_a_place() -> None:
    ref = normalise("人民银行广东省分行")
    assert (ref.kind, ref.level) == ("agency", "地方")


def test_unknown_mentions_are_kept_not_guessed() -> None:
    ref = normalise("星际资源开发委员会")
    assert (ref.kind, ref.name, ref.id, ref.mention) == ("unknown", None, None, "星际资源开发委员会")


def test_registry_is_broad_and_consistent() -> None:
    entries = agencies()
    assert len(entries) > 250
    assert len({a.id for a in entries}) == len(entries)
    assert all(a.id.isascii() for a in entries)
    forms = surface_forms()
    assert {"发改委", "中央网信办", "最高人民检察院", "国家数据局"} <= set(forms)
    assert len(forms[0]) >= len(forms[-1])


def test_the_state_council_has_its_26_constituent_departments_in_2024() -> None:
    current = [a for a in agencies() if a.level == "部委" and a.current_on(date(2024, 1, 1))]
    assert len(current) == 26
    data_bureau = next(a for a in agencies() if a.id == "nda")
    assert data_bureau.current_on(date(2024, 1, 1)) and not data_bureau.current_on(date(2022, 1, 1))


def test_document_place_comes_from_issuer_title_or_signature() -> None:
    assert document_place("四川省“十四五”现代流通体系建设实施方案", None) == "四川省"
    assert (
        document_place("分工方案", None, "正文\n济南市钢城区人民政府办公室\n2021年4月10日") == "济南市钢城区"
    )
    assert document_place("国务院关于…的通知", "国务院") is None


def test_a_provincial_plan_without_issuer_takes_the_province_its_title_names() -> None:
    assert document_place("数字广东建设2025年工作要点", None) == "广东省"
    assert document_place("2025年美丽浙江建设工作要点", None) == "浙江省"
    assert document_place("国务院关于支持广东横琴粤澳深度合作区发展的意见", None) is None
    assert document_place("推动广东和广西协同发展行动计划", None) is None
    assert document_place("健康中国行动", None) is None
    assert document_place("2024年杭州市政府工作报告重点工作任务分解方案", None) == "杭州市"
    assert document_place("二〇二三年杭州市工作要点", None) == "杭州市"


def test_a_national_bodys_regional_office_is_a_local_body() -> None:
    """海关总署广东分署 (2024) beside 中国证监会广东监管局: a national body's office for a place."""
    for mention in ("海关总署广东分署", "中国证监会广东监管局", "国家税务总局广东省税务局"):
        ref = normalise(mention, place="广东省")
        assert (ref.name, ref.kind) == (mention, "agency")


def test_a_place_written_short_names_relative_bodies_in_full() -> None:
    place = place_of("湖北数字经济发展规划")
    assert place == "湖北省"
    assert normalise("省科技厅", place=place).name == "湖北省科学技术厅"
    assert place_of("广西数字经济发展规划") == "广西壮族自治区"


def test_bare_bodies_of_a_provincial_plan_are_the_provinces_not_the_nations(tmp_path: Path) -> None:
    """省 is written once for a run of provincial bodies (数字广东建设2025年工作要点): with the
    place taken from the title, 统计局 and 医保局 are 广东省's, not 国家统计局 and 国家医疗保障局."""
    text = (
        "数字广东建设2025年工作要点\n"
        "28.构建经济治理数字化新模式。（省发展改革委、财政厅、政务和数据局、统计局按职责分工负责）\n"
        "41.医疗服务数字化。（省卫生健康委、医保局按职责分工负责）\n"
    )
    plan = tmp_path / "plan.txt"
    plan.write_text(text, encoding="utf-8")
    (doc,) = load_file(plan)
    names = [ref.name for task in doc.tasks for ref in task.clause.co]
    assert names == [
        "广东省发展和改革委员会",
        "广东省财政厅",
        "广东省政务和数据局",
        "广东省统计局",
        "广东省卫生健康委员会",
        "广东省医疗保障局",
    ]


@pytest.fixture(scope="module")
def sample_documents() -> dict[str, list[Document]]:
    """Every bundled sample, loaded once through the real pipeline."""
    files, _ = collect_files([SAMPLES])
    return {file.name: load_file(file) for file in files}


def test_seed_compilation_has_no_unknown_mentions(sample_documents: dict[str, list[Document]]) -> None:
    report = unknown_report(sample_documents[SEED.name])
    assert report.specific > 150
    assert report.mentions == ()


def test_every_sample_mention_resolves_given_its_documents_date_and_place(
    sample_documents: dict[str, list[Document]],
) -> None:
    unresolved = [
        (doc.source_file, ref.mention)
        for docs in sample_documents.values()
        for doc in docs
        for task in doc.tasks
        for refs in task.clause.by_role().values()
        for ref in refs
        if normalise(ref.mention, doc.published, document_place(doc.title, doc.issuer, doc.text)).kind
        == "unknown"
    ]
    assert len(sample_documents) >= 5
    assert unresolved == []


def test_cli_lists_unknown_mentions_with_counts_and_example(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "关于推进星际治理的通知\n一、加强协同。推进联合治理(星际资源开发委员会、国家发展改革委按职责分工负责)。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["agencies", "unknown", str(doc), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["unknown"][0]["mention"] == "星际资源开发委员会"
    assert report["unknown"][0]["count"] == 1
    assert "星际资源开发委员会" in report["unknown"][0]["example"]
    assert report["specific_mentions"] == 2


@pytest.mark.parametrize(
    ("mention", "agency_id"),
    [
        ("侨办", "sc-overseas-chinese"),
        ("人行", "pboc"),
        ("台办", "cpc-taiwan"),
        ("新闻办", "sc-information"),
        ("国研室", "sc-research"),
        ("档案局", "saac"),
        ("公务员局", "scs"),
        ("铁路局", "nra"),
        ("保密局", "cpc-confidentiality"),
        ("南水北调办", "sc-south-north-water"),
        ("数据局", "nda"),
        ("国家自然科学基金会", "nsfc"),
        ("中央军委后勤保障部卫生局", "cmc-logistic-health"),
    ],
)
def test_short_names_of_state_council_texts_resolve(mention: str, agency_id: str) -> None:
    ref = normalise(mention, date(2016, 3, 29))
    assert (ref.id, ref.kind) == (agency_id, "agency")


@pytest.mark.parametrize(
    "names",
    [
        ["中央网信办", "网信办", "国家网信办", "国家互联网信息办公室", "中央网络安全和信息化委员会办公室"],
        ["中央台办", "国台办", "国务院台办", "国务院台湾事务办公室", "中共中央台湾工作办公室"],
        ["中央保密办", "国家保密局", "中央保密委员会办公室"],
        ["国家密码管理局", "国家密码局", "中央密码工作领导小组办公室"],
    ],
)
def test_one_office_with_two_names_is_one_agency(names: list[str]) -> None:
    """一个机构两块牌子: the party office and the state office are one body, whichever name is used."""
    assert len({normalise(name).id for name in names}) == 1


def test_bodies_merged_into_party_departments_in_2018_have_successors() -> None:
    steps = {(s.from_id, s.to_id, s.year) for s in successions()}
    assert {
        ("sfec", "most", 2018),
        ("sfec", "mohrss", 2023),
        ("sc-overseas-chinese", "cpc-united-front", 2018),
        ("scs", "cpc-organization", 2018),
        ("sara", "cpc-united-front", 2018),
    } <= steps


@pytest.mark.parametrize(
    ("place", "mentions", "name"),
    [
        (
            "石家庄市",
            ["市发改委", "市发展改革委", "市发展和改革委员会", "发改委"],
            "石家庄市发展和改革委员会",
        ),
        (
            "石家庄市",
            ["市人社局", "市人力资源社会保障局", "市人力资源和社会保障局", "市人力社保局"],
            "石家庄市人力资源和社会保障局",
        ),
        (
            "成都市",
            ["市发改委", "市发展改革委", "成都市发展和改革委员会", "成都发改委"],
            "成都市发展和改革委员会",
        ),
        (
            "河北省",
            ["省发改委", "省发展改革委", "省发展和改革委员会", "河北省发改委"],
            "河北省发展和改革委员会",
        ),
        ("苍南县", ["县发改局", "县发展和改革局", "县发展改革局"], "苍南县发展和改革局"),
        ("武汉市", ["市政府", "市人民政府", "武汉市人民政府"], "武汉市人民政府"),
        ("武汉市", ["市人民政府金融办", "市政府金融办", "市金融办"], "武汉市金融工作办公室"),
        ("广东省", ["医保局", "省医保局", "省医疗保障局"], "广东省医疗保障局"),
    ],
)
def test_one_local_body_is_one_node_whatever_the_spelling(place: str, mentions: list[str], name: str) -> None:
    """A body is named by its place and its standard name (data: [local] functions), and the
    mention as written is kept."""
    refs = [normalise(m, place=place) for m in mentions]
    assert {(r.name, r.kind, r.level) for r in refs} == {(name, "agency", "地方")}
    assert len({r.id for r in refs}) == 1
    assert [r.mention for r in refs] == mentions


def test_local_bodies_of_other_names_or_places_stay_apart() -> None:
    def one(mention: str, place: str) -> str | None:
        return normalise(mention, place=place).id

    assert one("市教育局", "石家庄市") != one("市教委", "石家庄市")
    assert one("县发改局", "苍南县") != one("县发改委", "苍南县")
    assert one("县财政局", "苍南县") != one("县财政局", "岱山县")
    assert one("省工商局", "山东省") != one("省工商局", "湖北省")
    assert one("市文旅局", "武汉市") != one("市文广旅局", "武汉市")
    assert one("市工商局", "武汉市") != one("市市场监管局", "武汉市")


def test_names_of_vertical_bodies_with_a_short_place_stay_as_written() -> None:
    """Only standard government bodies are renamed; 重庆海关 or 湖北银保监局 keep their names."""
    assert normalise("重庆海关").name == "重庆海关"
    assert normalise("湖北银保监局").name == "湖北银保监局"


@pytest.mark.parametrize(
    "mention",
    [
        "此项工作由市环保局",
        "此项工作由市发展改革委",
        "此项工作由武汉市环保局",
        "武汉市此项工作由市环保局",
        "联席会议由市场监管总局",
        "联席会议由市场监管局",
        "市财政、国税、地税局",
        "市财政,环保局",
    ],
)
def test_text_before_a_body_that_is_no_place_makes_no_agency(mention: str) -> None:
    """Sentence debris (此项工作由…) and lists sharing one suffix are never one local body."""
    ref = normalise(mention, place="武汉市")
    assert (ref.kind, ref.name, ref.id, ref.mention) == ("unknown", None, None, mention)


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("城市管理局", "武汉市城市管理局"),
        ("团市委", "武汉市团市委"),
        ("市委统战部", "武汉市委统战部"),
        ("高新区发改局", "武汉市高新区发改局"),
        ("农业农村和水利局", "武汉市农业农村和水利局"),
    ],
)
def test_real_bodies_holding_level_words_or_other_names_still_resolve(mention: str, name: str) -> None:
    assert normalise(mention, place="武汉市").name == name


def test_lineage_follows_reforms_over_more_than_one_step() -> None:
    nfra = lineage(normalise("国家金融监督管理总局"))
    assert {"cbirc", "cbrc", "circ"} <= set(nfra.predecessors)
    assert lineage(normalise("银监会")).successors == ("cbirc", "nfra")
    assert lineage(normalise("教育部")) == Lineage((), ())


def test_local_lineage_is_the_places_bodies_under_their_old_names() -> None:
    """A city's 市场监督管理局 took over its own 工商局, 质监局 and 食药监局, not another city's."""
    samr = lineage(normalise("市市场监管局", place="武汉市"))
    predecessors = {normalise(m, place="武汉市").id for m in ("市工商局", "市质监局", "市食药监局")}
    assert predecessors <= set(samr.predecessors)
    assert normalise("市工商局", place="长沙市").id not in samr.predecessors
    old = lineage(normalise("市农委", place="武汉市"))
    assert normalise("市农业农村局", place="武汉市").id in old.successors
    assert lineage(normalise("市司法局", place="武汉市")) == Lineage((), ())
