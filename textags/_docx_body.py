"""Walking a Word document's body in order: paragraphs, tables, text boxes and notes to lines.

Used by :func:`textags._docx.read_docx`; see there for what each element becomes.
"""

from __future__ import annotations

from collections import Counter

from ._docx_xml import _MATH, _MC, _SUPERSCRIPT, EMPTY, HIDDEN, WRAPPERS, _attr, _bold_of, _child, _local, _ns

#: What a drawing or object that holds no text box is, for the warning.
_PICTURE = ("picture (w:drawing, w:pict)", "pictures (w:drawing, w:pict)")
_OBJECT = ("embedded object (w:object)", "embedded objects (w:object)")


class BodyReader:
    """Turns the body element of ``document.xml`` into lines, counting what it cannot read."""

    def __init__(self, numbering, styles, footnotes, endnotes):
        self.numbering = numbering
        self.styles = styles
        self.notes = {"footnote": _notes_by_id(footnotes), "endnote": _notes_by_id(endnotes)}
        self.note_count = 0  # footnotes and endnotes are numbered together, so no two markers are alike
        self.lines: list[str] = []
        self.boxes: list = []  # text boxes met in the line being built
        self.pending_notes: list[str] = []  # footnote lines for after the line being built
        self.endnote_lines: list[str] = []
        self.unread: Counter = Counter()

    def read(self, body) -> list[str]:
        self._blocks(body)
        self.lines.extend(self.endnote_lines)
        return self.lines

    # ---------------------------------------------------------------- blocks

    def _emit(self, line: str) -> None:
        """Add a line, then the text boxes and notes met while building it."""
        self.lines.append(line)
        boxes, notes = self.boxes, self.pending_notes
        self.boxes, self.pending_notes = [], []
        self.lines.extend(notes)
        for box in boxes:
            self._blocks(box)

    def _blocks(self, parent) -> None:
        for el in parent:
            tag = _local(el)
            if tag == "p":
                self._emit(self._paragraph(el, mark_bold=True))
            elif tag == "tbl":
                self._table(el)
            elif tag == "sdt":
                self._blocks(_child(el, "sdtContent") if _child(el, "sdtContent") is not None else ())
            elif tag in HIDDEN or tag in EMPTY:
                continue
            elif tag == "altChunk":
                self.unread[("imported part (w:altChunk)", "imported parts (w:altChunk)")] += 1
            elif tag == "AlternateContent" and _ns(el) == _MC:
                self._blocks(_choice(el))
            else:  # a wrapper (w:customXml, w:ins, ...) or an element this reader does not know
                self._blocks(el)

    def _table(self, tbl) -> None:
        for row in _within(tbl, "tr"):
            cells, nested = [], []
            for tc in _within(row, "tc"):
                merge = _child(_child(tc, "tcPr"), "vMerge")
                if merge is not None and (_attr(merge, "val") or "continue") != "restart":
                    cells.append("")  # the cell above holds the text of a vertically merged cell
                    continue
                parts = []
                for el in tc:
                    if _local(el) == "tbl":
                        nested.append(el)
                    elif _local(el) == "p":
                        parts.append(self._paragraph(el, mark_bold=False))
                    elif _local(el) not in HIDDEN:
                        parts.extend(self._paragraph(p, mark_bold=False) for p in el.iter() if _local(p) == "p")
                cells.append(" ".join(p.strip() for p in parts if p.strip()).replace("\n", " ").replace("\t", " "))
            self._emit("\t".join(cells))
            for inner in nested:
                self._table(inner)

    # ------------------------------------------------------------ paragraphs

    def _paragraph(self, p, mark_bold: bool) -> str:
        ppr = _child(p, "pPr")
        style = _attr(_child(ppr, "pStyle"), "val") or self.styles.default_para
        para_bold = self.styles.bold(style)
        if para_bold is None:
            para_bold = self.styles.default_bold
        pieces: list[tuple[str, bool]] = []
        self._inline(p, pieces, para_bold)
        label = self._label(ppr, style)
        text = "".join(t for t, _ in pieces)
        if mark_bold:
            text = _mark_lead(pieces)
        return label + text

    def _label(self, ppr, style) -> str:
        num = _child(ppr, "numPr")
        if num is None:
            num = self.styles.numbering(style)
        if num is None:
            return ""
        num_id = _attr(_child(num, "numId"), "val")
        if not num_id or num_id == "0":
            return ""
        ilvl = int(_attr(_child(num, "ilvl"), "val") or 0)
        label = self.numbering.label(num_id, ilvl)
        if label is None:
            self.unread[("list label not defined in numbering.xml", "list labels not defined in numbering.xml")] += 1
            return ""
        return label

    def _inline(self, el, out: list, bold: bool) -> None:
        for ch in el:
            tag = _local(ch)
            if tag == "r":
                self._run(ch, out, bold)
            elif tag in WRAPPERS:
                self._inline(ch, out, bold)
            elif tag == "sdt":
                content = _child(ch, "sdtContent")
                if content is not None:
                    self._inline(content, out, bold)
            elif tag in HIDDEN or tag in EMPTY:
                continue
            elif _ns(ch) == _MATH:
                out.append(("".join(t.text or "" for t in ch.iter() if _local(t) == "t"), False))
            elif tag == "AlternateContent" and _ns(ch) == _MC:
                self._inline(_choice(ch), out, bold)
            elif tag in ("drawing", "pict", "object"):
                self._graphic(ch)
            else:
                self._inline(ch, out, bold)

    def _run(self, r, out: list, para_bold: bool) -> None:
        rpr = _child(r, "rPr")
        bold = _bold_of(rpr)
        if bold is None:
            bold = self.styles.bold(_attr(_child(rpr, "rStyle"), "val"))
        if bold is None:
            bold = para_bold
        for ch in r:
            tag = _local(ch)
            if tag == "t":
                out.append((ch.text or "", bold))
            elif tag in ("tab", "ptab"):
                out.append(("\t", False))
            elif tag == "br":
                out.append(("\n" if (_attr(ch, "type") or "textWrapping") == "textWrapping" else "", False))
            elif tag == "cr":
                out.append(("\n", False))
            elif tag == "noBreakHyphen":
                out.append(("-", bold))
            elif tag == "sym":
                code = int(_attr(ch, "char") or "0", 16)
                if 0xF000 <= code <= 0xF0FF or code == 0:
                    self.unread[("symbol of a symbol font (w:sym)", "symbols of a symbol font (w:sym)")] += 1
                else:
                    out.append((chr(code), bold))
            elif tag in ("footnoteReference", "endnoteReference"):
                out.append((self._note(tag[: -len("Reference")], _attr(ch, "id")), False))
            elif tag in ("drawing", "pict", "object"):
                self._graphic(ch)
            elif tag == "AlternateContent" and _ns(ch) == _MC:
                self._run(_choice(ch), out, bold)
            elif tag in HIDDEN or tag in EMPTY:
                continue
            elif any(_local(t) == "t" for t in ch.iter()):  # an element this reader does not know
                self._inline(ch, out, bold)

    def _graphic(self, el) -> None:
        """A drawing, VML picture or object: its text boxes are read, anything else is counted."""
        boxes = [b for b in el.iter() if _local(b) == "txbxContent"]
        if boxes:
            self.boxes.extend(_outermost(boxes))
        elif any(_local(c) == "chart" for c in el.iter()):
            self.unread[("chart", "charts")] += 1
        else:
            self.unread[_OBJECT if _local(el) == "object" else _PICTURE] += 1

    # ----------------------------------------------------------------- notes

    def _note(self, kind: str, note_id: str | None) -> str:
        """The marker of a footnote or endnote; its text goes on a line after the paragraph."""
        note = self.notes[kind].get(note_id or "")
        if note is None:
            self.unread[(f"{kind} missing from {kind}s.xml", f"{kind}s missing from {kind}s.xml")] += 1
            return ""
        self.note_count += 1
        marker = str(self.note_count).translate(_SUPERSCRIPT)
        saved = self.boxes, self.pending_notes
        self.boxes, self.pending_notes = [], []
        parts = [self._paragraph(p, mark_bold=False) for p in note.iter() if _local(p) == "p"]
        self.boxes, self.pending_notes = saved
        line = marker + " " + "".join(s.strip() for s in parts)
        (self.pending_notes if kind == "footnote" else self.endnote_lines).append(line)
        return marker


