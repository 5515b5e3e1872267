"""Splitting compilations into documents, their header facts, sections and task spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from loaders.cleaning import clean
from loaders.documents import document_id, is_addressee, split_documents
from loaders.pipeline import load_file, load_text
from loaders.readers import Page, RawText, read_file
from loaders.sections import find_headings, segment_tasks

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "hz-gaoxin-policy-brief-2021-10.txt"

COMPILATION = """政策汇编
目录
关于加强数据安全管理的通知
关于推进标准化建设的意见
关于加强数据安全管理的通知
国办发〔2022〕7号
各省、自治区、直辖市人民政府:
一、总体要求
加强数据安全管理。(国家网信办牵头,工业和信息化部等按职责分工负责)
国务院办公厅
2022年3月1日
国家发展改革委关于推进标准化建设的意见
各有关单位:
第一章 总则
第一节 目标
1.完善标准体系。健全标准。(市场监管总局负责)
(1)细化标准。"""


def test_seed_compilation_splits_into_its_three_full_texts() -> None:
    text = clean(read_file(SEED)).text
    documents = split_documents(text, "seed")
    assert [(d.title, d.issuer, d.published) for d in documents] == [
        ("关于鼓励和支持社会资本参与生态保护修复的意见", "国务院办公厅", date(2021, 10, 25)),
        ("“十四五”国家知识产权保护和运用规划", "国务院", date(2021, 10, 9)),
        ("2030年前碳达峰行动方案", None, None),
    ]


def test_table_of_contents_entries_are_not_documents() -> None:
    documents = split_documents(COMPILATION, "fallback")
    assert [d.title for d in documents] == [
        "关于加强数据安全管理的通知",
        "国家发展改革委关于推进标准化建设的意见",
    ]
    first, second = documents
    assert (first.doc_number, first.issuer, first.published) == (
        "国办发〔2022〕7号",
        "国务院办公厅",
        date(2022, 3, 1),
    )
    assert (second.issuer, second.doc_number, second.published) == ("国家发展改革委", None, None)
    assert COMPILATION[first.start : first.end].endswith("2022年3月1日")


def test_a_title_whose_last_line_is_only_its_kind_opens_a_document() -> None:
    """湖州 汇编: `区人民政府办公室` / `关于印发…的` / `通 知` over three lines, after a contents
    list; the document (and its clause) must not be lost as front matter."""
    text = "\n".join(
        [
            "重点工作责任分解文件汇编",
            "目录",
            "区人民政府办公室关于印发2020年区政府重点工作责任分解的",
            "通知",
            "2020年7月",
            "区人民政府办公室",
            "关于印发2020年区政府重点工作责任分解的",
            "通 知",
            "各新区、区政府各部门、各市级垂管单位:",
            "《2020年区政府重点工作责任分解》已经区政府研究同意,现印发给你们。",
            "1.做好防控。[牵头单位:区卫健局;责任单位:各街办(新区)]",
        ]
    )
    (document,) = load_text(clean(RawText((Page(None, text),), wrapped=True)), "compilation.txt")
    assert (document.issuer, document.title) == ("区人民政府办公室", "2020年区政府重点工作责任分解")
    assert [
        {role: [ref.mention for ref in refs] for role, refs in t.clause.by_role().items() if refs}
        for t in document.tasks
    ] == [{"leads": ["区卫健局"], "co": ["各街办(新区)"]}]


def test_a_contents_entry_standing_again_later_opens_a_document() -> None:
    """A 政策动态 compilation reprints plans from their title straight into their text, with no
    addressee or 文号: the contents list names them, so each opens a document where it stands
    again. The running header between the entries (`政策动态`) opens nothing."""
    text = "\n".join(
        [
            "政策动态 2023年第2期",
            "四川省人民政府办公厅关于印发实施《西部大开发“十三五”规划》责任分工方案的通知",
            "政策动态",
            "《实施创新驱动发展战略行动计划》工作任务分工方案",
            "2017年广东省市场监管体系建设重点工作",
            "四川省人民政府办公厅关于印发实施《西部大开发“十三五”规划》责任分工方案的通知",
            "各市(州)人民政府,省政府各部门、各直属机构,有关单位:",
            "经省政府领导同志同意,现将《实施〈西部大开发“十三五”规划〉责任分工方案》印发你们。",
            "政策动态",
            "《实施创新驱动发展战略行动计划》工作任务分工方案",
            "一、重点工作和任务",
            "2017年广东省市场监管体系建设重点工作",
            "为认真贯彻党中央、国务院关于加强市场监管的指示精神,制定2017年重点工作如下:",
        ]
    )
    assert [d.title for d in split_documents(text, "fallback")] == [
        "实施《西部大开发“十三五”规划》责任分工方案",
        "《实施创新驱动发展战略行动计划》工作任务分工方案",
        "2017年广东省市场监管体系建设重点工作",
    ]


def test_clauses_before_the_first_opening_a_compilation_marks_are_kept() -> None:
    """信用建设动态: the first item (a 2014 task list) has no addressee or 文号; only a later
    item opens like a document. The first item's clauses make a document of their own
    instead of being dropped as front matter; a cover without clauses makes none."""
    text = "\n".join(
        [
            "信用建设动态 2015年第2期",
            "社会信用体系建设2014—2016年重点工作任务分工",
            "1、启动信用法前期调研工作,形成法律草案。(发展改革委、人民银行牵头负责,法制办参加)",
            "2、出台征信业管理条例配套制度。(人民银行负责)",
            "关于印发《关于全面打造信用浙江升级版的行动计划》的通知",
            "各设区市人民政府、省级各有关单位:",
            "现将《关于全面打造信用浙江升级版的行动计划》印发给你们,请认真贯彻落实。",
        ]
    )
    documents = load_text(clean(RawText((Page(None, text),), wrapped=False)), "digest.txt")
    assert [(d.title, len(d.tasks)) for d in documents] == [
        ("digest", 2),  # no line reads as a title (分工 is no document type): named after the file
        ("关于全面打造信用浙江升级版的行动计划", 0),
    ]
    cover = "\n".join(["信用建设动态 2015年第2期", *text.split("\n")[4:]])
    assert len(load_text(clean(RawText((Page(None, cover),), wrapped=False)), "digest.txt")) == 1


def test_a_text_of_articles_in_a_compilation_opens_a_document_of_its_own() -> None:
    """A compilation reprints 条例 after a plan: title, issuer, adoption note, `第一章 总则`,
    no addressee. Each opens a document; an issuer line above a title is not part of it, and
    a plan a notice carries (`现将《…细则》印发`) stays that notice's own text."""
    text = "\n".join(
        [
            "关于印发《北京市乡村振兴责任制实施细则》的通知",
            "各区委、区政府,市委各部委办:",
            "经市委、市政府同意,现将《北京市乡村振兴责任制实施细则》印发给你们。",
            "北京市乡村振兴责任制实施细则",
            "第一章 总则",
            "第一条 为了全面落实乡村振兴责任制,制定本细则。",
            "贵州省人大常委会",
            "贵州省渔业条例",
            "(2005年11月25日贵州省第十届人民代表大会常务委员会第十八次会议通过)",
            "第一章 总则",
            "第一条 为了保护、增殖和合理利用渔业资源,制定本条例。",
        ]
    )
    assert [d.title for d in split_documents(text, "fallback")] == [
        "北京市乡村振兴责任制实施细则",
        "贵州省渔业条例",
    ]


