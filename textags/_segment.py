"""Segmentation: cleaned blocks in, units out, with offsets and section paths.

A unit is a sentence or quasi-sentence as the codebook defines it: text is
split after ``。！？；!?;`` (closing quotes and brackets stay with their
sentence); a heading is a unit of its own, also when its line goes on with a
first sentence; footnotes, table rows and furniture are one unit each, of
their own kind.  Every character of the cleaned text that is not whitespace
lands in exactly one unit.

Examples
--------
>>> doc = segment("（一）聚焦科创宝山\\n他说：“要抓紧。”我们照办；全年完成。")
>>> [(u.kind, u.text) for u in doc.units]
[('heading', '（一）聚焦科创宝山'), ('body', '他说：“要抓紧。”'), ('body', '我们照办；'), ('body', '全年完成。')]
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from ._clean import CLOSERS, DEFAULT_CONFIG, TERMINALS, CleanConfig, Cleaned, clean
from ._document import Document, Unit

#: A unit longer than this (characters) is cut at the last comma or space
#: before the limit, with a warning, rather than passed whole to the tokenizer.
MAX_UNIT_CHARS = 1000
#: Each heading in a unit's section path carries at most this many characters
#: (a longer one is cut, ending in …); the heading's own unit keeps all its text.
MAX_SECTION_CHARS = 200


def _capped(heading: str, limit: int = MAX_SECTION_CHARS) -> str:
    """``heading`` as a section path carries it: at most ``limit`` characters.

    >>> len(_capped("经济" * 200)), _capped("经济" * 200)[-2:], _capped("一、经济")
    (200, '经…', '一、经济')
    """
    return heading if len(heading) <= limit else heading[: limit - 1] + "…"


class LongUnitWarning(UserWarning):
    """A unit was longer than :data:`MAX_UNIT_CHARS` and was cut."""


def sentence_spans(text: str, terminals: str = TERMINALS, closers: str = CLOSERS) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, whitespace trimmed, none empty.

    >>> t = "完成任务。” 下一步！还有"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['完成任务。”', '下一步！', '还有']
    """
    spans, start = [], 0
    for m in _sentence_end(terminals, closers).finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s]


@lru_cache(maxsize=16)
def _sentence_end(terminals: str, closers: str) -> re.Pattern:
    return re.compile(f"[{re.escape(terminals)}]+[{re.escape(closers)}]*")


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        return (a, b)
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def _cut_long(text: str, a: int, b: int, limit: int) -> list[tuple[int, int]]:
    """Cut span ``a:b`` of ``text`` into pieces of at most ``limit`` characters."""
    if b - a <= limit:
        return [(a, b)]
    warnings.warn(
        f"a unit of {b - a} characters has no sentence end; cut into pieces of at most {limit}",
        LongUnitWarning,
        stacklevel=3,
    )
    out = []
    while b - a > limit:
        window = text[a : a + limit]
        cut = max(window.rfind(c) for c in "，,、 ：:")
        cut = a + cut + 1 if cut > limit // 2 else a + limit
        piece = _trim(text, a, cut)
        if piece:
            out.append(piece)
        a = cut
    rest = _trim(text, a, b)
    if rest:
        out.append(rest)
    return out


def units_from_blocks(
    cleaned: Cleaned, max_chars: int = MAX_UNIT_CHARS, config: CleanConfig = DEFAULT_CONFIG
) -> tuple[Unit, ...]:
    """Split cleaned blocks into units with offsets into ``cleaned.text``."""
    units: list[Unit] = []
    stack: list[tuple[int, tuple[str, ...]]] = [(0, ())]  # (level, section path down to that heading)
    text = cleaned.text

    def pop_to(level: int) -> None:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()

    def push(level: int, heading: str) -> None:
        stack.append((level, stack[-1][1] + (heading,)))

    def add(a: int, b: int, kind: str) -> None:
        path = stack[-1][1]
        if b - a <= max_chars:
            units.append(Unit(len(units), a, b, text[a:b], kind, path))
            return
        for s, e in _cut_long(text, a, b, max_chars):
            units.append(Unit(len(units), s, e, text[s:e], kind, path))

    for start, block in zip(cleaned.offsets(), cleaned.blocks):
        end = start + len(block.text)
        if block.kind == "heading":
            span = _trim(text, start, end)
            if span:
                pop_to(block.level)
                add(*span, "heading")
                push(block.level, _capped(text[span[0] : span[1]]))
            continue
        if block.kind != "body":
            span = _trim(text, start, end)
            if span:
                add(*span, block.kind)
            continue
        body_start = start
        if block.head:
            span = _trim(text, start, start + block.head)
            if span:
                pop_to(block.head_level or 4)
                add(*span, "heading")
                push(block.head_level or 4, _capped(text[span[0] : span[1]]))
            body_start = start + block.head
        for a, b in sentence_spans(text[body_start:end], config.terminals, config.closers):
            add(body_start + a, body_start + b, "body")
    return tuple(units)


def segment(
    text: str,
    *,
    name: str = "<text>",
    path: str | None = None,
    config: CleanConfig = DEFAULT_CONFIG,
    max_chars: int = MAX_UNIT_CHARS,
    meta=None,
) -> Document:
    """Clean ``text`` and split it into units.

    Parameters
    ----------
    text : str
        A report's raw text (use :func:`textags.read` for a file).
    name : str
        The document's identifier.
    path : str, optional
        Where the text came from.
    config : CleanConfig
        Cleaning patterns and punctuation.
    max_chars : int
        Longest unit; longer stretches without a sentence end are cut.

    Returns
    -------
    Document

    Examples
    --------
    >>> doc = segment("二、抓民生\\n年内新增加装电梯52台。完工13台。")
    >>> [u.text for u in doc.units if u.kind == "body"]
    ['年内新增加装电梯52台。', '完工13台。']
    """
    from ._furniture import warn_set_aside

    cleaned = clean(text, config)
    units = units_from_blocks(cleaned, max_chars, config)
    doc = Document(cleaned.text, units, name=name, path=path, removed=cleaned.removed, meta=dict(meta or {}))
    warn_set_aside(doc)
    return doc
