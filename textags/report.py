"""A self-contained HTML report: the tagged text, highlighted, and its emphasis charts.

:func:`render_report` turns tagged documents into one HTML page -- inline CSS
and inline SVG only, no script, font, image or network request -- and
:func:`write_report` tags report files and writes that page atomically.

For each document the page shows

- its text, every heading and body unit highlighted in its domain's colour
  (the colour-blind-safe Okabe--Ito palette, :data:`COLOURS`), headings as
  headings;
- the footnotes, tables and page furniture that cleaning set aside, greyed
  but shown, so nothing is hidden;
- a bar chart of its emphasis (shares by units, see
  :func:`textags.emphasis.emphasis`) with the 95% intervals, and the numbers;
- the emphasis of its review and plan parts and the shift between them, when
  it has both parts (or for every part with ``by="part"``).

Several documents also get a comparison chart and table.

The markup is stable, so that scripts and tests can read it:

- every coded unit is an element ``class="u u-LABEL"`` (``<span>`` for body
  units, ``<h3>``--``<h6>`` for headings) with ``data-label``,
  ``data-confidence``, ``data-index``, ``tabindex="0"`` and a ``title``
  holding its label, confidence and top terms (shown on hover, and on
  keyboard focus by CSS);
- every set-aside unit is ``class="setaside setaside-KIND"`` with
  ``data-kind``;
- the legend is ``id="legend"``; each document is ``<article class="doc">``;
  the emphasis chart is ``<svg class="chart chart-emphasis">``, the
  comparison chart ``<svg class="chart chart-compare">``.

Examples
--------
>>> from textags.document import Document, Tag, Unit
>>> text = "税收增长<5%>。"
>>> doc = Document(text, (Unit(0, 0, len(text), text, "body", (), Tag("economy", 0.9, {"economy": 0.9})),))
>>> page = render_report([doc])
>>> page.count('class="u u-economy"'), "税收增长&lt;5%&gt;。" in page, "<script" in page
(1, True, False)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from pathlib import Path

from .document import Document
from .labels import DOMAINS, LABEL_NAMES_ZH, LABELS
from .report_view import badge, legend_marks, marks, report_title, tooltip_terms, view_css

#: One colour per label, from the Okabe--Ito palette (distinguishable with
#: the common colour-vision deficiencies); ``other`` is neutral grey.
COLOURS = {
    "economy": "#0072B2",
    "livelihood": "#E69F00",
    "safety": "#D55E00",
    "party": "#CC79A7",
    "governance": "#009E73",
    "other": "#999999",
}

#: The highlight behind a unit's text: its colour mixed with this much white.
TINT = 0.72

BY = ("document", "part")

_SET_ASIDE_NAMES = {"footnote": "footnote", "table": "table", "furniture": "page furniture"}


def _tint(colour: str, white: float = TINT) -> str:
    """``colour`` mixed with ``white`` parts of white.

    >>> _tint("#000000", 0.5)
    '#808080'
    """
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    y = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2]
    return "#000" if (y + 0.05) / 0.05 >= 1.05 / (y + 0.05) else "#fff"


def _pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}%"


def _n(count: int, noun: str) -> str:
    """``1 unit``, ``2 units``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _esc(value) -> str:
    return escape(str(value), quote=True)


# --------------------------------------------------------------------------
# CSS


