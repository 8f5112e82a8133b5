r"""Numbered headings that share a line with text: where a web copy collapsed line breaks to spaces.

Examples
--------
>>> break_inline_headings("2022年东光县政府工作报告 一、2021年工作回顾 2021年是建党100周年。")
'2022年东光县政府工作报告\n一、2021年工作回顾\n2021年是建党100周年。'
"""

from __future__ import annotations

import re

from ._clean_patterns import CJK, DEFAULT_CONFIG, CleanConfig
from ._markup import title_like


def spaced_head(text: str, cfg: CleanConfig = DEFAULT_CONFIG) -> int:
    """Length of a numbered heading that a single space parts from its first sentence, or 0.

    >>> t = "一、2023年工作回顾 2023年是全面贯彻党的二十大精神开局之年。"
    >>> t[: spaced_head(t, )]
    '一、2023年工作回顾'
    """
    m = cfg.spaced_head_pattern.match(text)
    if not m:
        return 0
    rest = text[m.end() :].strip()
    return m.end() if len(rest) >= 15 and re.search(f"[{re.escape(cfg.terminals)}]", rest) else 0


def break_inline_headings(text: str, cfg: CleanConfig = DEFAULT_CONFIG) -> str:
    r"""Line breaks where a copy collapsed them to spaces around a numbered heading.

    A space before a numbered heading (``一、…`` ``（一）…``) becomes a line
    break when what stands before it on the line ends a sentence or a lead-in
    (``。`` ``：``), or is the line's title-like start (at most 40 characters,
    no inner punctuation) before a first heading (``一、``, ``（一）``); the
    space after the heading becomes one too; so does the space after an
    unnumbered part heading (``2023年工作回顾``) that opens a line; and a
    line break is put after a part heading glued with no space at all to a
    first sentence that opens with a time (``一、2019年工作回顾2019年,是…``),
    and before it when it follows a sentence on its line.

    >>> break_inline_headings("2022年东光县政府工作报告 一、2021年工作回顾 2021年是建党100周年。")
    '2022年东光县政府工作报告\n一、2021年工作回顾\n2021年是建党100周年。'
    >>> break_inline_headings("主要做了以下工作: (一)坚持统筹兼顾,经济运行稳中有进 经济指标回升向好。")
    '主要做了以下工作:\n(一)坚持统筹兼顾,经济运行稳中有进\n经济指标回升向好。'
    >>> break_inline_headings("2023年工作回顾 过去一年,我们坚持以习近平新时代中国特色社会主义思想为指导。")
    '2023年工作回顾\n过去一年,我们坚持以习近平新时代中国特色社会主义思想为指导。'
    >>> break_inline_headings("一、过去五年工作回顾本届政府任期自2006年10月至本次大会届满。")
    '一、过去五年工作回顾\n本届政府任期自2006年10月至本次大会届满。'
    >>> break_inline_headings("全年完成 三、四季度任务 的百分之九十。")  # no lead-in before it: left alone
    '全年完成 三、四季度任务 的百分之九十。'
    """
    chars: dict[int, str] = {}  # position -> what stands there instead of its character
    for m in cfg.part_head_pattern.finditer(text):
        chars[m.end(1)] = "\n"
    for m in cfg.glued_part_head_pattern.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        head = cfg.glued_part_start_pattern.search(text, line_start, m.start())
        if not head:
            continue
        chars[m.end() - 1] = chars.get(m.end() - 1, text[m.end() - 1]) + "\n"
        if head.start(1) > line_start:  # after a sentence on the same line
            chars[head.start(1)] = "\n" + chars.get(head.start(1), text[head.start(1)])
    if "、" not in text and ")" not in text and "）" not in text:
        return _edited(text, chars)
    broken = 0  # just past the last break made here
    for m in cfg.inline_head_pattern.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()) + 1, broken)
        before = text[line_start : m.start()].rstrip()
        if not re.search(f"[{CJK}]", before):  # nothing, or markup such as ``###``
            continue
        lead_in = before[-1] in cfg.terminals + "：:"
        # a title before the report's first heading: only a first marker (一、 （一）) follows one
        first = m.group(1)[:2] in ("一、", "（一", "(一")
        title = (
            first
            and len(before) <= 40
            and title_like(before, cfg.enum_item_pattern)
            and not any(ch in before for ch in cfg.terminals)
        )
        if not (lead_in or title):
            continue
        chars[m.start()] = "\n"
        chars[m.end() + len(m.group(1))] = "\n"
        broken = m.end() + len(m.group(1)) + 1
    return _edited(text, chars)


def _edited(text: str, chars: dict[int, str]) -> str:
    """``text`` with the character at each position of ``chars`` replaced by what it maps to.

    >>> _edited("甲 乙", {1: "\\n"})
    '甲\\n乙'
    """
    if not chars:
        return text
    out, last = [], 0
    for at in sorted(chars):
        out.append(text[last:at])
        out.append(chars[at])
        last = at + 1
    out.append(text[last:])
    return "".join(out)