def test_a_plan_reprinted_from_its_title_into_its_first_section_opens_a_document() -> None:
    """企业服务政策速递: 【政策原文】 over each reprinted 实施意见, whose text starts at 一、; the
    marker is no part of the title. A notice's attachment standing again (`附件：X` or
    `关于印发X的通知`) stays that notice's text."""
    text = "\n".join(
        [
            "关于印发2023年重点工作责任分解方案的通知",
            "一、各责任单位要高度重视。",
            "附件：2023年重点工作责任分解方案",
            "2023年重点工作责任分解方案",
            "一、重点任务",
            "【政策原文】",
            "内江市人民政府关于进一步做好新形势下就业创业工作的实施意见",
            "一、深入实施就业优先发展战略",
        ]
    )
    assert [d.title for d in split_documents(text, "fallback")] == [
        "2023年重点工作责任分解方案",
        "内江市人民政府关于进一步做好新形势下就业创业工作的实施意见",
    ]


def test_a_document_number_above_the_title_is_not_part_of_it() -> None:
    text = "沪府发〔2017〕76号\n上海市人民政府关于做好当前和今后一段时期就业创业工作的意见\n各区人民政府:"
    assert [d.title for d in split_documents(text, "fallback")] == [
        "上海市人民政府关于做好当前和今后一段时期就业创业工作的意见"
    ]


