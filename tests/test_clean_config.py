"""Every pattern a cleaning rule reads lives in CleanConfig: a pattern passed in changes what cleaning does (#18)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from textags._clean import clean
from textags._clean_patterns import DEFAULT_CONFIG, FOOTNOTE_PATTERNS, FURNITURE_PATTERNS, HEADING_PATTERNS
from textags._line_rules import LINE_RULES

NEVER = re.compile(r"(?!x)x")
SENTENCE = "街道全年新增就业岗位356个。\n"

#: config field -> (text, replacement): with the replacement, cleaning the text gives other blocks
CASES = {
    "heading_patterns": (
        SENTENCE + "第一章 总则\n全年完成任务。",
        HEADING_PATTERNS + ((re.compile(r"^第[一二三]章"), 1),),
    ),
    "furniture_patterns": (SENTENCE + "本页完\n全年完成任务。", FURNITURE_PATTERNS + (re.compile(r"^本页完$"),)),
    "footnote_patterns": (SENTENCE + "注一 说明文字", FOOTNOTE_PATTERNS + (re.compile(r"^注(一) "),)),
    "enum_alone_pattern": (SENTENCE + "其次\n加强社区管理。", NEVER),
    "enum_item_pattern": (SENTENCE + "我们要做到以下，\n1、加强社区管理。", NEVER),
    "headline_pattern": (SENTENCE + "经济发展 民生改善\n全年完成任务。", NEVER),
    "wiki_start_pattern": (SENTENCE + "注：中文维基文库社群认为本作品属于公有领域", NEVER),
    "numbered_note_pattern": (SENTENCE + "---\n1. 说明文字", NEVER),
    "md_note_pattern": (SENTENCE + "---\n1. 甲：说明。\n\n全年完成任务。\n2. 乙：说明。", NEVER),
    "glossary_start_pattern": (SENTENCE + "名词解释\n1. 甲：说明。", NEVER),
    "glossary_entry_pattern": (SENTENCE + "名词解释\n1. 甲：说明。", NEVER),
    "annex_pattern": (SENTENCE + "附件1\n全年完成任务。", NEVER),
    "table_caption_pattern": (SENTENCE + "表1：主要指标\n全年完成任务。", NEVER),
    "rule_line_pattern": (SENTENCE + "---\n全年完成任务。", NEVER),
    "md_heading_pattern": (SENTENCE + "# 总体要求\n全年完成任务。", NEVER),
    "md_list_pattern": (SENTENCE + "- 加强管理\n- 改善民生", NEVER),
    "spaced_head_pattern": ("一、稳增长 全年完成地区生产总值增长百分之五以上的目标任务。", NEVER),
    "inline_head_pattern": ("主要做了以下工作: (一)坚持统筹兼顾,经济运行稳中有进 经济指标回升向好。", NEVER),
    "part_head_pattern": ("2023年工作回顾 过去一年,我们坚持以习近平新时代中国特色社会主义思想为指导。", NEVER),
    "glued_part_head_pattern": ("一、2019年工作回顾2019年,是新中国成立70周年,也是发展极富成效的一年。", NEVER),
    "glued_part_start_pattern": ("一、2019年工作回顾2019年,是新中国成立70周年,也是发展极富成效的一年。", NEVER),
    "part_line_pattern": (
        SENTENCE + "全年新增就业岗位356个\n，同比增长5%。\n2022年工作回顾\n全镇上下坚持以人民为中心，取得成效。",
        NEVER,
    ),
    "web_break_token_pattern": ("一、工作回顾jZD 2018年是攻坚之年。jZD 减贫成效显著。jZD", NEVER),
    "footnote_marker_pattern": ("科创“十个一”1工作举措。\n\n1 “十个一”：开展一轮大讨论。", NEVER),
}


def _blocks(text, cfg=DEFAULT_CONFIG):
    return [(b.kind, b.text, b.level, b.head) for b in clean(text, cfg).blocks]


def test_every_pattern_field_of_the_config_is_covered():
    patterns = {f.name for f in dataclasses.fields(DEFAULT_CONFIG) if f.name.endswith(("pattern", "patterns"))}
    assert patterns - {"web_meta_patterns", "web_nav_patterns"} == set(CASES)  # web ones: tests/test_web.py


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_pattern_passed_in_the_config_changes_the_result(name):
    text, pattern = CASES[name]
    custom = dataclasses.replace(DEFAULT_CONFIG, **{name: pattern})
    assert _blocks(text, custom) != _blocks(text)


def test_a_custom_heading_pattern_makes_a_heading_and_a_custom_furniture_pattern_furniture():
    text, heads = CASES["heading_patterns"]
    assert ("heading", "第一章 总则", 1, 0) in _blocks(
        text, dataclasses.replace(DEFAULT_CONFIG, heading_patterns=heads)
    )
    text, furn = CASES["furniture_patterns"]
    got = _blocks(text, dataclasses.replace(DEFAULT_CONFIG, furniture_patterns=furn))
    assert ("furniture", "本页完", 0, 0) in got and ("body", "本页完", 0, 0) in _blocks(text)


def test_the_line_rules_have_distinct_names():
    names = [name for name, _, _ in LINE_RULES]
    assert len(names) == len(set(names)) and names[-1] == "body"


def _kinds(lines, cfg=DEFAULT_CONFIG, **rules):
    from textags._line_rules import classify

    return [(ln.kind, ln.text, ln.level, ln.head, ln.fn_id, ln.removed) for ln in classify(lines, cfg, **rules)]


def test_skipping_the_patterned_rules_where_no_pattern_finds_anything_changes_no_line():
    """The quick paths (blank lines; one alternation of the rules' patterns) classify every corpus line as the table does."""
    from conftest import corpus_files

    from textags._line_rules import PLAIN_RULES, RAW_RULES
    from textags._rule_patterns import quick_patterns as _quick_patterns

    assert _quick_patterns(DEFAULT_CONFIG) is not None  # the default patterns take the quick path
    for path in corpus_files("local")[::4] + corpus_files("street") + corpus_files("national")[::10]:
        lines = path.read_text(encoding="utf-8").split("\n")
        whole = _kinds(lines, raw_rules=tuple(RAW_RULES), plain_rules=tuple(PLAIN_RULES))  # copies: no quick path
        assert _kinds(lines) == whole, path.name


def test_the_quick_path_follows_patterns_passed_in_the_config():
    """A custom pattern with its own flags joins the alternation; one that cannot join turns the quick path off."""
    from textags._line_rules import PLAIN_RULES
    from textags._rule_patterns import quick_patterns as _quick_patterns

    lines = ["PUBLIC NOTICE", "第3期保障房项目开工。", "附录甲", "本报讯 全年新增就业。"]
    loud = dataclasses.replace(
        DEFAULT_CONFIG, furniture_patterns=FURNITURE_PATTERNS + (re.compile(r"^public notice$", re.IGNORECASE),)
    )
    annex = dataclasses.replace(DEFAULT_CONFIG, annex_pattern=re.compile(r"^附录[甲乙丙]$"))
    backref = dataclasses.replace(DEFAULT_CONFIG, headline_pattern=re.compile(r"^(本报讯)\s\1$"))
    assert _quick_patterns(loud) is not None and _quick_patterns(backref) is None
    for cfg in (loud, annex, backref):
        assert _kinds(lines, cfg) == _kinds(lines, cfg, plain_rules=tuple(PLAIN_RULES))
    assert _kinds(lines, loud)[0][0] == "furniture" and _kinds(lines, annex)[2][0] == "heading"
