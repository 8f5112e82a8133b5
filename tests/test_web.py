"""Web-page text (#22 point 3): the 214 local report openings, saved from web pages, cleaned and split.

Over every local report: no numbered heading is glued to the sentence after it,
and no navigation or metadata line of the page ends up as a body or heading
unit.  Then the rules one by one, on small real excerpts of the local reports.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import RAW, TESTDATA
from make_golden import LOCAL_GOLDEN

import textags
from textags import segment
from textags._clean import clean
from textags._web import forum_panel, is_chrome, web_kind

LOCAL = sorted((RAW / "local").glob("*.txt"))

#: A numbered heading at the start of a unit: 一、  （一）
NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
TERMINALS = re.compile("[。！？；!?;]")
#: A numbered heading with no punctuation, a space, then a sentence: 一、2023年工作回顾 2023年是……。
SPACED = re.compile(NUMBERED.pattern + r"[^\s，。；：,;:！？]{2,30}\s+\S.*[。！？；]")
#: Marks of page navigation and disclosure metadata, written out here apart from
#: textags._web's own patterns: a unit carrying one and no sentence end is a page
#: line that cleaning let through as report text.
PAGE_MARKS = re.compile(
    r"当前位置|您的位置|现在的位置|所在位置|首页\s*>|设为首页|收藏本站|索\s?引\s?号|发文字号|发布机构|成文日期|生成日期|"
    r"公开日期|公开方式|主题分类|组配分类|阅读次数|浏览次数|浏览量|访问量|发布时间\s*[:：]|发布日期\s*[:：]|"
    r"字号\s*[:：]|字体\s*[:：]|打印|正文区域内容请使用tab按钮切换浏览|TA的每日心情|签到天数|复制链接"
)


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def local_docs():
    return [(p, p.read_text(encoding="utf-8"), textags.load(p)) for p in LOCAL]


def test_the_local_reports_are_all_there():
    assert len(LOCAL) == 214


def test_no_numbered_heading_is_glued_to_the_sentence_after_it(local_docs):
    glued = []
    for path, raw, doc in local_docs:
        lines = [_squeeze(line) for line in raw.split("\n")]
        for u in doc.units:
            if u.kind not in ("heading", "body") or not NUMBERED.match(u.text):
                continue
            # a numbered heading (or a unit that opens with one) stays within the line it stood on ...
            if not any(_squeeze(u.text) in line for line in lines):
                glued.append((path.stem, u.index, u.text[:40]))
            # ... and a heading unit does not run on past a space into a sentence of its own
            if u.kind == "heading" and SPACED.match(u.text):
                glued.append((path.stem, u.index, u.text[:40]))
    assert glued == []


#: A numbered heading standing inside a unit after a space: the heading was glued to what came before.
INNER_HEADING = re.compile(
    r"[\u4e00-\u9fff。！？；：:][ \u3000]+([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
#: An unnumbered part heading, a space, then a sentence: 2023年工作回顾 过去一年,……。
PART_GLUED = re.compile(r"^\S{0,16}(工作回顾|工作总结|工作安排|工作计划|主要工作|重点工作)[ \u3000]+\S.{9,}[。；]")


def test_no_heading_stands_inside_a_unit(local_docs):
    # web copies that collapsed line breaks to spaces: a title, a lead-in or a sentence, then a heading
    glued = [
        (path.stem, u.index, u.text[:50])
        for path, _, doc in local_docs
        for u in doc.units
        if u.kind in ("heading", "body") and (INNER_HEADING.search(u.text) or PART_GLUED.match(u.text))
    ]
    assert glued == []


#: A part heading with no break at all before the sentence it heads: 一、2019年工作回顾2019年,是……
GLUED_PART = re.compile(
    r"^([一二三四五六七八九十]+、)?[^\s，。；：,;:]{0,16}(工作回顾|工作总结|工作安排|工作计划|主要工作|重点工作)"
    r"(\d{4}年[,，]|过去|本届|一年来|五年来|今年)"
)


def test_no_part_heading_is_glued_to_its_sentence_without_a_break(local_docs):
    glued = [
        (path.stem, u.index, u.text[:50])
        for path, _, doc in local_docs
        for u in doc.units
        if u.kind in ("heading", "body") and GLUED_PART.match(u.text)
    ]
    assert glued == []


#: A short Latin token of mixed case (jZD, heK, Jzp): a mirror site's stand-in for a line break.
MIXED_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?=[a-z]*[A-Z])(?=[A-Z]*[a-z])[A-Za-z]{3}(?![A-Za-z0-9])")


def test_no_line_break_token_of_a_mirror_site_is_left_in_a_unit(local_docs):
    left = []
    for path, raw, doc in local_docs:
        counts = Counter(MIXED_TOKEN.findall(raw))
        tokens = {tok for tok, n in counts.items() if n >= 3}
        left += [
            (path.stem, u.index, u.text[:50])
            for u in doc.units
            if u.kind in ("heading", "body") and tokens & set(MIXED_TOKEN.findall(u.text))
        ]
    assert left == []


def test_no_navigation_or_metadata_line_is_a_body_or_heading_unit(local_docs):
    leaks = [
        (path.stem, u.index, u.text[:60])
        for path, _, doc in local_docs
        for u in doc.units
        if u.kind in ("body", "heading") and PAGE_MARKS.search(u.text) and not TERMINALS.search(u.text)
    ]
    assert leaks == []


def test_nothing_is_lost_on_the_local_reports(local_docs):
    for path, raw, doc in local_docs:
        kept = "".join(_squeeze(u.text) for u in doc.units)
        removed = "".join(_squeeze(r.text) for r in doc.removed)
        assert sorted(kept + removed) == sorted(_squeeze(raw)), path.stem


def test_cleaning_the_cleaned_local_text_changes_nothing(local_docs):
    for path, _, doc in local_docs:
        assert clean(doc.text).text == doc.text, path.stem


def test_no_golden_report_is_held_out():
    heldout = json.loads((RAW.parent / "heldout-local.json").read_text(encoding="utf-8"))
    assert len(LOCAL_GOLDEN) >= 8 and not set(LOCAL_GOLDEN) & set(heldout["heldout_local_documents"])


@pytest.mark.parametrize("stem", LOCAL_GOLDEN)
def test_local_reports_match_their_golden_files(stem):
    golden = [
        json.loads(line) for line in (TESTDATA / "golden" / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    doc = textags.load(RAW / "local" / f"{stem}.txt")
    got = [
        {"index": u.index, "start": u.start, "end": u.end, "kind": u.kind, "section": list(u.section), "text": u.text}
        for u in doc.units
    ]
    assert got == golden


# --------------------------------------------------------------------------
# the rules, on excerpts of the local reports

# p004-street-wuxi-huazhuang-2022: breadcrumb, dateline with counter, metadata table
HUAZHUANG = """当前位置:首页 > 华庄街道 > 政府信息公开 > 政府信息公开目录 > 重点工作

