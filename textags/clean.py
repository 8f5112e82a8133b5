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

The patterns and punctuation sets are module constants; pass your own to
:func:`clean` through :class:`CleanConfig` to override them.

Examples
--------
>>> c = clean("科创活力不断激发。启动推进\\n\\n科创“十个一”1工作举措。\\n\\n1 “十个一”：开展一轮大讨论。")
>>> [(b.kind, b.text) for b in c.blocks]
[('body', '科创活力不断激发。启动推进科创“十个一”¹工作举措。'), ('footnote', '1 “十个一”：开展一轮大讨论。')]
>>> clean(c.text).text == c.text
True
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field, fields

from .document import Removal
from .web import META_PATTERNS, NAV_PATTERNS, WATERMARKS, forum_panel, is_prose, watermark_at, web_kind

#: Characters after which a sentence ends.
TERMINALS = "。！？；!?;"
#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "”’」』）)】》〉\"'"
#: Punctuation that cannot end a paragraph: a line ending in one continues.
CONTINUERS = "，、：:“「『（(《〈—-+·,"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)

_CN_NUM = "一二三四五六七八九十百零〇"

#: Heading patterns at the start of a block, with their nesting level.
HEADING_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^[{_CN_NUM}]+、"), 1),
    (re.compile(r"^[一二三四五六七八九十]{1,2}$"), 1),
    (re.compile(r"^(结束语|结语|前言|引言|序言)$"), 1),
    (re.compile(rf"^[（(][{_CN_NUM}]+[)）]"), 2),
    (re.compile(rf"^[{_CN_NUM}]+是(?=\S)"), 3),
    (re.compile(rf"^第[{_CN_NUM}]+[，、,：:]"), 3),
)

#: An enumeration word standing alone on a line: it opens the next line.
ENUM_ALONE = re.compile(rf"^([{_CN_NUM}]+[是要]|第[{_CN_NUM}]+|首先|其次|再次|最后)$")
#: A numbered item (``1、`` ``2.`` ``（3）``): it starts a block of its own.
ENUM_ITEM = re.compile(r"^\s*(\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）])\s*")
#: Characters no line can start with: a line starting with one continues the last.
LINE_CONTINUATION = "、，。；：！？》）”」』,.;:!?)"

#: A newspaper headline: two short phrases side by side, no punctuation.
HEADLINE = re.compile(r"^[\u4e00-\u9fff“”「」0-9]{3,12}[ \u3000]+[\u4e00-\u9fff“”「」0-9]{3,14}$")

#: Lines that are page furniture: page numbers, mastheads, print details,
#: sources and datelines standing alone.
FURNITURE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$"),  # page number, "- 3 -"
    re.compile(r"^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(
        r"^(本期\s*\d+\s*版|第\s*\d+\s*期(?=\s|$|[（(总])|下期出版|国内统一连续出版物号|报社地址|印刷单位|免费赠阅|扫描二维码|邮编\s*[:：]?\s*\d|客服热线|责任编辑|美术编辑|编辑[:：]|校对[:：])"
    ),
    re.compile(r"(主管主办|联合出版|出版物号|印务有限公司)"),
    re.compile(r"^关注“[^”]{1,20}”$"),
    re.compile(r"^[□■]?\s*((记者|通讯员|摄影)(?=[\s:：/]|$)|文/|图/)"),
    re.compile(r"^来源\s*[:：]"),
    re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$"),
    re.compile(r"^(Public domain|false|true)$", re.IGNORECASE),
)

#: A line that starts with this character is page furniture a reader found (the PDF reader's
#: running headers, footers and page numbers); the mark is taken out and listed as markup.
FURNITURE_MARK = "\x1a"

#: The start of the wiki boilerplate that closes the national reports;
#: everything from it to the end is furniture (when it starts in the last lines: textags.furniture).
WIKI_START = re.compile(r"^注：中文维基文库社群认为|^本作品是中华人民共和国的$|^Public domain$")

#: A footnote definition line.
FOOTNOTE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^([{SUPERSCRIPTS}]+)\s*\S"),  # ¹ 四个一：...
    re.compile(r"^(\d{1,2})\s+[^\s，。：:]{1,24}[：:]"),  # 1 “十个一”：...  (PDF)
)
#: A numbered footnote in a block after a markdown rule, or a glossary entry.
NUMBERED_NOTE = re.compile(r"^(\d{1,2})[.．、]\s*\S")
#: A numbered note of a markdown text ("6. 两镇八村：…"), recognised once the text has had notes.
MD_NOTE = re.compile(r"^(\d{1,2})\.\s+[^，。\s]{1,30}[：:]")
GLOSSARY_ENTRY = re.compile(r"^(\d{1,2})[.．、]\s*[^，。]{1,40}[：:]")
GLOSSARY_START = re.compile(r"^(附件\s*\d*\s*)?(名词解释|名词注释|《政府工作报告》有关内容名词注释|注释)$")

#: An annex heading standing alone ("附件 1").
ANNEX = re.compile(r"^附件\s*\d{0,2}$")
TABLE_CAPTION = re.compile(r"^表\s*\d+\s*[:：]")
_HR = re.compile(r"^(-{3,}|\*{3,}|_{3,})$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_LIST = re.compile(r"^[-*+]\s+(?=\S)")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")

