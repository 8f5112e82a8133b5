"""What makes the HTML report readable on paper and at 800 px: its title, label badges, marks and print styles.

:mod:`textags._report` lays out the page; this module adds what a reader
needs without hovering:

- :func:`report_title`: the report's own title (its metadata's ``title``,
  else its first heading, else its first line), not the file name;
- :func:`badge`: a small label badge after every tagged unit, so a printout
  or a screenshot names each label and not only its colour; it marks units
  below :data:`UNCERTAIN` confidence (``?``) and units whose label the
  neighbours changed (``alone: …``);
- :func:`marks`: the same marks as ``data-uncertain`` / ``data-changed``
  attributes, styled (dashed underline, dotted outline);
- :func:`tooltip_terms`: the explanation terms that are whole words;
- :func:`view_css`: the badges, the marks, a layout that fits 800 px (the
  charts scale, the tables wrap) and a print stylesheet.

Examples
--------
>>> from textags._document import Document, Tag, Unit
>>> text = "一、抓经济\\n税收增长。"
>>> units = (Unit(0, 0, 5, "一、抓经济", "heading", ()), Unit(1, 6, 11, "税收增长。", "body", ("一、抓经济",)))
>>> report_title(Document(text, units, name="report-a"))
'一、抓经济'
>>> u = Unit(1, 6, 11, "税收增长。", "body", (), Tag("economy", 0.45, {"economy": 0.45}, (), "livelihood"))
>>> badge(u)
'<span class="badge b-economy" aria-hidden="true">economy? · alone: livelihood</span>'
>>> marks(u)
' data-uncertain="1" data-changed="1"'
"""

from __future__ import annotations

from html import escape

#: Units below this confidence are marked uncertain (``?``), as in the text table.
UNCERTAIN = 0.5
#: Terms shown in a unit's tooltip.
TOOLTIP_TERMS = 5


def report_title(doc) -> str:
    """The report's title: ``doc.meta["title"]``, else its first heading, else its first line, else its name.

    A small function on purpose: the metadata reader may replace it.
    """
    meta = getattr(doc, "meta", None) or {}
    title = str(meta.get("title") or "").strip() if hasattr(meta, "get") else ""
    if title:
        return title
    for u in doc.units:
        if u.kind == "heading" and u.text.strip():
            return u.text.strip()[:120]
    for u in doc.units:
        if u.coded and u.text.strip():
            return u.text.strip()[:120]
    return doc.name


def _uncertain(tag) -> bool:
    return tag.confidence < UNCERTAIN


def _changed(tag) -> bool:
    return tag.alone is not None and tag.alone != tag.label


def badge(u) -> str:
    """The label badge shown after a tagged unit: its label, ``?`` when uncertain, the label alone when changed."""
    t = u.tag
    text = t.label + ("?" if _uncertain(t) else "") + (f" · alone: {t.alone}" if _changed(t) else "")
    return f'<span class="badge b-{escape(t.label)}" aria-hidden="true">{escape(text)}</span>'


def marks(u) -> str:
    """Attributes marking an uncertain unit and a unit whose label the neighbours changed."""
    t = u.tag
    return (' data-uncertain="1"' if _uncertain(t) else "") + (' data-changed="1"' if _changed(t) else "")


def tooltip_terms(u, k: int = TOOLTIP_TERMS) -> tuple:
    """The unit's explanation terms that are whole words of its text or heading (:mod:`textags._terms`)."""
    from ._terms import readable_terms
    from ._tokenize import join_context

    if not u.tag.terms:
        return ()
    heading = u.section[-1] if u.section else ""
    return readable_terms(u.tag.terms, join_context(u.text, heading), k)


def legend_marks() -> str:
    """Legend entries for the badge and the two marks."""
    return (
        '<li><span class="badge" aria-hidden="true">label?</span>confidence below 0.5 '
        "(dashed underline)</li>"
        '<li><span class="badge" aria-hidden="true">· alone: …</span>the neighbours changed the label '
        "(dotted outline); the label of the sentence on its own follows</li>"
    )


def view_css(colours: dict) -> str:
    """The badges and marks, an 800 px layout and the print stylesheet (``colours``: ``{label: colour}``)."""
    badges = "\n".join(f".b-{lab}{{border-color:{colour}}}" for lab, colour in colours.items())
    return (
        """
.badge{display:inline-block;font-size:.62rem;line-height:1.2;padding:0 .25rem;margin:0 .3rem 0 .05rem;
border:1px solid #8a8a8a;border-radius:.5rem;color:#333;background:#fff;vertical-align:.15em;
font-weight:normal;white-space:nowrap;font-style:normal}
.u[data-uncertain]{border-bottom-style:dashed}
.u[data-changed]{outline:1px dotted #1a1a1a;outline-offset:1px}
svg.chart{max-width:100%;height:auto}
figure{margin:.5rem 0;max-width:100%}
table.compare{width:100%;font-size:.8rem}
table.compare th,table.compare td{padding:.15rem .3rem}
table.compare td{white-space:normal}
table.compare td:first-child{overflow-wrap:anywhere;min-width:8rem}
table.compare td small{display:block;color:var(--muted);white-space:nowrap}
.doc-body{grid-template-columns:minmax(0,1fr) minmax(0,25rem)}
@media (max-width:62rem){.doc-body{grid-template-columns:minmax(0,1fr)}#legend{position:static}}
@media print{
@page{margin:15mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10.5pt;line-height:1.6}
header.top,main{padding:0}
#legend{position:static;padding:.3rem 0;border-bottom:1px solid #999}
nav{display:none}
.doc-body{display:block}
.side{position:static;break-inside:avoid}
.text{max-width:none}
figure,table,svg.chart{break-inside:avoid}
article.doc~article.doc{break-before:page}
section.compare,article.doc{border-top:none}
.u{cursor:auto}
.u:focus::after{display:none}
details.removed{display:none}
}
"""
        + badges
        + "\n"
    )
