"""The clause grammar: every assignment shape the issue names, the gold clauses, and properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.agencies import surface_forms
from loaders.clause_grammar import mentions_of, split_agents
from loaders.clauses import RawClause, find_clauses

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "tests" / "gold" / "seed-clauses.jsonl"  # a copy of ../shared/gold
LOCAL_GOLD = ROOT / "tests" / "gold" / "extra-clauses.jsonl"
FULL_TO_HALF = str.maketrans("（），；：", "(),;:")


def _gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def roles(clause: RawClause) -> tuple[list[str], list[str], list[str]]:
    return list(clause.leads), list(clause.co), list(clause.sole)


def only(text: str) -> RawClause:
    found = find_clauses(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("gold", _gold(SEED_GOLD) + _gold(LOCAL_GOLD), ids=lambda g: g["clause"][:24])
def test_every_gold_clause_parses_to_its_roles(gold: dict) -> None:
    clause = only(gold["clause"])
    assert clause.text == gold["clause"]
    assert clause.form == "parenthetical"
    assert roles(clause) == (gold["leads"], gold["co"], gold["sole"])


VARIANTS = [
    # the core shapes, full- and half-width
    ("（甲部牵头，乙局、丙委等按职责分工负责）", ["甲部"], ["乙局", "丙委"], []),
    ("(甲部、乙局等按职责分工负责)", [], ["甲部", "乙局"], []),
    ("（甲部负责）", [], [], ["甲部"]),
    ("（甲部、乙局分别牵头）", ["甲部", "乙局"], [], []),
    ("（甲部会同乙局负责）", ["甲部"], ["乙局"], []),
    ("（甲部牵头，乙局配合）", ["甲部"], ["乙局"], []),
    ("(甲部与乙局按职责分工负责)", [], ["甲部", "乙局"], []),
    ("（甲部负责，乙局、丙委参与）", ["甲部"], ["乙局", "丙委"], []),
    (
        "（甲部、乙局牵头，市级各有关部门及各县市区政府按职责分工负责）",
        ["甲部", "乙局"],
        ["市级各有关部门", "各县市区政府"],
        [],
    ),
    ("（甲部为牵头单位）", ["甲部"], [], []),
    ("（甲部牵头负责，2022年底前完成）", ["甲部"], [], []),
    # a single agency with 等 is co-responsible, not sole
    ("（甲部等按职责分工负责）", [], ["甲部"], []),
    ("（甲部等有关部门负责）", [], ["甲部"], []),
    # generic bodies kept; 中央军委有关部门 and 各省、自治区、直辖市人民政府 kept whole
    (
        "（甲部牵头，有关部门与地方各级人民政府按职责分工负责）",
        ["甲部"],
        ["有关部门", "地方各级人民政府"],
        [],
    ),
    ("（各地区各部门负责）", [], [], ["各地区各部门"]),
    ("（甲部、中央军委有关部门按职责分工负责）", [], ["甲部", "中央军委有关部门"], []),
    ("（甲部牵头，各省、自治区、直辖市人民政府负责落实）", ["甲部"], ["各省、自治区、直辖市人民政府"], []),
    # verb phrases: a lead verb anywhere leads (负责牵头, 牵头抓总, 主抓, 统筹), a helping verb
    # anywhere helps (配合做好), 推进 alone is 负责-type
    ("（甲部负责牵头，乙局配合做好）", ["甲部"], ["乙局"], []),
    ("（甲部牵头抓总，各区政府负责落实）", ["甲部"], ["各区政府"], []),
    ("（甲部主抓，乙局协同推进）", ["甲部"], ["乙局"], []),
    ("（甲部统筹，各区落实）", ["甲部"], ["各区"], []),
    ("（甲部、乙局共同推进）", [], ["甲部", "乙局"], []),
    ("（甲部牵头，乙局配合，各区负责具体落实）", ["甲部"], ["各区", "乙局"], []),
    ("（各地负责抓好落实）", [], [], ["各地"]),
    ("（甲部负责统筹协调）", ["甲部"], [], []),
    # a guiding body (指导, 督导) helps the one responsible
    ("（甲部负责，乙局指导）", ["甲部"], ["乙局"], []),
    ("（各区政府负责，甲部、乙局按职责分工督导）", ["各区政府"], ["甲部", "乙局"], []),
    # bodies told to carry a task out (实施, 落实) beside those responsible for it
    ("（由甲局牵头，各区政府具体实施）", ["甲局"], ["各区政府"], []),
    (
        "（甲部、乙局按职责分工负责，各地级以上市人民政府结合实际落实）",
        [],
        ["甲部", "乙局", "各地级以上市人民政府"],
        [],
    ),
    # names with 和 are not split; lists joined by 和 are
    ("（工业和信息化部、文化和旅游部负责）", [], ["工业和信息化部", "文化和旅游部"], []),
    # most of the list names bodies: one name without a body word does not void the clause
    ("（甲部、乙局、丙委、中国铁建等按职责分工负责）", [], ["甲部", "乙局", "丙委", "中国铁建"], []),
    ("（财政部和税务总局按职责分工负责）", [], ["财政部", "税务总局"], []),
    # 等…部门和单位 restates the list (国办发〔2022〕30号); a city's companies by short name (杭州 AIOPC)
    (
        "（国家发展改革委、国家电网有限公司等相关部门和单位及各地区按职责分工负责）",
        [],
        ["国家发展改革委", "国家电网有限公司", "各地区"],
        [],
    ),
    (
        "（责任单位：市国资委、市财政局，杭州资本、市金融投资集团）",
        [],
        ["市国资委", "市财政局", "杭州资本", "市金融投资集团"],
        [],
    ),
    ("（牵头单位：杭州资本；责任单位：市财政局）", ["杭州资本"], ["市财政局"], []),
    # levels inside one name (六盘水: 各县、特区、区人民政府; 嘉兴: 各县市、区政府)
    (
        "（牵头单位：市人社局；责任单位：各县、特区、区人民政府）",
        ["市人社局"],
        ["各县、特区、区人民政府"],
        [],
    ),
    ("（协助单位：市财政局；牵头单位：市规划局）", ["市规划局"], ["市财政局"], []),
    # a count after 等 (等14部门), and the work handed over before 由 (武汉 两型社会 实施方案)
    (
        "（生态环境部、国家发展改革委、科技部等14部门按照职责分工负责）",
        [],
        ["生态环境部", "国家发展改革委", "科技部"],
        [],
    ),
    ("（此项工作由市环保局牵头）", ["市环保局"], [], []),
    ("（该项工作由市商务局牵头，市财政局配合）", ["市商务局"], ["市财政局"], []),
    # a tail after 负责 makes the first-listed agency the lead of this clause
    ("（甲部、乙局负责，排在第一位的部门为牵头部门，下同）", ["甲部"], ["乙局"], []),
    # the lead named again after the whole list (其中 A 牵头) leads and is not also co-responsible
    ("（乙局、甲部按职责分工负责，其中甲部牵头）", ["甲部"], ["乙局"], []),
    ("（甲部、乙局负责，甲部牵头）", ["甲部"], ["乙局"], []),
    # labelled forms, with other fields after the label
    ("（责任单位：甲部、乙局）", [], ["甲部", "乙局"], []),
    ("（责任单位：甲部；完成时限：2022年底前）", [], [], ["甲部"]),
    ("（牵头单位：甲部；配合单位：乙局、丙委）", ["甲部"], ["乙局", "丙委"], []),
    ("（牵头单位：甲部，责任单位：乙局，完成时限：2023年6月）", ["甲部"], ["乙局"], []),
    ("〔责任单位：甲部牵头，乙局配合〕", ["甲部"], ["乙局"], []),
    ("【牵头部门：甲部】", ["甲部"], [], []),
    ("（责任主体：甲部、乙局）", [], ["甲部", "乙局"], []),
    ("（牵头：甲部；配合：乙局、丙委）", ["甲部"], ["乙局", "丙委"], []),
    # 会同 (A with B's help) under a label, and after the clause's lead
    ("（牵头单位：甲部会同乙局）", ["甲部"], ["乙局"], []),
    ("（甲部、乙局牵头，会同各区政府落实）", ["甲部", "乙局"], ["各区政府"], []),
    # a lead marked inside the list; the mark is not part of the name
    ("（责任单位：甲部（牵头）、乙局）", ["甲部"], ["乙局"], []),
    ("（甲部〔牵头单位〕、乙局等按职责分工负责）", ["甲部"], ["乙局"], []),
    ("（责任单位：甲部（牵头）、乙局，丙委（配合））", ["甲部"], ["乙局", "丙委"], []),
    # names after a ； still belong to the label's list; 各有关区、县级市政府 is one body
    ("（责任单位：市公安局、市司法局等；各区政府）", [], ["市公安局", "市司法局", "各区政府"], []),
    (
        "（牵头单位：甲部，配合单位：乙局，各有关区、县级市政府）",
        ["甲部"],
        ["乙局", "各有关区、县级市政府"],
        [],
    ),
    # bodies named by endings beyond 部/局/委: customs houses, universities, joint conferences
    (
        "（杭州市商务局牵头，杭州海关、杭州市交通运输局配合）",
        ["杭州市商务局"],
        ["杭州海关", "杭州市交通运输局"],
        [],
    ),
    ("（南京海关、上海海关负责）", [], ["南京海关", "上海海关"], []),
    (
        "（甲部、浙江大学、省知识产权联席会议按职责分工负责）",
        [],
        ["甲部", "浙江大学", "省知识产权联席会议"],
        [],
    ),
    # a role word inside a name ending in a label is no verb
    (
        "（牵头单位：甲部，配合单位：各项目牵头单位，各区、县级市）",
        ["甲部"],
        ["各项目牵头单位", "各区、县级市"],
        [],
    ),
    ("（主要责任单位：甲部；其他责任单位：乙局、丙委）", ["甲部"], ["乙局", "丙委"], []),
    # notes inside a list: what it will not list again (宿迁), what a body covers (武汉), a star (苍南)
    (
        "（责任单位：市数据局，各县区人民政府、市各功能区管委会，以下均涉及各县区、功能区，不再重复列出）",
        [],
        ["市数据局", "各县区人民政府", "市各功能区管委会"],
        [],
    ),
    (
        "（责任单位：市数据局、各区人民政府〈含开发区、长江新区、风景区管委会，下同〉）",
        [],
        ["市数据局", "各区人民政府"],
        [],
    ),
    ("（责任单位：*县大数据中心、县投促中心）", [], ["县大数据中心", "县投促中心"], []),
    # 牵头 with the work it leads (包头 数字政府 考评: 牵头考核单位), a deadline before the label
    ("（6月底完成，牵头考核单位：市政府办公室、市公安局）", ["市政府办公室", "市公安局"], [], []),
    ("（牵头落实单位：市商务局；配合单位：市财政局）", ["市商务局"], ["市财政局"], []),
    # a wide gap (kept by cleaning as one ideographic space) separates names like 、
    ("（责任单位：市场监管局\u3000公安局\u3000税务局）", [], ["市场监管局", "公安局", "税务局"], []),
]


@pytest.mark.parametrize(("text", "leads", "co", "sole"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_variant(text: str, leads: list[str], co: list[str], sole: list[str]) -> None:
    clause = only(text)
    assert (clause.text, clause.form) == (text, "parenthetical")
    assert roles(clause) == (leads, co, sole)


@pytest.mark.parametrize(
    "text",
    [
        "各地要遏制(以下称“两高”项目)盲目发展。",
        "推广政府和社会资本合作(PPP)模式。",
        "(一)加强组织领导。(2021—2035年)",
        "国发〔2021〕20号",
        "(包括责任人灭失、自然灾害造成等)",
        "（在全社会共同参与）",
        "（2023年底前实施）",
        "（加强协调、甲部负责）",
        "（年内持续推进）",
        "（明确由谁牵头：各地要加强领导）",
        "（统筹推进）",
        "（持续落实）",
    ],
)
def test_brackets_that_assign_nothing_are_not_clauses(text: str) -> None:
    assert [c for c in find_clauses(text) if c.form == "parenthetical"] == []


def test_clause_offsets_index_the_document_text() -> None:
    text = (
        "一、总体要求\n（一）加强保护。完善制度。（甲部牵头，乙局等按职责分工负责）\n"
        "（二）强化运用。（丙委负责）"
    )
    found = find_clauses(text)
    assert [c.text for c in found] == ["（甲部牵头，乙局等按职责分工负责）", "（丙委负责）"]
    assert all(text[c.start : c.end] == c.text for c in found)


def test_carried_convention_makes_every_later_first_agency_lead() -> None:
    text = (
        "任务一。（甲部、乙局负责，排在第一位的部门为牵头部门，下同）"
        "任务二。（丙委、丁办负责）任务三。（戊署负责）"
    )
    assert [roles(c) for c in find_clauses(text)] == [
        (["甲部"], ["乙局"], []),
        (["丙委"], ["丁办"], []),
        ([], [], ["戊署"]),  # one body named alone stays solely responsible
    ]


def test_clause_tail_without_carry_applies_to_its_clause_only() -> None:
    text = "任务一。（甲部、乙局负责，列第一位者为牵头单位）任务二。（丙委、丁办负责）"
    assert [roles(c) for c in find_clauses(text)] == [(["甲部"], ["乙局"], []), ([], ["丙委", "丁办"], [])]


def test_document_level_convention_covers_later_clauses_not_earlier() -> None:
    text = (
        "前言。（甲部、乙局负责）\n各项任务中列第一位者为牵头单位。\n任务一。（丙委、丁办等按职责分工负责）"
    )
    assert [roles(c) for c in find_clauses(text)] == [([], ["甲部", "乙局"], []), (["丙委"], ["丁办"], [])]


def test_bracketed_convention_note_is_not_a_clause_but_covers_later_ones() -> None:
    text = "分工如下（列第一位者为牵头单位，其他单位按职责分工负责）：\n1.推进改革。（甲部、乙局负责）"
    assert [(c.text, *roles(c)) for c in find_clauses(text)] == [
        ("（甲部、乙局负责）", ["甲部"], ["乙局"], [])
    ]


def test_explicit_lead_is_not_overridden_by_convention() -> None:
    text = "列第一位者为牵头单位。任务。（乙局、丙委等按职责分工负责，甲部牵头）"
    assert roles(only_parenthetical(text)) == (["甲部"], ["乙局", "丙委"], [])


def only_parenthetical(text: str) -> RawClause:
    found = [c for c in find_clauses(text) if c.form == "parenthetical"]
    assert len(found) == 1, found
    return found[0]


def test_labels_on_separate_lines_form_one_clause() -> None:
    text = "1.地区生产总值增长6%。\n\n牵头单位:区发改局\n\n责任单位:开发区,各街道\n\n2.其他指标。"
    clause = only(text)
    assert (clause.text, *roles(clause)) == (
        "牵头单位:区发改局\n\n责任单位:开发区,各街道",
        ["区发改局"],
        ["开发区", "各街道"],
        [],
    )


def test_labelled_fields_outside_brackets_form_one_clause() -> None:
    text = "1.推进改革。牵头单位：甲部；配合单位：乙局、丙委。\n2.加强监管。责任单位：丁办"
    found = find_clauses(text)
    assert [(c.text, c.form) for c in found] == [
        ("牵头单位：甲部；配合单位：乙局、丙委", "parenthetical"),
        ("责任单位：丁办", "parenthetical"),
    ]
    assert [roles(c) for c in found] == [(["甲部"], ["乙局", "丙委"], []), ([], [], ["丁办"])]


def test_a_task_table_row_is_one_clause_over_its_role_cells() -> None:
    text = (
        "重点任务分工\n"
        "序号\t任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推进改革\t甲部\t乙局、丙委\t2022年底\n"
        "2\t加强监管\t丁办\t\t长期坚持\n"
        "注：以上为分工。"
    )
    found = find_clauses(text)
    assert [(c.text, c.form) for c in found] == [
        ("甲部\t乙局、丙委", "parenthetical"),
        ("丁办", "parenthetical"),
    ]
    assert [roles(c) for c in found] == [(["甲部"], ["乙局", "丙委"], []), (["丁办"], [], [])]
    assert all(text[c.start : c.end] == c.text for c in found)


def test_a_deadline_field_after_the_role_fields_belongs_to_the_clause() -> None:
    text = "1.推进改革。\n责任单位：甲部、乙局\n完成时限：2023年底\n2.加强监管。\n牵头单位：丙委\n3.下一项。"
    assert [c.text for c in find_clauses(text)] == [
        "责任单位：甲部、乙局\n完成时限：2023年底",
        "牵头单位：丙委",
    ]


def test_labels_in_lenticular_brackets_read_like_colon_labels() -> None:
    """【牵头单位】甲部【配合单位】乙局, as some 工作要点 head their fields; the clause spans the
    brackets, and a role label written right after a value still ends it."""
    text = "1.推进改革。【牵头单位】甲部【配合单位】乙局、丙委\n2.加强监管。牵头单位：丁办配合单位：戊局\n"
    found = find_clauses(text)
    assert [c.text for c in found] == [
        "【牵头单位】甲部【配合单位】乙局、丙委",
        "牵头单位：丁办配合单位：戊局",
    ]
    assert [roles(c) for c in found] == [(["甲部"], ["乙局", "丙委"], []), (["丁办"], ["戊局"], [])]
    assert find_clauses("（一）总体要求【重点任务】\n") == []


def test_a_lead_marked_in_a_responsibility_line_or_cell_leads() -> None:
    """责任单位：省发展改革委（牵头）、省财政厅, as provincial 分工方案 write it, on its own line or
    in a task table's responsibility column."""
    line = "1.推进改革。\n责任单位：甲部（牵头），乙局、丙委\n"
    table = "序号\t任务\t责任单位\t完成时限\n1\t推进改革\t甲部（牵头）、乙局\t2022年底\n"
    assert [roles(c) for c in find_clauses(line)] == [(["甲部"], ["乙局", "丙委"], [])]
    assert [roles(c) for c in find_clauses(table)] == [(["甲部"], ["乙局"], [])]


