"""How a text lays out its paragraphs: measured once over its classified lines before they are joined.

Three measures: whether blank lines end paragraphs (:func:`blank_breaks`),
the column width of a hard-wrapped text (:func:`wrap_width`), and whether
lines are broken inside sentences where a web page had links
(:func:`link_broken`).
"""

from __future__ import annotations

from ._clean_patterns import CleanConfig
from ._line_rules import Line
from ._markup import display_width, ends_sentence
from ._web import is_prose


def blank_breaks(lines: list[Line], cfg: CleanConfig) -> bool:
    """Whether a text uses blank lines as paragraph breaks.

    It does when, past the text's first line of prose, most body lines that
    end a sentence are followed by a blank line and few that break off
    mid-sentence are (a text with a blank line after every line, as a
    newspaper's columns, does not).
    """
    ends = opens = ends_blank = opens_blank = 0
    started = False
    for ln, nxt in zip(lines, lines[1:]):
        started = started or (ln.kind == "body" and is_prose(ln.text))
        if ln.kind != "body" or not started or ln.level:
            continue
        if ends_sentence(ln.text, cfg.terminals, cfg.closers):
            ends += 1
            ends_blank += nxt.kind == "blank"
        elif ln.text[-1] not in "：:":
            opens += 1
            opens_blank += nxt.kind == "blank"
    return ends >= 3 and ends_blank >= cfg.blank_break_ratio * ends and opens_blank <= max(1, 0.3 * opens)


def wrap_width(lines: list[Line], cfg: CleanConfig) -> int:
    """The column width of a hard-wrapped text, or 0 for one paragraph a line."""
    body = [ln for ln in lines if ln.kind == "body" and not ln.level]
    open_ends = [ln for ln in body if not ends_sentence(ln.text, cfg.terminals, cfg.closers)]
    if len(open_ends) < 3 or len(open_ends) < 0.4 * len(body):
        return 0
    widths = sorted(display_width(ln.text) for ln in open_ends)
    width = widths[int(0.8 * (len(widths) - 1))]
    median = widths[len(widths) // 2]
    # wrapped lines cluster near the column width; scattered short lines are not wraps
    near_full = sum(1 for w in widths if w >= 0.8 * width)
    # and a wrapped text has few lines far longer than its column (a web page's paragraphs are)
    long = sum(1 for ln in body if display_width(ln.text) > 1.5 * width)
    wrapped = 16 <= width <= 120 and median >= 0.7 * width and near_full >= 3 and long <= 0.1 * len(body)
    return width if wrapped else 0


def link_broken(lines: list[Line], cfg: CleanConfig) -> bool:
    """Whether a text has lines broken inside sentences where a web page had links.

    Signs: a line starting with punctuation no line can start with, or short
    fragments (a word or two) between two pieces of one sentence.
    """
    body = [ln for ln in lines if ln.kind == "body"]
    starts = sum(1 for ln in body if ln.text[0] in cfg.line_continuation)
    fragments = sum(
        1
        for prev, ln in zip(body, body[1:])
        if len(ln.text) <= 4
        and not ln.level
        and not ends_sentence(prev.text, cfg.terminals, cfg.closers)
        and len(prev.text) >= 20
    )
    words = sum(1 for ln in body if len(ln.text) <= 2 and not ln.level and not cfg.enum_alone_pattern.match(ln.text))
    return starts >= 1 or fragments + words >= 2
