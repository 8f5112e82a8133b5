"""Where page furniture may be set aside: bounds on the furniture rules of :mod:`textags._clean`.

A furniture pattern (a masthead, a source line, a print credit) says what a
line looks like, not where it is; alone it would take body sentences that
happen to start the same way (``第3期保障房项目…``, ``摄影、书画等…``).  So
a line a pattern matches only in part is set aside only when it does not
read as body -- it neither ends a sentence nor runs on after a comma -- or
when it repeats (a masthead on
every page).  The wiki notice that closes the national reports is taken only
in a report's last :data:`TAIL_LINES` non-blank lines.  And when an unusual
share of a report is set aside (:data:`SET_ASIDE_WARN`), a warning says so.

Examples
--------
>>> import re
>>> pats = (re.compile(r"^来源\\s*[:：]"),)
>>> set_aside("来源：上海发布", pats, repeated=False)
True
>>> set_aside("来源：街道统计，全年新增就业岗位356个。", pats, repeated=False)
False
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence

from ._clean_patterns import CLOSERS, TERMINALS

#: The wiki notice is furniture only within this many non-blank lines of the end.
TAIL_LINES = 60
#: A warning when more than this share of a report's characters is set aside as furniture
#: (well above what the menus of a saved web page take).
SET_ASIDE_WARN = 0.5


class SetAsideWarning(UserWarning):
    """An unusual share of a report was set aside as furniture."""


def reads_as_body(text: str) -> bool:
    """Whether a line reads as body text: it ends a sentence, or runs on after a comma.

    >>> reads_as_body("责任编辑：王某"), reads_as_body("摄影、书画等社区文化活动蓬勃开展。")
    (False, True)
    >>> reads_as_body("来源：街道统计，全年新增就业岗位356个")
    True
    """
    return text.rstrip(CLOSERS).endswith(tuple(TERMINALS)) or "，" in text


def set_aside(text: str, patterns: Sequence, repeated: bool) -> bool:
    """Whether a line is furniture.

    A pattern that matches the whole line (a page number, a date standing
    alone) sets it aside wherever it is; one that matches part of a line
    does so only if the line does not read as body, or repeats.
    """
    for p in patterns:
        m = p.search(text)
        if m and (m.group() == text or repeated or not reads_as_body(text)):
            return True
    return False


def repeats(lines: Sequence[str]) -> Counter:
    """How often each (stripped, non-blank) line occurs."""
    return Counter(s for s in (ln.strip() for ln in lines) if s)


def tail_start(lines: Sequence[str], tail: int = TAIL_LINES) -> int:
    """The index of the first line of the last ``tail`` non-blank lines.

    >>> tail_start(["a", "", "b", "c"], 2)
    2
    """
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip():
            seen += 1
            if seen == tail:
                return i
    return 0


def warn_set_aside(doc) -> None:
    """Warn when more than :data:`SET_ASIDE_WARN` of a document's characters are furniture."""
    total = sum(u.end - u.start for u in doc.units)
    furniture = sum(u.end - u.start for u in doc.units if u.kind == "furniture")
    if total >= 200 and furniture > SET_ASIDE_WARN * total:
        warnings.warn(
            f"{doc.name}: {furniture / total:.0%} of the text was set aside as furniture; "
            "check it with `textags segment --format text`",
            SetAsideWarning,
            stacklevel=3,
        )