def test_header_cells_set_over_two_lines_or_naming_alternatives_are_role_headers() -> None:
    """绿化 任务分解 (2010): `责任单位 或牵头单位` heads the leads, `协助 单位` the helpers."""
    text = (
        "任务\t责任单位 或牵头单位\t协助 单位\t完成 期限\n"
        "城市大环境绿化\t市规划局\t市国土资源局\t2010年9月20日前"
    )
    assert [roles(c) for c in find_clauses(text)] == [(["市规划局"], ["市国土资源局"], [])]


def test_table_responsibility_column_beside_a_lead_column_is_co() -> None:
    text = "任务\t牵头部门\t责任部门\n推进改革\t甲部\t乙局\n加强监管\t\t丙委、丁办"
    assert [roles(c) for c in find_clauses(text)] == [(["甲部"], ["乙局"], []), ([], ["丙委", "丁办"], [])]


@pytest.mark.parametrize(
    ("text", "clause", "leads", "co", "sole"),
    [
        (
            "为此，由甲部牵头，乙局、丙委配合，研究制定办法。",
            "由甲部牵头，乙局、丙委配合",
            ["甲部"],
            ["乙局", "丙委"],
            [],
        ),
        (
            "三、保障措施\n国家知识产权局会同有关部门加强跟踪监测。",
            "国家知识产权局会同有关部门",
            ["国家知识产权局"],
            ["有关部门"],
            [],
        ),
        ("各级知识产权主管部门要加强指导。", "各级知识产权主管部门要", [], [], ["各级知识产权主管部门"]),
        ("市发展改革委负责统筹协调。", "市发展改革委负责", [], [], ["市发展改革委"]),
        (
            "9.做好工作。市发改委牵头负责，市财政局等部门配合。",
            "市发改委牵头负责，市财政局等部门配合",
            ["市发改委"],
            ["市财政局"],
            [],
        ),
        ("做好工作。由甲局负责牵头，乙局配合。", "由甲局负责牵头，乙局配合", ["甲局"], ["乙局"], []),
        (
            "二、加强管理。由国土资源部会同农业部等部门负责落实。",
            "由国土资源部会同农业部等部门",
            ["国土资源部"],
            ["农业部"],
            [],
        ),
        # the subject a sentence hands over (联席会议) is no body, and the sentence one clause
        (
            "二、建立机制。联席会议由市场监管总局牵头，中央网信办、教育部参加。",
            "由市场监管总局牵头，中央网信办、教育部参加",
            ["市场监管总局"],
            ["中央网信办", "教育部"],
            [],
        ),
    ],
)
def test_inline_sentences(text: str, clause: str, leads: list[str], co: list[str], sole: list[str]) -> None:
    found = only(text)
    assert (found.text, found.form) == (clause, "inline")
    assert roles(found) == (leads, co, sole)


