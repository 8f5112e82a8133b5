"""Text-level helpers of cleaning: widths, sentence ends, heading marks, invisible characters, markup.

Each is a pure function of a string (and the patterns it is given).

Examples
--------
>>> strip_markup("**营商环境持续优化。**落实举措<sup>1</sup>。")[0]
'营商环境持续优化。落实举措¹。'
"""

from __future__ import annotations

import html
import re
import unicodedata

from ._clean_patterns import (
    CLOSERS,
    ENUM_ITEM,
    FURNITURE_MARK,
    GAP_MARK,
    HEADING_PATTERNS,
    MD_HEADING,
    MD_LIST,
    TERMINALS,
    TO_SUPERSCRIPT,
)

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
    return ch not in "\n\t" + FURNITURE_MARK + GAP_MARK and (
        unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") or ch == "\ufeff"
    )


#: Characters :func:`_invisible` found visible, so each is looked up once per process (at most 100,000 kept).
_VISIBLE: set[str] = set()


#: What :meth:`str.isprintable` refuses but :func:`_invisible` keeps: line breaks, tabs and spaces (Zs).
_PRINTABLE_TO_US = "\n\t\u3000\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"


def _unprintable(text: str, chunk: int = 4096) -> set[str]:
    r"""The distinct characters of the pieces of ``text`` that hold a character :meth:`str.isprintable` refuses.

    A superset of the characters :func:`_invisible` takes out (the Cc, Cf,
    Cs, Co and Cn categories are all unprintable), found without making a
    string of every character: the spaces and line breaks a report is full
    of are taken out first, and most pieces are then printable.

    >>> sorted(_unprintable("正文\u3000\n甲\u200b乙", chunk=2))
    ['\u200b', '甲']
    """
    probe = text
    for ch in _PRINTABLE_TO_US:
        if ch in probe:
            probe = probe.replace(ch, "")
    if probe.isprintable():
        return set()
    found: set[str] = set()
    for at in range(0, len(probe), chunk):
        piece = probe[at : at + chunk]
        if not piece.isprintable():
            found.update(piece)
    return found


def _hidden_in(text: str) -> list[str]:
    r"""The distinct characters of ``text`` that :func:`_invisible` takes out.

    >>> sorted(_hidden_in("a\u200bb\ufeff\n"))
    ['\u200b', '\ufeff']
    """
    hidden = []
    for ch in _unprintable(text).difference(_VISIBLE):
        if _invisible(ch):
            hidden.append(ch)
        elif len(_VISIBLE) < 100_000:
            _VISIBLE.add(ch)
    return hidden


def normalize(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    r"""Unify line ends and take out invisible and control characters.

    Returns the text and the removals as ``(offset, text, reason)``, offsets
    into the returned text.

    >>> normalize("a\u200bb\r\nc")
    ('ab\nc', [(1, '\u200b', 'invisible')])
    >>> normalize("\x1a页眉\n正\x1a文")
    ('\x1a页眉\n正文', [(5, '\x1a', 'invisible')])
    >>> normalize("甲，\n\x1e\n乙\x1e。")
    ('甲，\n\x1e\n乙。', [(6, '\x1e', 'invisible')])
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    hidden = _hidden_in(text)  # the distinct characters: cheap on any length
    stray = FURNITURE_MARK in text  # the mark counts only at a line's start; elsewhere it is invisible
    gap = GAP_MARK in text  # the gap mark counts only alone on its line
    if not hidden and not stray and not gap:
        return text, []
    pattern = re.compile(
        "|".join(
            (["[" + "".join(re.escape(ch) for ch in hidden) + "]+"] if hidden else [])
            + ([f"(?<=[^\n]){FURNITURE_MARK}+"] if stray else [])
            + ([f"(?<=[^\n]){GAP_MARK}|{GAP_MARK}(?=[^\n])"] if gap else [])
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
            out.append(digits.translate(TO_SUPERSCRIPT))
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


def strip_all(line: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Strip markup until none is left (``<b>*</b>*`` leaves ``**``, which goes too).

    >>> strip_all("<b>*</b>*表")[0]
    '表'
    """
    removed: list[tuple[int, str, str]] = []
    for _ in range(8):
        text, rem, _ = strip_markup(line)
        removed.extend(rem)
        text = text.strip()
        if text == line:
            break
        line = text
    return line, removed


def unmark(line: str, md_heading: re.Pattern = MD_HEADING, md_list: re.Pattern = MD_LIST):
    """Take markdown structure and markup off a line, until nothing more comes off.

    Returns the plain text, the removals, the bold spans of the first pass
    (shifted to the plain text's start), the ``#`` marks of a markdown heading
    and whether the line was a list item.

    >>> unmark("## **一、总体要求**")[0::3]
    ('一、总体要求', '##')
    """
    removed: list[tuple[int, str, str]] = []
    bold: list[tuple[int, int]] | None = None
    hashes, listed = "", False
    for _ in range(8):
        before = line
        m = md_heading.match(line)
        if m:
            hashes = hashes or m.group(1)
            removed.append((0, m.group(0), "markup"))
            line = line[m.end() :]
            bold = [(a - m.end(), b - m.end()) for a, b in bold] if bold else bold
        elif md_list.match(line) and not hashes:
            m = md_list.match(line)
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


def title_like(s: str, enum_item: re.Pattern = ENUM_ITEM) -> bool:
    """A line with no inner punctuation (past a leading ``1、``): a title, a name, a dateline.

    >>> title_like("宝山区发展和改革委员会"), title_like("1、宝山区2021年规划"), title_like("要高举习近平新时代，")
    (True, True, False)
    """
    s = enum_item.sub("", s, count=1)
    return not re.search("[，、；。：,;:]", s)


def is_table_row(line: str) -> bool:
    r"""Whether a line is a table row: cells parted by tabs, or a markdown ``| … |`` row.

    >>> is_table_row("指标\t2022\t2023"), is_table_row("| 索引号 | 发文字号 |"), is_table_row("正文。")
    (True, True, False)
    """
    if line.count("\t") >= 2 or (line.count("\t") == 1 and len(line) < 60):
        return True
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3