华庄街道2022年工作总结

发布时间:2023-01-17 15:00     发布部门:华庄街道     阅读次数:

索引号 MB1670946/2023-00023 生成日期 2023-01-17 公开日期 2023-01-17
文件编号 发布机构 华庄街道办事处 效力状况 有效
文件下载
内容概述 华庄街道2022年工作总结

  2022年是党的二十大召开之年,是“十四五”规划的关键之年,也是华庄街道抢抓新机遇、应对新挑战、实现新发展的奋进之年。

(一)疫情防控方向更明

  前期,街道上下坚持“外防输入、内防反弹”总策略和“动态清零”总方针。
"""


def test_a_disclosure_page_header_is_furniture_and_its_metadata_table_one_unit():
    doc = segment(HUAZHUANG)
    kinds = [(u.kind, u.text) for u in doc.units]
    assert kinds[0] == ("furniture", "当前位置:首页 > 华庄街道 > 政府信息公开 > 政府信息公开目录 > 重点工作")
    assert kinds[1] == ("heading", "华庄街道2022年工作总结")
    meta = [t for k, t in kinds if k == "furniture" and "索引号" in t]
    assert (
        len(meta) == 1 and "发布机构 华庄街道办事处" in meta[0] and meta[0].endswith("内容概述 华庄街道2022年工作总结")
    )
    body = [t for k, t in kinds if k == "body"]
    assert body[0].startswith("2022年是党的二十大召开之年") and body[-1].startswith("前期,")
    assert ("heading", "(一)疫情防控方向更明") in kinds


# p015-district-chengdu-chenghua-2023: a forum repost
FORUM = """设为首页收藏本站
查看: 1121|回复: 0

[四川] 2023年成都市成华区政府工作报告

[复制链接]
  • TA的每日心情
    奋斗
    3 天前
  • 签到天数: 808 天

    [LV.10]以坛为家III

    2万
    主题
    积分
    163993
    发表于 2023-8-22 17:26:19 | 显示全部楼层 |阅读模式
    2023年成都市成华区政府工作报告

    各位代表:

    现在,我代表区人民政府向大会报告工作,请予审查。

    一、2022年工作回顾

    2022年是党的二十大胜利召开之年,是我国踏上全面建设社会主义现代化国家新征程的重要一年。
"""


def test_a_forum_user_panel_is_furniture_and_the_heading_stays_apart():
    doc = segment(FORUM)
    furniture = [u.text for u in doc.units if u.kind == "furniture"]
    assert "奋斗" in furniture and "163993" in furniture and furniture[-1].startswith("发表于 2023-8-22")
    assert "设为首页收藏本站" in furniture and "[复制链接]" in furniture
    heads = [u.text for u in doc.units if u.kind == "heading"]
    assert "一、2022年工作回顾" in heads
    assert [u.text for u in doc.units if u.kind == "body"][-1].startswith("2022年是党的二十大")


# p010-district-beijing-chaoyang-2021-2021: blank lines between paragraphs, title block
CHAOYANG = """当前位置: 首页>>政务公开>>规划计划>>政府工作报告

2021年政府工作报告

日期:2021-03-03 16:10 来源:区政府办公室 打印页面 关闭页面

政 府 工 作 报 告