#: Counter words after a number: a digit followed by one is a count, not a
#: footnote marker.
_COUNTERS = "个家条名次项台万亿元年月日号人户处栋幢张所批届期版层楼岁座辆套间份场件位只天周千百"
_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class CleanConfig:
    """Settings of :func:`clean`; the defaults are the module constants."""

    terminals: str = TERMINALS
    closers: str = CLOSERS
    heading_patterns: tuple = HEADING_PATTERNS
    furniture_patterns: tuple = FURNITURE_PATTERNS
    wrap_ratio: float = 0.6
    #: web-page furniture of a page's header and footer (:mod:`textags.web`); empty tuples turn it off
    web_meta_patterns: tuple = META_PATTERNS
    web_nav_patterns: tuple = NAV_PATTERNS
    #: watermarks a copying site appends to lines, split off as furniture anywhere
    web_watermarks: tuple = WATERMARKS
    #: the first lines of a text that count as a web page's header, whatever they hold
    web_header_lines: int = 12
    #: share of a text's paragraph ends followed by a blank line above which a blank line ends a paragraph
    blank_break_ratio: float = 0.7

    def __repr__(self) -> str:
        # by name, not by its kilobytes of patterns (a signature shows ``config=DEFAULT_CONFIG``)
        changed = [f.name for f in fields(self) if getattr(self, f.name) != f.default]
        if not changed:
            return "DEFAULT_CONFIG"
        return (
            "CleanConfig("
            + ", ".join(f"{k}=..." if k.endswith("patterns") else f"{k}={getattr(self, k)!r}" for k in changed)
            + ")"
        )


#: The default settings; ``repr`` names it rather than spelling out its patterns.
DEFAULT_CONFIG = CleanConfig()


@dataclass(frozen=True)
class Block:
    """One line of the cleaned text.

    ``kind`` is ``body``, ``heading``, ``footnote``, ``table`` or
    ``furniture``.  ``level`` is a heading's nesting level (0 for a title).
    ``head`` is, for a body block that opens with a heading (a bold lead
    phrase, ``一是…。``), the length of that heading.
    """

    text: str
    kind: str
    level: int = 0
    head: int = 0
    head_level: int = 0


@dataclass(frozen=True)
class Cleaned:
    """The result of :func:`clean`: blocks, their text, and what was taken out."""

    blocks: tuple[Block, ...]
    removed: tuple[Removal, ...] = ()
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "\n".join(b.text for b in self.blocks))

    def offsets(self) -> list[int]:
        """Start offset of every block in :attr:`text`."""
        out, pos = [], 0
        for b in self.blocks:
            out.append(pos)
            pos += len(b.text) + 1
        return out


# --------------------------------------------------------------------------
# small pure helpers


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def display_width(s: str) -> int:
    """Width of ``s`` on screen: wide and full-width (East Asian) characters count 2.

    >>> display_width("抓经济 ab")
    9
    """
    return len(s) + len(_WIDE.findall(s))


def ends_sentence(s: str, terminals: str = TERMINALS, closers: str = CLOSERS) -> bool:
    """Whether ``s`` ends a sentence (a terminal, perhaps followed by closers).

    >>> ends_sentence("完成任务。”"), ends_sentence("完成任务，")
    (True, False)
    """
    s = s.rstrip().rstrip(closers)
    return bool(s) and s[-1] in terminals


def heading_level(line: str, patterns=HEADING_PATTERNS) -> int:
    """The level of the heading pattern ``line`` starts with, or 0.

    >>> heading_level("（二）聚焦重大任务"), heading_level("一是打好攻坚战。"), heading_level("第一批项目")
    (2, 3, 0)
    """
    for pat, level in patterns:
        if pat.match(line):
            return level
    return 0


def heading_length(text: str, terminals: str = TERMINALS, closers: str = CLOSERS) -> int:
    """Length of the heading at the start of ``text``: up to its first sentence end.

    >>> t = "一是打好产业转型“攻坚战”。对标科创转化带。"
    >>> t[: heading_length(t)]
    '一是打好产业转型“攻坚战”。'
    """
    m = re.search(f"[{re.escape(terminals)}]+[{re.escape(closers)}]*|(?<=\\S)\\s{{2,}}(?=\\S)", text)
    return m.end() if m else len(text)


def _invisible(ch: str) -> bool:
    return ch not in "\n\t" + FURNITURE_MARK and (
        unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") or ch == "\ufeff"
    )


