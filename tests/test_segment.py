"""Cleaning and segmentation: golden files of the street reports, real excerpts, the whole corpus."""

from __future__ import annotations

import json

import pytest
from conftest import STREET, TESTDATA, corpus_files

import textags
from textags._clean import clean
from textags._segment import LongUnitWarning, segment

# --- small real excerpts -----------------------------------------------------

# the PDF extraction: hard-wrapped every ~25 characters, a blank line after each,
# a footnote in mid-paragraph and its marker glued to a word
PDF_EXCERPT = """
2021年友谊路街道工作总结

（一）聚焦科创宝山，经济发展动能逐步释放

科创活力不断激发。启动推进科创“十个一”1工作举措，加

强与科创会客厅、“宝龙-城市峰汇”项目深度合作，地区创新

浓度进一步浓厚。营商队伍不断做强。成立做实街道营商环

境办，完成都市宝谊公司移交回归，带动街道下属公司职能

转型，组建一支营商稳商专班队伍，为区域优环境、强服务

1 “十个一”：开展一轮以科创为主题的“比学赶超”大讨论；组织一次全域全员科创大调研；搜寻一批有

利于科创的人、事、物。

做好坚实保障。亲商服务不断优化。
"""

# the community newspaper: masthead, column wraps, a headline in the flow
NEWSPAPER_EXCERPT = """2021年 1 月 20 日

本期 8版 第 114期

上海报业集团主管主办

国内统一连续出版物号：CN31-0114

2020年度高光时刻 我们一同走过
□记者 廖荩薇 整理报道

街道在 2020 年深入推动社会治理

智能“一张网”建设，发挥城市运行“一

网统管”的主平台作用。 完成“美丽家

园”“美丽街区”和进博会相关项目。

加强精细化管理 牢筑安全防线

在 2020 年，街道持续深化“医养直

通车”服务。
"""

# the markdown district report: bold lead phrase, <sup> marker, footnote block after ---
MARKDOWN_EXCERPT = """### （一）坚持赋能转型，科创宝山谋篇起势

**创新发展新引擎加速打造。**发挥“大学牌”智力源，3个产业技术研究院<sup>1</sup>初步形成建设方案。**科创核心承载区**推进全域开发，全力

---

1. 5个基地、3个产业研究院：环上大0-4号基地。

打造硬核科技集聚的新高地。

序号\t类别\t指标内容\t2021 年预期目标
1\t主要经济 指标\t地区生产总值\t增幅不低于全市平均水平

**国资国企改革加快步伐**。设立总规模150亿元的科创产业基金。
"""


def kinds_texts(doc, kind=None):
    return [(u.kind, u.text) for u in doc.units if kind is None or u.kind == kind]


def test_pdf_hard_wraps_are_rejoined_and_footnote_set_aside():
    doc = segment(PDF_EXCERPT)
    body = [u.text for u in doc.units if u.kind == "body"]
    assert (
        "启动推进科创“十个一”¹工作举措，加强与科创会客厅、“宝龙-城市峰汇”项目深度合作，地区创新浓度进一步浓厚。" in body
    )
    # the sentence interrupted by the footnote is whole again
    assert (
        "成立做实街道营商环境办，完成都市宝谊公司移交回归，带动街道下属公司职能转型，组建一支营商稳商专班队伍，为区域优环境、强服务做好坚实保障。"
        in body
    )
    notes = [u.text for u in doc.units if u.kind == "footnote"]
    assert notes == [
        "1 “十个一”：开展一轮以科创为主题的“比学赶超”大讨论；组织一次全域全员科创大调研；搜寻一批有利于科创的人、事、物。"
    ]
    assert doc.units[0].kind == "heading" and doc.units[0].text == "2021年友谊路街道工作总结"


def test_heading_is_its_own_unit_and_gives_the_section():
    doc = segment(PDF_EXCERPT)
    head = next(u for u in doc.units if u.text.startswith("（一）"))
    assert head.kind == "heading"
    first_body = next(u for u in doc.units if u.kind == "body")
    assert first_body.section[-1] == "（一）聚焦科创宝山，经济发展动能逐步释放"


def test_newspaper_masthead_is_furniture_and_headlines_are_headings():
    doc = segment(NEWSPAPER_EXCERPT)
    furniture = [u.text for u in doc.units if u.kind == "furniture"]
    assert "上海报业集团主管主办" in furniture and "国内统一连续出版物号：CN31-0114" in furniture
    assert "□记者 廖荩薇 整理报道" in furniture
    headings = [u.text for u in doc.units if u.kind == "heading"]
    assert headings == ["2020年度高光时刻 我们一同走过", "加强精细化管理 牢筑安全防线"]
    body = [u.text for u in doc.units if u.kind == "body"]
    assert body[0] == "街道在 2020 年深入推动社会治理智能“一张网”建设，发挥城市运行“一网统管”的主平台作用。"
    assert body[-1] == "在 2020 年，街道持续深化“医养直通车”服务。"


def test_markdown_markup_tables_and_footnotes():
    doc = segment(MARKDOWN_EXCERPT)
    assert kinds_texts(doc, "heading") == [
        ("heading", "（一）坚持赋能转型，科创宝山谋篇起势"),
        ("heading", "创新发展新引擎加速打造。"),
        ("heading", "国资国企改革加快步伐。"),
    ]
    body = [u.text for u in doc.units if u.kind == "body"]
    assert "发挥“大学牌”智力源，3个产业技术研究院¹初步形成建设方案。" in body
    # the paragraph broken by the footnote block continues after it
    assert "科创核心承载区推进全域开发，全力打造硬核科技集聚的新高地。" in body
    assert [u.kind for u in doc.units if "环上大" in u.text] == ["footnote"]
    assert [u.kind for u in doc.units if "\t" in u.text] == ["table", "table"]
    assert {r.text for r in doc.removed} >= {"**", "### ", "---", "<sup></sup>"}
    assert not any("*" in u.text or "<" in u.text for u in doc.units)


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    doc = segment("他说：“要抓紧。”我们照办；（全年完成。）最后！")
    assert [u.text for u in doc.units] == ["他说：“要抓紧。”", "我们照办；", "（全年完成。）", "最后！"]