def test_an_issuer_writing_its_verb_before_the_title_issues_what_it_names() -> None:
    """苍南县人民政府印发关于…的通知: the issuer is the government, the document the policies."""
    text = "\n".join(
        [
            "苍南县人民政府印发关于推动经济高质量发展若干政策的通知",
            "苍政发〔2023〕22号",
            "各乡镇人民政府,县直属各单位:",
        ]
    )
    (document,) = split_documents(text, "fallback")
    assert (document.issuer, document.title) == ("苍南县人民政府", "关于推动经济高质量发展若干政策")


def test_a_published_line_dates_an_unsigned_text() -> None:
    """A page reprinting a State Council text gives its date only as `发布时间:2016-03-31`;
    old agency names in it resolve by that date."""
    text = "《政府工作报告》重点任务部门分工确定\n发布时间:2016-03-31\n其中,科技部参与的工作如下。"
    assert [d.published for d in split_documents(text, "page")] == [date(2016, 3, 31)]


def test_text_without_a_title_is_one_document_named_after_the_file() -> None:
    documents = split_documents("加强管理。\n(财政部负责)", "notes")
    assert len(documents) == 1
    assert documents[0].title == "notes"


def test_document_id_is_stable_and_ignores_spacing() -> None:
    assert document_id("数据安全 规划", "国发〔2021〕1号") == document_id("数据安全规划", "国发〔2021〕1号")
    assert document_id("数据安全规划", None) != document_id("数据安全规划", "国发〔2021〕1号")
    assert len(document_id("x", None)) == 16


def test_heading_hierarchy_nests_by_first_use() -> None:
    body = COMPILATION[COMPILATION.index("第一章") :]
    paths = [h.path for h in find_headings(body)]
    assert paths == [
        ("第一章 总则",),
        ("第一章 总则", "第一节 目标"),
        ("第一章 总则", "第一节 目标", "1.完善标准体系"),
        ("第一章 总则", "第一节 目标", "1.完善标准体系", "(1)细化标准"),
    ]


def test_a_tables_group_row_heads_its_rows_without_its_empty_cells() -> None:
    text = "序号\t重点任务\t牵头单位\n一、做大做强主导产业\t\t\n1\t推进项目\t区农业农村局"
    assert [h.title for h in find_headings(text)] == ["一、做大做强主导产业"]


def test_a_long_heading_counts_when_it_stands_alone_on_its_line() -> None:
    heading = "二、坚持把优化营商环境和激发市场主体活力结合起来，持续提升投资建设便利度和市场开放水平"
    item = (
        "1.推进工程建设项目审批制度改革，进一步压减审批时间和环节，实现全流程网上办理（住房城乡建设部负责）"
    )
    text = "\n".join(
        [
            heading,
            item,
            "2.清理规范行政审批中介服务事项，降低中介服务收费，纠正各种乱收费行为，切实减轻企业负担。",
        ]
    )
    assert [h.path for h in find_headings(text)] == [(heading,)]


def test_task_runs_from_previous_boundary_to_its_clause() -> None:
    text = "一、总体要求\n先做甲。(财政部负责)再做乙。\n各地区要做丙。然后做丁。(商务部负责)\n(二)其他"
    first = text.index("(财政部负责)")
    second = text.index("(商务部负责)")
    inline = text.index("各地区要")
    clauses = [
        (first, first + 7, "parenthetical"),
        (inline, inline + 4, "inline"),
        (second, second + 7, "parenthetical"),
    ]
    spans = segment_tasks(text, clauses, find_headings(text))  # type: ignore[arg-type]
    assert [text[s.start : s.end] for s in spans] == [
        "先做甲。(财政部负责)",
        "各地区要做丙。",
        "再做乙。\n各地区要做丙。然后做丁。(商务部负责)",
    ]
    assert {s.path for s in spans} == {("一、总体要求",)}


