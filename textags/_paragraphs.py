"""Paragraphs from classified lines: hard wraps rejoined, interrupting notes and furniture moved after.

:class:`Assembler` takes the lines one by one: a body line joins the open
paragraph when :func:`joinable` says it continues it; a footnote or a piece of
furniture that interrupts a paragraph mid-sentence waits and follows it; a
blank line ends a paragraph in a text that uses blank lines as paragraph
breaks (:func:`blank_ends`).

Examples
--------
>>> from textags._clean_patterns import DEFAULT_CONFIG
>>> from textags._line_rules import classify
>>> a = Assembler(DEFAULT_CONFIG)
>>> for ln in classify(["科创活力不断激发，", "动能持续增强。", "一、总体要求"], DEFAULT_CONFIG):
...     a.add(ln)
>>> [(b.kind, b.text) for b in a.finish()]
[('body', '科创活力不断激发，动能持续增强。'), ('heading', '一、总体要求')]
"""

from __future__ import annotations

import re

from ._blocks import Block
from ._clean_patterns import CleanConfig
from ._inline_heads import spaced_head
from ._line_rules import Line
from ._markup import display_width, ends_sentence, heading_length, title_like
from ._removal import Removal

_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def joinable(
    para: list[Line], para_text: str, nxt: Line, width: int, cfg: CleanConfig, link_mode: bool = False
) -> bool:
    """Whether body line ``nxt`` continues the open paragraph made of ``para``.

    ``width`` is the column width of a hard-wrapped text (0 for one paragraph
    a line); ``link_mode`` says the text has lines broken inside sentences
    (where a web page had links), past its title lines.
    """
    last = para[-1].text
    if nxt.alone or para[-1].alone:
        return False
    if para[-1].soft and not nxt.level:
        return True
    if nxt.text[0] in cfg.line_continuation or cfg.enum_alone_pattern.match(last):
        return True
    if nxt.level or cfg.enum_item_pattern.match(nxt.text) or ends_sentence(last, cfg.terminals, cfg.closers):
        return False
    tail = last.rstrip()[-1]
    full = bool(width) and display_width(last) >= 0.9 * width
    if len(para) == 1 and cfg.part_line_pattern.match(last) and not full:
        return False  # a part heading alone on its line (2022年工作回顾): never the paragraph after it
    if len(para) == 1 and para[0].head == -1 and not re.search(f"[{re.escape(cfg.terminals)}]", last):
        # a heading line on its own: only its own wrapped rest, never the paragraph after it, joins it
        return full and display_width(nxt.text) <= 1.1 * width
    if tail in "：:":
        return full
    if tail in cfg.continuers:
        return True
    if width:
        return display_width(last) >= cfg.wrap_ratio * width
    if link_mode:
        return True
    # one paragraph a line: a paragraph broken mid-sentence continues, unless it
    # reads as a title (the whole paragraph so far decides, so that cleaning
    # its own output decides the same)
    return not title_like(para_text, cfg.enum_item_pattern)


def blank_ends(para_text: str, nxt: Line, cfg: CleanConfig) -> bool:
    """Whether a blank line ends the paragraph ``para_text`` in a text with blank-line paragraphs.

    It does before a body line, unless the paragraph breaks off on punctuation
    that cannot end one (``，`` ``、``) or the line starts with punctuation no
    line can start with.  Footnotes and furniture after a blank line are left
    to the rules that move them after their paragraph.
    """
    return nxt.kind == "body" and not (
        para_text.rstrip()[-1] in cfg.continuers.replace("：", "").replace(":", "")
        or nxt.text[0] in cfg.line_continuation
    )


def join(a: str, b: str) -> str:
    """Two pieces of a paragraph joined: with a space only between two ASCII letters or digits.

    >>> join("使用5G", "网络"), join("GDP", "growth")
    ('使用5G网络', 'GDP growth')
    """
    if a and b and _ASCII_ALNUM.match(a[-1]) and _ASCII_ALNUM.match(b[0]):
        return a + " " + b
    return a + b


