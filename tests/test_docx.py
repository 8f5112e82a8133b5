"""The Word reader: every text run of the body and the notes reaches a unit.

The fixtures in tests/data/docx are made by ``python tests/make_fixtures.py``;
the real files are the 31 provincial reports of 2025 in ../shared/corpus.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections import Counter
from xml.etree import ElementTree as ET

import pytest
from conftest import SHARED, TESTDATA

import textags
from textags._errors import ReadWarning
from textags._readers import read

DOCX = TESTDATA / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def units(name):
    return [(u.kind, u.text) for u in textags.load(DOCX / name).units]


def run_texts(path) -> Counter:
    """The characters (not spaces) of every text run of the body and the notes, tracked deletions left out."""
    chars: Counter = Counter()
    with zipfile.ZipFile(path) as z:
        for part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
            if part not in z.namelist():
                continue
            root = ET.fromstring(z.read(part))
            for parent in list(root.iter()):  # a text box's VML copy (mc:Fallback) is the same text again
                for child in [c for c in parent if c.tag.endswith("}Fallback")]:
                    parent.remove(child)
            for t in root.iter(f"{W}t"):
                chars.update(c for c in (t.text or "") if not c.isspace())
    return chars


def unit_chars(doc) -> Counter:
    """The characters (not spaces) of the units, and the invisible ones cleaning took out and listed."""
    chars = Counter(c for u in doc.units for c in u.text if not c.isspace())
    chars.update(c for r in doc.removed if r.reason == "invisible" for c in r.text)
    return chars


def accounted(path) -> tuple[Counter, Counter]:
    """What of the runs no unit holds, and what the units hold beyond the runs."""
    runs, got = run_texts(path), unit_chars(textags.load(path))
    return runs - got, got - runs


def test_paragraphs_in_content_controls_are_read():
    got = units("content-controls.docx")
    assert (
        got[1][0] == "body"
        and got[1][1].startswith("坚持以习近平新时代中国特色社会主义思想为指导")
        and len(got[1][1]) > 100
    )
    assert ("body", "全年新增城镇就业47.6万人，城镇调查失业率控制在5.5%以内。") in got


def test_smart_tags_hyperlinks_and_fields_are_read():
    got = units("smart-tags.docx")
    assert ("body", "粮食产量达到296.6亿斤，创历史新高。") in got
    # a hyperlink's text, a simple field's result and a complex field's result, not its code
    assert ("body", "详见省统计局公报，全省生产总值2.56万亿元，增长2.3%。") in got


def test_text_boxes_are_blocks_of_their_own_read_once():
    got = [t for _, t in units("text-boxes.docx")]
    assert "文本框内的一句话：社区食堂覆盖率达到百分之九十。" in got
    # DrawingML with its VML fallback: the text once, after the paragraph it stands in
    assert got.count("图文框：农村居民人均可支配收入增长6.6%。") == 1
    assert got.index("图文框：农村居民人均可支配收入增长6.6%。") == got.index("城乡居民收入稳步增长。") + 1
    assert got.index("文本框内的一句话：社区食堂覆盖率达到百分之九十。") < got.index("城乡居民收入稳步增长。")


def test_footnotes_and_endnotes_become_footnote_units_with_their_markers():
    got = units("footnotes.docx")
    assert ("body", "启动推进科创“十个一”¹工作举措，地区创新浓度进一步浓厚。") in got
    assert ("footnote", "¹ “十个一”：开展一轮以科创为主题的大讨论；组织一次全域全员科创大调研。") in got
    assert ("body", "深化“三个一”²改革，营商环境持续优化。") in got
    assert got[-1] == ("footnote", "² “三个一”：一窗受理、一网通办、一次办成。")


def test_tracked_insertions_are_kept_and_deletions_left_out():
    assert units("tracked-changes.docx")[1:] == [("body", "年内加装电梯52台，完工13台。")]


def test_list_numbering_labels_are_rendered_and_make_headings():
    got = units("numbering.docx")
    assert ("heading", "一、2024年工作回顾") in got and ("heading", "二、2025年工作安排") in got
    assert ("heading", "（一）着力扩大有效需求") in got and ("heading", "（二）加快建设现代化产业体系") in got
    assert ("body", "1. 实施提振消费专项行动。") in got and ("body", "2. 扩大有效投资。") in got
    parts = textags.load(DOCX / "numbering.docx").parts()
    assert any("推动传统产业转型升级。" in u.text for u in parts["plan"])


def test_merged_cells_once_and_nested_tables_kept():
    got = [t for k, t in units("tables.docx") if k == "table"]
    assert got == ["指标\t2024年完成情况", "绝对值\t增速", "地区生产总值\t2.56万亿元\t2.3%", "其中一产\t1800亿元"]


def test_bold_lead_phrases_are_headings():
    got = units("bold-lead.docx")
    assert got[1:3] == [("heading", "实施提振消费专项行动。"), ("body", "推动中低收入群体增收减负，提升居民消费能力。")]
    assert ("heading", "一、2025年工作安排") in got
    # a bold phrase that runs on into its sentence is no heading
    assert ("body", "全面扩大国内需求，持续释放内需潜力。") in got


def test_what_cannot_be_read_is_named_in_a_warning():
    with pytest.warns(ReadWarning) as caught:
        read(DOCX / "picture.docx")
    assert [str(w.message) for w in caught] == [
        f"{DOCX / 'picture.docx'}: not read (no text textags can take from them): 1 picture (w:drawing, w:pict)"
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in DOCX.glob("*.docx")))
def test_every_text_run_of_a_fixture_reaches_a_unit(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadWarning)
        missing, extra = accounted(DOCX / name)
    assert not missing
    # beyond the runs only what Word shows and the file does not spell out: labels and note markers
    assert set(extra) <= set("一二三四五六七八九十、（）0123456789.¹²³⁴⁵⁶⁷⁸⁹")


def test_word_is_read_without_python_docx(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    assert units("tracked-changes.docx")[1] == ("body", "年内加装电梯52台，完工13台。")


PROVINCES = sorted((SHARED / "provincial-2025-docx").glob("*.docx"))


@pytest.mark.parametrize("path", PROVINCES, ids=[p.stem for p in PROVINCES])
def test_real_word_reports_read_like_their_text_versions(path):
    word = textags.load(path)
    text = textags.load(SHARED / "provincial-2025" / f"{path.stem}.txt")
    assert [u.text for u in word.units] == [u.text for u in text.units]
    # the kinds agree, except that Word's bold lead phrases are headings (the text versions lost the bold)
    for w, t in zip(word.units, text.units):
        assert w.kind == t.kind or (w.kind, t.kind) == ("heading", "body") and re.search("[。！？；]$", w.text)
    assert accounted(path) == (Counter(), Counter())


def test_real_word_reports_bold_lead_phrases_count():
    assert len(PROVINCES) == 31
    heads = 0
    for path in PROVINCES:
        word, text = textags.load(path), textags.load(SHARED / "provincial-2025" / f"{path.stem}.txt")
        heads += sum(1 for w, t in zip(word.units, text.units) if (w.kind, t.kind) == ("heading", "body"))
    assert heads >= 400