def normalize(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    r"""Unify line ends and take out invisible and control characters.

    Returns the text and the removals as ``(offset, text, reason)``, offsets
    into the returned text.

    >>> normalize("a\u200bb\r\nc")
    ('ab\nc', [(1, '\u200b', 'invisible')])
    >>> normalize("\x1a页眉\n正\x1a文")
    ('\x1a页眉\n正文', [(5, '\x1a', 'invisible')])
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    hidden = [ch for ch in set(text) if _invisible(ch)]  # the distinct characters: cheap on any length
    stray = FURNITURE_MARK in text  # the mark counts only at a line's start; elsewhere it is invisible
    if not hidden and not stray:
        return text, []
    pattern = re.compile(
        "|".join(
            (["[" + "".join(re.escape(ch) for ch in hidden) + "]+"] if hidden else [])
            + ([f"(?<=[^\n]){FURNITURE_MARK}+"] if stray else [])
        )
    )
    out: list[str] = []
    removed: list[tuple[int, str, str]] = []
    last = kept = 0
    for m in pattern.finditer(text):
        out.append(text[last : m.start()])
        kept += m.start() - last
        removed.append((kept, m.group(0), "invisible"))
        last = m.end()
    out.append(text[last:])
    return "".join(out), removed


_MARKUP = re.compile(
    r"(?P<sup><sup>\s*(?P<n>\d{1,3})\s*</sup>)|(?P<tag></?[a-zA-Z][^<>]{0,200}>)|(?P<bold>\*\*|__)"
    r"|(?P<entity>&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});)",
    re.IGNORECASE,
)


def strip_markup(line: str) -> tuple[str, list[tuple[int, str, str]], list[tuple[int, int]]]:
    """Take markdown and HTML markup out of one line.

    Returns the plain line, the removals ``(offset, text, reason)`` with
    offsets into the plain line, and the bold spans ``(start, end)``.
    ``<sup>1</sup>`` becomes ``¹``; entities are decoded.

    >>> strip_markup("**营商环境持续优化。**落实举措<sup>1</sup>。")[0]
    '营商环境持续优化。落实举措¹。'
    >>> strip_markup("**营商环境持续优化。**落实举措。")[2]
    [(0, 9)]
    """
    removed: list[tuple[int, str, str]] = []
    bold: list[tuple[int, int]] = []
    if not any(c in line for c in "<*_&"):
        return line, removed, bold
    out: list[str] = []
    pos = last = 0  # pos: length of the plain text so far
    bold_open: int | None = None
    for m in _MARKUP.finditer(line):
        out.append(line[last : m.start()])
        pos += m.start() - last
        last = m.end()
        if m.group("sup"):
            digits = m.group("n")
            out.append(digits.translate(_TO_SUPERSCRIPT))
            removed.append((pos, m.group(0).replace(digits, "", 1), "markup"))
            pos += len(digits)
        elif m.group("tag"):
            removed.append((pos, m.group(0), "markup"))
        elif m.group("bold"):
            removed.append((pos, m.group(0), "markup"))
            if bold_open is None:
                bold_open = pos
            else:
                if pos > bold_open:
                    bold.append((bold_open, pos))
                bold_open = None
        else:
            decoded = html.unescape(m.group(0))
            if decoded != m.group(0) and len(decoded) == 1 and unicodedata.category(decoded)[0] != "C":
                removed.append((pos, m.group(0), "markup"))
                out.append(decoded)
                pos += 1
            else:
                out.append(m.group(0))
                pos += len(m.group(0))
    out.append(line[last:])
    return "".join(out), removed, bold


# --------------------------------------------------------------------------
# line classification


@dataclass
class _Line:
    text: str
    kind: str  # body heading footnote table furniture
    level: int = 0
    head: int = 0  # length of a bold lead phrase
    removed: list = field(default_factory=list)
    fn_id: str = ""
    alone: bool = False  # a list item: never joined with its neighbours
    soft: bool = False  # ends in a markdown line break (two spaces): the next line continues it
    meta: bool = False  # a line of a web page's metadata table
    web: bool = False  # web-page furniture: it ends the paragraph before it


def _strip_all(line: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Strip markup until none is left (``<b>*</b>*`` leaves ``**``, which goes too)."""
    removed: list[tuple[int, str, str]] = []
    for _ in range(8):
        text, rem, _ = strip_markup(line)
        removed.extend(rem)
        text = text.strip()
        if text == line:
            break
        line = text
    return line, removed


def _unmark(line: str):
    """Take markdown structure and markup off a line, until nothing more comes off.

    Returns the plain text, the removals, the bold spans of the first pass
    (shifted to the plain text's start), the ``#`` marks of a markdown heading
    and whether the line was a list item.
    """
    removed: list[tuple[int, str, str]] = []
    bold: list[tuple[int, int]] | None = None
    hashes, listed = "", False
    for _ in range(8):
        before = line
        m = _MD_HEADING.match(line)
        if m:
            hashes = hashes or m.group(1)
            removed.append((0, m.group(0), "markup"))
            line = line[m.end() :]
            bold = [(a - m.end(), b - m.end()) for a, b in bold] if bold else bold
        elif _MD_LIST.match(line) and not hashes:
            m = _MD_LIST.match(line)
            listed = True
            removed.append((0, m.group(0), "markup"))
            line = line[m.end() :]
            bold = [(a - m.end(), b - m.end()) for a, b in bold] if bold else bold
        text, rem, spans = strip_markup(line)
        removed.extend(rem)
        lead = len(text) - len(text.lstrip())
        if bold is None:
            bold = [(a - lead, b - lead) for a, b in spans]
        line = text.strip()
        if line == before:
            break
    return line, removed, bold or [], hashes, listed


def _bold_head(text: str, end: int, cfg: CleanConfig) -> int:
    """Length of the heading a bold span ``text[:end]`` makes, or 0.

    The heading ends at the first sentence end inside the span, or at the
    span's end when a sentence end follows right after it; a bold phrase
    that runs on into its sentence (``**…**，``) is no heading.
    """
    inner = re.search(f"[{re.escape(cfg.terminals)}]+[{re.escape(cfg.closers)}]*", text[:end])
    if inner:
        return inner.end()
    after = re.match(f"[{re.escape(cfg.closers)}]*[{re.escape(cfg.terminals)}]+[{re.escape(cfg.closers)}]*", text[end:])
    if after:
        return end + after.end()
    return end if end >= len(text.rstrip()) else 0


def _title_like(s: str) -> bool:
    """A line with no inner punctuation (past a leading ``1、``): a title, a name, a dateline.

    >>> _title_like("宝山区发展和改革委员会"), _title_like("1、宝山区2021年规划"), _title_like("要高举习近平新时代，")
    (True, True, False)
    """
    s = ENUM_ITEM.sub("", s, count=1)
    return not re.search("[，、；。：,;:]", s)


def _is_table_row(line: str) -> bool:
    if line.count("\t") >= 2 or (line.count("\t") == 1 and len(line) < 60):
        return True
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def _classify(lines: list[str], cfg: CleanConfig) -> list[_Line]:
    out: list[_Line] = []
    in_notes = False  # inside a block of numbered notes after a markdown rule
    had_notes = False  # the text has had such notes: later ones may come without a rule
    in_glossary = False
    wiki = False
    from .furniture import repeats, set_aside, tail_start

    tail, seen = tail_start(lines), repeats(lines)  # furniture rules bounded (textags.furniture)
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            out.append(_Line("", "blank"))
            continue
        if line.startswith(FURNITURE_MARK):  # (alone, as a DOS file's closing Ctrl-Z: a blank line)
            rest = line[1:].strip()
            out.append(_Line(rest, "furniture" if rest else "blank", removed=[(0, FURNITURE_MARK, "markup")]))
            continue
        if wiki or (i >= tail and WIKI_START.search(line)):
            wiki = True
            out.append(_Line(line, "furniture"))
            continue
        if _HR.match(line):
            out.append(_Line("", "rule", removed=[(0, line, "markup")]))
            in_notes = True
            continue
        if _is_table_row(raw.strip(" \n\r\u3000")):
            text, rem = _strip_all(raw.strip())
            out.append(_Line(text, "table", removed=rem))
            in_notes = False
            continue
        text, removed, bold, md_hashes, listed = _unmark(line)
        if not text or _HR.match(text):
            out.append(
                _Line("", "rule" if text else "blank", removed=removed + ([(0, text, "markup")] if text else []))
            )
            in_notes = in_notes or bool(text)
            continue
        if i >= tail and WIKI_START.search(text):
            wiki = True
            out.append(_Line(text, "furniture", removed=removed))
            continue
        if listed:
            out.append(_Line(text, "body", removed=removed, alone=True))
            continue
        if ANNEX.match(text):
            out.append(_Line(text, "heading", level=0, removed=removed))
            continue
        level = -1 if md_hashes else 0
        if (in_notes and NUMBERED_NOTE.match(text)) or (had_notes and MD_NOTE.match(text)):
            out.append(_Line(text, "footnote", removed=removed, fn_id=NUMBERED_NOTE.match(text).group(1)))
            had_notes = True
            continue
        in_notes = False
        if GLOSSARY_START.match(text):
            in_glossary = True
            out.append(_Line(text, "heading", level=0, removed=removed))
            continue
        if in_glossary and GLOSSARY_ENTRY.match(text):
            out.append(_Line(text, "footnote", removed=removed))
            continue
        if level == -1 and TABLE_CAPTION.match(text):
            out.append(_Line(text, "table", removed=removed))
            continue
        if level == -1:  # markdown heading: level from its text, else a title
            whole = heading_level(text, cfg.heading_patterns) or (4 if md_hashes == "####" else 0)
            out.append(_Line(text, "heading", level=whole, removed=removed))
            continue
        if set_aside(text, cfg.furniture_patterns, seen[line] > 1):
            out.append(_Line(text, "furniture", removed=removed))
            continue
        fm = next((p.match(text) for p in FOOTNOTE_PATTERNS if p.match(text)), None)
        if fm:
            out.append(_Line(text, "footnote", removed=removed, fn_id=fm.group(1).translate(_FROM_SUPERSCRIPT)))
            continue
        if TABLE_CAPTION.match(text):
            out.append(_Line(text, "table", removed=removed))
            continue
        if bold and bold[0][0] == 0:
            end = _bold_head(text, bold[0][1], cfg)
            if end >= len(text.rstrip()):
                out.append(
                    _Line(text, "heading", level=heading_level(text, cfg.heading_patterns) or 4, removed=removed)
                )
                continue
            if end:
                out.append(_Line(text, "body", level=4, head=end, removed=removed))
                continue
        hl = heading_level(text, cfg.heading_patterns)
        if hl:
            out.append(_Line(text, "body", level=hl, head=-1, removed=removed))
            continue
        if HEADLINE.match(text):
            out.append(_Line(text, "heading", level=1, removed=removed))
            continue
        out.append(_Line(text, "body", removed=removed, soft=raw.endswith("  ") and not raw.endswith("   ")))
    return out


_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPTS, "0123456789")


