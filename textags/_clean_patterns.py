"""The patterns and punctuation sets of cleaning, and :class:`CleanConfig`, which holds them all.

Every pattern a cleaning rule reads is a field of :class:`CleanConfig`, whose
defaults are the module constants here; pass your own to
:func:`textags._clean.clean` to change what a rule recognises.

Examples
--------
>>> import re
>>> cfg = CleanConfig(furniture_patterns=FURNITURE_PATTERNS + (re.compile(r"^本页完$"),))
>>> cfg
CleanConfig(furniture_patterns=...)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from ._web import BREAK_TOKEN, BREAK_TOKEN_MIN, META_PATTERNS, NAV_PATTERNS, WATERMARKS

#: Characters after which a sentence ends.
TERMINALS = "。！？；!?;"
#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "”’」』）)】》〉\"'"
#: Punctuation that cannot end a paragraph: a line ending in one continues.
CONTINUERS = "，、：:“「『（(《〈—-+·,"

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPTS, "0123456789")

CN_NUM = "一二三四五六七八九十百零〇"

#: Heading patterns at the start of a block, with their nesting level.
HEADING_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^[{CN_NUM}]+、"), 1),
    (re.compile(r"^[一二三四五六七八九十]{1,2}$"), 1),
    (re.compile(r"^(结束语|结语|前言|引言|序言)$"), 1),
    (re.compile(rf"^[（(][{CN_NUM}]+[)）]"), 2),
    (re.compile(rf"^[{CN_NUM}]+是(?=\S)"), 3),
    (re.compile(rf"^第[{CN_NUM}]+[，、,：:]"), 3),
)

#: An enumeration word standing alone on a line: it opens the next line.
ENUM_ALONE = re.compile(rf"^([{CN_NUM}]+[是要]|第[{CN_NUM}]+|首先|其次|再次|最后)$")
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

#: A line that is only this character is a gap a reader found (the PDF reader's page with no text
#: layer): cleaning never joins a paragraph across it, and keeps it in the cleaned text (it is
#: whitespace to ``str.isspace``, so it lands in no unit) so that cleaning again honours it too.
GAP_MARK = "\x1e"

#: The start of the wiki boilerplate that closes the national reports;
#: everything from it to the end is furniture (when it starts in the last lines: textags._furniture).
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
#: A markdown rule (``---``): it opens a block of numbered notes.
RULE_LINE = re.compile(r"^(-{3,}|\*{3,}|_{3,})$")
#: A markdown heading's ``#`` marks.
MD_HEADING = re.compile(r"^(#{1,6})\s+")
#: A markdown list item's mark.
MD_LIST = re.compile(r"^[-*+]\s+(?=\S)")

#: Counter words after a number: a digit followed by one is a count, not a
#: footnote marker.
COUNTERS = "个家条名次项台万亿元年月日号人户处栋幢张所批届期版层楼岁座辆套间份场件位只天周千百"
CJK = "\u4e00-\u9fff"


#: A numbered heading with no punctuation, then a space and the paragraph it heads, on one line.
SPACED_HEAD = re.compile(rf"^([{CN_NUM}]+、|[（(][{CN_NUM}]+[)）])\s*[^\s，。；：,;:！？!?]{{2,30}}(?=[ \u3000]+\S)")

#: A numbered heading inside a line, after a space: the marker, then up to 40 characters with no
#: sentence end, then a space and more text (web copies that collapsed their line breaks to spaces).
INLINE_HEAD = re.compile(
    rf"[ \u3000]+(?=((?:[{CN_NUM}]+、|[（(][{CN_NUM}]+[)）])[^\s。；！？;!?]{{2,40}})[ \u3000]+\S)"
)

#: The words that end a part heading (``2023年工作回顾``, ``二、2024年重点工作``).
PART_WORDS = "工作回顾|工作总结|工作安排|工作计划|工作思路|主要工作|目标任务|重点工作|总体要求"

#: An unnumbered part heading (``2023年工作回顾``) at a line's start, a space, then its first sentence.
PART_HEAD = re.compile(rf"(?m)^[ \u3000]*(\S{{0,16}}(?:{PART_WORDS}))[ \u3000]+(?=\S[^\n]{{9,}}[。；;])")

#: A part heading standing alone on its line, numbered or not: it never joins the line after it.
PART_LINE = re.compile(rf"^(?:[{CN_NUM}]+、)?[^\s，。；：,;:]{{0,16}}(?:{PART_WORDS})$")

#: A part heading (``一、2019年工作回顾``) at a line's start or after a sentence, glued with no break to a first
#: sentence that opens with a time (``2019年,`` ``过去`` ``本届政府`` ``一年来``).
#: (Found from its last words, then its start is looked for before them on its line.)
GLUED_PART_HEAD = re.compile(
    rf"(?:{PART_WORDS})(?=(?:\d{{4}}年[,，]|过去|本届|[一二三四五两]年来|今年|去年)[^\n]{{8,}}?[。；;])"
)
#: The start of such a heading: its line's start or a sentence end, then up to 16 characters.
GLUED_PART_START = re.compile(rf"(?:^|[。：:])[ \u3000]*((?:[{CN_NUM}]+、)?[^\s，。；：,;:]{{0,16}})$")

#: A footnote marker glued between Chinese characters: a number not part of a longer one, not a count.
GLUED_NUMBER = re.compile(rf"(?<=[{CJK}”」）)])(?<![0-9.])\d+(?![0-9.])(?=[{CJK}“「（(])(?![{COUNTERS}])")


@dataclass(frozen=True)
class CleanConfig:
    """Settings of cleaning: every pattern and punctuation set a cleaning rule reads.

    Pass one to :func:`textags.segment` (``config=``) to set aside lines of your own sources, or to
    change what counts as a heading.  The defaults are the module constants of the same name in
    capitals; ``dataclasses.replace`` makes a changed copy.

    Examples
    --------
    >>> import dataclasses, re
    >>> import textags
    >>> text = "一、抓党建\\n本页完\\n坚持党管武装，有效落实民兵整组任务。"
    >>> [u.kind for u in textags.segment(text).units]
    ['heading', 'body', 'body']
    >>> mine = dataclasses.replace(
    ...     textags.CleanConfig(),
    ...     furniture_patterns=textags.CleanConfig().furniture_patterns + (re.compile(r"^本页完$"),),
    ... )
    >>> [u.kind for u in textags.segment(text, config=mine).units]
    ['heading', 'furniture', 'body']
    """

    terminals: str = TERMINALS
    closers: str = CLOSERS
    continuers: str = CONTINUERS
    line_continuation: str = LINE_CONTINUATION
    heading_patterns: tuple = HEADING_PATTERNS
    furniture_patterns: tuple = FURNITURE_PATTERNS
    footnote_patterns: tuple = FOOTNOTE_PATTERNS
    wrap_ratio: float = 0.6
    #: single patterns, each named for the constant it defaults to
    enum_alone_pattern: re.Pattern = ENUM_ALONE
    enum_item_pattern: re.Pattern = ENUM_ITEM
    headline_pattern: re.Pattern = HEADLINE
    wiki_start_pattern: re.Pattern = WIKI_START
    numbered_note_pattern: re.Pattern = NUMBERED_NOTE
    md_note_pattern: re.Pattern = MD_NOTE
    glossary_entry_pattern: re.Pattern = GLOSSARY_ENTRY
    glossary_start_pattern: re.Pattern = GLOSSARY_START
    annex_pattern: re.Pattern = ANNEX
    table_caption_pattern: re.Pattern = TABLE_CAPTION
    rule_line_pattern: re.Pattern = RULE_LINE
    md_heading_pattern: re.Pattern = MD_HEADING
    md_list_pattern: re.Pattern = MD_LIST
    spaced_head_pattern: re.Pattern = SPACED_HEAD
    inline_head_pattern: re.Pattern = INLINE_HEAD
    part_head_pattern: re.Pattern = PART_HEAD
    glued_part_head_pattern: re.Pattern = GLUED_PART_HEAD
    glued_part_start_pattern: re.Pattern = GLUED_PART_START
    part_line_pattern: re.Pattern = PART_LINE
    footnote_marker_pattern: re.Pattern = GLUED_NUMBER
    #: web-page furniture of a page's header and footer (:mod:`textags._web`); empty tuples turn it off
    web_meta_patterns: tuple = META_PATTERNS
    web_nav_patterns: tuple = NAV_PATTERNS
    #: watermarks a copying site appends to lines, split off as furniture anywhere
    web_watermarks: tuple = WATERMARKS
    #: a mirror site's stand-in for a line break (``jZD``), when it recurs this often (:func:`textags._web.break_tokens`)
    web_break_token_pattern: re.Pattern | None = BREAK_TOKEN
    web_break_token_min: int = BREAK_TOKEN_MIN
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
            + ", ".join(
                f"{k}=..." if k.endswith(("patterns", "pattern")) else f"{k}={getattr(self, k)!r}" for k in changed
            )
            + ")"
        )


#: The default settings; ``repr`` names it rather than spelling out its patterns.
DEFAULT_CONFIG = CleanConfig()