def _css() -> str:
    rules = []
    for lab in LABELS:
        c = COLOURS[lab]
        rules.append(f".u-{lab}{{background:{_tint(c)};border-bottom:2px solid {c}}}")
        rules.append(f".sw-{lab}{{background:{_tint(c)};border:2px solid {c}}}")
    return (
        """
:root{--ink:#1a1a1a;--muted:#595959;--rule:#d0d0d0}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;line-height:1.75;
font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
header.top{padding:1rem 2rem .5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:0 0 .25rem}
main{padding:0 2rem 3rem}
.about,.meta,figcaption,.note{color:var(--muted);font-size:.9rem}
nav ul{margin:.25rem 0;padding-left:1.2rem}
#legend{position:sticky;top:0;z-index:20;background:#fff;border-bottom:1px solid var(--rule);
padding:.4rem 2rem;display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;align-items:center;font-size:.9rem;margin:0}
#legend li{list-style:none;display:flex;align-items:center;gap:.35rem}
.sw{display:inline-block;width:1.1rem;height:.9rem}
.sw-setaside{border:1px dashed #8a8a8a;background:#f2f2f2}
section.compare,article.doc{border-top:2px solid var(--ink);margin-top:2rem;padding-top:1rem}
.doc-body{display:grid;grid-template-columns:minmax(0,1fr) 25rem;gap:2rem;align-items:start}
.side{position:sticky;top:3rem}
@media (max-width:62rem){.doc-body{grid-template-columns:minmax(0,1fr)}.side{position:static}}
.text{max-width:48rem;font-size:1.02rem}
.text p{margin:0 0 .6rem}
.text h3,.text h4,.text h5,.text h6{margin:1.1rem 0 .4rem;line-height:1.5;width:fit-content}
.text h3{font-size:1.2rem}.text h4{font-size:1.08rem}.text h5,.text h6{font-size:1rem}
.u{position:relative;border-radius:2px;padding:0 1px;margin-right:2px;cursor:help;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.u:focus{outline:3px solid var(--ink);outline-offset:1px}
.u:focus::after{content:attr(title);position:absolute;left:0;top:100%;z-index:30;margin-top:4px;
width:max-content;max-width:26rem;white-space:pre-line;background:#1a1a1a;color:#fff;font-size:.8rem;
font-weight:normal;line-height:1.4;padding:.35rem .55rem;border-radius:4px}
.setaside{color:#6b6b6b;background:#f2f2f2;border:1px dashed #b0b0b0;font-size:.9em;padding:0 2px}
.setaside-table{white-space:pre-wrap;font-family:ui-monospace,monospace}
.setaside::before{content:attr(data-kind) " ";font-size:.75em;color:#6b6b6b;font-style:italic}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0 1rem}
th,td{padding:.15rem .5rem;border-bottom:1px solid var(--rule);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
.chart text{font-family:inherit}
.parts{display:flex;flex-wrap:wrap;gap:1rem 2rem}
.parts-section{margin-bottom:1.5rem}
.parts-section h3,.parts-section h4{margin:.5rem 0 .25rem}
details.removed{margin-top:1rem;font-size:.85rem;color:var(--muted)}
"""
        + "\n".join(rules)
        + "\n"
    )


# --------------------------------------------------------------------------
# SVG charts