def _web_furniture(lines: list[_Line], cfg: CleanConfig) -> list[_Line]:
    """Mark a web page's navigation, metadata and tool lines as furniture (:mod:`textags.web`).

    The page's header is what comes before the report's first line of prose,
    its footer what comes after the last; metadata and navigation patterns
    apply only there, page-tool lines anywhere.  Consecutive metadata lines
    (a disclosure page's table) become one furniture line, joined by a space.
    """
    first = next((i for i, ln in enumerate(lines) if ln.kind == "body" and is_prose(ln.text)), len(lines))
    last = next(
        (i for i in range(len(lines) - 1, first - 1, -1) if lines[i].kind == "body" and is_prose(lines[i].text)), -1
    )
    # a page's header may carry a line of prose (a site's notice, a news headline): its first lines count too
    opening = [i for i, ln in enumerate(lines) if ln.kind != "blank"][: cfg.web_header_lines]
    first = max(first, opening[-1] + 1 if opening else 0)
    forum = forum_panel([ln.text for ln in lines], first)
    out: list[_Line] = []
    prev: _Line | None = None  # the last non-blank line so far
    for i, ln in enumerate(lines):
        kind = ""
        if ln.kind in ("body", "heading", "table") and ln.text:
            edge = i < first or i > last
            kind = "nav" if i in forum else web_kind(ln.text, edge, cfg.web_meta_patterns, cfg.web_nav_patterns)
        if not kind:
            out.append(ln)
            if ln.kind != "blank":
                prev = ln
            continue
        if kind == "meta" and prev is not None and prev.meta:
            shift = len(prev.text) + 1
            prev.removed.extend((shift + off, t, why) for off, t, why in ln.removed)
            prev.text = prev.text + " " + ln.text
            continue
        prev = _Line(ln.text, "furniture", removed=list(ln.removed), meta=kind == "meta", web=True)
        out.append(prev)
    return out


