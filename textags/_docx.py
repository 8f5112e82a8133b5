"""Reading Word (.docx) files with the standard library: the whole body, in order.

One line per paragraph, as the text versions of the reports have them: the
paragraphs and tables of the body (inside content controls, smart tags,
hyperlinks, fields and tracked insertions too; tracked deletions left out),
a table row as its cells joined by tabs (a merged cell once, a nested table's
rows after the row that holds it), text boxes as paragraphs of their own after
the paragraph they stand in, list-numbering labels as Word shows them
(``一、`` ``（一）`` ``1.``), footnote and endnote markers as superscript digits
with each note's text on a line after its paragraph (endnotes at the end), and
a bold lead phrase between ``**`` so that cleaning can make it a heading.
What cannot be read as text (pictures, embedded objects, imported parts) is
named in a :class:`~textags._errors.ReadWarning`.

Examples
--------
>>> chinese_number(12), chinese_number(20), chinese_number(105)
('十二', '二十', '一百零五')
>>> label_number(3, "chineseCounting"), label_number(4, "lowerLetter"), label_number(2, "decimalEnclosedCircle")
('三', 'd', '②')
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from xml.etree import ElementTree as ET

from ._docx_xml import (
    _attr,
    _bold_of,
    _child,
    _local,
)
from ._errors import ReadWarning, TextagsError

_CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """``n`` (1 to 99,999) in Chinese numerals as a list label shows it."""
    if n < 10:
        return _CN_DIGITS[n]
    units = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"))
    out, zero = "", False
    for value, name in units:
        d, n = divmod(n, value)
        if d:
            out += ("〇" if zero else "") + ("" if (value == 10 and not out and d == 1) else _CN_DIGITS[d]) + name
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _CN_DIGITS[n]
    return out.replace("〇", "零")


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")):
        while n >= value:
            out, n = out + sym, n - value
    for value, sym in ((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_SERIES = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
    "chineseLegalSimplified": "零壹贰叁肆伍陆柒捌玖",
}


def label_number(n: int, fmt: str) -> str:
    """The number ``n`` in Word's list number format ``fmt`` (``decimal`` when unknown)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_number(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= len(_SERIES[fmt]):
        return _SERIES[fmt][n - 1]
    if fmt == "chineseLegalSimplified" and n < 10:
        return _SERIES[fmt][n]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x245F + n)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2473 + n)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2487 + n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Word's list numbering: definitions from ``numbering.xml`` and the running counters."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> format
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for el in root:
            if _local(el) == "abstractNum":
                lvls = {}
                for lvl in el:
                    if _local(lvl) != "lvl":
                        continue
                    lvls[int(_attr(lvl, "ilvl") or 0)] = {
                        "start": int(_attr(_child(lvl, "start"), "val") or 1),
                        "fmt": _attr(_child(lvl, "numFmt"), "val") or "decimal",
                        "text": _attr(_child(lvl, "lvlText"), "val") or "",
                        "suff": _attr(_child(lvl, "suff"), "val") or "tab",
                        "legal": _child(lvl, "isLgl") is not None,
                    }
                self.levels[_attr(el, "abstractNumId") or ""] = lvls
            elif _local(el) == "num":
                overrides = {}
                for ov in el:
                    if _local(ov) == "lvlOverride" and _child(ov, "startOverride") is not None:
                        overrides[int(_attr(ov, "ilvl") or 0)] = int(_attr(_child(ov, "startOverride"), "val") or 1)
                self.nums[_attr(el, "numId") or ""] = (_attr(_child(el, "abstractNumId"), "val") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl`` (None: no such list)."""
        if num_id not in self.nums or self.nums[num_id][0] not in self.levels:
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels[abstract]
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counts = self.counters.setdefault(abstract, {})
        if num_id not in self.started:  # a list that restarts its numbering
            self.started.add(num_id)
            for i, start in overrides.items():
                counts[i] = start - 1
        counts[ilvl] = counts.get(ilvl, lvl["start"] - 1) + 1
        for deeper in [i for i in counts if i > ilvl]:
            del counts[deeper]
        if lvl["fmt"] == "bullet":
            return ""

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            n = counts.get(i, levels.get(i, {"start": 1})["start"])
            fmt = levels.get(i, {"fmt": "decimal"})["fmt"]
            return label_number(n, "decimal" if lvl["legal"] and i < ilvl else fmt)

        text = re.sub(r"%([1-9])", number, lvl["text"])
        if text and lvl["suff"] != "nothing" and text[-1].isascii():
            text += " "
        return text


class _Styles:
    """Paragraph and character styles: whether they are bold, and their list numbering."""

    def __init__(self, root):
        self.styles: dict[str, object] = {}
        self.default_para = None
        self.default_bold = False
        if root is None:
            return
        for el in root:
            if _local(el) == "style":
                self.styles[_attr(el, "styleId") or ""] = el
                if _attr(el, "default") in ("1", "true") and _attr(el, "type") == "paragraph":
                    self.default_para = _attr(el, "styleId")
            elif _local(el) == "docDefaults":
                rpr = _child(_child(el, "rPrDefault"), "rPr")
                self.default_bold = _bold_of(rpr) or False

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            el = self.styles[style_id]
            yield el
            style_id = _attr(_child(el, "basedOn"), "val")

    def bold(self, style_id: str | None) -> bool | None:
        for el in self._chain(style_id):
            b = _bold_of(_child(el, "rPr"))
            if b is not None:
                return b
        return None

    def numbering(self, style_id: str | None):
        for el in self._chain(style_id):
            num = _child(_child(el, "pPr"), "numPr")
            if num is not None:
                return num
        return None


def _parse(z: zipfile.ZipFile, name: str, path):
    try:
        data = z.read(name)
    except KeyError:
        return None
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise TextagsError(f"is a damaged .docx file ({name}: {exc}); open and re-save it in Word", path) from None


def read_docx(data: bytes, path: str | None = None) -> str:
    """Text of a Word document, one line per paragraph or table row."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TextagsError(
            f"is not a readable .docx file ({type(exc).__name__}); open and re-save it in Word", path
        ) from None
    with z:
        names = set(z.namelist())
        if "word/document.xml" not in names:
            raise TextagsError("is not a readable .docx file (no word/document.xml); open and re-save it in Word", path)
        try:
            parts = {
                n: _parse(z, f"word/{n}.xml", path)
                for n in ("document", "numbering", "styles", "footnotes", "endnotes")
            }
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise TextagsError(
                f"is a damaged .docx file ({type(exc).__name__}); open and re-save it in Word", path
            ) from None
    body = _child(parts["document"], "body")
    if body is None:
        raise TextagsError("is not a readable .docx file (no document body); open and re-save it in Word", path)
    from ._docx_body import BodyReader

    reader = BodyReader(_Numbering(parts["numbering"]), _Styles(parts["styles"]), parts["footnotes"], parts["endnotes"])
    lines = reader.read(body)
    if reader.unread:
        what = ", ".join(f"{n} {one if n == 1 else many}" for (one, many), n in sorted(reader.unread.items()))
        warnings.warn(f"{path}: not read (no text textags can take from them): {what}", ReadWarning, stacklevel=3)
    return "\n".join(lines)