def test_free_sentences_without_an_agency_subject_are_not_clauses() -> None:
    assert find_clauses("我们要加快发展。碳排放已经基本稳定的地区要巩固成果。企业要加强管理。") == []


TASK_LIST = "1.制定方案。（甲部负责）\n"
"""An explicit clause: bare-name brackets assign only in a document that assigns tasks."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracket that only names bodies, where a task's clause stands, assigns them
        (
            "2.推进工作。（省发展改革委、省财政厅、省商务厅）\n",
            [([], ["省发展改革委", "省财政厅", "省商务厅"], [])],
        ),
        ("2.推进工作（省商务厅）。\n3.下一项。", [([], [], ["省商务厅"])]),
        ("2.推进工作。（省教育厅，各地级以上市人民政府）", [([], ["省教育厅", "各地级以上市人民政府"], [])]),
        # elsewhere it names, it does not assign
        ("国家发展和改革委员会（国家发展改革委）\n", []),
        ("开展试点。（杭州市、宁波市）", []),
        ("由省政府（省商务厅）组织实施，加快推进。", []),
        ("推进工作。（严格执行、规范运行）", []),
    ],
)
def test_a_bracket_of_bare_names_after_a_task(text: str, expected: list[tuple[list[str], ...]]) -> None:
    found = [roles(c) for c in find_clauses(TASK_LIST + text) if c.form == "parenthetical"]
    assert found == [([], [], ["甲部"]), *expected]


def test_brackets_listing_several_bodies_again_and_again_make_a_task_list() -> None:
    """海淀 政务公开要点: no other clause, but bracket after bracket names the bodies, each list
    ending in its own full stop."""
    text = "公开名录。(区金融办、区财政局、区房管局。)\n公开环境信息。(区环保局、区水务局。)"
    assert [roles(c) for c in find_clauses(text)] == [
        ([], ["区金融办", "区财政局", "区房管局"], []),
        ([], ["区环保局", "区水务局"], []),
    ]


def test_a_heading_that_divides_work_makes_a_task_list() -> None:
    """2017年广东省市场监管体系建设重点工作: one task in the excerpt, its owner in a bare bracket,
    under a heading that says the document divides work (`主要内容及分工`); a news item ending
    with its source unit says no such thing (test_a_news_item_ending_with_its_source_unit…)."""
    text = (
        "2017年广东省市场监管体系建设重点工作\n一、主要内容及分工\n"
        "1.结合贯彻落实国家规划,加快实施广东省市场监管现代化“十三五”规划。加强情况报送,"
        "各地各部门要将两个《规划》工作任务进展情况报送省工商局。(省工商局)"
    )
    assert [roles(c) for c in find_clauses(text) if c.form == "parenthetical"] == [([], [], ["省工商局"])]


def test_a_compilations_section_marker_after_a_task_is_no_clause() -> None:
    """信用建设动态: `【各地动态】` alone on its line after the last task of an item marks the next
    part of the compilation; its words do not name a body that owns the task above."""
    text = (
        "1、启动信用法前期调研工作。(发展改革委、人民银行牵头负责,法制办参加)\n"
        "【各地动态】\n发布日期：2021-04-10"
    )
    assert [c.text for c in find_clauses(text)] == ["(发展改革委、人民银行牵头负责,法制办参加)"]


def test_a_note_beside_the_names_may_add_a_sentence_that_names_them_again() -> None:
    """嘉兴 2023: the first-listed note, then `以下均需各县市、区政府落实，不再列出` in the same
    bracket; a later bracket of one body and 等 under the note is led by that body (宁波)."""
    text = (
        "1.安排长期实施。(市税务局、市财政局,各县市、区政府,列第一位的为牵头单位,下同。"
        "以下均需各县市、区政府落实,不再列出)\n2.推进。（责任单位：市发改委等相关部门）"
    )
    assert [roles(c) for c in find_clauses(text)] == [
        (["市税务局"], ["市财政局", "各县市、区政府"], []),
        (["市发改委"], [], []),
    ]


def test_an_article_of_a_regulation_is_no_assignment_line() -> None:
    """哈尔滨市人民政府令第100号: `第四条 本办法由市教育行政部门负责组织实施。` is an article."""
    found = find_clauses("第四条 本办法由市教育行政部门负责组织实施。")
    assert [(c.form, c.sole) for c in found] == [("inline", ("市教育行政部门",))]


def test_a_first_listed_note_inside_a_list_names_no_one() -> None:
    text = (
        "[责任单位:市财政局、市税务局,各市(区)政府,排在首位为牵头单位,下同]\n"
        "责任单位:市经信局、市财政局(列第一位者为工作牵头单位)"
    )
    assert [roles(c) for c in find_clauses(text)] == [
        (["市财政局"], ["市税务局", "各市(区)政府"], []),
        (["市经信局"], ["市财政局"], []),
    ]


def test_a_news_item_ending_with_its_source_unit_assigns_nothing() -> None:
    """舞阳县《政务信息》简讯: each item ends with the unit that wrote it, not a task's owner."""
    news = "全县已累计播种64.84万亩。（县农业农村局）\n遇到紧急情况迅速妥善处理。（县水利局）\n"
    assert [c for c in find_clauses(news) if c.form == "parenthetical"] == []