def _split_watermarks(lines: list[_Line], cfg: CleanConfig) -> list[_Line]:
    """Split a site's watermark off the end of the body and heading lines it is glued to, as furniture."""
    if not cfg.web_watermarks:
        return lines
    out: list[_Line] = []
    for ln in lines:
        at = watermark_at(ln.text, cfg.web_watermarks) if ln.kind in ("body", "heading") else -1
        if at < 0:
            out.append(ln)
            continue
        if at > 0 and ln.text[:at].strip():
            kept = [r for r in ln.removed if r[0] <= at]
            out.append(_Line(ln.text[:at].rstrip(), ln.kind, ln.level, ln.head, kept, alone=ln.alone))
        moved = [(off - at, t, why) for off, t, why in ln.removed if off > at]
        out.append(_Line(ln.text[at:], "furniture", removed=moved, web=True))
    return out


def _blank_breaks(lines: list[_Line], cfg: CleanConfig) -> bool:
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


def _wrap_width(lines: list[_Line], cfg: CleanConfig) -> int:
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


def _link_broken(lines: list[_Line], cfg: CleanConfig) -> bool:
    """Whether a text has lines broken inside sentences where a web page had links.

    Signs: a line starting with punctuation no line can start with, or short
    fragments (a word or two) between two pieces of one sentence.
    """
    body = [ln for ln in lines if ln.kind == "body"]
    starts = sum(1 for ln in body if ln.text[0] in LINE_CONTINUATION)
    fragments = sum(
        1
        for prev, ln in zip(body, body[1:])
        if len(ln.text) <= 4
        and not ln.level
        and not ends_sentence(prev.text, cfg.terminals, cfg.closers)
        and len(prev.text) >= 20
    )
    words = sum(1 for ln in body if len(ln.text) <= 2 and not ln.level and not ENUM_ALONE.match(ln.text))
    return starts >= 1 or fragments + words >= 2