def _axis_max(values) -> float:
    """The smallest multiple of 10% at or above every value (at least 10%)."""
    top = max([0.0, *values])
    return min(1.0, max(0.1, -(-round(top * 1000) // 100) / 10))


def emphasis_svg(e, *, title: str | None = None) -> str:
    """A horizontal bar chart of an emphasis's unit shares with their 95% intervals, as inline SVG."""
    label_w, plot_w, value_w, row_h, top = 150, 190, 60, 28, 24
    width = label_w + plot_w + value_w
    if not e.measured:  # no unit in the five domains: nothing to draw, and no share of 0 either
        return (
            f'<svg class="chart chart-emphasis" role="img" viewBox="0 0 {width} 40" width="{width}" height="40" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{_esc(title or f"Emphasis of {e.name}")}</title>'
            f'<text x="8" y="24" font-size="12" fill="#595959">— no units in the five domains '
            f"({e.other_units} other)</text></svg>"
        )
    height = top + row_h * len(DOMAINS) + 22
    xmax = _axis_max(e.high["units"].values())

    def x(v: float) -> float:
        return round(label_w + plot_w * v / xmax, 1)

    title = title or f"Emphasis of {e.name}"
    desc = "; ".join(
        f"{d} {_pct(e.shares['units'][d])} (95% interval {_pct(e.low['units'][d])}–{_pct(e.high['units'][d])})"
        for d in DOMAINS
    )
    out = [
        f'<svg class="chart chart-emphasis" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{_esc(title)}</title><desc>{_esc(desc)}</desc>'
    ]
    step = 2 if xmax > 0.5 else 1  # tens of percent between ticks
    for k in range(0, round(xmax * 10) + 1, step):
        v = k / 10
        out.append(
            f'<line x1="{x(v)}" y1="{top - 4}" x2="{x(v)}" y2="{height - 20}" stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{x(v)}" y="{height - 6}" font-size="11" text-anchor="middle" fill="#595959">{k * 10}%</text>'
        )
    out.append(f'<text x="{label_w}" y="13" font-size="11" fill="#595959">share of units · 95% interval (line)</text>')
    for i, d in enumerate(DOMAINS):
        y = top + i * row_h
        s, lo, hi = e.shares["units"][d], e.low["units"][d], e.high["units"][d]
        n = e.counts.get(d, 0)
        mid = y + row_h / 2
        out.append(
            f"<g><title>{_esc(d)} {_esc(LABEL_NAMES_ZH[d])}: {_pct(s)} of {_n(e.units, 'unit')} ({n}), "
            f"95% interval {_pct(lo)}–{_pct(hi)}</title>"
            f'<text x="{label_w - 8}" y="{mid + 4}" font-size="12" text-anchor="end">{_esc(d)} '
            f'<tspan fill="#595959">{_esc(LABEL_NAMES_ZH[d])}</tspan></text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{max(0.0, x(s) - label_w)}" height="{row_h - 10}" '
            f'fill="{COLOURS[d]}"/>'
            f'<line x1="{x(lo)}" y1="{mid}" x2="{x(hi)}" y2="{mid}" stroke="#000" stroke-width="1.5"/>'
            f'<line x1="{x(lo)}" y1="{mid - 5}" x2="{x(lo)}" y2="{mid + 5}" stroke="#000" stroke-width="1.5"/>'
            f'<line x1="{x(hi)}" y1="{mid - 5}" x2="{x(hi)}" y2="{mid + 5}" stroke="#000" stroke-width="1.5"/>'
            f'<text x="{label_w + plot_w + 8}" y="{mid + 4}" font-size="12">{_pct(s)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _short(name: str, n: int = 40) -> str:
    """``name`` cut in the middle to ``n`` characters, keeping its end (a part's name).

    >>> _short("baoshan-district-2021-2022-development-plan-report:review", 30)
    'baoshan-distric…-report:review'
    """
    if len(name) <= n:
        return name
    tail = (n - 1) // 2
    return name[: n - 1 - tail] + "…" + name[-tail:]


def compare_svg(emphases: Sequence, *, title: str = "Emphasis compared") -> str:
    """One 100%-stacked bar per emphasis (document or part), segments in the domains' colours."""
    label_w, plot_w, row_h, top = 300, 520, 30, 8
    width = label_w + plot_w + 24
    height = top + row_h * len(emphases) + 26
    out = [
        f'<svg class="chart chart-compare" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{_esc(title)}</title>'
    ]
    for i, e in enumerate(emphases):
        y = top + i * row_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4}" font-size="12" text-anchor="end">'
            f"<title>{_esc(e.name)}</title>{_esc(_short(e.name))}</text>"
        )
        if not e.measured:
            out.append(
                f'<text x="{label_w + 4}" y="{y + row_h / 2 + 4}" font-size="11" fill="#595959">'
                f"no units in the five domains ({e.other_units} other)</text>"
            )
        x0 = 0.0
        for d in DOMAINS:
            s = e.shares["units"][d]
            if not s:  # 0, or None when unmeasured
                continue
            w = plot_w * s
            out.append(
                f"<g><title>{_esc(e.name)}: {_esc(d)} {_pct(s)} (95% interval "
                f"{_pct(e.low['units'][d])}–{_pct(e.high['units'][d])})</title>"
                f'<rect x="{round(label_w + x0, 1)}" y="{y + 4}" width="{round(w, 1)}" height="{row_h - 8}" '
                f'fill="{COLOURS[d]}" stroke="#fff" stroke-width="1"/>'
            )
            if s >= 0.06:
                out.append(
                    f'<text x="{round(label_w + x0 + w / 2, 1)}" y="{y + row_h / 2 + 4}" font-size="11" '
                    f'text-anchor="middle" fill="{_ink(COLOURS[d])}">{round(100 * s)}%</text>'
                )
            out.append("</g>")
            x0 += w
    for k in range(0, 11, 2):
        xv = label_w + plot_w * k / 10
        out.append(
            f'<text x="{xv}" y="{height - 6}" font-size="11" text-anchor="middle" fill="#595959">{k * 10}%</text>'
        )
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------
# tables and sections


def _share(x, digits: int = 1) -> str:
    """A share in percent, or ``—`` when it was not measured."""
    return "—" if x is None else _pct(x, digits)


def _emphasis_table(e) -> str:
    rows = "".join(
        f"<tr><td>{_esc(d)} {_esc(LABEL_NAMES_ZH[d])}</td><td>{_share(e.shares['units'][d])}</td>"
        f"<td>{_interval(e, d)}</td><td>{e.counts.get(d, 0)}</td></tr>"
        for d in DOMAINS
    )
    return (
        '<table class="emphasis"><thead><tr><th>domain</th><th>share</th><th>95% interval</th><th>units</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _compare_table(emphases: Sequence) -> str:
    head = "".join(f"<th>{_esc(d)}</th>" for d in DOMAINS)
    body = []
    for e in emphases:
        cells = "".join(
            f"<td>{_share(e.shares['units'][d])} <small>[{_pct(e.low['units'][d], 0)}–"
            f"{_pct(e.high['units'][d], 0)}]</small></td>"
            if e.measured
            else "<td>—</td>"
            for d in DOMAINS
        )
        body.append(f"<tr><td>{_esc(e.name)}</td>{cells}<td>{e.units}</td><td>{e.other_units}</td></tr>")
    return (
        f'<table class="compare"><thead><tr><th>document</th>{head}<th>units</th><th>other</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _interval(e, d: str) -> str:
    return "—" if e.shares["units"][d] is None else f"{_pct(e.low['units'][d])}–{_pct(e.high['units'][d])}"


def _shift_table(review, plan, shift: dict) -> str:
    """The review → plan shift of each domain with its 95% interval (see :func:`textags.shift.shift_between`)."""
    from .emphasis_table import points

    rows = []
    for d in DOMAINS:
        s, lo, hi, apart = shift["shift"][d], shift["low"][d], shift["high"][d], shift["differs"][d]
        cell = "—" if s is None else f"{points(s)} pp"
        interval = "—" if s is None else f"{points(lo)} to {points(hi)}"
        rows.append(
            f'<tr class="{"differs" if apart else "same"}"><td>{_esc(d)} {_esc(LABEL_NAMES_ZH[d])}</td>'
            f"<td>{_share(review.shares['units'][d])}</td><td>{_share(plan.shares['units'][d])}</td>"
            f"<td>{cell}{' *' if apart else ''}</td><td>{interval}</td></tr>"
        )
    return (
        '<table class="shift"><thead><tr><th>domain</th><th>review</th><th>plan</th><th>shift</th>'
        f"<th>95% interval</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">pp: percentage points, plan minus review; the interval comes from a bootstrap over the '
        "units of both parts; * the interval excludes 0 (a difference beyond resampling noise).</p>"
    )


def _legend() -> str:
    items = "".join(
        f'<li><span class="sw sw-{lab}" aria-hidden="true"></span>{_esc(lab)} {_esc(LABEL_NAMES_ZH[lab])}</li>'
        for lab in LABELS
    )
    return (
        f'<ul id="legend" class="legend" aria-label="Legend">{items}'
        '<li><span class="sw sw-setaside" aria-hidden="true"></span>set aside by cleaning '
        f"(footnote, table, page furniture): not tagged or counted</li>{legend_marks()}</ul>"
    )


def _tip(u) -> str:
    t = u.tag
    head = f"{t.label} {LABEL_NAMES_ZH.get(t.label, '')} · confidence {t.confidence:.3f}"
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


def _unit_attrs(u) -> str:
    t = u.tag
    return (
        f'class="u u-{_esc(t.label)}" data-label="{_esc(t.label)}" data-confidence="{t.confidence:.3f}" '
        f'data-index="{u.index}"{marks(u)} tabindex="0" title="{_esc(_tip(u))}"'
    )


def render_text(doc: Document) -> str:
    """The document's text as HTML: units highlighted, headings as headings, set-aside units greyed."""
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
            out.append(f'<span class="gap">{_esc(gap.strip())}</span>')
        if "\n" in gap:
            close()
        if u.kind == "heading":
            close()
            level = min(6, 3 + len(u.section))
            out.append(f"<h{level} {_unit_attrs(u)}>{_esc(u.text)} {badge(u)}</h{level}>")
            continue
        if not in_p:
            out.append("<p>")
            in_p = True
        elif gap and not gap.strip():
            out.append(" " if " " in gap or "\t" in gap else "")
        if u.coded:
            out.append(f"<span {_unit_attrs(u)}>{_esc(u.text)}</span>{badge(u)}")
        else:
            kind = _SET_ASIDE_NAMES.get(u.kind, u.kind)
            out.append(
                f'<span class="setaside setaside-{_esc(u.kind)}" data-kind="{_esc(kind)}" data-index="{u.index}" '
                f'title="{_esc(kind)}: set aside by cleaning, not tagged">{_esc(u.text)}</span>'
            )
    tail = doc.text[prev:]
    if tail.strip():
        if not in_p:
            out.append("<p>")
            in_p = True
        out.append(f'<span class="gap">{_esc(tail.strip())}</span>')
    close()
    return "".join(out)


def _removed(doc: Document) -> str:
    if not doc.removed:
        return ""
    items = "".join(
        f"<li>at {r.offset}: <code>{_esc(r.text.strip() or repr(r.text))}</code> ({_esc(r.reason)})</li>"
        for r in doc.removed[:500]
    )
    more = f"<li>… and {len(doc.removed) - 500} more</li>" if len(doc.removed) > 500 else ""
    return (
        f'<details class="removed"><summary>Markup removed by cleaning: {len(doc.removed)} pieces</summary>'
        f"<ul>{items}{more}</ul></details>"
    )


def _doc_meta(doc: Document, info: dict) -> str:
    kinds = {}
    for u in doc.units:
        kinds[u.kind] = kinds.get(u.kind, 0) + 1
    bits = [f"{k} {_esc(info[k])}" for k in ("level", "region", "year") if info.get(k) and info[k] != "unknown"]
    bits.append(f"file {_esc(doc.path)}" if doc.path else f"document {_esc(doc.name)}")
    counts = ", ".join(f"{n} {_esc(k)}" for k, n in kinds.items())
    return f'<p class="meta">{" · ".join(bits)}{"<br>" if bits else ""}{len(doc.units)} units: {counts}</p>'


def _parts_section(doc: Document, by: str, name: str) -> tuple[str, list]:
    """The parts' charts and the review → plan shift; and the parts' emphases (``name``: the report's title)."""
    from .emphasis import emphasis
    from .parts import split_parts
    from .shift import shift_between

    parts = {p: [u for u in us if u.coded] for p, us in split_parts(doc).items()}
    parts = {p: us for p, us in parts.items() if us}
    both = "review" in parts and "plan" in parts
    if not (both or by == "part"):
        return "", []
    if by != "part":  # the two parts only; the preamble is shown with by="part"
        parts = {p: parts[p] for p in ("review", "plan")}
    es = {p: emphasis(doc, units=us, name=f"{name}:{p}", meta={}) for p, us in parts.items()}
    charts = "".join(
        f'<figure class="part part-{p}">{emphasis_svg(e, title=f"Emphasis of the {p} part of {name}")}'
        f"<figcaption>{_esc(p)}: {_n(e.units, 'unit')} in the five domains, {e.other_units} other</figcaption></figure>"
        for p, e in es.items()
    )
    shift = (
        _shift_table(es["review"], es["plan"], shift_between(parts["review"], parts["plan"]))
        if both
        else '<p class="note">No review and plan parts to set side by side.</p>'
    )
    html = (
        f'<section class="parts-section"><h3>Parts: {" · ".join(_esc(p) for p in es)}</h3>'
        f'<div class="parts">{charts}</div><h4>Shift from review to plan</h4>{shift}</section>'
        if both
        else f'<section class="parts-section"><h3>Parts</h3><div class="parts">{charts}</div>{shift}</section>'
    )
    return html, list(es.values())


def _about(model) -> str:
    if model is None:
        return ""
    card = getattr(model, "card", model) or {}
    training = card.get("training") or {}
    cv = card.get("cross_validation") or {}  # None for a model trained with --no-eval
    bits = [f"Tagged with {_esc(card.get('name', 'a textags model'))}"]
    if training.get("units"):
        bits.append(f"trained on {training['units']} units of {training.get('documents', '?')} reports")
    if cv.get("macro_f1") is not None:
        bits.append(f"leave-one-document-out macro-F1 {cv['macro_f1']:.3f}")
    if card.get("sha256"):
        bits.append(f"sha256 {_esc(str(card['sha256'])[:12])}")
    return '<p class="about">' + ", ".join(bits) + ".</p>"


def render_report(tagged_docs: Sequence[Document], *, by: str = "document", model=None, documents=None) -> str:
    """The HTML report of tagged documents, as one self-contained page.

    Parameters
    ----------
    tagged_docs : sequence of Document
        Documents whose coded units are all tagged (see :func:`textags.tag`).
    by : {"document", "part"}
        ``part`` shows the emphasis of every review/plan part (and compares
        parts across documents); with ``document`` the parts are shown only
        for documents that have both.
    model : Model or dict, optional
        The model (or its card) that tagged them, named in the header.
    documents : path, optional
        The user's documents table (:mod:`textags.metadata`); a report is
        named by its title, from the table or read from its text.

    Returns
    -------
    str
        The page.  All text is escaped; the page loads nothing.

    Raises
    ------
    ValueError
        For an unknown ``by``, no documents, or an untagged document.
    """
    from . import __version__
    from .emphasis import emphasis

    if by not in BY:
        raise ValueError(f"by must be document or part, not {by!r}")
    docs = list(tagged_docs)
    if not docs:
        raise ValueError("no documents to report on")
    for d in docs:
        if any(u.tag is None for u in d.coded_units):
            raise ValueError(f"{d.name} is not tagged; tag it first (textags.tag(doc))")

    from .metadata import as_table, describe

    table = as_table(documents)
    articles, doc_es, part_es, names = [], [], [], []
    for i, doc in enumerate(docs, 1):
        info = describe(doc, table)
        name = _title_of(doc, info)
        names.append(name)
        e = emphasis(doc, name=name, meta=info)
        doc_es.append(e)
        parts_html, es = _parts_section(doc, by, name)
        part_es.extend(es)
        articles.append(
            f'<article class="doc" id="doc-{i}" aria-labelledby="doc-{i}-title">'
            f'<h2 id="doc-{i}-title">{_esc(name)}</h2>{_doc_meta(doc, info)}{parts_html}'
            '<div class="doc-body"><div class="text" lang="zh-Hans">'
            f"{render_text(doc)}{_removed(doc)}</div>"
            f'<aside class="side"><figure>{emphasis_svg(e)}<figcaption>Emphasis: shares of the '
            f"{_n(e.units, 'coded unit')} in the five domains, 95% bootstrap intervals; "
            f"{_n(e.other_units, 'unit')} tagged other left out.</figcaption></figure>{_emphasis_table(e)}</aside></div></article>"
        )

    compare = ""
    groups = part_es if by == "part" else doc_es
    if len(docs) > 1 and len(groups) > 1:
        what = "parts" if by == "part" else "documents"
        compare = (
            f'<section class="compare" id="compare"><h2>The {len(groups)} {what} compared</h2>'
            f"<figure>{compare_svg(groups, title=f'Emphasis of the {what} compared')}<figcaption>Share of "
            "units in each domain; hover a segment for its 95% interval.</figcaption></figure>"
            f"{_compare_table(groups)}</section>"
        )
    nav = ""
    if len(docs) > 1:
        links = "".join(f'<li><a href="#doc-{i}">{_esc(n)}</a></li>' for i, n in enumerate(names, 1))
        nav = f'<nav aria-label="Documents"><ul><li><a href="#compare">comparison</a></li>{links}</ul></nav>'
    names = ", ".join(names)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="generator" content="textags {_esc(__version__)}">'
        f"<title>{_esc(_short(names, 80))} · textags report</title><style>{_css()}{view_css(COLOURS)}</style></head><body>"
        f'<header class="top"><h1>textags report</h1><p class="about">{len(docs)} document'
        f"{'s' if len(docs) != 1 else ''}. Each heading and sentence is highlighted in the colour of its "
        "policy domain, its label in a small badge after it; hover it or focus it (Tab) for its confidence "
        f"and the terms that weighed most.</p>{_about(model)}{nav}</header>{_legend()}<main>{compare}{''.join(articles)}</main>"
        "</body></html>\n"
    )


def _title_of(doc: Document, info: dict) -> str:
    """A report's name in the page: its title when known (the table's or read from it), else its name."""
    title = info.get("title")
    return title if title and title != "unknown" else report_title(doc)


def write_report(
    files, output: str | os.PathLike, *, model=None, force: bool = False, by: str = "document", documents=None
) -> Path:
    """Tag report files and write their HTML report to ``output``.

    Parameters
    ----------
    files : sequence of path or Document
        Report files (or documents; tagged ones are kept as they are).
    output : path
        The HTML file; refused if it exists unless ``force``.
    model : Model or path, optional
        Default: the shipped model.
    by : {"document", "part"}
        See :func:`render_report`.
    documents : path, optional
        See :func:`render_report`.

    Returns
    -------
    Path
        ``output``, written atomically (a temporary file, then a rename).
    """
    from . import load
    from .atomic import atomic_open, check_writable
    from .model import Model, load_model
    from .terms import OVERSAMPLE

    if by not in BY:
        raise ValueError(f"by must be document or part, not {by!r}")
    check_writable(output, force)  # before the work, so a refused run is quick
    model = model if isinstance(model, Model) else load_model(model)
    from .names import document_names

    docs, names = [], iter(document_names([f for f in files if not isinstance(f, Document)]))
    for f in files:
        doc = f if isinstance(f, Document) else load(f, name=next(names))
        docs.append(doc if doc.tagged else model.tag(doc, terms=5 * OVERSAMPLE))
    page = render_report(docs, by=by, model=model, documents=documents)
    check_writable(output, force)
    with atomic_open(output, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page)
    return Path(output)