def test_a_table_flattened_one_cell_per_line_gives_one_clause_per_row() -> None:
    """pypdf's text of a ruled 分工表: every cell on a line of its own, empty cells left out,
    a name wrapped inside its cell."""
    text = "\n".join(
        [
            "重点任务清单",
            *["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            *[
                "1",
                "推进政务服务事项标准化，全面",
                "梳理政务服务事项清单",
                "市政务服务局",
                "市司法局",
                "市大数据局",
                "2023年12月底",
            ],
            *["2", "深化工程建设项目审批改革", "市住建局", "2023年9月底"],
            *["3", "优化企业开办服务", "市市场监管局", "市公安局、市税务", "局", "持续推进"],
            "各单位要加强组织领导。",
            "市人民政府办公室",
            "2023年3月1日",
            "市发展改革委",
        ]
    )
    assert [roles(c) for c in find_clauses(text) if c.form == "parenthetical"] == [
        (["市政务服务局"], ["市司法局", "市大数据局"], []),
        (["市住建局"], [], []),
        (["市市场监管局"], ["市公安局", "市税务局"], []),
    ]


def test_an_events_hosts_are_not_a_task_assignment() -> None:
    """A competition notice (山西省青少年科技创新大赛规则) or a page footer names who hosts it;
    主办/协办 fields repeated task after task assign (人大建议 handling: 主办单位 / 协办单位)."""
    hosts = "二、组织机构\n主办单位:省科学技术协会、省教育厅。\n\n承办单位:举办市科学技术协会\n"
    assert [c for c in find_clauses(hosts) if c.form == "parenthetical"] == []
    footer = "网站首页\n主办单位:江苏省高等教育学会\n协办:南京信息工程大学\n"
    assert [c for c in find_clauses(footer) if c.form == "parenthetical"] == []
    owners = "".join(f"{n}.办理建议。\n主办单位:市发展改革委；协办单位:市财政局\n" for n in range(1, 4))
    assert [roles(c) for c in find_clauses(owners)] == [(["市发展改革委"], ["市财政局"], [])] * 3


