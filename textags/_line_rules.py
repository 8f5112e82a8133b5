"""Line rules: the kind of each raw line of a report, from an ordered table of small named rules.

Each rule looks at one line (:class:`RawLine`) and the state the lines
before it left (:class:`State`), and either returns the classified
:class:`Line` or ``None`` to pass the line on to the next rule.  What a rule
changes in the state (a markdown rule opens a block of numbered notes, the
wiki notice makes the rest furniture) is written beside it in
:data:`LINE_RULES`, so the state moves from line to line as a value and no
rule keeps a flag of its own.  Every pattern a rule reads comes from the
:class:`~textags._clean_patterns.CleanConfig` it is given.

Examples
--------
>>> from textags._clean_patterns import DEFAULT_CONFIG
>>> [(ln.kind, ln.text) for ln in classify(["# 标题", "", "---", "1. 注：说明", "12"], DEFAULT_CONFIG)]
[('heading', '标题'), ('blank', ''), ('rule', ''), ('footnote', '1. 注：说明'), ('furniture', '12')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ._clean_patterns import FROM_SUPERSCRIPT, FURNITURE_MARK, GAP_MARK, CleanConfig
from ._furniture import repeats, set_aside, tail_start
from ._markup import heading_level, is_table_row, strip_all, unmark
from ._rule_patterns import quick_patterns


@dataclass
class Line:
    """One classified line, before paragraphs are assembled (the assembler extends and merges them)."""

    text: str
    kind: str  # body heading footnote table furniture blank rule gap
    level: int = 0
    head: int = 0  # length of a bold lead phrase; -1: a numbered heading, its length found at assembly
    removed: list = field(default_factory=list)
    fn_id: str = ""
    alone: bool = False  # a list item: never joined with its neighbours
    soft: bool = False  # ends in a markdown line break (two spaces): the next line continues it
    meta: bool = False  # a line of a web page's metadata table
    web: bool = False  # web-page furniture: it ends the paragraph before it


class RawLine:
    """A line as read, with what its rules need to know about where it stands.

    ``line`` is the line stripped.  The rules of :data:`PLAIN_RULES` read
    it with its markup taken off (:func:`~textags._markup.unmark`, done once
    by :meth:`unmark`): ``text``, ``removed``, ``bold`` (spans), ``hashes``
    (a markdown heading's ``#`` marks) and ``listed`` (a list item).
    """

    __slots__ = ("raw", "line", "cfg", "at_tail", "repeated", "text", "removed", "bold", "hashes", "listed")

    def __init__(self, raw: str, cfg: CleanConfig, at_tail: bool = False, repeated: bool = False):
        self.raw, self.line, self.cfg = raw, raw.strip(), cfg
        self.at_tail = at_tail  # among the report's last lines, where the wiki notice may start
        self.repeated = repeated  # the same line occurs elsewhere in the report

    def unmark(self) -> RawLine:
        self.text, self.removed, self.bold, self.hashes, self.listed = unmark(
            self.line, self.cfg.md_heading_pattern, self.cfg.md_list_pattern
        )
        return self


class State(NamedTuple):
    """What the lines so far say about the next one."""

    in_notes: bool = False  # inside a block of numbered notes after a markdown rule
    had_notes: bool = False  # the text has had such notes: later ones may come without a rule
    in_glossary: bool = False  # after a glossary's heading (名词解释)
    wiki: bool = False  # past the start of the wiki notice: the rest is furniture


Rule = Callable[[RawLine, State], "Line | None"]


# the rules on the line as read


def gap(r: RawLine, s: State) -> Line | None:
    """A gap a reader marked (a page with no text layer): it ends the paragraph before it and stays."""
    return Line(GAP_MARK, "gap") if r.raw == GAP_MARK else None


def blank(r: RawLine, s: State) -> Line | None:
    return Line("", "blank") if not r.line else None


def reader_furniture(r: RawLine, s: State) -> Line | None:
    """Furniture a reader marked (alone, as a DOS file's closing Ctrl-Z, the mark is a blank line)."""
    if not r.line.startswith(FURNITURE_MARK):
        return None
    rest = r.line[1:].strip()
    return Line(rest, "furniture" if rest else "blank", removed=[(0, FURNITURE_MARK, "markup")])


def wiki_notice(r: RawLine, s: State) -> Line | None:
    if s.wiki or (r.at_tail and r.cfg.wiki_start_pattern.search(r.line)):
        return Line(r.line, "furniture")
    return None


def rule_line(r: RawLine, s: State) -> Line | None:
    if r.cfg.rule_line_pattern.match(r.line):
        return Line("", "rule", removed=[(0, r.line, "markup")])
    return None


def table_row(r: RawLine, s: State) -> Line | None:
    if not is_table_row(r.raw.strip(" \n\r\u3000")):
        return None
    text, removed = strip_all(r.raw.strip())
    return Line(text, "table", removed=removed)


# the rules on the line with its markup taken off


def markup_only(r: RawLine, s: State) -> Line | None:
    return None if r.text else Line("", "blank", removed=r.removed)


def markup_rule(r: RawLine, s: State) -> Line | None:
    if r.cfg.rule_line_pattern.match(r.text):
        return Line("", "rule", removed=r.removed + [(0, r.text, "markup")])
    return None


def wiki_notice_unmarked(r: RawLine, s: State) -> Line | None:
    return (
        Line(r.text, "furniture", removed=r.removed) if r.at_tail and r.cfg.wiki_start_pattern.search(r.text) else None
    )


def list_item(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "body", removed=r.removed, alone=True) if r.listed else None


def annex(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "heading", level=0, removed=r.removed) if r.cfg.annex_pattern.match(r.text) else None


def numbered_note(r: RawLine, s: State) -> Line | None:
    """A numbered note in a block after a markdown rule, or in a text that has had such notes."""
    m = (s.in_notes and r.cfg.numbered_note_pattern.match(r.text)) or (
        s.had_notes and r.cfg.md_note_pattern.match(r.text)
    )
    return Line(r.text, "footnote", removed=r.removed, fn_id=m.group(1)) if m else None


def glossary_start(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "heading", level=0, removed=r.removed) if r.cfg.glossary_start_pattern.match(r.text) else None


def glossary_entry(r: RawLine, s: State) -> Line | None:
    if s.in_glossary and r.cfg.glossary_entry_pattern.match(r.text):
        return Line(r.text, "footnote", removed=r.removed)
    return None


def markdown_caption(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "table", removed=r.removed) if r.hashes and r.cfg.table_caption_pattern.match(r.text) else None


def markdown_heading(r: RawLine, s: State) -> Line | None:
    """A markdown heading: its level from its text, else a title (level 4 for ``####``)."""
    if not r.hashes:
        return None
    level = heading_level(r.text, r.cfg.heading_patterns) or (4 if r.hashes == "####" else 0)
    return Line(r.text, "heading", level=level, removed=r.removed)


def furniture(r: RawLine, s: State) -> Line | None:
    return (
        Line(r.text, "furniture", removed=r.removed)
        if set_aside(r.text, r.cfg.furniture_patterns, r.repeated)
        else None
    )


def footnote(r: RawLine, s: State) -> Line | None:
    m = next((m for p in r.cfg.footnote_patterns if (m := p.match(r.text))), None)
    return Line(r.text, "footnote", removed=r.removed, fn_id=m.group(1).translate(FROM_SUPERSCRIPT)) if m else None


def table_caption(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "table", removed=r.removed) if r.cfg.table_caption_pattern.match(r.text) else None


def bold_lead(r: RawLine, s: State) -> Line | None:
    """A line opening with a bold phrase: a heading, or a body line that opens with one."""
    if not r.bold or r.bold[0][0] != 0:
        return None
    end = bold_head(r.text, r.bold[0][1], r.cfg)
    if end >= len(r.text.rstrip()):
        return Line(r.text, "heading", level=heading_level(r.text, r.cfg.heading_patterns) or 4, removed=r.removed)
    return Line(r.text, "body", level=4, head=end, removed=r.removed) if end else None


def numbered_heading(r: RawLine, s: State) -> Line | None:
    """A line opening with a heading mark (``一、`` ``（二）`` ``三是``): its length is found once it is joined."""
    level = heading_level(r.text, r.cfg.heading_patterns)
    return Line(r.text, "body", level=level, head=-1, removed=r.removed) if level else None


def headline(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "heading", level=1, removed=r.removed) if r.cfg.headline_pattern.match(r.text) else None


def body(r: RawLine, s: State) -> Line | None:
    return Line(r.text, "body", removed=r.removed, soft=r.raw.endswith("  ") and not r.raw.endswith("   "))


def bold_head(text: str, end: int, cfg: CleanConfig) -> int:
    """Length of the heading a bold span ``text[:end]`` makes, or 0.

    The heading ends at the first sentence end inside the span, or at the
    span's end when a sentence end follows right after it; a bold phrase
    that runs on into its sentence (``**…**，``) is no heading.

    >>> from textags._clean_patterns import DEFAULT_CONFIG
    >>> bold_head("营商环境持续优化。落实举措。", 9, DEFAULT_CONFIG), bold_head("营商环境，持续优化。", 4, DEFAULT_CONFIG)
    (9, 0)
    """
    inner = re.search(f"[{re.escape(cfg.terminals)}]+[{re.escape(cfg.closers)}]*", text[:end])
    if inner:
        return inner.end()
    after = re.match(f"[{re.escape(cfg.closers)}]*[{re.escape(cfg.terminals)}]+[{re.escape(cfg.closers)}]*", text[end:])
    if after:
        return end + after.end()
    return end if end >= len(text.rstrip()) else 0


_LEAVE_NOTES = {"in_notes": False}

#: The rules in the order they are tried: name, rule, and what the line it takes changes in the state;
#: first those on the line as read ...
RAW_RULES: tuple[tuple[str, Rule, dict], ...] = (
    ("gap", gap, {}),
    ("blank", blank, {}),
    ("reader furniture", reader_furniture, {}),
    ("wiki notice", wiki_notice, {"wiki": True}),
    ("markdown rule", rule_line, {"in_notes": True}),
    ("table row", table_row, _LEAVE_NOTES),
)
#: ... then those on the line with its markup taken off.
PLAIN_RULES: tuple[tuple[str, Rule, dict], ...] = (
    ("markup only", markup_only, {}),
    ("markup rule", markup_rule, {"in_notes": True}),
    ("wiki notice, unmarked", wiki_notice_unmarked, {"wiki": True}),
    ("list item", list_item, {}),
    ("annex", annex, {}),
    ("numbered note", numbered_note, {"had_notes": True}),
    ("glossary start", glossary_start, {"in_notes": False, "in_glossary": True}),
    ("glossary entry", glossary_entry, _LEAVE_NOTES),
    ("markdown table caption", markdown_caption, _LEAVE_NOTES),
    ("markdown heading", markdown_heading, _LEAVE_NOTES),
    ("furniture", furniture, _LEAVE_NOTES),
    ("footnote", footnote, _LEAVE_NOTES),
    ("table caption", table_caption, _LEAVE_NOTES),
    ("bold lead", bold_lead, _LEAVE_NOTES),
    ("numbered heading", numbered_heading, _LEAVE_NOTES),
    ("headline", headline, _LEAVE_NOTES),
    ("body", body, _LEAVE_NOTES),
)
LINE_RULES = RAW_RULES + PLAIN_RULES
#: The plain rules that take a line without one of the patterns
#: :func:`~textags._rule_patterns.quick_patterns` joins finding it:
#: the others are skipped for a line in which those find nothing.
UNPATTERNED_RULES = tuple(
    rule
    for rule in PLAIN_RULES
    if rule[1] in (markup_only, wiki_notice_unmarked, list_item, markdown_caption, markdown_heading, bold_lead, body)
)


def classify(
    lines: list[str], cfg: CleanConfig, raw_rules=RAW_RULES, plain_rules=PLAIN_RULES, memo: dict | None = None
) -> list[Line]:
    """Each line's :class:`Line`, from the first rule that takes it (``plain_rules`` read it unmarked).

    The furniture rules are bounded by where a line stands and whether it
    repeats (:mod:`textags._furniture`).  ``memo`` (a dict kept by the
    caller) remembers each line's :class:`Line` under everything the rules
    read (:func:`_key`), so cleaning's later passes, which mostly read the
    lines the first pass kept, do not classify them again.

    >>> from textags._clean_patterns import DEFAULT_CONFIG
    >>> memo = {}
    >>> first = classify(["一、总体要求", "", "抓经济。"], DEFAULT_CONFIG, memo=memo)
    >>> again = classify(["一、总体要求", "抓经济。"], DEFAULT_CONFIG, memo=memo)
    >>> [(ln.kind, ln.text) for ln in again], again[1] is first[2], len(memo)
    ([('body', '一、总体要求'), ('body', '抓经济。')], False, 2)
    """
    tail, seen = tail_start(lines), repeats(lines)
    quick = quick_patterns(cfg) if plain_rules is PLAIN_RULES else None
    state = State()
    moves: dict = {}  # (state, id of an effect) -> the state it leads to: _replace once per kind of move
    out: list[Line] = []
    plain_blank = raw_rules is RAW_RULES  # then a blank line that is no gap mark is the blank rule's, with no effect
    for i, raw in enumerate(lines):
        if plain_blank and (not raw or raw.isspace()) and raw != GAP_MARK:
            out.append(Line("", "blank"))
            continue
        r = RawLine(raw, cfg, i >= tail)
        r.repeated = seen[r.line] > 1
        key = _key(r, state) if memo is not None and r.line else None
        known = memo.get(key) if key is not None else None
        if known is not None:
            ln, effect = _line(known[0]), known[1]
        else:
            ln, effect = _first(raw_rules, r, state)
            if ln is None:
                r.unmark()
                rules = plain_rules
                if quick and not quick[0].match(r.text) and not quick[1].search(r.text):
                    rules = UNPATTERNED_RULES  # no pattern of the others finds anything in it
                ln, effect = _first(rules, r, state)
            if key is not None:
                memo[key] = (_fields(ln), effect)
        out.append(ln)
        if effect:
            move = (state, id(effect))
            new = moves.get(move)
            if new is None:
                new = moves[move] = state._replace(**effect)
            state = new
    return out


def _key(r: RawLine, state: State) -> tuple:
    """All a rule reads of a line: its stripped text, the three facts about it as read, where it stands, the state."""
    raw = r.raw
    return (
        r.line,
        raw == GAP_MARK,
        raw.strip(" \n\r\u3000") == r.line,
        raw.endswith("  ") and not raw.endswith("   "),
        r.at_tail,
        r.repeated,
        state,
    )


def _fields(ln: Line) -> tuple:
    """What a fresh copy of ``ln`` is made from (paragraph assembly changes the lines it is given)."""
    return (ln.text, ln.kind, ln.level, ln.head, tuple(ln.removed), ln.fn_id, ln.alone, ln.soft, ln.meta, ln.web)


def _line(fields: tuple) -> Line:
    """A fresh :class:`Line` of :func:`_fields`."""
    text, kind, level, head, removed, fn_id, alone, soft, meta, web = fields
    return Line(text, kind, level, head, list(removed), fn_id, alone, soft, meta, web)


def _first(rules, r: RawLine, state: State) -> tuple[Line | None, dict]:
    for _, rule, effect in rules:
        ln = rule(r, state)
        if ln is not None:
            return ln, effect
    return None, {}