class Assembler:
    """Blocks from classified lines, one line at a time (see the module's docstring).

    Parameters
    ----------
    cfg : CleanConfig
        Patterns and punctuation sets.
    width : int
        Column width of a hard-wrapped text (0 for one paragraph a line).
    link_broken : bool
        Whether the text has lines broken inside sentences where a web page had links.
    blank_breaks : bool
        Whether blank lines end paragraphs.
    """

    def __init__(self, cfg: CleanConfig, width: int = 0, link_broken: bool = False, blank_breaks: bool = False):
        self.cfg, self.width, self.link_broken, self.blank_breaks = cfg, width, link_broken, blank_breaks
        self.blocks: list[Block] = []
        self.removed: list[Removal] = []
        self.fn_ids: list[tuple[int, str]] = []  # (block, note id) of every numbered note
        self.para: list[Line] = []  # the lines of the open paragraph
        self.para_text = ""
        self.para_removed: list[tuple[int, str, str]] = []  # offsets into para_text
        self.pending: list[Line] = []  # footnotes and furniture waiting for the paragraph
        self.base = 0  # offset of the next block in the cleaned text
        self.seen_sentence = False  # past the title lines
        self.after_blank = False  # a blank line stands between the open paragraph and the next line

    def emit(self, text: str, kind: str, level: int = 0, head: int = 0, head_level: int = 0, rem=(), fn_id="") -> None:
        """Append a block, with its removals placed at its offset."""
        self.removed.extend(Removal(self.base + off, t, why) for off, t, why in rem)
        self.blocks.append(Block(text, kind, level, head, head_level))
        if fn_id:
            self.fn_ids.append((len(self.blocks) - 1, fn_id))
        self.base += len(text) + 1

    def flush(self) -> None:
        """Close the open paragraph, then the notes and furniture waiting for it."""
        cfg = self.cfg
        if self.para:
            head = self.para[0].head
            if head == -1:
                head = spaced_head(self.para_text, cfg) or heading_length(self.para_text, cfg.terminals, cfg.closers)
            level = self.para[0].level
            if head >= len(self.para_text):
                self.emit(self.para_text, "heading", level, 0, 0, self.para_removed)
            else:
                self.emit(self.para_text, "body", 0, head, level if head else 0, self.para_removed)
        for ln in self.pending:
            self.emit(ln.text, ln.kind, ln.level, 0, 0, ln.removed, ln.fn_id)
        self.para, self.para_text, self.para_removed, self.pending = [], "", [], []

    @staticmethod
    def _extend(line: Line, text: str, rem: list) -> str:
        joined = join(text, line.text)
        shift = len(joined) - len(line.text)
        rem.extend((shift + off, t, why) for off, t, why in line.removed)
        return joined

    def add(self, ln: Line) -> None:
        """Take the next classified line."""
        cfg = self.cfg
        if not self.seen_sentence and ln.kind == "body" and ends_sentence(ln.text, cfg.terminals, cfg.closers):
            self.seen_sentence = True
        if ln.kind == "blank":
            self.after_blank = True
        elif ln.kind != "rule":
            broken = self.blank_breaks and self.after_blank and self.para and blank_ends(self.para_text, ln, cfg)
            self.after_blank = False
            if broken:
                self.flush()
        if ln.kind in ("blank", "rule"):
            if self.para:
                self.para_removed.extend((len(self.para_text), t, why) for _, t, why in ln.removed)
            else:
                self.removed.extend(Removal(self.base, t, why) for _, t, why in ln.removed)
            return
        note = self.pending[-1] if self.pending and self.pending[-1].kind == "footnote" else None
        if ln.kind == "body" and not ln.level and note and not ends_sentence(note.text, cfg.terminals, cfg.closers):
            note.text = self._extend(ln, note.text, note.removed)  # a footnote's own wrapped lines
            return
        link_mode = self.link_broken and self.seen_sentence
        if ln.kind == "body" and self.para and joinable(self.para, self.para_text, ln, self.width, cfg, link_mode):
            self.para_text = self._extend(ln, self.para_text, self.para_removed)
            self.para.append(ln)
            return
        if (
            ln.kind in ("footnote", "furniture")
            and not ln.web
            and self.para
            and not ends_sentence(self.para_text, cfg.terminals, cfg.closers)
        ):
            self.pending.append(ln)
            return
        self.flush()
        if ln.kind == "body":
            self.para, self.para_text, self.para_removed = [ln], ln.text, list(ln.removed)
        elif ln.kind == "footnote":
            self.pending.append(ln)
        else:
            self.emit(ln.text, ln.kind, ln.level, 0, 0, ln.removed)

    def finish(self) -> list[Block]:
        """Close the last paragraph; the blocks."""
        self.flush()
        return self.blocks