def test_a_labelled_field_quoted_as_an_example_assigns_nothing() -> None:
    """A how-to article on writing 会议纪要 quotes a template after 例如; a task list's own
    field on its line still assigns."""
    how_to = "需明确责任人、完成时限。例如:“责任部门:环保局;完成时限:2023年X月底前”。"
    assert find_clauses(how_to) == []
    assert [c.sole for c in find_clauses("1.推进。\n责任部门:环保局;完成时限:2023年6月底前")] == [("环保局",)]


def test_a_websites_footer_under_a_task_list_assigns_nothing() -> None:
    """鼓楼区 and 上海 government pages: the site's 主办单位 stands beside its address or copyright
    line under a task list that assigns explicitly; the site owner owns none of its tasks."""
    page = "1.推进工作。（牵头单位：区发改局）\n"
    for footer in [
        "主办单位：南京市鼓楼区人民政府办公室\u3000\u3000地址：南京市鼓楼区",
        "主办单位：上海市人才服务中心\u3000版权所有",
    ]:
        assert [c.text for c in find_clauses(page + footer)] == ["（牵头单位：区发改局）"]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("四是县政府督查室要加强督查。", "县政府督查室"),  # an enumerator is not part of the name
        ("亳州市要求市及县区政府要认真落实。", None),  # a verb of speech is no body's name
        ("科室负责人：陈涛", None),  # 负责人 is a person, not the verb 负责
        ("各牵头单位要加强协调。", None),  # a role, whichever units the plan names
        ("由牵头部门负责会务安排。", None),  # the same role word for departments
    ],
)
def test_free_sentence_subjects_are_names_of_bodies(text: str, subject: str | None) -> None:
    found = [m for c in find_clauses(text) for m in (*c.leads, *c.co, *c.sole)]
    assert found == ([subject] if subject else [])


