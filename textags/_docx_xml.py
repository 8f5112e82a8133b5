"""The WordprocessingML vocabulary both Word readers share: namespaces, element sets, lookups.

:mod:`textags._docx` (the package parts, numbering and styles) and :mod:`textags._docx_body` (the
body walk) both read elements with these; they live here so neither imports the other's internals.

Examples
--------
>>> from xml.etree import ElementTree as ET
>>> el = ET.fromstring('<w:b xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="0"/>')
>>> _local(el), _attr(el, "val")
('b', '0')
"""

from __future__ import annotations

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

#: Elements that wrap runs or paragraphs: their content is read as if they were not there.
WRAPPERS = frozenset(
    {"hyperlink", "smartTag", "ins", "moveTo", "fldSimple", "customXml", "dir", "bdo", "sdtContent", "txbxContent"}
)
#: Elements whose content Word does not show: tracked deletions and field codes.
HIDDEN = frozenset({"del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "tblPr", "trPr", "tcPr"})
#: Elements that carry no text.
EMPTY = frozenset(
    {
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
        "permStart",
        "permEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "annotationRef",
        "lastRenderedPageBreak",
        "sectPr",
        "footnoteRef",
        "endnoteRef",
        "separator",
        "continuationSeparator",
        "softHyphen",
        "sdtPr",
        "sdtEndPr",
        "tblGrid",
        "fldChar",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
    }
)
_OFF = ("0", "false", "off", "none")


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(el) -> str:
    return el.tag[1:].split("}", 1)[0] if isinstance(el.tag, str) and el.tag.startswith("{") else ""


def _attr(el, name: str) -> str | None:
    if el is None:
        return None
    for ns in (_W, _W_STRICT):
        v = el.get(f"{{{ns}}}{name}")
        if v is not None:
            return v
    return el.get(name)


def _child(el, name: str):
    if el is None:
        return None
    for ch in el:
        if _local(ch) == name:
            return ch
    return None


def _bold_of(rpr) -> bool | None:
    b = _child(rpr, "b")
    if b is None:
        return None
    return (_attr(b, "val") or "1").lower() not in _OFF
