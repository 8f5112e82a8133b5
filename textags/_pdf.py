"""Reading PDF files with pypdfium2: lines with their place on the page, rejoined into paragraphs.

pdfium gives each page's text line by line.  This module keeps where each line
stands, and from that:

- sets aside as page furniture the lines repeated at the same height on most
  pages (a running header, a footer, page numbers: digits count as one), each
  marked with :data:`textags._clean.FURNITURE_MARK` so that cleaning makes it a
  furniture unit, placed after the paragraph it interrupted;
- rejoins a paragraph's lines -- across page breaks too -- when a line reaches
  the right margin and the next one starts at the left margin without an
  indent: so a wrapped line that starts with an enumerator (``一、`` ``第三，``)
  continues its paragraph, a heading that wraps stays whole, and a heading that
  fills its line exactly does not swallow the next (indented) paragraph;
- sets lines in a smaller type (footnotes) after the paragraph they interrupt;
- drops the spaces pdfium makes up between characters when one side is
  Chinese (``“ 山 西 精 品 ”``, ``2025 年``), unless the gap is wider than
  two characters (between the columns of a table); spaces in the file are kept;
- names the pages that have no text layer in a
  :class:`~textags._errors.ReadWarning`.

Examples
--------
>>> _keep_space("山", "西"), _keep_space("Tax", "rose"), _keep_space("2025", "年")
(False, True, False)
"""

from __future__ import annotations

import re
import statistics
import warnings
from collections import Counter
from dataclasses import dataclass

from ._clean_patterns import FURNITURE_MARK, GAP_MARK
from ._errors import ReadWarning

_CJK = re.compile("[\u2e80-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’（）《》【】—…·]")
#: Share of the pages a line must recur on, at the same height, to be furniture.
FURNITURE_SHARE = 0.5
#: How many lines at the top and at the bottom of a page can be furniture.
FURNITURE_LINES = 3


@dataclass
class Line:
    """One line of a page: its text and its box (points, origin bottom left)."""

    text: str
    page: int
    x0: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    top: float = 0.0

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _keep_space(before: str, after: str) -> bool:
    """Whether a space pdfium made up between ``before`` and ``after`` stays (not next to Chinese)."""
    return not (_CJK.match(before[-1:]) or _CJK.match(after[:1]))