def test_the_document_itself_is_no_subject() -> None:
    """本办法由省财政厅负责解释: the body is 省财政厅, not 本办法由省财政厅."""
    assert [(c.text, roles(c)) for c in find_clauses("本办法由省财政厅负责解释。")] == [
        ("由省财政厅负责", ([], [], ["省财政厅"]))
    ]


def test_seed_document_clauses_are_all_found() -> None:
    """The seed compilation, with lines joined as the cleaner does, yields every gold clause."""
    gold = {g["clause"] for g in _gold(SEED_GOLD)}
    text = (ROOT / "samples" / "hz-gaoxin-policy-brief-2021-10.txt").read_text(encoding="utf-8")
    joined = "".join(text.split("\n"))
    found = {c.text for c in find_clauses(joined) if c.form == "parenthetical"}
    assert len(gold - found) <= 1  # the one clause broken by a page header needs the cleaner
    assert found - gold <= {c for c in found if "政策快资讯" in c}


# ---- properties ---------------------------------------------------------------------------

_STEM = "国家科技农业文化卫生环境交通水利商务海关税务统计民政住房城乡自然资源能源粮食林草铁路邮政"
_TAIL = ["部", "局", "总局", "委员会", "办公室", "厅", "署", "中心"]
names = st.builds(
    lambda stem, tail: stem + tail,
    st.text(alphabet=_STEM, min_size=2, max_size=6),
    st.sampled_from(_TAIL),
)
name_lists = st.lists(names, min_size=1, max_size=6, unique=True)
widths = st.booleans()


