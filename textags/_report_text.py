"""The report's text: every unit of a document as HTML, coded units highlighted in their label's colour class.

Examples
--------
>>> from textags._document import Document, Tag, Unit
>>> doc = Document("税收增长。", (Unit(0, 0, 5, "税收增长。", "body", (), Tag("economy", 0.9, {"economy": 0.9})),))
>>> render_text(doc).startswith('<p><span class="u u-economy" data-label="economy"')
True
"""

from __future__ import annotations

from ._codebook import DEFAULT, Codebook, codebook_of
from ._document import Document
from ._html import esc
from ._report_view import badge, marks, tooltip_terms

_SET_ASIDE_NAMES = {"footnote": "footnote", "table": "table", "furniture": "page furniture"}


def tip(u, codebook: Codebook = DEFAULT) -> str:
    """A unit's tooltip: its label and name, confidence, the rule or neighbours that decided, its top terms."""
    t = u.tag
    head = f"{t.label} {codebook.name(t.label)} · confidence {t.confidence:.3f}"
    if u.kind == "heading":
        head += " · heading"
    lines = [head]
    if t.rule:
        lines.append(f"settled by the codebook rule: {t.rule}")
    if t.alone and t.alone != t.label:
        lines.append(f"on its own: {t.alone} (its neighbours decided)")
    terms = tooltip_terms(u)
    if terms:
        lines.append("terms: " + ", ".join(f"{term} {w:+.2f}" for term, w in terms))
    return "\n".join(lines)


def unit_attrs(u, codebook: Codebook = DEFAULT) -> str:
    """The attributes of a coded unit's element: class, label, confidence, index, marks, tooltip."""
    t = u.tag
    return (
        f'class="u u-{esc(t.label)}" data-label="{esc(t.label)}" data-confidence="{t.confidence:.3f}" '
        f'data-index="{u.index}"{marks(u)} tabindex="0" title="{esc(tip(u, codebook))}"'
    )


def render_text(doc: Document, codebook=None) -> str:
    """The document's text as HTML: units highlighted, headings as headings, set-aside units greyed.

    ``codebook`` names the labels in the tooltips (default: the one the document's tags name).
    """
    codebook = codebook_of(doc if codebook is None else codebook)
    out: list[str] = []
    in_p = False
    prev = 0

    def close() -> None:
        nonlocal in_p
        if in_p:
            out.append("</p>")
            in_p = False

    for u in doc.units:
        gap = doc.text[prev : u.start]
        prev = u.end
        if gap.strip():  # text outside every unit (not expected): shown as it is
            if not in_p:
                out.append("<p>")
                in_p = True
            out.append(f'<span class="gap">{esc(gap.strip())}</span>')
        if "\n" in gap:
            close()
        if u.kind == "heading":
            close()
            level = min(6, 3 + len(u.section))
            out.append(f"<h{level} {unit_attrs(u, codebook)}>{esc(u.text)} {badge(u)}</h{level}>")
            continue
        if not in_p:
            out.append("<p>")
            in_p = True
        elif gap and not gap.strip():
            out.append(" " if " " in gap or "\t" in gap else "")
        if u.coded:
            out.append(f"<span {unit_attrs(u, codebook)}>{esc(u.text)}</span>{badge(u)}")
        else:
            kind = _SET_ASIDE_NAMES.get(u.kind, u.kind)
            out.append(
                f'<span class="setaside setaside-{esc(u.kind)}" data-kind="{esc(kind)}" data-index="{u.index}" '
                f'title="{esc(kind)}: set aside by cleaning, not tagged">{esc(u.text)}</span>'
            )
    tail = doc.text[prev:]
    if tail.strip():
        if not in_p:
            out.append("<p>")
            in_p = True
        out.append(f'<span class="gap">{esc(tail.strip())}</span>')
    close()
    return "".join(out)


def removed_list(doc: Document) -> str:
    """The markup cleaning removed, in a closed ``<details>``."""
    if not doc.removed:
        return ""
    items = "".join(
        f"<li>at {r.offset}: <code>{esc(r.text.strip() or repr(r.text))}</code> ({esc(r.reason)})</li>"
        for r in doc.removed[:500]
    )
    more = f"<li>… and {len(doc.removed) - 500} more</li>" if len(doc.removed) > 500 else ""
    return (
        f'<details class="removed"><summary>Markup removed by cleaning: {len(doc.removed)} pieces</summary>'
        f"<ul>{items}{more}</ul></details>"
    )


def doc_meta(doc: Document, info: dict) -> str:
    """A line of what is known about the document and the count of its units by kind."""
    kinds = {}
    for u in doc.units:
        kinds[u.kind] = kinds.get(u.kind, 0) + 1
    bits = [f"{k} {esc(info[k])}" for k in ("level", "region", "year") if info.get(k) and info[k] != "unknown"]
    bits.append(f"file {esc(doc.path)}" if doc.path else f"document {esc(doc.name)}")
    counts = ", ".join(f"{n} {esc(k)}" for k, n in kinds.items())
    return f'<p class="meta">{" · ".join(bits)}{"<br>" if bits else ""}{len(doc.units)} units: {counts}</p>'