def _joinable(
    para: list[_Line], para_text: str, nxt: _Line, width: int, cfg: CleanConfig, link_mode: bool = False
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
    if nxt.text[0] in LINE_CONTINUATION or ENUM_ALONE.match(last):
        return True
    if nxt.level or ENUM_ITEM.match(nxt.text) or ends_sentence(last, cfg.terminals, cfg.closers):
        return False
    tail = last.rstrip()[-1]
    full = bool(width) and display_width(last) >= 0.9 * width
    if len(para) == 1 and para[0].head == -1 and not re.search(f"[{re.escape(cfg.terminals)}]", last):
        # a heading line on its own: only its own wrapped rest, never the paragraph after it, joins it
        return full and display_width(nxt.text) <= 1.1 * width
    if tail in "：:":
        return full
    if tail in CONTINUERS:
        return True
    if width:
        return display_width(last) >= cfg.wrap_ratio * width
    if link_mode:
        return True
    # one paragraph a line: a paragraph broken mid-sentence continues, unless it
    # reads as a title (the whole paragraph so far decides, so that cleaning
    # its own output decides the same)
    return not _title_like(para_text)


#: A numbered heading with no punctuation, then a space and the paragraph it heads, on one line.
SPACED_HEAD = re.compile(rf"^([{_CN_NUM}]+、|[（(][{_CN_NUM}]+[)）])\s*[^\s，。；：,;:！？!?]{{2,30}}(?=[ \u3000]+\S)")


def _spaced_head(text: str, cfg: CleanConfig) -> int:
    """Length of a numbered heading that a single space parts from its first sentence, or 0.

    >>> t = "一、2023年工作回顾 2023年是全面贯彻党的二十大精神开局之年。"
    >>> t[: _spaced_head(t, DEFAULT_CONFIG)]
    '一、2023年工作回顾'
    """
    m = SPACED_HEAD.match(text)
    if not m:
        return 0
    rest = text[m.end() :].strip()
    return m.end() if len(rest) >= 15 and re.search(f"[{re.escape(cfg.terminals)}]", rest) else 0


#: A numbered heading inside a line, after a space: the marker, then up to 40 characters with no
#: sentence end, then a space and more text (web copies that collapsed their line breaks to spaces).
INLINE_HEAD = re.compile(
    rf"[ \u3000]+(?=((?:[{_CN_NUM}]+、|[（(][{_CN_NUM}]+[)）])[^\s。；！？;!?]{{2,40}})[ \u3000]+\S)"
)


#: An unnumbered part heading (``2023年工作回顾``) at a line's start, a space, then its first sentence.
PART_HEAD = re.compile(
    r"(?m)^[ \u3000]*(\S{0,16}(?:工作回顾|工作总结|工作安排|工作计划|工作思路|主要工作|目标任务|重点工作|总体要求))"
    r"[ \u3000]+(?=\S[^\n]{9,}[。；;])"
)


def break_inline_headings(text: str, terminals: str = TERMINALS) -> str:
    r"""Line breaks where a copy collapsed them to spaces around a numbered heading.

    A space before a numbered heading (``一、…`` ``（一）…``) becomes a line
    break when what stands before it on the line ends a sentence or a lead-in
    (``。`` ``：``), or is the line's title-like start (at most 40 characters,
    no inner punctuation) before a first heading (``一、``, ``（一）``); the
    space after the heading becomes one too; so does the space after an
    unnumbered part heading (``2023年工作回顾``) that opens a line.  Only
    whitespace changes, so every character keeps its offset.

    >>> break_inline_headings("2022年东光县政府工作报告 一、2021年工作回顾 2021年是建党100周年。")
    '2022年东光县政府工作报告\n一、2021年工作回顾\n2021年是建党100周年。'
    >>> break_inline_headings("主要做了以下工作: (一)坚持统筹兼顾,经济运行稳中有进 经济指标回升向好。")
    '主要做了以下工作:\n(一)坚持统筹兼顾,经济运行稳中有进\n经济指标回升向好。'
    >>> break_inline_headings("2023年工作回顾 过去一年,我们坚持以习近平新时代中国特色社会主义思想为指导。")
    '2023年工作回顾\n过去一年,我们坚持以习近平新时代中国特色社会主义思想为指导。'
    >>> break_inline_headings("全年完成 三、四季度任务 的百分之九十。")  # no lead-in before it: left alone
    '全年完成 三、四季度任务 的百分之九十。'
    """
    chars = list(text)
    for m in PART_HEAD.finditer(text):
        chars[m.end(1)] = "\n"
    if "、" not in text and ")" not in text and "）" not in text:
        return "".join(chars)
    broken = 0  # just past the last break made here
    for m in INLINE_HEAD.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()) + 1, broken)
        before = text[line_start : m.start()].rstrip()
        if not re.search(f"[{_CJK}]", before):  # nothing, or markup such as ``###``
            continue
        lead_in = before[-1] in terminals + "：:"
        # a title before the report's first heading: only a first marker (一、 （一）) follows one
        first = m.group(1)[:2] in ("一、", "（一", "(一")
        title = first and len(before) <= 40 and _title_like(before) and not any(ch in before for ch in terminals)
        if not (lead_in or title):
            continue
        chars[m.start()] = "\n"
        chars[m.end() + len(m.group(1))] = "\n"
        broken = m.end() + len(m.group(1)) + 1
    return "".join(chars)


def _blank_ends(para_text: str, nxt: _Line) -> bool:
    """Whether a blank line ends the paragraph ``para_text`` in a text with blank-line paragraphs.

    It does before a body line, unless the paragraph breaks off on punctuation
    that cannot end one (``，`` ``、``) or the line starts with punctuation no
    line can start with.  Footnotes and furniture after a blank line are left
    to the rules that move them after their paragraph.
    """
    return nxt.kind == "body" and not (
        para_text.rstrip()[-1] in CONTINUERS.replace("：", "").replace(":", "") or nxt.text[0] in LINE_CONTINUATION
    )


def _join(a: str, b: str) -> str:
    if a and b and _ASCII_ALNUM.match(a[-1]) and _ASCII_ALNUM.match(b[0]):
        return a + " " + b
    return a + b