def _bracket(body: str, full: bool) -> str:
    text = f"（{body}）"
    return text if full else text.translate(FULL_TO_HALF)


@settings(max_examples=150, deadline=None)
@given(leads=name_lists, co=name_lists, full=widths)
def test_lead_and_co_lists_round_trip(leads: list[str], co: list[str], full: bool) -> None:
    co = [n for n in co if n not in leads] or ["某某协会"]
    clause = only(_bracket(f"{'、'.join(leads)}牵头，{'、'.join(co)}等按职责分工负责", full))
    assert roles(clause) == (leads, co, [])


@settings(max_examples=150, deadline=None)
@given(agencies=name_lists, full=widths, etc=st.booleans())
def test_responsible_list_is_sole_only_for_one_agency_without_etc(
    agencies: list[str], full: bool, etc: bool
) -> None:
    clause = only(_bracket(f"{'、'.join(agencies)}{'等' if etc else ''}负责", full))
    if len(agencies) == 1 and not etc:
        assert roles(clause) == ([], [], agencies)
    else:
        assert roles(clause) == ([], agencies, [])


@settings(max_examples=100, deadline=None)
@given(agencies=name_lists, deadline=st.sampled_from(["", "，2022年底前完成", "；完成时限：长期坚持"]))
def test_labelled_responsibility_ignores_other_fields(agencies: list[str], deadline: str) -> None:
    clause = only(f"（责任单位：{'、'.join(agencies)}{deadline}）")
    if len(agencies) == 1:
        assert roles(clause) == ([], [], agencies)
    else:
        assert roles(clause) == ([], agencies, [])


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("（）()【】、，,；;：:牵头负责配合等按职责分工单位甲部乙局丙委由要会同和\t\n。")
        ),
        max_size=80,
    )
)
def test_any_text_gives_well_formed_clauses(text: str) -> None:
    for clause in find_clauses(text):
        assert text[clause.start : clause.end] == clause.text
        squashed = "".join(clause.text.split())
        assert all(m and m in squashed for m in clause.leads + clause.co + clause.sole)
        assert clause.form in ("parenthetical", "inline")


