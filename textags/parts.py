"""Review and plan parts of a report, found from its headings.

Many reports first look back on the year (回顾, 总结, 执行情况) and then set
out the year ahead (安排, 要点, 计划, 目标和任务).  A unit belongs to the part
of the nearest part heading above it; a report whose headings name no part
takes its part from its title (a 工作要点 is a plan, a 工作总结 a review).
Units before the first part heading are the ``preamble``.

Examples
--------
>>> from textags import segment
>>> doc = segment("一、2024年工作回顾\\n税收增长。\\n二、2025年主要任务\\n扩大就业。")
>>> {part: [u.text for u in units] for part, units in split_parts(doc).items()}
{'preamble': [], 'review': ['一、2024年工作回顾', '税收增长。'], 'plan': ['二、2025年主要任务', '扩大就业。']}
"""

from __future__ import annotations

import re

from .clean import heading_level
from .document import Document

PARTS = ("preamble", "review", "plan")

#: Words of a heading that opens the review part.
REVIEW_WORDS = re.compile(r"回顾|总结|执行情况|完成情况|过去一年|过去五年|一年来|工作成绩|主要成绩|总体情况|基本情况")
#: Words of a heading that opens the plan part.
PLAN_WORDS = re.compile(
    r"安排|要点|计划(?!执行)|目标和任务|主要任务|重点工作|总体要求|工作建议|主要目标|今年.*工作|明年.*工作|工作部署|预期目标"
)


def part_of_heading(text: str) -> str | None:
    """``review``, ``plan`` or None for a heading's text.

    >>> part_of_heading("一、2024年工作回顾"), part_of_heading("二、2025年重点工作"), part_of_heading("（三）抓民生")
    ('review', 'plan', None)
    """
    review = REVIEW_WORDS.search(text)
    plan = PLAN_WORDS.search(text)
    if review and plan:
        return "review" if review.start() < plan.start() else "plan"
    return "review" if review else "plan" if plan else None


def split_parts(doc: Document) -> dict[str, list]:
    """``{"preamble": units, "review": units, "plan": units}`` of a document."""
    out: dict[str, list] = {p: [] for p in PARTS}
    current = "preamble"
    top_levels = [
        len(u.section) for u in doc.units if u.kind == "heading" and heading_level(u.text) and part_of_heading(u.text)
    ]
    # part headings are the outermost headings that name a part (a title may sit above them)
    depth = min(top_levels) if top_levels else None
    title_part = None
    for u in doc.units:
        if u.kind == "heading" and not u.section:
            title_part = title_part or part_of_heading(u.text)
    for u in doc.units:
        if u.kind == "heading" and depth is not None and len(u.section) == depth and heading_level(u.text):
            found = part_of_heading(u.text)
            if found:
                current = found
        part = current
        if depth is None and title_part:
            part = title_part
        out[part].append(u)
    return out