def test_an_items_title_with_only_fields_before_its_clause_is_the_task() -> None:
    """粤府〔2021〕22号 (samples/guangdong-…): `1.地区生产总值增长6%以上。` is the whole item; the
    分管省领导 and 部门分工 field lines under it belong to it, so the task reads from the item."""
    text = "二、主要预期目标\n1.地区生产总值增长6%以上。\n分管省领导:林克庆\n部门分工:省发展改革委牵头。"
    clause = text.index("部门分工")
    (span,) = segment_tasks(text, [(clause, len(text), "parenthetical")], find_headings(text))
    assert text[span.start : span.end] == text[text.index("1.") :]
    assert span.path == ("二、主要预期目标", "1.地区生产总值增长6%以上")


def test_a_deadline_field_under_a_bracketed_clause_is_its_tasks_deadline() -> None:
    """`完成时限：` on the line below a bracketed clause dates that task, not the next one."""
    text = "\n".join(
        [
            "关于印发重点工作分工方案的通知",
            "各区人民政府：",
            "一、加快项目建设。(牵头单位:市发展改革委;责任单位:市住建局)",
            "完成时限:2022年6月底前",
            "二、扩大消费。(市商务局牵头)",
            "时间节点:2022年9月底前",
            "三、推进改革。(市财政局负责)",
        ]
    )
    (document,) = load_text(clean(RawText((Page(None, text),), wrapped=False)), "plan.txt")
    assert [t.deadline.text if t.deadline else None for t in document.tasks] == [
        "2022年6月底前",
        "2022年9月底前",
        None,
    ]


def test_a_deadline_a_heading_sets_dates_the_tasks_under_it_that_name_none() -> None:
    text = "\n".join(
        [
            "关于印发重点工作分工方案的通知",
            "各区人民政府：",
            "二、以下任务于2022年底前完成",
            "1.修订管理办法。(市司法局负责)",
            "2.完成试点评估。(市发展改革委负责,2022年6月底前)",
            "三、长期工作",
            "3.加强督查。(市政府督查室负责)",
        ]
    )
    (document,) = load_text(clean(RawText((Page(None, text),), wrapped=False)), "plan.txt")
    assert [t.deadline.text if t.deadline else None for t in document.tasks] == [
        "2022年底前",
        "2022年6月底前",
        None,
    ]


# A 国办-style notice with the plan it issues attached: the notice has no title line of its
# own, its signature stands above a `（此件公开发布）` note, and the plan's numbered items are
# long (a 一、 heading of its own line over 40 characters, a （一） item that is a task).
ISSUED_PLAN = """各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《全国推进数字政府建设工作会议重点任务分工方案》已经国务院同意，现印发给你们，请认真贯彻落实。
国务院办公厅
2022年6月20日
（此件公开发布）
全国推进数字政府建设工作会议重点任务分工方案
2022年5月10日，全国推进数字政府建设工作会议在北京召开。为确保会议部署落到实处，现制定如下分工方案。
一、把数字政府建设同优化营商环境和便利企业群众办事结合起来，提高政务服务的标准化规范化便利化水平
（一）推动政务服务事项全国统一标准，实现同一事项在不同地区、不同层级无差别受理、同标准办理，为企业群众提供便利。（国务院办公厅牵头，国务院有关部门及各地区按职责分工负责）
具体措施：
1.编制全国统一的政务服务事项基本目录，明确事项名称、设定依据和办理要求，2022年底前完成。（国务院办公厅牵头，各地区负责）"""


def test_an_issuing_notice_and_its_attached_plan_are_one_document_named_by_the_plan() -> None:
    (doc,) = load_text(clean(RawText((Page(None, ISSUED_PLAN),), wrapped=False)), "plan.txt")
    assert (doc.title, doc.issuer, doc.published) == (
        "全国推进数字政府建设工作会议重点任务分工方案",
        "国务院办公厅",
        date(2022, 6, 20),
    )
    heading = (
        "一、把数字政府建设同优化营商环境和便利企业群众办事结合起来，提高政务服务的标准化规范化便利化水平"
    )
    assert [t.section_path for t in doc.tasks] == [(heading,), (heading,)]
    assert doc.tasks[0].text.startswith("（一）推动政务服务事项全国统一标准")
    assert doc.tasks[0].deadline is None  # the meeting date in the introduction is history
    deadline = doc.tasks[1].deadline
    assert deadline is not None and deadline.text == "2022年底前"


