"""A self-contained HTML report: the tagged text, highlighted, and its emphasis charts.

:func:`render_report` turns tagged documents into one HTML page -- inline CSS
and inline SVG only, no script, font, image or network request -- and
:func:`write_report` tags report files and writes that page atomically.

For each document the page shows

- its text, every heading and body unit highlighted in its domain's colour
  (the codebook's colours, :mod:`textags._codebook`: for the six default
  labels the colour-blind-safe Okabe--Ito palette), headings as headings;
- the footnotes, tables and page furniture that cleaning set aside, greyed
  but shown, so nothing is hidden;
- a bar chart of its emphasis (shares by units, see
  :func:`textags._emphasis.emphasis`) with the 95% intervals, and the numbers;
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
>>> from textags._document import Document, Tag, Unit
>>> text = "税收增长<5%>。"
>>> doc = Document(text, (Unit(0, 0, len(text), text, "body", (), Tag("economy", 0.9, {"economy": 0.9})),))
>>> page = render_report([doc])
>>> page.count('class="u u-economy"'), "税收增长&lt;5%&gt;。" in page, "<script" in page
(1, True, False)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ._codebook import Codebook, codebook_for
from ._document import Document
from ._html import esc, plural, short, tint
from ._report_figures import compare_svg, compare_table, emphasis_svg, emphasis_table, shift_table
from ._report_text import doc_meta, removed_list, render_text
from ._report_view import legend_marks, report_title, view_css

BY = ("document", "part")


# --------------------------------------------------------------------------
# CSS


def _css(codebook: Codebook) -> str:
    rules = []
    for lab, c in zip(codebook.labels, codebook.colours):
        rules.append(f".u-{lab}{{background:{tint(c)};border-bottom:2px solid {c}}}")
        rules.append(f".sw-{lab}{{background:{tint(c)};border:2px solid {c}}}")
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


def _legend(codebook: Codebook) -> str:
    items = "".join(
        f'<li><span class="sw sw-{esc(lab)}" aria-hidden="true"></span>{esc(lab)} {esc(name)}</li>'
        for lab, name in zip(codebook.labels, codebook.names)
    )
    return (
        f'<ul id="legend" class="legend" aria-label="Legend">{items}'
        '<li><span class="sw sw-setaside" aria-hidden="true"></span>set aside by cleaning '
        f"(footnote, table, page furniture): not tagged or counted</li>{legend_marks()}</ul>"
    )


def _parts_section(doc: Document, by: str, name: str, cb: Codebook) -> tuple[str, list]:
    """The parts' charts and the review → plan shift; and the parts' emphases (``name``: the report's title)."""
    from ._emphasis import emphasis
    from ._parts import split_parts
    from ._shift import shift_between

    parts = {p: [u for u in us if u.coded] for p, us in split_parts(doc).items()}
    parts = {p: us for p, us in parts.items() if us}
    both = "review" in parts and "plan" in parts
    if not (both or by == "part"):
        return "", []
    if by != "part":  # the two parts only; the preamble is shown with by="part"
        parts = {p: parts[p] for p in ("review", "plan")}
    es = {p: emphasis(doc, units=us, name=f"{name}:{p}", meta={}, codebook=cb) for p, us in parts.items()}
    charts = "".join(
        f'<figure class="part part-{p}">{emphasis_svg(e, title=f"Emphasis of the {p} part of {name}")}'
        f"<figcaption>{esc(p)}: {plural(e.units, 'unit')} in {cb.domains_phrase()}, {e.other_units} other</figcaption></figure>"
        for p, e in es.items()
    )
    shift = (
        shift_table(es["review"], es["plan"], shift_between(parts["review"], parts["plan"], codebook=cb))
        if both
        else '<p class="note">No review and plan parts to set side by side.</p>'
    )
    html = (
        f'<section class="parts-section"><h3>Parts: {" · ".join(esc(p) for p in es)}</h3>'
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
    bits = [f"Tagged with {esc(card.get('name', 'a textags model'))}"]
    if training.get("units"):
        bits.append(f"trained on {training['units']} units of {training.get('documents', '?')} reports")
    if cv.get("macro_f1") is not None:
        bits.append(f"leave-one-document-out macro-F1 {cv['macro_f1']:.3f}")
    if card.get("sha256"):
        bits.append(f"sha256 {esc(str(card['sha256'])[:12])}")
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
        The model (or its card) that tagged them, named in the header; its
        codebook (:mod:`textags._codebook`) gives the labels' names and
        colours (default: the labels the documents' tags name).
    documents : path, optional
        The user's documents table (:mod:`textags._metadata`); a report is
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
    from ._emphasis import emphasis

    if by not in BY:
        raise ValueError(f"by must be document or part, not {by!r}")
    docs = list(tagged_docs)
    if not docs:
        raise ValueError("no documents to report on")
    for d in docs:
        if any(u.tag is None for u in d.coded_units):
            raise ValueError(f"{d.name} is not tagged; tag it first (textags.tag(doc))")

    from ._metadata import as_table, describe

    cb = codebook_for(model, docs)
    table = as_table(documents)
    articles, doc_es, part_es, names = [], [], [], []
    for i, doc in enumerate(docs, 1):
        info = describe(doc, table)
        name = _title_of(doc, info)
        names.append(name)
        e = emphasis(doc, name=name, meta=info, codebook=cb)
        doc_es.append(e)
        parts_html, es = _parts_section(doc, by, name, cb)
        part_es.extend(es)
        articles.append(
            f'<article class="doc" id="doc-{i}" aria-labelledby="doc-{i}-title">'
            f'<h2 id="doc-{i}-title">{esc(name)}</h2>{doc_meta(doc, info)}{parts_html}'
            '<div class="doc-body"><div class="text" lang="zh-Hans">'
            f"{render_text(doc, cb)}{removed_list(doc)}</div>"
            f'<aside class="side"><figure>{emphasis_svg(e)}<figcaption>Emphasis: shares of the '
            f"{plural(e.units, 'coded unit')} in {cb.domains_phrase()}, 95% bootstrap intervals; "
            f"{plural(e.other_units, 'unit')} tagged other left out.</figcaption></figure>{emphasis_table(e)}</aside></div></article>"
        )

    compare = ""
    groups = part_es if by == "part" else doc_es
    if len(docs) > 1 and len(groups) > 1:
        what = "parts" if by == "part" else "documents"
        compare = (
            f'<section class="compare" id="compare"><h2>The {len(groups)} {what} compared</h2>'
            f"<figure>{compare_svg(groups, title=f'Emphasis of the {what} compared')}<figcaption>Share of "
            "units in each domain; hover a segment for its 95% interval.</figcaption></figure>"
            f"{compare_table(groups)}</section>"
        )
    nav = ""
    if len(docs) > 1:
        links = "".join(f'<li><a href="#doc-{i}">{esc(n)}</a></li>' for i, n in enumerate(names, 1))
        nav = f'<nav aria-label="Documents"><ul><li><a href="#compare">comparison</a></li>{links}</ul></nav>'
    names = ", ".join(names)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="generator" content="textags {esc(__version__)}">'
        f"<title>{esc(short(names, 80))} · textags report</title><style>{_css(cb)}{view_css(cb.colour_map)}</style></head><body>"
        f'<header class="top"><h1>textags report</h1><p class="about">{len(docs)} document'
        f"{'s' if len(docs) != 1 else ''}. Each heading and sentence is highlighted in the colour of its "
        "policy domain, its label in a small badge after it; hover it or focus it (Tab) for its confidence "
        f"and the terms that weighed most.</p>{_about(model)}{nav}</header>{_legend(cb)}<main>{compare}{''.join(articles)}</main>"
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

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from textags import segment
    >>> from textags._examples import SENTENCES
    >>> out = write_report([segment("".join(SENTENCES), name="a")], pathlib.Path(tempfile.mkdtemp()) / "a.html")
    >>> out.name, out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ('a.html', True)
    """
    from . import load
    from ._atomic import atomic_open, check_writable
    from ._model import Model, load_model
    from ._terms import OVERSAMPLE

    if by not in BY:
        raise ValueError(f"by must be document or part, not {by!r}")
    check_writable(output, force)  # before the work, so a refused run is quick
    model = model if isinstance(model, Model) else load_model(model)
    from ._names import document_names

    docs, names = [], iter(document_names([f for f in files if not isinstance(f, Document)]))
    for f in files:
        doc = f if isinstance(f, Document) else load(f, name=next(names))
        docs.append(doc if doc.tagged else model.tag(doc, terms=5 * OVERSAMPLE))
    page = render_report(docs, by=by, model=model, documents=documents)
    check_writable(output, force)
    with atomic_open(output, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page)
    return Path(output)
