"""Review and plan parts of a report, found from its headings.

Many reports first look back on the year (回顾, 总结, 执行情况) and then set
out the year ahead (安排, 要点, 计划, 目标任务, 重点任务).  A unit belongs to
the part of the nearest *part mark* above it.  Part marks are

1. the outermost numbered headings whose words name a part
   (``一、2024年工作回顾``, ``二、2025年目标任务和主要工作``);
2. a short line standing alone that names a part, numbered or not
   (``2025年工作安排建议``, ``二、2024 年重点任务`` of a PDF);
3. failing both, an outermost numbered heading whose first sentences say
   which part it opens (``过去一年`` / ``一年来``: review; ``今年`` /
   ``主要预期目标``: plan), as in a report whose headings are slogans.

A report whose text names no part takes its part from its title (a 工作要点
is a plan, a 工作总结 a review).  Units before the first part mark are the
``preamble``, and so is a table of contents: part headings that come again
further on (:func:`_after_contents`).

Examples
--------
>>> from textags import segment
>>> doc = segment("一、2024年工作回顾\\n税收增长。\\n二、2025年主要任务\\n扩大就业。")
>>> {part: [u.text for u in units] for part, units in split_parts(doc).items()}
{'preamble': [], 'review': ['一、2024年工作回顾', '税收增长。'], 'plan': ['二、2025年主要任务', '扩大就业。']}
>>> doc = segment("各位代表：\\n2024年工作回顾\\n税收增长。\\n2025年工作安排建议\\n扩大就业。")
>>> {part: len(units) for part, units in split_parts(doc).items()}
{'preamble': 1, 'review': 2, 'plan': 2}
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._clean import heading_level
from ._title import head, read_title

if TYPE_CHECKING:  # only named in annotations: the data model does not import this module back
    from ._document import Document

PARTS = ("preamble", "review", "plan")

#: Words of a heading that opens the review part.
REVIEW_WORDS = re.compile(
    r"回顾|总结|执行情况|完成情况|开展情况|过去一年|过去五年|一年来|工作成绩|主要成绩|总体情况|基本情况|亮点工作|成效"
)
#: Words of a heading that opens the plan part.
PLAN_WORDS = re.compile(
    r"安排|要点|计划(?!执行)|目标和任务|目标任务|主要任务|重点任务|工作任务|重点工作|总体要求|工作建议|主要目标|工作思路"
    r"|工作打算|总体部署|奋斗目标|基本任务|工作的建议|今年.*工作|明年.*工作|下一步|工作部署|预期目标|关于\s*\d{4}\s*年.*工作"
)
#: The first words of a section that tell its part when its heading does not.
REVIEW_OPENING = re.compile(r"^\s*(过去一年|一年来|回顾过去|\d{4}\s*年(以来|，|,))")
PLAN_OPENING = re.compile(
    r"^\s*(今年(?!以来|上半年|前)|明年|\d{4}\s*年是.{0,30}(收官|开局|起步|谋划)|.{0,12}(主要)?预期目标)"
)
#: What joins the pieces of a heading that names two parts (``2024年工作回顾和2025年工作的总体要求``).
_JOINS = re.compile(r"以及|和|及|与|并|[，,、]")
#: Sentence ends: a line holding one is body text, not a part's title.
_TERMINAL = re.compile(r"[。；！？!?;]")
#: The longest line (in characters) read as a part's title.
MAX_MARK = 30


def part_of_heading(text: str) -> str | None:
    """``review``, ``plan`` or None for a heading's text.

    Of the pieces joined by 和, 及, 与 or a comma, the first that names a part
    decides; within it, its last part word (a 重点工作总结 is a review).

    >>> part_of_heading("一、2024年工作回顾"), part_of_heading("二、2025年重点工作"), part_of_heading("（三）抓民生")
    ('review', 'plan', None)
    >>> part_of_heading("二、关于2025年工作"), part_of_heading("二、2024 年重点任务"), part_of_heading("一、2024年重点工作总结")
    ('plan', 'plan', 'review')
    """
    for piece in _JOINS.split(text):
        review = max((m.end() for m in REVIEW_WORDS.finditer(piece)), default=-1)
        plan = max((m.end() for m in PLAN_WORDS.finditer(piece)), default=-1)
        if review != plan:
            return "review" if review > plan else "plan"
    return None


def _alone_on_line(doc: Document, u) -> bool:
    """Whether ``u`` is the whole of its line (only spaces around it)."""
    before = doc.text.rfind("\n", 0, u.start)
    after = doc.text.find("\n", u.end)
    after = len(doc.text) if after < 0 else after
    return not doc.text[before + 1 : u.start].strip() and not doc.text[u.end : after].strip()


def _line_mark(doc: Document, u) -> str | None:
    """The part a short stand-alone line names (rule 2), or None."""
    text = u.text.strip()
    if not u.coded or len(text) > MAX_MARK or _TERMINAL.search(text) or text[:1] in "(（【[" or text[-1:] in ":：":
        return None
    if re.search(r"[<>|｜]", text):  # a site's navigation path
        return None
    if not _alone_on_line(doc, u):
        return None
    found = part_of_heading(text)
    last = max((m.end() for words in (REVIEW_WORDS, PLAN_WORDS) for m in words.finditer(text)), default=0)
    return found if found and len(text) - last <= 4 else None


#: How many sentences of a section rule 3 reads.
OPENING_SENTENCES = 15


def _opening_part(units, start: int) -> str | None:
    """The part the first sentences after ``units[start]`` (a heading) open (rule 3)."""
    depth = len(units[start].section)
    for u in units[start + 1 : start + 1 + OPENING_SENTENCES]:
        if u.kind == "heading" and len(u.section) <= depth:
            break
        if u.kind != "body":
            continue
        if PLAN_OPENING.search(u.text):
            return "plan"
        if REVIEW_OPENING.search(u.text):
            return "review"
    return None


def part_marks(doc: Document) -> dict[int, str]:
    """``{unit position: part}`` of the units that open a part (see the module's rules).

    >>> from textags import segment
    >>> part_marks(segment("一、2024年工作回顾\\n税收增长。\\n二、2025年主要任务\\n扩大就业。"))
    {0: 'review', 2: 'plan'}
    """
    units = doc.units
    numbered = [i for i, u in enumerate(units) if u.kind == "heading" and heading_level(u.text)]
    named = [i for i in numbered if part_of_heading(units[i].text)]
    # part headings are the outermost numbered headings that name a part (a title may sit above them)
    depth = min((len(units[i].section) for i in named), default=None)
    marks = {i: part_of_heading(units[i].text) for i in named if len(units[i].section) == depth}
    for i, u in enumerate(units):
        if i not in marks and (depth is None or len(u.section) <= depth):
            found = _line_mark(doc, u)
            if found:
                marks[i] = found
    if numbered and "plan" not in marks.values():
        # headings that are slogans: the sections' first sentences tell, up to the first plan
        top = depth if depth is not None else min(len(units[i].section) for i in numbered)
        for i in numbered:
            if len(units[i].section) == top and i not in marks:
                found = _opening_part(units, i)
                if found:
                    marks[i] = found
                    if found == "plan":
                        break
    return _after_contents(units, dict(sorted(marks.items())))


def _after_contents(units, marks: dict[int, str]) -> dict[int, str]:
    """The marks without those of a table of contents: headings that come again further on.

    When the first part heading's text comes again, everything before its
    second coming is a table of contents (left in the preamble).
    """
    if not marks:
        return marks
    first = next(iter(marks))
    again = [i for i in marks if i > first and units[i].text.strip() == units[first].text.strip()]
    return {i: p for i, p in marks.items() if i >= again[0]} if again else marks


def _one_part(title: str) -> str | None:
    """The part a title names, when it names only one (a 工作总结及工作计划 names both: None).

    >>> _one_part("友谊路街道2022年工作要点"), _one_part("横岗街道2023年工作总结及2024年工作计划")
    ('plan', None)
    """
    if REVIEW_WORDS.search(title) and PLAN_WORDS.search(title):
        return None
    return part_of_heading(title)


def split_parts(doc: Document) -> dict[str, list]:
    """``{"preamble": units, "review": units, "plan": units}`` of a document."""
    out: dict[str, list] = {p: [] for p in PARTS}
    marks = part_marks(doc)
    title_part = None
    if not marks:
        for u in doc.units:
            if u.kind == "heading" and not u.section:
                title_part = title_part or _one_part(u.text)
        if title_part is None:
            title = read_title(head(doc))
            title_part = _one_part(title) if title else None
    current = title_part or "preamble"
    for i, u in enumerate(doc.units):
        current = marks.get(i, current)
        out[current].append(u)
    return out


def part_sizes(doc: Document) -> dict[str, int]:
    """Coded units in each part.

    >>> from textags import segment
    >>> part_sizes(segment("一、2024年工作回顾\\n税收增长。\\n二、2025年主要任务\\n扩大就业。"))
    {'preamble': 0, 'review': 2, 'plan': 2}
    """
    return {p: sum(1 for u in us if u.coded) for p, us in split_parts(doc).items()}