def page_lines(textpage, page: int, raw) -> list[Line]:
    """The lines of one page, with made-up spaces next to Chinese dropped."""
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    if len(text) != n:  # characters pdfium counts apart from their text: no boxes
        return [Line(t.strip(), page) for t in re.split(r"[\r\n]+", text) if t.strip()]
    lines: list[Line] = []
    chars: list[str] = []
    first = last = -1
    han: list[int] = []  # the Chinese characters of the line: their boxes give its height

    def finish() -> None:
        nonlocal chars, first, last, han
        s = "".join(chars).strip()
        if s:
            left, right = textpage.get_charbox(first)[0], textpage.get_charbox(last)[2]
            boxes = [textpage.get_charbox(i) for i in (han[:1] + han[len(han) // 2 : len(han) // 2 + 1] + han[-1:])]
            boxes = boxes or [textpage.get_charbox(first), textpage.get_charbox(last)]
            lines.append(Line(s, page, left, right, min(b[1] for b in boxes), max(b[3] for b in boxes)))
        chars, first, last, han = [], -1, -1, []

    for i, ch in enumerate(text):
        if ch in "\r\n":
            if ch == "\n" or not raw.FPDFText_IsGenerated(textpage.raw, i) or chars:
                finish()
            continue
        if ch == " " and raw.FPDFText_IsGenerated(textpage.raw, i) and last >= 0 and i + 1 < n:
            if not _keep_space(text[last], text[i + 1]) and not _column_gap(textpage, last, i + 1):
                continue
        if not ch.isspace():
            first = i if first < 0 else first
            last = i
            if "\u4e00" <= ch <= "\u9fff":
                han.append(i)
        chars.append(ch)
    finish()
    return _merge_same_height(lines)


def _column_gap(textpage, before: int, after: int) -> bool:
    """Whether the gap between two characters is wider than two characters' height (table columns)."""
    _, bottom, right, top = textpage.get_charbox(before)
    left, bottom2, _, top2 = textpage.get_charbox(after)
    return left - right > 2 * max(top - bottom, top2 - bottom2, 1.0)


def _merge_same_height(lines: list[Line]) -> list[Line]:
    """Join pieces pdfium split off one visual line (a raised footnote marker, a change of font)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev
            and ln.x0 >= prev.x1 - 1
            and min(prev.top, ln.top) - max(prev.bottom, ln.bottom) > 0.3 * max(prev.height, ln.height, 1)
        ):
            sep = " " if _keep_space(prev.text, ln.text) else ""
            out[-1] = Line(
                prev.text + sep + ln.text, prev.page, prev.x0, ln.x1, min(prev.bottom, ln.bottom), max(prev.top, ln.top)
            )
        else:
            out.append(ln)
    return out


def _key(ln: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", ln.text.replace(" ", "")), round((ln.bottom + ln.top) / 2 / 6)


def furniture(pages: list[list[Line]]) -> set[int]:
    """Ids of the lines repeated at the same height on most pages (digits as one)."""
    with_text = [p for p in pages if p]
    if len(with_text) < 2:
        return set()
    counts: Counter = Counter()
    for lines in with_text:
        edge = lines[:FURNITURE_LINES] + lines[-FURNITURE_LINES:]
        counts.update({_key(ln) for ln in edge if ln.x1 > ln.x0 or ln.top})
    need = max(2, FURNITURE_SHARE * len(with_text))
    found = set()
    for lines in with_text:
        for ln in lines[:FURNITURE_LINES] + lines[-FURNITURE_LINES:]:
            if counts[_key(ln)] >= need:
                found.add(id(ln))
    return found


@dataclass
class _Layout:
    left: float
    right: float
    char: float
    height: float

    def full(self, ln: Line) -> bool:
        return ln.x1 >= self.right - 1.2 * self.char

    def indented(self, ln: Line) -> bool:
        return ln.x0 > self.left + 0.8 * self.char

    def small(self, ln: Line) -> bool:
        return ln.height < 0.8 * self.height


def layout(lines: list[Line]) -> _Layout | None:
    """The text column: its left and right margins, a character's width, a line's height."""
    sized = [ln for ln in lines if ln.x1 > ln.x0 and len(ln.text) >= 8]
    if len(sized) < 3:
        return None
    right = Counter(round(ln.x1) for ln in sized).most_common(1)[0][0]
    char = statistics.median((ln.x1 - ln.x0) / len(ln.text.replace(" ", "")) for ln in sized)
    # the left margin: where the full lines start that are not a paragraph's indented first line
    starts = sorted(ln.x0 for ln in sized if ln.x1 >= right - 1.2 * char)
    left = starts[len(starts) // 10] if starts else min(ln.x0 for ln in sized)
    height = statistics.median(ln.height for ln in sized)
    if right <= left + 4 * char:
        return None
    return _Layout(left, right, char, height)


def _join(a: str, b: str) -> str:
    return (
        a
        + (
            " "
            if a and b and not (_CJK.match(a[-1]) or _CJK.match(b[0])) and a[-1].isalnum() and b[0].isalnum()
            else ""
        )
        + b
    )


def assemble(pages: list[list[Line]]) -> list[str]:
    """Paragraph lines, with furniture (marked) and small type after the paragraph they interrupt.

    A page with no text between pages with text is a gap: the paragraph before
    it ends there, and a line of :data:`~textags._clean_patterns.GAP_MARK`
    stands in its place, so that cleaning never joins the text either side.
    """
    aside = furniture(pages)
    body = [ln for p in pages for ln in p if id(ln) not in aside]
    geo = layout(body)
    out: list[str] = []
    para: str | None = None
    pending: list[str] = []
    prev_full = False
    for lines in pages:
        if not lines and (para is not None or out[-1:] not in ([], [GAP_MARK])):
            if para is not None:
                out.append(para)
            out.extend(pending)
            out.append(GAP_MARK)
            para, pending, prev_full = None, [], False
        for ln in lines:
            if id(ln) in aside:
                pending.append(FURNITURE_MARK + ln.text)
                continue
            if geo is None or not ln.x1 > ln.x0:
                if para is not None:
                    out.append(para)
                out.extend(pending)
                para, pending, prev_full = ln.text, [], False
                continue
            if geo.small(ln):
                pending.append(ln.text)
                continue
            if para is not None and prev_full and not geo.indented(ln):
                para = _join(para, ln.text)
            else:
                if para is not None:
                    out.append(para)
                out.extend(pending)
                para, pending = ln.text, []
            prev_full = geo.full(ln)
    if para is not None:
        out.append(para)
    out.extend(pending)
    while out and out[-1] == GAP_MARK:  # image pages at the end: nothing follows to keep apart
        out.pop()
    return out


def read_pdf_pages(pdf, path: str | None) -> str:
    """The text of an open ``pypdfium2.PdfDocument``, paragraph by paragraph."""
    import pypdfium2.raw as raw

    pages: list[list[Line]] = []
    blank: list[int] = []
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        try:
            lines = page_lines(textpage, i + 1, raw)
        finally:
            textpage.close()
            page.close()
        if not lines:
            blank.append(i + 1)
        pages.append(lines)
    if blank and len(blank) < len(pages):
        warnings.warn(
            f"{path}: {_pages(blank)} no text layer; OCR {'it' if len(blank) == 1 else 'them'} first",
            ReadWarning,
            stacklevel=4,
        )
    return "\n".join(assemble(pages))


def _pages(numbers: list[int]) -> str:
    """``p. 5 has`` or ``pp. 2, 5 have``.

    >>> _pages([5]), _pages([2, 5])
    ('p. 5 has', 'pp. 2, 5 have')
    """
    if len(numbers) == 1:
        return f"p. {numbers[0]} has"
    return "pp. " + ", ".join(map(str, numbers)) + " have"