# Registry names a list may hold as written: no separator, conjunction, bracket or 等 inside,
# and no 由/请 in front (those the grammar trims).
_PLAIN_NAMES = sorted(
    name for name in surface_forms() if not re.search(r"[和与及同()（）〔〕【】\s、,，等]|^[由请]", name)
)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.sampled_from(_PLAIN_NAMES), min_size=1, max_size=5),
    separators=st.lists(st.sampled_from("、，,"), min_size=5, max_size=5),
)
def test_a_list_of_names_is_cut_at_its_separators_and_nowhere_else(
    names: list[str], separators: list[str]
) -> None:
    text = "".join(sep + name for sep, name in zip(separators, names, strict=False))[1:]
    assert mentions_of(text) == tuple(names)
    assert [text[start:end] for start, end in split_agents(text)] == names


@pytest.mark.parametrize(
    ("written", "mentions"),
    [
        ("各省、自治区、直辖市人民政府和有关部门", ("各省、自治区、直辖市人民政府", "有关部门")),
        ("工业和信息化部、财政部，商务部", ("工业和信息化部", "财政部", "商务部")),
        ("由财政部、 商务部等", ("财政部", "商务部")),
        ("市场监管局\u3000公安局\u3000各区政府", ("市场监管局", "公安局", "各区政府")),
        ("国家发展\u3000改革委", ("国家发展改革委",)),
    ],
)
def test_lists_with_conjunctions_level_words_or_spaces_keep_their_names(
    written: str, mentions: tuple[str, ...]
) -> None:
    assert mentions_of(written) == mentions