def _notes_by_id(root) -> dict:
    if root is None:
        return {}
    return {
        _attr(n, "id") or "": n
        for n in root
        if _local(n) in ("footnote", "endnote") and (_attr(n, "type") or "normal") == "normal"
    }


def _choice(alternate):
    """The branch of ``mc:AlternateContent`` to read: the first ``mc:Choice``, else ``mc:Fallback``.

    Both hold the same content (a DrawingML text box and its VML copy), so only one is read.
    """
    for branch in alternate:
        if _local(branch) == "Choice":
            return branch
    return _child(alternate, "Fallback") if _child(alternate, "Fallback") is not None else ()


def _outermost(boxes: list) -> list:
    """The text boxes not inside another of ``boxes`` (a box in a box is read with its outer box)."""
    inner = {id(d) for b in boxes for d in b.iter() if d is not b and _local(d) == "txbxContent"}
    return [b for b in boxes if id(b) not in inner]


def _within(el, name: str):
    """The ``name`` children of ``el``, also those inside content controls, custom XML and insertions."""
    for child in el:
        tag = _local(child)
        if tag == name:
            yield child
        elif tag in ("sdt", "customXml", "sdtContent", "ins"):
            yield from _within(child, name)


def _mark_lead(pieces: list[tuple[str, bool]]) -> str:
    """The paragraph's text with a bold lead phrase between ``**``.

    The lead is the bold text from the first visible character on (spaces do
    not end it); a paragraph bold from end to end is left as it is, since its
    kind (title, heading) is read from its words.

    >>> _mark_lead([("实施提振消费专项行动。", True), ("推动增收减负。", False)])
    '**实施提振消费专项行动。**推动增收减负。'
    >>> _mark_lead([("一、2024年工作回顾", True)])
    '一、2024年工作回顾'
    """
    text = "".join(t for t, _ in pieces)
    bold = [b for t, b in pieces for _ in t]
    start = len(text) - len(text.lstrip())
    if start >= len(text) or not bold[start]:
        return text
    end = start
    while end < len(text) and (bold[end] or text[end].isspace()):
        end += 1
    lead = text[start:end].rstrip()
    if end >= len(text) or "*" in lead:
        return text
    return text[:start] + "**" + lead + "**" + text[start + len(lead) :]
