"""Clause shapes taken from real published 分工方案 / 实施方案 / 工作要点 / 分工意见.

Each case keeps the responsibility clause as the source writes it (agency names, separators,
brackets, tails); the task sentence before it is shortened. The expected roles are what a
reader of the whole source document assigns. Sources are public government documents, noted
per group by the page they were read from.
"""

from __future__ import annotations

import pytest

from loaders.clauses import RawClause, find_clauses

Expected = tuple[list[str], list[str], list[str]]

CASES: list[tuple[str, str, list[Expected]]] = [
    # 国务院关于落实《政府工作报告》重点工作部门分工的意见（国发〔2020〕6号）
    # https://www.cs.com.cn/xwzx/hg/202006/t20200611_6066561.html
    (
        "gf2020-all",
        "1.全面建成小康社会。（国务院各部门分别负责，年内持续推进）",
        [([], ["国务院各部门"], [])],
    ),
    (
        "gf2020-lead-tail",
        "2.加大宏观政策实施力度。（财政部牵头，年内持续推进）",
        [(["财政部"], [], [])],
    ),
    (
        "gf2020-co-tail",
        "3.稳定和扩大就业。（人力资源社会保障部、教育部、发展改革委、财政部等按职责分工负责，年内持续推进）",
        [([], ["人力资源社会保障部", "教育部", "发展改革委", "财政部"], [])],
    ),
    (
        "gf2020-lead-co-tail",
        "4.加强市场监管。（市场监管总局牵头，国务院反垄断委员会成员单位按职责分工负责，年内持续推进）",
        [(["市场监管总局"], ["国务院反垄断委员会成员单位"], [])],
    ),
    (
        "gf2020-deadline",
        "5.出台支持政策。（人民银行、银保监会、证监会、外汇局等按职责分工负责，2020年底前出台相关政策措施）",
        [([], ["人民银行", "银保监会", "证监会", "外汇局"], [])],
    ),
    (
        "gf2020-two-leads",
        "6.推进通关便利化。（商务部、海关总署牵头，2020年12月底前完成）",
        [(["商务部", "海关总署"], [], [])],
    ),
    # 咸阳市2022年深化“放管服”改革优化营商环境工作要点
    # https://newton.com.tw/wiki/（咸阳市2022年深化“放管服”改革最佳化营商环境工作要点）/61994341
    (
        "xianyang-two-leads-levels",
        "1.全面实施行政许可事项清单管理。（市政府办公室、市行政审批制度改革工作领导小组办公室牵头，"
        "市级各有关部门及各县市区政府按职责分工负责）",
        [
            (
                ["市政府办公室", "市行政审批制度改革工作领导小组办公室"],
                ["市级各有关部门", "各县市区政府"],
                [],
            )
        ],
    ),
    # 广东省进一步加大力度支持民间投资发展的实施方案（粤府办〔2023〕5号）
    # https://33jin.com/a/news/quote/2023/0409/3138.html
    ("gd-lead-fuze", "1.常态化向民间资本推介项目。（省发展改革委牵头负责）", [(["省发展改革委"], [], [])]),
    (
        "gd-etc-province",
        "2.鼓励民间资本参与重点项目。（省发展改革委、交通运输厅、水利厅、住房城乡建设厅、能源局等省有关部门"
        "和各地级以上市人民政府按职责分工负责）",
        [
            (
                [],
                ["省发展改革委", "交通运输厅", "水利厅", "住房城乡建设厅", "能源局", "各地级以上市人民政府"],
                [],
            )
        ],
    ),
    # 青岛市深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务
    # http://jnloan.com/newsshow-11.html
    (
        "qd-lead-participant",
        "1.建设崂山实验室。（牵头单位：市科技局，参与单位：青岛蓝谷管理局）",
        [(["市科技局"], ["青岛蓝谷管理局"], [])],
    ),
    ("qd-lead-only", "2.完善实验室建设体系。（牵头单位：市科技局）", [(["市科技局"], [], [])]),
    # 武汉市2023年《政府工作报告》目标任务责任分解方案: a bracketed note, not an assignment
    # https://www.whcdrm.com/thread-10965-1-1.html
    (
        "wh-note",
        "特别是牵头单位（无牵头单位的，责任单位即为牵头单位，下同）要统筹相关责任单位制订办理方案。",
        [],
    ),
    # 立山区政府2023年重点工作任务分解和责任分工方案（鞍立政发〔2023〕2号）
    # http://www.lishan.gov.cn/html/ASLSQ/202303/0168765895614794.html
    (
        "lishan-own-lines",
        "3.固定资产投资增长15%左右。\n\n牵头单位:区发改局\n\n责任单位:立山经济开发区,各街道、区直各部门\n\n4.下一项。",
        [(["区发改局"], ["立山经济开发区", "各街道", "区直各部门"], [])],
    ),
    (
        "lishan-tax",
        "5.一般公共预算收入增长8%左右。\n\n牵头单位:区财政局\n\n责任单位:立山经济开发区,各街道,税务局",
        [(["区财政局"], ["立山经济开发区", "各街道", "税务局"], [])],
    ),
    # 四川省“十四五”现代流通体系建设实施方案: 〔〕 brackets around labelled clauses
    # http://law.foodmate.net/show-219854.html
    (
        "sc-label-phrase",
        "（三）加强反垄断执法。〔责任单位：省市场监管局、省发展改革委按职责分工负责〕",
        [([], ["省市场监管局", "省发展改革委"], [])],
    ),
    # Shapes common to 国办/部委/省市 分工方案 (国办发〔2021〕、国发〔2022〕 分工方案 family)
    (
        "guoban-lead-co",
        "（五）加强数据共享。（国务院办公厅牵头，各地区各部门按职责分工负责）",
        [(["国务院办公厅"], ["各地区各部门"], [])],
    ),
    (
        "guoban-lead-etc-deadline",
        "（六）完善标准体系。（市场监管总局牵头，工业和信息化部、国家发展改革委等按职责分工负责，2022年底前完成）",
        [(["市场监管总局"], ["工业和信息化部", "国家发展改革委"], [])],
    ),
    (
        "guoban-participate",
        "（七）开展生态修复。（自然资源部牵头，国家林草局、水利部等参与）",
        [(["自然资源部"], ["国家林草局", "水利部"], [])],
    ),
    (
        "guoban-respectively",
        "（八）加强中医药服务。（国家卫生健康委、国家中医药局分别负责）",
        [([], ["国家卫生健康委", "国家中医药局"], [])],
    ),
    (
        "guoban-long-term",
        "（九）深化产教融合。（科技部、财政部、教育部等按职责分工负责，长期坚持）",
        [([], ["科技部", "财政部", "教育部"], [])],
    ),
    (
        "guoban-he-names",
        "（十）推动文旅融合。（文化和旅游部、工业和信息化部按职责分工负责）",
        [([], ["文化和旅游部", "工业和信息化部"], [])],
    ),
    (
        "guoban-huitong",
        "（十一）治理污染。（生态环境部会同国家发展改革委、工业和信息化部负责）",
        [(["生态环境部"], ["国家发展改革委", "工业和信息化部"], [])],
    ),
    (
        "guoban-central",
        "（十二）加强国防动员。（国家发展改革委、中央军委国防动员部等按职责分工负责）",
        [([], ["国家发展改革委", "中央军委国防动员部"], [])],
    ),
    (
        "guoban-company",
        "（十三）保障电力供应。（国家能源局牵头，国家电网有限公司、中国南方电网有限责任公司配合）",
        [(["国家能源局"], ["国家电网有限公司", "中国南方电网有限责任公司"], [])],
    ),
    (
        "guoban-people-orgs",
        "（十四）关爱妇女儿童。（全国妇联、共青团中央、中国残联按职责分工负责）",
        [([], ["全国妇联", "共青团中央", "中国残联"], [])],
    ),
    (
        "guoban-sole",
        "（十五）做好统计监测。（国家统计局负责）",
        [([], [], ["国家统计局"])],
    ),
    (
        "guoban-sole-deadline",
        "（十六）修订管理办法。（司法部负责，2022年6月底前完成）",
        [([], [], ["司法部"])],
    ),
    # provincial and city plans
    (
        "prov-semicolon",
        "1.落实减税降费。（省财政厅牵头；省税务局、人民银行成都分行配合）",
        [(["省财政厅"], ["省税务局", "人民银行成都分行"], [])],
    ),
    (
        "prov-nested-brackets",
        "2.推进义务教育优质均衡。（省教育厅牵头，各市（州）人民政府负责）",
        [(["省教育厅"], ["各市（州）人民政府"], [])],
    ),
    (
        "city-by-lead",
        "3.完善外贸政策。（由市商务局牵头，市发展改革委、市财政局配合）",
        [(["市商务局"], ["市发展改革委", "市财政局"], [])],
    ),
    (
        "city-label-semicolon-deadline",
        "4.建设智慧交通。（责任单位：市交通运输局、市公安局交警支队；完成时限：2023年底前）",
        [([], ["市交通运输局", "市公安局交警支队"], [])],
    ),
    (
        "city-label-interposed",
        "5.加快项目建设。（牵头单位：市发展改革委；完成时限：2023年12月底；配合单位：市财政局、市统计局）",
        [(["市发展改革委"], ["市财政局", "市统计局"], [])],
    ),
    (
        "city-label-interposed-unbracketed",
        "6.优化审批流程。\n牵头单位：市行政审批局；完成时限：2023年6月底；配合单位：市自然资源和规划局\n7.下一项。",
        [(["市行政审批局"], ["市自然资源和规划局"], [])],
    ),
    (
        "city-label-own-lines-deadline",
        "（2）推进老旧小区改造。\n责任单位：市住建局\n完成时限：2024年底前\n配合单位：各区县人民政府\n（3）下一项。",
        [(["市住建局"], ["各区县人民政府"], [])],
    ),
    (
        "city-label-bracket-square",
        "8.强化人才支撑。【牵头单位：市委组织部（市委人才办）；配合单位：市人力资源社会保障局】",
        [(["市委组织部（市委人才办）"], ["市人力资源社会保障局"], [])],
    ),
    (
        "city-comma-list",
        "9.加强安全生产。（市应急管理局，市消防救援支队按职责分工负责）",
        [([], ["市应急管理局", "市消防救援支队"], [])],
    ),
    (
        "county-street",
        "10.整治人居环境。（县农业农村局牵头，各乡镇人民政府、街道办事处负责）",
        [(["县农业农村局"], ["各乡镇人民政府", "街道办事处"], [])],
    ),
    (
        "county-and-list",
        "11.开展联合执法。（县市场监管局和县公安局按职责分工负责）",
        [([], ["县市场监管局", "县公安局"], [])],
    ),
    (
        "designation",
        "12.建立工作专班。（市发展改革委为牵头单位，市工信局、市科技局为配合单位）",
        [(["市发展改革委"], ["市工信局", "市科技局"], [])],
    ),
    # A task list whose items carry labelled lines outside brackets (分管领导：…／部门分工：…), as in
    # the 广东省 2021 分工方案 (samples/guangdong-zhengfu-gongzuo-baogao-fengong-2021-excerpt.txt);
    # these are made-up items of that shape.
    (
        "division-label-line",
        "3.城镇新增就业110万人以上。\n分管市领导：张三\n部门分工：市人力资源社会保障局牵头，各区人民政府、市有关部门配合。\n4.下一项。",
        [(["市人力资源社会保障局"], ["各区人民政府", "市有关部门"], [])],
    ),
    (
        "division-label-bracketed",
        "5.推进老旧小区改造。（任务分工：市住房城乡建设局牵头，市财政局、各区人民政府负责）",
        [(["市住房城乡建设局"], ["市财政局", "各区人民政府"], [])],
    ),
    (
        "division-label-plain-list",
        "6.完善社会救助体系。\n责任分工：市民政局、市财政局等按职责分工负责。",
        [([], ["市民政局", "市财政局"], [])],
    ),
    # 数字广东建设2025年工作要点 (广东省, 2025): agency groups (党委, 政府, 中直驻粤单位) are
    # separated by ，inside one list, 省 is written once for a run of provincial bodies, and a
    # second body can be told to 结合实际落实 after the responsible ones.
    (
        "gd2025-implement-locally",
        "1.实施关键核心技术攻关。（省科技厅、工业和信息化厅按职责分工负责，各地级以上市人民政府结合实际落实）",
        [([], ["省科技厅", "工业和信息化厅", "各地级以上市人民政府"], [])],
    ),
    (
        "gd2025-two-leads-elided-province",
        "12.发展超高清视频产业。（省工业和信息化厅、广电局牵头）",
        [(["省工业和信息化厅", "广电局"], [], [])],
    ),
    (
        "gd2025-lead-then-grouped-co",
        "20.发展数字金融。（人民银行广东省分行牵头，省委金融办，广东金融监管局、中国证监会广东监管局按职责分工负责）",
        [(["人民银行广东省分行"], ["省委金融办", "广东金融监管局", "中国证监会广东监管局"], [])],
    ),
    (
        "gd2025-grouped-co",
        "58.强化网络安全和数据安全管理。（省委网信办，省保密局、密码管理局，省公安厅、政务和数据局，"
        "省通信管理局按职责分工负责）",
        [([], ["省委网信办", "省保密局", "密码管理局", "省公安厅", "政务和数据局", "省通信管理局"], [])],
    ),
    (
        "gd2025-lead-grouped-co-etc",
        "54.推动算力高质量发展。（省政务和数据局牵头，省发展改革委、工业和信息化厅、能源局，省通信管理局等按职责分工负责）",
        [(["省政务和数据局"], ["省发展改革委", "工业和信息化厅", "能源局", "省通信管理局"], [])],
    ),
    (
        "gd2025-generic-only",
        "62.推动数字化合作交流。（省有关部门按职责分工负责）",
        [([], ["省有关部门"], [])],
    ),
    # 安徽省 重点工作及责任分解: qualified labels, one per line, each ending in 。 (a person's
    # label beside them names no body)
    # http://bbs.tongheshandao.com/archiver/showtopic-13251.aspx
    (
        "anhui-qualified-labels",
        "1﹒全省生产总值增长7%以上。\n牵头负责领导:刘惠。\n牵头责任单位:省发展改革委。\n"
        "协同责任单位:省政府各部门、各直属机构。",
        [(["省发展改革委"], ["省政府各部门", "各直属机构"], [])],
    ),
    # 潮州 / 丽水 蓝天保卫战 plans: a closing note inside the bracket after the bodies told to 落实
    # https://cntfj.com/news/12190.html
    (
        "chaozhou-note-in-bracket",
        "1.制定实施准入清单。〔市生态环境局牵头,市发展和改革局、工业和信息化局、自然资源局参与,"
        "各县、区人民政府(管委会)负责落实。以下各项工作均需各县、区人民政府(管委会)落实,不再列出。〕",
        [
            (
                ["市生态环境局"],
                ["各县、区人民政府(管委会)", "市发展和改革局", "工业和信息化局", "自然资源局"],
                [],
            )
        ],
    ),
    # http://www.lbtc.cn/zcnews/4841.html
    (
        "lishui-note-in-bracket",
        "1.严格环境准入。(市生态环境局牵头,市发改委、市经信局、市自然资源和规划局等参与,"
        "县(市、区)政府负责落实。以下均需县(市、区)政府落实,不再列出)",
        [(["市生态环境局"], ["县(市、区)政府", "市发改委", "市经信局", "市自然资源和规划局"], [])],
    ),
    # 金乡县 2025 重点工作: industrial parks as responsible bodies
    # http://www.jinxiang.gov.cn/art/2025/2/28/art_70552_2773466.html
    (
        "jinxiang-parks",
        "7.修编经济开发区整体规划。(牵头单位:县政府园区发展服务中心;"
        "责任单位:新材料产业园、高端装备产业园、食品产业园、商贸物流园等)",
        [(["县政府园区发展服务中心"], ["新材料产业园", "高端装备产业园", "食品产业园", "商贸物流园"], [])],
    ),
    # 潍坊市 2017 政务公开工作要点: the bodies on a line of their own under each task
    # https://bdocx.com/doc/5328372.html
    (
        "weifang-line-of-its-own",
        "及时宣传解读。\n市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实\n加强财政政策信息公开。",
        [(["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], [], [])],
    ),
    # 徐汇区市场监管局 知识产权工作要点 2025: sections (科) and stations (所) of one bureau
    # https://www.shanghai.gov.cn/zscq-gqwj4/20250924/66375916ec664575ab842ebef6f9362e.html
    (
        "xuhui-sections",
        "做好宣贯工作。(牵头部门:法规科、稽查科(竞争科)、知产保护科;配合部门:漕开发(知识产权监管)所、各所队)",
        [(["法规科", "稽查科(竞争科)", "知产保护科"], ["漕开发(知识产权监管)所", "各所队"], [])],
    ),
    # 滁州市 重点工作责任分解 2020: a shortened bank name among the co-responsible
    # http://www.chuzhou.gov.cn/public/152523227/567017766.html
    (
        "chuzhou-short-bank",
        "2. 财政收入增长8%左右。\n牵头负责领导:金力。\n牵头责任单位:市财政局。\n"
        "协同责任单位:市税务局、滁州海关、市人行、滁州经开区管委会等,各县、市、区政府。",
        [(["市财政局"], ["市税务局", "滁州海关", "市人行", "滁州经开区管委会", "各县、市、区政府"], [])],
    ),
    # 威海市 数字政府 2023: 市直有关部门、单位 is one body (departments and units), not two
    # http://www.e-gov.org.cn/article-186199.html
    (
        "weihai-departments-and-units",
        "1.深化政务服务“网上办”。(牵头单位:市行政审批服务局;责任单位:市直有关部门、单位,各区市政府、"
        "开发区管委。以下任务均需各区市政府、开发区管委落实,不再一一列出)",
        [(["市行政审批服务局"], ["市直有关部门、单位", "各区市政府", "开发区管委"], [])],
    ),
    # 杭州市 2021 省政府工作报告涉杭任务责任分解: a table flattened one cell per line, its one
    # role column 责任单位 (the 省牵头单位 line under each row is a labelled clause of its own)
    # https://ddjlg.com/zhi/gongzuo/xjqwdn.html
    (
        "hangzhou-flattened-table",
        "序号\n\n重点工作任务(杭州市2项配合工作)\n\n责任单位\n\n(一)王宏副市长牵头重点工作\n\n1\n\n"
        "加强粮食和重要农产品保障,确保粮食播种面积稳步提升。\n\n"
        "市农业农村局、市规划和自然资源局、市商务局(市粮食和物资储备局)\n\n省牵头单位:省农业农村厅",
        [
            ([], ["市农业农村局", "市规划和自然资源局", "市商务局(市粮食和物资储备局)"], []),
            (["省农业农村厅"], [], []),
        ],
    ),
    # 嘉鱼县 2021 重点工作责任分解 (嘉政办发〔2021〕5号): clauses in square brackets beside round ones
    # http://jiayu.gov.cn/xxgk/dfbmptlj/bmxxgkpt/xjtysj/zc_21470/zfwj_21471/202107/t20210722_2364261.shtml
    (
        "jiayu-square-brackets",
        "(一)地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]",
        [(["县发改局(粮食局)"], ["各镇人民政府", "嘉鱼经济开发区"], [])],
    ),
    # 丽水市 2023 政府工作报告重点工作责任分解: the first-listed-leads note closes the list it
    # first applies to, and carries (下同) to the later lists
    # https://www.lishui.gov.cn/art/2023/7/11/art_1229738349_57348087.html
    (
        "lishui-note-closing-a-list",
        "4.固定资产投资增长10%。\n\n责任单位:市发改委、市经信局、市科技局、市卫生健康委"
        "(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)\n\n"
        "10.实施招商引资“百千”行动。\n\n责任单位:市双招双引办、市发改委,各县(市、区)政府",
        [
            (["市发改委"], ["市经信局", "市科技局", "市卫生健康委"], []),
            (["市双招双引办"], ["市发改委", "各县(市、区)政府"], []),
        ],
    ),
    # 国办发〔2022〕13号 (高校毕业生等青年就业创业), as a tree of its tasks in a public repository:
    # each group of task lines ends with the line assigning them, alone on its line
    (
        "guobanfa-2022-13-lines-of-their-own",
        "扩大企业就业规模\n支持中小微企业更多吸纳高校毕业生就业，按规定给予社会保险补贴\n"
        "国家发展改革委、科技部、工业和信息化部、财政部、人力资源社会保障部等按职责分工负责\n"
        "精准开展困难帮扶\n面向困难高校毕业生开展就业能力培训\n"
        "人力资源社会保障部牵头，教育部等按职责分工负责\n"
        "各有关部门和单位、各省级人民政府按职责分工负责\n",
        [
            ([], ["国家发展改革委", "科技部", "工业和信息化部", "财政部", "人力资源社会保障部"], []),
            (["人力资源社会保障部"], ["教育部"], []),
            ([], ["各有关部门和单位", "各省级人民政府"], []),
        ],
    ),
    # 广州市 党建创新工程 实施意见: a body's name holding quotation marks
    (
        "guangzhou-quoted-name",
        "1.推进“两新”组织党建。（牵头单位：市“两新”组织党工委，配合单位：市非公有制经济组织党工委、"
        "市社会组织党工委）",
        [(["市“两新”组织党工委"], ["市非公有制经济组织党工委", "市社会组织党工委"], [])],
    ),
    # 海盐县 2022 政府工作报告重点工作责任分解: the first-listed note right after the first body;
    # a body named alone under the note stays solely responsible
    # http://www.haiyan.gov.cn/art/2022/4/26/art_1229436874_59379425.html
    (
        "haiyan-note-after-the-first-body",
        "1.推进工作。\n责任单位:县发改局(首位单位为牵头单位,下同)、县财政局、县税务局、县农业农村局\n"
        "2.推进法治建设。\n责任单位:县司法局",
        [(["县发改局"], ["县财政局", "县税务局", "县农业农村局"], []), ([], [], ["县司法局"])],
    ),
    # 云浮市 学前教育 行动方案: the note is a part of the bracket that names the bodies
    # https://dsbftdc.com/yfsrmzf/jcxxgk/zcfg/zfwj/content/post_999.html
    (
        "yunfu-names-beside-the-note",
        "1.扩大普惠性资源。(市教育局,市委农办,各县(市、区)人民政府,排名第一位为牵头单位,下同)",
        [(["市教育局"], ["市委农办", "各县(市、区)人民政府"], [])],
    ),
    # the same bracket as a reprint gives it: the inner brackets as ASCII angle brackets
    (
        "yunfu-angle-brackets-inside-a-name",
        "1.扩大普惠性资源。(市教育局,市委农办,各县<市、区>人民政府,排名第一位为牵头单位,下同)\n"
        "2.推进义务教育优质均衡。(市教育局、各县<市、区>人民政府)",
        [
            (["市教育局"], ["市委农办", "各县<市、区>人民政府"], []),
            (["市教育局"], ["各县<市、区>人民政府"], []),
        ],
    ),
    # brackets that only look like clauses
    ("not-scope", "推动落实（包括已出台的各项政策措施）。", []),
    ("not-period", "十四五规划（2021—2025年）", []),
    ("not-docnumber", "根据《通知》（国办发〔2021〕30号）要求", []),
]


def roles(clause: RawClause) -> Expected:
    return list(clause.leads), list(clause.co), list(clause.sole)


@pytest.mark.parametrize(("text", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_real_clause_shape(text: str, expected: list[Expected]) -> None:
    found = [c for c in find_clauses(text) if c.form == "parenthetical"]
    assert [roles(c) for c in found] == expected
    assert all(text[c.start : c.end] == c.text for c in found)


INLINE_CASES: list[tuple[str, str, list[Expected]]] = [
    # 国办函〔2005〕16号: 由A牵头，会同B、C…
    # https://chinareal.nankai.edu.cn/info/1054/4693.htm
    (
        "guobanhan-lead-with-helpers",
        "(二)关于继续对种粮农民实行直接补贴的问题,由财政部牵头,会同发展改革委、农业部、粮食局等部门提出具体实施意见。",
        [(["财政部"], ["发展改革委", "农业部", "粮食局"], [])],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(c[1], c[2]) for c in INLINE_CASES], ids=[c[0] for c in INLINE_CASES]
)
def test_real_free_sentence_shape(text: str, expected: list[Expected]) -> None:
    found = find_clauses(text)
    assert [(c.form, roles(c)) for c in found] == [("inline", e) for e in expected]


def test_convention_in_a_closing_note_covers_the_whole_document() -> None:
    """`注：排在第一位的为牵头单位` after a task table governs the rows above it."""
    text = (
        "重点任务分工表\n"
        "序号\t工作任务\t责任单位\t完成时限\n"
        "1\t推进数字政府建设\t市大数据局、市政府办公室\t2023年底\n"
        "2\t优化营商环境\t市发展改革委、市市场监管局、市行政审批局\t持续推进\n"
        "注：责任单位中排在第一位的为牵头单位。"
    )
    assert [roles(c) for c in find_clauses(text)] == [
        (["市大数据局"], ["市政府办公室"], []),
        (["市发展改革委"], ["市市场监管局", "市行政审批局"], []),
    ]


def test_convention_in_an_opening_explanation_covers_later_clauses() -> None:
    text = (
        "说明：各项任务中列第一位者为牵头单位，其他单位按职责分工负责。\n"
        "1.完善政策体系。（省发展改革委、省财政厅负责）\n"
        "2.强化督查考核。（省政府督查室负责）"
    )
    assert [roles(c) for c in find_clauses(text)] == [
        (["省发展改革委"], ["省财政厅"], []),
        ([], [], ["省政府督查室"]),  # one body named alone stays solely responsible
    ]
