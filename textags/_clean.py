"""Cleaning: raw report text in, clean blocks out, as pure functions.

A report's text, as extraction leaves it, is turned into a sequence of
:class:`Block` s, one per line of the cleaned text: paragraphs with their hard
wraps rejoined, headings, and the pieces that are not report content --
footnotes, table rows and page furniture (page numbers, mastheads, print
details, wiki boilerplate).  Nothing is deleted silently: set-aside pieces are
blocks of their own kind, and the markup that is taken out (``**``, ``#``,
HTML tags, invisible characters) is listed in :attr:`Cleaned.removed` with
the offset where it stood.  Footnote markers glued to words become
superscript digits, so they read as markers and not as numbers.

Cleaning is a few steps, each in a module of its own: text-level helpers
(:mod:`textags._markup`), an ordered table of named line rules that gives each
line its kind (:mod:`textags._line_rules`), web-page lines
(:mod:`textags._web_lines`), the layout measures of a text
(:mod:`textags._layout`), paragraph assembly (:mod:`textags._paragraphs`) and
the marks made on the blocks (:mod:`textags._block_marks`).  Every pattern and
punctuation set a rule reads is a field of :class:`CleanConfig`
(:mod:`textags._clean_patterns`); pass your own to :func:`clean` to change
what a rule recognises.

Examples
--------
>>> c = clean("科创活力不断激发。启动推进\\n\\n科创“十个一”1工作举措。\\n\\n1 “十个一”：开展一轮大讨论。")
>>> [(b.kind, b.text) for b in c.blocks]
[('body', '科创活力不断激发。启动推进科创“十个一”¹工作举措。'), ('footnote', '1 “十个一”：开展一轮大讨论。')]
>>> clean(c.text).text == c.text
True
"""

from __future__ import annotations

from ._block_marks import mark_footnotes, mark_title
from ._blocks import Block, Cleaned
from ._carry import carry, place_invisible
from ._clean_patterns import (
    CLOSERS,
    CONTINUERS,
    DEFAULT_CONFIG,
    FOOTNOTE_PATTERNS,
    FURNITURE_MARK,
    FURNITURE_PATTERNS,
    HEADING_PATTERNS,
    SUPERSCRIPTS,
    TERMINALS,
    CleanConfig,
)
from ._inline_heads import break_inline_headings
from ._layout import blank_breaks, link_broken, wrap_width
from ._line_rules import LINE_RULES, classify
from ._markup import display_width, ends_sentence, heading_length, heading_level, normalize, strip_markup
from ._paragraphs import Assembler
from ._web import break_tokens
from ._web_lines import split_watermarks, web_furniture

__all__ = [
    "CLOSERS",
    "CONTINUERS",
    "DEFAULT_CONFIG",
    "FOOTNOTE_PATTERNS",
    "FURNITURE_MARK",
    "FURNITURE_PATTERNS",
    "HEADING_PATTERNS",
    "LINE_RULES",
    "SUPERSCRIPTS",
    "TERMINALS",
    "Block",
    "CleanConfig",
    "Cleaned",
    "break_inline_headings",
    "clean",
    "display_width",
    "ends_sentence",
    "heading_length",
    "heading_level",
    "normalize",
    "strip_markup",
]

#: Most passes :func:`clean` makes to reach text that cleaning leaves as it is.
MAX_ROUNDS = 6


def clean(text: str, config: CleanConfig = DEFAULT_CONFIG) -> Cleaned:
    """Clean a report's raw text into blocks.

    Cleaning is idempotent: the passes are repeated on their own output until
    it no longer changes, and the kinds found in the first pass -- from markup
    that later passes no longer see -- are kept.

    A text the first pass leaves as it is (one paragraph a line, no markup:
    73 of the 300 corpus texts) is cleaned in one pass: a second would read
    the same text.  A text the first pass changed is read once more, because
    what one pass joins and takes out changes the measures the next makes of
    the whole text -- the column width, lines broken at links, blank-line
    paragraphs, which lines open the report as its title -- and so can change
    its decisions (it does for 8 of the 300: tests/test_linear.py checks that
    the passes stay linear in the text's length).

    Parameters
    ----------
    text : str
        The text as read from the file.
    config : CleanConfig
        Patterns and punctuation sets.

    Returns
    -------
    Cleaned
        Its ``text`` is the cleaned text; ``blocks`` its lines with their kind;
        ``removed`` the markup taken out.

    Examples
    --------
    >>> c = clean("# 标题\\n\\n**营商环境持续优化。**落实举措。\\n\\n12\\n")
    >>> [(b.kind, b.text, b.head) for b in c.blocks]
    [('heading', '标题', 0), ('body', '营商环境持续优化。落实举措。', 9), ('furniture', '12', 0)]
    >>> [r.text for r in c.removed]
    ['# ', '**', '**']
    """
    memo: dict = {}  # each line's classification, shared by the passes
    result = clean_once(text, config, memo)
    if result.text == text:  # a second pass would read the same text
        return result
    for _ in range(MAX_ROUNDS):
        again = clean_once(result.text, config, memo)
        if again.text == result.text:
            break
        result = carry(result, again)
    return result


def clean_once(text: str, config: CleanConfig = DEFAULT_CONFIG, memo: dict | None = None) -> Cleaned:
    """One pass of every cleaning step: lines classified, web lines marked, paragraphs assembled, blocks marked.

    ``memo`` is :func:`~textags._line_rules.classify`'s, kept between the passes of one text.
    """
    cfg = config
    text, tokens = break_tokens(text, cfg.web_break_token_pattern, cfg.web_break_token_min)
    text, inv = normalize(text)
    inv = tokens + inv  # (placed as the invisible characters are: near where they stood)
    text = break_inline_headings(text, cfg)
    lines = web_furniture(split_watermarks(classify(text.split("\n"), cfg, memo=memo), cfg), cfg)
    assembler = Assembler(cfg, wrap_width(lines, cfg), link_broken(lines, cfg), blank_breaks(lines, cfg))
    for ln in lines:
        assembler.add(ln)
    blocks = mark_title(mark_footnotes(assembler.finish(), assembler.fn_ids, cfg), cfg)
    removed = assembler.removed
    # invisible characters and break tokens: place them by counting visible characters
    if inv:
        removed.extend(place_invisible(inv, text, blocks))
    removed.sort(key=lambda r: r.offset)
    return Cleaned(tuple(blocks), tuple(removed))