def test_heading_and_first_sentence_on_one_line_are_two_units():
    doc = segment("一是打好产业转型“攻坚战”。对标科创转化带建设要求，加强孵化培育。")
    assert kinds_texts(doc) == [
        ("heading", "一是打好产业转型“攻坚战”。"),
        ("body", "对标科创转化带建设要求，加强孵化培育。"),
    ]


def test_heading_levels_nest():
    doc = segment("一、抓经济\n（一）稳增长\n税收增长。\n（二）促改革\n改革深化。\n二、抓民生\n就业稳定。")
    sections = {u.text: u.section for u in doc.units}
    assert sections["税收增长。"] == ("一、抓经济", "（一）稳增长")
    assert sections["改革深化。"] == ("一、抓经济", "（二）促改革")
    assert sections["就业稳定。"] == ("二、抓民生",)
    assert sections["二、抓民生"] == ()


def test_link_broken_lines_of_the_national_reports_are_rejoined():
    text = (
        "各位代表：\n\n国营大中型企业在人才、技术、资金等方面有着许多有利条件。\n\n在\n工资制度和价格改革方面，我们要积极稳妥。\n\n"
        "今年是我国与\n印度\n、缅甸共同倡导和平共处五项原则三十周年。\n"
    )
    body = [u.text for u in segment(text).units if u.kind == "body"]
    assert "在工资制度和价格改革方面，我们要积极稳妥。" in body
    assert "今年是我国与印度、缅甸共同倡导和平共处五项原则三十周年。" in body


def test_a_huge_unit_without_punctuation_is_cut_with_a_warning():
    with pytest.warns(LongUnitWarning):
        doc = segment("字" * 2500)
    assert [len(u.text) for u in doc.units] == [1000, 1000, 500]


def test_offsets_hold_and_the_document_is_frozen():
    doc = segment(PDF_EXCERPT)
    assert all(doc.text[u.start : u.end] == u.text for u in doc.units)
    with pytest.raises(AttributeError):
        doc.units[0].text = "x"  # type: ignore[misc]


# --- golden files: the four street reports, checked unit by unit --------------


@pytest.mark.parametrize("path", STREET, ids=[p.stem for p in STREET])
def test_street_reports_match_their_golden_files(path):
    golden = [
        json.loads(line)
        for line in (TESTDATA / "golden" / f"{path.stem}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    doc = textags.load(path)
    got = [
        {"index": u.index, "start": u.start, "end": u.end, "kind": u.kind, "section": list(u.section), "text": u.text}
        for u in doc.units
    ]
    for g, u in zip(golden, got):
        assert u == g
    assert len(got) == len(golden)


# --- the whole corpus ------------------------------------------------------------

NATIONAL = corpus_files("national")
PROVINCIAL = corpus_files("provincial-2025")


@pytest.mark.parametrize("path", NATIONAL, ids=[p.stem for p in NATIONAL])
def test_national_reports_segment_and_their_wiki_notice_is_furniture(path):
    doc = textags.load(path)
    assert sum(u.kind == "body" for u in doc.units) > 50
    for u in doc.units:
        if u.kind in ("body", "heading"):
            assert "维基文库" not in u.text and "公有领域" not in u.text and u.text != "Public domain"
    tail = [u for u in doc.units if "维基文库" in u.text or u.text == "Public domain"]
    assert tail and all(u.kind == "furniture" for u in tail)


@pytest.mark.parametrize("path", PROVINCIAL, ids=[p.stem for p in PROVINCIAL])
def test_provincial_reports_segment(path):
    doc = textags.load(path)
    headings = [u for u in doc.units if u.kind == "heading"]
    assert len(headings) >= 10
    assert all(len(u.text) <= 1000 for u in doc.units)
    assert clean(doc.text).text == doc.text


def test_invisible_characters_found_once_are_found_again():
    """The characters normalize takes out do not depend on what it has seen before (it remembers visible ones)."""
    from textags._markup import _hidden_in, _invisible

    texts = ["一年来\u200b，我们\ufeff做了\x1a工作。\n\t", "一年来，我们做了工作。", "\u200b一年\u00ad来\ue000"]
    for text in texts + texts[::-1]:
        assert sorted(_hidden_in(text)) == sorted(ch for ch in set(text) if _invisible(ch))


@pytest.mark.parametrize("path", [*STREET, *NATIONAL[:3], *corpus_files("local")[:20]], ids=lambda p: p.stem)
def test_the_passes_classify_remembered_lines_as_they_would_anew(path):
    """The line memo the passes share changes nothing: each pass without it gives the same blocks."""
    from textags._carry import carry
    from textags._clean import MAX_ROUNDS, clean_once

    text = path.read_text(encoding="utf-8")
    fresh = clean_once(text)
    if fresh.text != text:
        for _ in range(MAX_ROUNDS):
            again = clean_once(fresh.text)
            if again.text == fresh.text:
                break
            fresh = carry(fresh, again)
    remembered = clean(text)
    assert remembered.blocks == fresh.blocks
    assert remembered.removed == fresh.removed