def _mark_footnotes(blocks: list[Block], ids_at: list[tuple[int, str]]) -> list[Block]:
    """Turn the glued digit marker of each numbered footnote into superscript.

    The marker of footnote ``n`` is the last ``n`` glued between Chinese
    characters (not a count, not part of a longer number) in the body blocks
    before the note, searched from the nearest back.  A note whose superscript marker is already present is
    left alone, so the pass is idempotent.

    One scan finds every glued number and every superscript run, so the work
    grows with the text, not with notes times blocks.
    """
    if not ids_at:
        return list(blocks)
    glued: dict[str, list[tuple[int, int, int]]] = {}  # digits -> (block, start, end), in text order
    first_sup: dict[str, int] = {}  # superscript string -> first body block holding it
    for i, b in enumerate(blocks):
        if b.kind != "body":
            continue
        for m in _GLUED_NUMBER.finditer(b.text):
            glued.setdefault(m.group(0), []).append((i, m.start(), m.end()))
        for m in _SUP_RUN.finditer(b.text):
            _note_sups(first_sup, m.group(0), i)
    chars: dict[int, list[str]] = {}  # blocks being edited, as lists of characters
    pushed: dict[str, int] = {}  # per number: how many of its places are before the current note
    open_: dict[str, list[tuple[int, int, int]]] = {}  # per number: places before the note, not yet used
    for at, fid in ids_at:
        sup = fid.translate(_TO_SUPERSCRIPT)
        if first_sup.get(sup, at) < at:
            continue
        places, stack = glued.get(fid, ()), open_.setdefault(fid, [])
        k = pushed.get(fid, 0)
        while k < len(places) and places[k][0] < at:
            stack.append(places[k])
            k += 1
        pushed[fid] = k
        if not stack:
            continue
        i, a, e = stack.pop()  # the last place in the nearest block
        text = chars.setdefault(i, list(blocks[i].text))
        text[a:e] = sup
        while a > 0 and text[a - 1] in SUPERSCRIPTS:
            a -= 1
        while e < len(text) and text[e] in SUPERSCRIPTS:
            e += 1
        _note_sups(first_sup, "".join(text[a:e]), i)
    out = list(blocks)
    for i, text in chars.items():
        b = out[i]
        out[i] = Block("".join(text), b.kind, b.level, b.head, b.head_level)
    return out


_GLUED_NUMBER = re.compile(rf"(?<=[{_CJK}”」）)])(?<![0-9.])\d+(?![0-9.])(?=[{_CJK}“「（(])(?![{_COUNTERS}])")
_SUP_RUN = re.compile(f"[{SUPERSCRIPTS}]+")


def _note_sups(first: dict[str, int], run: str, i: int) -> None:
    """Record that body block ``i`` holds every piece of the superscript ``run``."""
    for a in range(len(run)):
        for e in range(a + 1, min(len(run), a + 8) + 1):
            first[run[a:e]] = min(first.get(run[a:e], i), i)


def _mark_title(blocks: list[Block], cfg: CleanConfig) -> list[Block]:
    """Make the opening lines of a report that read as a title headings (level 0).

    A title is short, has no sentence end and stands before the first body
    paragraph that has one.
    """
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind != "body":
            if b.kind == "heading" and b.level > 0:
                break
            continue
        if b.head or len(b.text) > 40 or re.search(f"[{re.escape(cfg.terminals)}，,]", b.text):
            break
        out[i] = Block(b.text, "heading", 0)
    return out


#: Most passes :func:`clean` makes to reach text that cleaning leaves as it is.
MAX_ROUNDS = 6