def test_the_real_guobanfa_notice_gets_the_plans_title_its_signature_and_sections() -> None:
    (doc,) = load_file(SAMPLES / "gov-guobanfa-2020-fenggong-excerpt.txt")
    assert (doc.title, doc.issuer, doc.published) == (
        "全国深化“放管服”改革优化营商环境电视电话会议重点任务分工方案",
        "国务院办公厅",
        date(2020, 11, 1),
    )
    first = doc.tasks[0]
    heading = "一、把实施好宏观政策和深化“放管服”改革结合起来,提高宏观政策实施的时效性和精准性"
    assert first.section_path == (heading,)
    assert first.text.startswith("(一)研究将财政资金直达机制实施中的好做法制度化")
    assert first.deadline is None


def test_labels_inside_a_text_are_not_addressees() -> None:
    assert is_addressee("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    assert is_addressee("各市(州)人民政府、省级有关部门(单位):")
    assert is_addressee("各有关企业：")
    assert not is_addressee("具体措施：")
    assert not is_addressee("（一）指导思想:")


def test_a_notice_signed_under_a_seal_note_keeps_its_document_number() -> None:
    """A long title filling the line width must not swallow the 文号 line under it."""
    text = "\n".join(
        [
            "国务院促进中小企业发展工作领导小组办公室关于印发《提升中小企业竞争力若干措施》的通知",
            "工信部企业函〔2021〕312号",
            "各省、自治区、直辖市及计划单列市、新疆生产建设兵团促进中小企业发展工作领导小组办公室：",
            "现将《提升中小企业竞争力若干措施》印发给你们，请结合实际认真贯彻落实。",
            "国务院促进中小企业发展工作领导小组办公室",
            "（工业和信息化部代章）",
            "2021年11月16日",
        ]
    )
    (doc,) = load_text(clean(RawText((Page(None, text),), wrapped=True)), "notice.txt")
    assert (doc.title, doc.issuer, doc.doc_number, doc.published) == (
        "提升中小企业竞争力若干措施",
        "国务院促进中小企业发展工作领导小组办公室",
        "工信部企业函〔2021〕312号",
        date(2021, 11, 16),
    )


def test_the_real_joint_office_notice_gets_its_issuer_and_document_number() -> None:
    (doc,) = load_file(SAMPLES / "cnipa-zhanlianban-2021-16-excerpt.txt")
    assert (doc.issuer, doc.doc_number, doc.published) == (
        "国务院知识产权战略实施工作部际联席会议办公室",
        "国知战联办〔2021〕16号",
        date(2021, 12, 27),
    )
    # 关于印发《X》的通知 names the plan it issues, as for every notice of the kind
    assert doc.title == "知识产权强国建设纲要和“十四五”规划实施年度推进计划"


def test_a_title_set_in_book_title_marks_is_the_title() -> None:
    text = "\n".join(
        [
            "《关于加快发展数字经济的若干措施》",
            "为推动数字经济发展，制定如下措施。",
            "一、强化支撑",
            "1.建设算力中心。(责任单位:市发改委)",
        ]
    )
    (doc,) = load_text(clean(RawText((Page(None, text),), wrapped=False)), "measures.txt")
    assert doc.title == "关于加快发展数字经济的若干措施"
    (real,) = load_file(ROOT / "tests" / "gold" / "documents" / "huaian-shichang-zhuti-xize-2022-excerpt.txt")
    assert real.title == "关于进一步帮助市场主体纾困解难着力稳定经济增长的具体实施细则"


def test_real_deadlines_come_from_the_tasks_own_phrase() -> None:
    """国发〔2020〕6号 has no dated signature: its 文号 gives the year that `年内` means; the 淮安
    细则's `每年培育…50家` is a frequency, not a deadline."""
    (guofa,) = load_file(SAMPLES / "gov-guofa-2020-6-fengong-excerpt.txt")
    deadline = guofa.tasks[0].deadline
    assert deadline is not None
    assert (deadline.text, deadline.end) == ("年内持续推进", date(2020, 12, 31))
    (huaian,) = load_file(
        ROOT / "tests" / "gold" / "documents" / "huaian-shichang-zhuti-xize-2022-excerpt.txt"
    )
    assert [t.deadline for t in huaian.tasks] == [None, None]