——2021年1月12日在朝阳区第十六届人民代表大会

第七次会议上

朝阳区人民政府区长 文 献

各位代表:

现在,我代表朝阳区人民政府,向大会报告工作,请予审议,并请各位政协委员提出意见。

一、2020年工作回顾

刚刚过去的2020年,是极不平凡、惊心动魄的一年。

面对突如其来的新冠肺炎疫情,我们以习近平新时代中国特色社会主义思想为指导,经受住了考验。
"""


def test_blank_lines_end_paragraphs_and_title_lines_stay_apart():
    doc = segment(CHAOYANG)
    texts = [(u.kind, u.text) for u in doc.units]
    assert ("furniture", "日期:2021-03-03 16:10 来源:区政府办公室 打印页面 关闭页面") in texts
    assert ("heading", "政 府 工 作 报 告") in texts and ("heading", "朝阳区人民政府区长 文 献") in texts
    assert ("heading", "一、2020年工作回顾") in texts
    assert not any("各位代表" in t and "文 献" in t for _, t in texts)


def test_a_numbered_heading_parted_by_a_space_from_its_sentence_is_its_own_unit():
    # p006-street-ningbo-dongliu-2023
    doc = segment("一、2023年工作回顾 2023年是全面贯彻党的二十大精神开局之年,是“八八战略”实施20周年。")
    assert [(u.kind, u.text) for u in doc.units] == [
        ("heading", "一、2023年工作回顾"),
        ("body", "2023年是全面贯彻党的二十大精神开局之年,是“八八战略”实施20周年。"),
    ]


def test_a_heading_line_does_not_join_the_paragraph_after_it_in_link_broken_text():
    # link-broken lines (a line starting with a comma) make the cleaner join broken
    # sentences; the heading line before a paragraph stays a heading of its own
    text = (
        "各位代表:\n现在,我代表区政府报告工作\n,请予审议。\n一、提升宜居质感\n社区面貌焕新推动旧区改造,更新成效显著。\n"
    )
    doc = segment(text)
    assert ("heading", "一、提升宜居质感") in [(u.kind, u.text) for u in doc.units]
    assert "现在,我代表区政府报告工作,请予审议。" in [u.text for u in doc.units]


@pytest.mark.parametrize(
    "line",
    [
        "【打印】 【字体:",
        "字号: 打印: 分享:",
        "打印整页 打印内容 分享",
        "无障碍阅读 关怀版 返回首页",
        "放大 缩小 默认",
        "字体大小:【大】 【中】 【小】",
    ],
)
def test_page_tool_lines_are_chrome(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["打印机产业园落地投产", "关闭燃煤小锅炉12台", "大", "中 小", "分享经济"],
)
def test_body_words_and_lone_characters_are_not_chrome(line):
    assert not is_chrome(line)


def test_metadata_and_navigation_rules_hold_only_in_the_page_header_or_footer():
    assert web_kind("来源:区政府办公室", True) == "meta"
    assert web_kind("来源:区政府办公室", False) == ""
    assert web_kind("发布时间:2023-01-17 阅读次数:", True) == "meta"
    assert web_kind("当前位置:首页 > 信息公开", True) == "nav"
    # a line that ends a sentence is never page furniture, even in the header
    assert web_kind("索引号制度全面推行,信息公开更加规范。", True) == ""


def test_a_sentence_with_a_page_word_in_the_body_stays_a_sentence():
    # p050-street-changzhou-tianning-unk-2023: 浏览量 inside a body sentence
    text = (
        "一、2023年工作总结\n以“越夜越天宁”为主题,推出商圈暑期夜生活,在锦绣天宁等平台集中宣发,"
        "总计浏览量超过10万次,累计带动超30万人次走进文化宫商圈。\n浏览量统计口径\n工作持续推进,成效明显。\n"
    )
    doc = segment(text)
    assert [u.kind for u in doc.units] == ["heading", "body", "body", "body"]
    assert doc.units[2].text == "浏览量统计口径"  # past the page header: report text, not furniture


def test_a_site_watermark_glued_to_lines_is_furniture_and_the_lines_keep_their_kind():
    # q179-town-yueqing-hongqiao-2018: a copying site appends its watermark to lines
    text = (
        "全年实现生产总值74.61亿元,到位浙商回归资金6.2亿元。pCP乡村百科--为乡村振兴助力\n\n"
        "一、工作进展pCP乡村百科--为乡村振兴助力\n\n"
        "工业实力稳步增强。全年规上企业支出科研性技术经费2.95亿元。pCP乡村百科--为乡村振兴助力\n\n"
        "中心商圈更具规模。华都天元广场进展顺利。\n"
    )
    units = [(u.kind, u.text) for u in segment(text).units]
    assert units.count(("furniture", "pCP乡村百科--为乡村振兴助力")) == 3
    assert ("heading", "一、工作进展") in units and ("body", "中心商圈更具规模。") in units
    assert not any("乡村百科" in t for k, t in units if k != "furniture")


def test_forum_panel_needs_its_end():
    assert forum_panel(["• TA的每日心情", "奋斗", "2万"], 3) == set()