def clean(text: str, config: CleanConfig = DEFAULT_CONFIG) -> Cleaned:
    """Clean a report's raw text into blocks.

    Cleaning is idempotent: the passes are repeated on their own output until
    it no longer changes (on real reports the first repetition already
    changes nothing), and the kinds found in the first pass -- from markup
    that later passes no longer see -- are kept.

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
    first = _clean_once(text, config)
    result = first
    for _ in range(MAX_ROUNDS):
        again = _clean_once(result.text, config)
        if again.text == result.text:
            break
        result = _carry(result, again)
    return result


def _carry(prev: Cleaned, nxt: Cleaned) -> Cleaned:
    """``nxt`` with the kinds and removals of ``prev``, the pass before it.

    A later pass only joins lines of the earlier one (and may move a note
    after its paragraph), so every earlier block is found inside a later one,
    in order: each is looked for from where the one before it was found, a few
    blocks ahead at most, so the work grows with the text.
    """
    kinds = {}
    for b in prev.blocks:
        kinds.setdefault(b.text, b)
    new_offsets = nxt.offsets()
    same: dict[int, Block] = {}  # later block -> the earlier block that is all of it
    exact: dict[str, int] = {}
    for j, nb in enumerate(nxt.blocks):
        exact.setdefault(nb.text, j)
    where = []  # for each earlier block: its offset in the new text
    j = k = 0  # where the last earlier block ended: block j, offset k
    for b in prev.blocks:
        pos, found = -1, None
        if b.text:
            for jj in range(j, min(j + _CARRY_AHEAD, len(nxt.blocks))):
                hit = nxt.blocks[jj].text.find(b.text, k if jj == j else 0)
                if hit >= 0:
                    found = (jj, hit)
                    break
            if found is None and b.text in exact:  # a note moved after its paragraph
                pos = new_offsets[exact[b.text]]
        if found is not None:
            pos = new_offsets[found[0]] + found[1]
            moved = found[0] > j and k < len(nxt.blocks[j].text) and nxt.blocks[found[0]].text == b.text
            if not moved:  # (a note moved past the rest of block j leaves the place where it is)
                j, k = found[0], found[1] + len(b.text)
            if found[1] == 0 and len(b.text) == len(nxt.blocks[found[0]].text):
                same.setdefault(found[0], b)
        where.append(pos)
    blocks = [same.get(j) or kinds.get(b.text, b) for j, b in enumerate(nxt.blocks)]
    prev_offsets = prev.offsets()
    removed = list(nxt.removed)
    end = max(len(nxt.text) - 1, 0)
    for r in prev.removed:
        i = max(bisect.bisect_right(prev_offsets, r.offset) - 1, 0)
        base = where[i] if prev.blocks and where[i] >= 0 else end
        removed.append(Removal(min(base + r.offset - prev_offsets[i] if prev.blocks else 0, end), r.text, r.reason))
    removed.sort(key=lambda r: r.offset)
    return Cleaned(tuple(blocks), tuple(removed))


#: How many blocks ahead :func:`_carry` looks for the next earlier block.
_CARRY_AHEAD = 8


def _clean_once(text: str, config: CleanConfig) -> Cleaned:
    """One pass of every cleaning step."""
    cfg = config
    text, inv = normalize(text)
    text = break_inline_headings(text, cfg.terminals)
    lines = _web_furniture(_split_watermarks(_classify(text.split("\n"), cfg), cfg), cfg)
    width = _wrap_width(lines, cfg)
    link_broken = _link_broken(lines, cfg)
    blank_breaks = _blank_breaks(lines, cfg)

    # assemble: paragraphs rejoin across hard wraps, and across footnotes and
    # furniture that interrupt them; the interrupting pieces follow the paragraph
    blocks: list[Block] = []
    removed: list[Removal] = []
    fn_ids: list[tuple[int, str]] = []
    para: list[_Line] = []  # the lines of the open paragraph
    para_text = ""
    para_removed: list[tuple[int, str, str]] = []  # offsets into para_text
    pending: list[_Line] = []  # footnotes and furniture waiting for the paragraph
    base = 0  # offset of the next block in the cleaned text

    def emit(text: str, kind: str, level: int = 0, head: int = 0, head_level: int = 0, rem=(), fn_id="") -> None:
        nonlocal base
        removed.extend(Removal(base + off, t, why) for off, t, why in rem)
        blocks.append(Block(text, kind, level, head, head_level))
        if fn_id:
            fn_ids.append((len(blocks) - 1, fn_id))
        base += len(text) + 1

    def flush() -> None:
        nonlocal para, para_text, para_removed, pending
        if para:
            head = para[0].head
            if head == -1:
                head = _spaced_head(para_text, cfg) or heading_length(para_text, cfg.terminals, cfg.closers)
            if head >= len(para_text):
                emit(para_text, "heading", para[0].level, 0, 0, para_removed)
            else:
                emit(para_text, "body", 0, head, para[0].level if head else 0, para_removed)
        for ln in pending:
            emit(ln.text, ln.kind, ln.level, 0, 0, ln.removed, ln.fn_id)
        para, para_text, para_removed, pending = [], "", [], []

    def extend(line: _Line, text: str, rem: list) -> str:
        joined = _join(text, line.text)
        shift = len(joined) - len(line.text)
        rem.extend((shift + off, t, why) for off, t, why in line.removed)
        return joined

    seen_sentence = False  # past the title lines
    after_blank = False  # a blank line stands between the open paragraph and this line
    for ln in lines:
        if not seen_sentence and ln.kind == "body" and ends_sentence(ln.text, cfg.terminals, cfg.closers):
            seen_sentence = True
        if ln.kind == "blank":
            after_blank = True
        elif ln.kind != "rule":
            broken = blank_breaks and after_blank and para and _blank_ends(para_text, ln)
            after_blank = False
            if broken:
                flush()
        if ln.kind in ("blank", "rule"):
            if para:
                para_removed.extend((len(para_text), t, why) for _, t, why in ln.removed)
            else:
                removed.extend(Removal(base, t, why) for _, t, why in ln.removed)
            continue
        note = pending[-1] if pending and pending[-1].kind == "footnote" else None
        if ln.kind == "body" and not ln.level and note and not ends_sentence(note.text, cfg.terminals, cfg.closers):
            note.text = extend(ln, note.text, note.removed)  # a footnote's own wrapped lines
            continue
        if ln.kind == "body" and para and _joinable(para, para_text, ln, width, cfg, link_broken and seen_sentence):
            para_text = extend(ln, para_text, para_removed)
            para.append(ln)
            continue
        if (
            ln.kind in ("footnote", "furniture")
            and not ln.web
            and para
            and not ends_sentence(para_text, cfg.terminals, cfg.closers)
        ):
            pending.append(ln)
            continue
        flush()
        if ln.kind == "body":
            para, para_text, para_removed = [ln], ln.text, list(ln.removed)
        elif ln.kind == "footnote":
            pending.append(ln)
        else:
            emit(ln.text, ln.kind, ln.level, 0, 0, ln.removed)
    flush()

    blocks = _mark_footnotes(blocks, fn_ids)
    blocks = _mark_title(blocks, cfg)
    # invisible characters: place them by counting visible characters
    if inv:
        removed.extend(_place_invisible(inv, text, blocks))
    removed.sort(key=lambda r: r.offset)
    return Cleaned(tuple(blocks), tuple(removed))


def _place_invisible(inv, normalized: str, blocks: list[Block]) -> list[Removal]:
    """Removals for the invisible characters that :func:`normalize` took out.

    Their offsets are into the normalized text; cleaning joins lines and moves
    footnotes after their paragraph, so in the cleaned text the place is
    approximate (kept within its bounds).  What was removed is exact.
    """
    last = max(sum(len(b.text) + 1 for b in blocks) - 1, 0)
    return [Removal(min(off, last), t, why) for off, t, why in inv]
