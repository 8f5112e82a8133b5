"""The PDF reader: page furniture set aside, paragraphs rejoined from where the lines stand.

The fixtures in tests/data/pdf are made by ``python tests/make_fixtures.py --pdf``
(LibreOffice, from Word files the script builds); the real file is the Beijing
report in ../shared/corpus/pdf.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import SHARED, TESTDATA

import textags
from textags._errors import ReadWarning, TextagsError

pytest.importorskip("pypdfium2")

PDF = TESTDATA / "pdf"
BEIJING = SHARED / "pdf" / "beijing-2024-government-work-report.pdf"
ENDS = re.compile(r"[。！？；][”’」』）)】》]*$")


def kinds_texts(path):
    return [(u.kind, u.text) for u in textags.load(path).units]


def test_running_header_and_page_numbers_are_furniture():
    got = kinds_texts(PDF / "running-header.pdf")
    furniture = [t for k, t in got if k == "furniture"]
    assert furniture.count("2025年山西省政府工作报告") == 4  # the header of each of the 4 pages
    assert [t for t in furniture if t.startswith("—")] == ["— 1 —", "— 2 —", "— 3 —", "— 4 —"]
    # the title stands once as a heading; the header resets no section
    assert [t for k, t in got if k == "heading"].count("2025年山西省政府工作报告") == 1


def test_sentences_across_page_breaks_are_whole():
    doc = textags.load(PDF / "running-header.pdf")
    body = [u.text for u in doc.units if u.kind == "body"]
    # page 1 ends inside this sentence, page 2 goes on with it
    assert "“一老一小”普惠补贴、扶残助学、消化道健康筛查等15件民生实事全部兑现。" in body
    assert all(ENDS.search(t) for t in body)
    # a running header resets no section: each unit has the section it has in the Word original
    word = textags.load(TESTDATA / "docx" / "running-header.docx")
    sections = {u.text: u.section for u in word.units}
    assert [u.section for u in doc.units if u.kind != "furniture"] == [
        sections[u.text] for u in doc.units if u.kind != "furniture"
    ]


def test_pdf_segments_into_the_body_units_of_its_word_original():
    word = [(u.kind, u.text) for u in textags.load(TESTDATA / "docx" / "running-header.docx").units]
    pdf = [(u.kind, u.text) for u in textags.load(PDF / "running-header.pdf").units if u.kind != "furniture"]
    same = sum((Counter(word) & Counter(pdf)).values())
    assert len(word) > 100 and same / max(len(word), len(pdf)) >= 0.97


def test_a_wrapped_line_that_starts_with_an_enumerator_continues_its_paragraph():
    got = kinds_texts(PDF / "layout.pdf")
    assert (
        "body",
        "在全国制造业企业五百强排名中，广东省内的工业企业综合实力已经连续十多年稳居全国第一、行业第一的广东企业达到十二家，数量居全国首位。",
    ) in got
    assert (
        "body",
        "先进制造业集群建设成效明显，全省集群数量连续三年在全国排名第二，综合实力全国排名第三，入选国家先进制造业集群的数量增加到八个。",
    ) in got
    assert not any(k == "heading" and (t.startswith("一、行业") or t.startswith("第三，")) for k, t in got)


def test_a_wrapped_heading_is_whole_and_a_full_heading_keeps_to_its_line():
    got = kinds_texts(PDF / "layout.pdf")
    assert ("heading", "（一）着力推动经济持续稳定恢复，全面落实一揽子增量政策和存量政策，争取政策性资金支持") in got
    # a heading that fills its line exactly, then an indented paragraph
    i = got.index(("heading", "（二）因地制宜发展新质生产力，加快构建体现山西特点优势的现代化产业体系建设新格局"))
    assert got[i + 1] == ("body", "全力打造促进四链融合的创新驱动平台，六个设区市晋创谷挂牌运营。")


def test_spaces_pdfium_puts_between_chinese_characters_are_dropped():
    got = kinds_texts(PDF / "layout.pdf")
    assert got[:2] == [("heading", "2025年政府工作报告（摘编）"), ("heading", "“山西精品”享誉海内外")]
    assert not any(re.search("[\u4e00-\u9fff] [\u4e00-\u9fff]", t) for _, t in got)


def test_a_glossary_entry_that_wraps_after_a_full_stop_stays_whole():
    got = kinds_texts(PDF / "layout.pdf")
    assert got[-2:] == [
        (
            "footnote",
            "1. 专精特新：指具有专业化、精细化、特色化、新颖化特征和较强创新能力的中小企业群体。国家级专精特新“小巨人”企业是其中的佼佼者。",
        ),
        ("footnote", "2. 晋创谷：山西省打造的科技成果转化和创新创业平台。"),
    ]


def test_a_page_without_text_layer_is_named_in_a_warning():
    with pytest.warns(ReadWarning, match=r"scanned-page\.pdf: p\. 2 has no text layer; OCR it first"):
        doc = textags.load(PDF / "scanned-page.pdf")
    assert doc.units[0].text == "一年来，我们坚持稳中求进工作总基调，全省经济运行稳中有进。"


def test_a_page_without_text_layer_is_a_break_no_sentence_is_joined_across():
    # the sentence that runs onto the scanned page and the one after it are not glued into one unit
    with pytest.warns(ReadWarning):
        doc = textags.load(PDF / "scanned-page.pdf")
    assert [(u.kind, u.text) for u in doc.units][1:] == [
        ("body", "全年新增城镇就业四十七万人，"),
        ("body", "城镇调查失业率控制在百分之五点五以内。"),
    ]
    # and cleaning the cleaned text again keeps the break
    assert textags.segment(doc.text).text == doc.text


def test_a_gap_mark_counts_only_alone_on_its_line():
    from textags._clean_patterns import GAP_MARK

    doc = textags.segment(f"全年新增城镇就业四十七万人，\n{GAP_MARK}\n城镇调查失业率{GAP_MARK}控制在5%以内。")
    assert [u.text for u in doc.units] == ["全年新增城镇就业四十七万人，", "城镇调查失业率控制在5%以内。"]
    assert [r.text for r in doc.removed] == [GAP_MARK]


def test_a_lone_ten_at_a_line_end_does_not_make_the_next_line_a_heading():
    # 十 ends a full line, 四是免费送戏下乡 1 万场。 starts the next: item 十四, not a heading 四是
    got = kinds_texts(PDF / "enumerator-wrap.pdf")
    assert not any(k == "heading" or t.startswith("四是") for k, t in got)
    assert any(t.endswith("十四是免费送戏下乡1万场。") for k, t in got if k == "body")


def test_a_page_without_text_layer_warns_on_the_command_line(run_cli):
    code, out, err = run_cli("segment", PDF / "scanned-page.pdf")
    assert code == 0 and "textags: warning:" in err and "p. 2 has no text layer; OCR it first" in err


def test_an_all_image_pdf_is_still_refused(tmp_path):
    import pypdfium2 as pdfium

    scanned = pdfium.PdfDocument(PDF / "scanned-page.pdf")
    only = pdfium.PdfDocument.new()
    only.import_pages(scanned, [1])
    path = tmp_path / "scan.pdf"
    only.save(path)
    with pytest.raises(TextagsError, match="has no text layer"):
        textags.load(path)


def test_the_beijing_pdf_reads_cleanly():
    doc = textags.load(BEIJING)
    body = [u.text for u in doc.units if u.kind == "body"]
    headings = [u.text for u in doc.units if u.kind == "heading"]
    assert headings[:3] == [
        "各位代表：",
        "一、2023年工作回顾",
        "一是深入落实首都城市战略定位，京津冀协同发展不断走深走实。",
    ]
    assert "二、2024年重点任务" in headings and len(headings) == 22
    # every body unit is a whole sentence, but the one that opens the list of tasks
    assert [t for t in body if not ENDS.search(t)] == ["着力做好以下十一个方面工作："]
    assert (
        "全市地区生产总值增长5.2%、约4.4万亿元，一般公共预算收入增长8.2%、突破6000亿元，城镇调查失业率4.4%，居民消费价格总体平稳，居民收入增长与经济增长同步，人均地区生产总值、全员劳动生产率、万元地区生产总值能耗水耗等多项指标保持全国省级地区最优水平。"
        in body
    )
    assert not any(re.search("[\u4e00-\u9fff] [\u4e00-\u9fff0-9]|[0-9] [\u4e00-\u9fff]", t) for t in body)


def test_the_furniture_mark_counts_only_at_a_line_start():
    from textags._clean import FURNITURE_MARK

    doc = textags.segment(
        f"{FURNITURE_MARK}2025年政府工作报告\n全年新增城镇就业{FURNITURE_MARK}47万人。\n{FURNITURE_MARK}"
    )
    assert [(u.kind, u.text) for u in doc.units] == [
        ("furniture", "2025年政府工作报告"),
        ("body", "全年新增城镇就业47万人。"),
    ]
    assert sorted(r.text for r in doc.removed) == [FURNITURE_MARK] * 3
