"""A report's title: the first line near its top that reads as one.

Shared by :mod:`textags._metadata` (the ``title`` it reads) and
:mod:`textags._parts` (a report whose title names one part only).
"""

from __future__ import annotations

import re

#: A year as reports write it: ``2024年``.
_YEAR = r"((?:19[4-9]|20[0-9])\d)\s*年"
#: How many lines from the top are searched for a title, dateline and speaker.
HEAD_LINES = 40

#: Words that make a short line a report's title.
_TITLE_WORDS = re.compile(
    r"政府工作报告|工作报告|工作总结|工作计划|工作要点|工作思路|社代会报告|代表(大)?会(议)?报告|计划执行情况|"
    r"国民经济和社会发展|年度工作"
)
#: Lines that are page furniture, not a title.
_NOT_TITLE = re.compile(
    r"当前位置|首页|>|｜|\||发布时间|发布日期|来源[:：]|索引号|浏览|点击|标\s*题|内容概述|^——|^—|^在"
)
#: What stands before a title: a bracketed tag (``【乐清市招商】``, ``[四川]``, ``(河南省)``) or a bullet.
_TITLE_PREFIX = re.compile(r"^\s*(?:[•·\-]\s*)?(?:[【\[（(][^】\]）)]{1,12}[】\]）)]\s*)*")
#: A title inside a longer line (page furniture run into it): body, year, kind of report.
_TITLE_IN_LINE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,16}?)?" + _YEAR + r"(?:度)?(?:上半年|下半年)?[\u4e00-\u9fff]{0,12}?"
    r"(?:政府工作报告|工作总结|工作计划|工作要点|工作思路|社代会报告|工作报告)"
    r"(?:(?:及|和|与)(?:" + _YEAR + r"(?:度)?)?[\u4e00-\u9fff]{0,8}?(?:工作计划|工作思路|工作安排|工作打算))?"
)


def head(doc) -> list[str]:
    """The first lines of a report: of its text, and its first units (cleaning may have run lines together)."""
    text = doc if isinstance(doc, str) else doc.text
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln][:HEAD_LINES]
    if not isinstance(doc, str):
        lines += [u.text.strip() for u in doc.units[:HEAD_LINES] if u.text.strip() not in lines]
    return lines


def read_title(lines: list[str]) -> str | None:
    """The first of ``lines`` that reads as a report's title, without tags in brackets before it.

    >>> read_title(["当前位置:首页 > 华庄街道", "华庄街道2022年工作总结", "发布时间:2023-01-17"])
    '华庄街道2022年工作总结'
    >>> read_title(["[四川] 2023年成都市成华区政府工作报告"])
    '2023年成都市成华区政府工作报告'
    """
    for line in lines:
        if len(line) > 70 or _NOT_TITLE.search(line) or not _TITLE_WORDS.search(line):
            continue
        if re.search(r"[。；！？]|审议|听取", line) or line.startswith(("各位代表", "一、", "二、")):
            continue
        title = _TITLE_PREFIX.sub("", line).strip().lstrip("#").strip()
        title = re.sub(r"\s+\d{4}-\d{1,2}-\d{1,2}$", "", title)  # a date after it
        return re.sub(r"^\d(?=政府工作报告)", "", title) or None
    for line in lines:
        m = _TITLE_IN_LINE.search(line)
        if m and len(line) < 300:
            return m.group(0)
    return None
