"""Emphasis charts with matplotlib (the optional extra ``plot``).

:func:`plot_emphasis` draws one document's shares with their 95% intervals;
:func:`plot_compare` draws several documents (or parts, years, levels) side
by side.  Both draw on a given ``ax`` or a new figure and return the axes.

matplotlib is imported only when a chart is drawn; without it the functions
raise :class:`textags._errors.MissingExtraError` saying ``pip install
"textags[plot]"``.  The domains are named in Chinese when a CJK font is
installed (Noto Sans CJK, Source Han Sans, WenQuanYi ...), else in English,
with a warning that names the font package to install.  The domains, their
names and colours are those of the codebook (:mod:`textags._codebook`), as
in the HTML report.
"""

from __future__ import annotations

import os
import sys
import warnings
from functools import lru_cache

from ._codebook import Codebook, codebook_of
from ._errors import MissingExtraError

#: CJK fonts looked for, in order of preference.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "Sarasa Gothic SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)

MEASURE_NAMES = {"units": "share of units", "chars": "share of characters", "probs": "share of probability"}


def _pyplot():
    """``matplotlib.pyplot``, on the Agg backend when there is no display to draw on."""
    try:
        import matplotlib
    except ImportError:
        raise MissingExtraError("plot", "matplotlib", what="plotting") from None
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font that has Chinese characters, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return None


def _domain_names(cb: Codebook) -> tuple[dict[str, str], str | None]:
    """Tick labels of the domains, and the CJK font to draw them with (None: English names)."""
    if not any(cb.name(d) for d in cb.domains):  # no Chinese names to draw
        return {d: d for d in cb.domains}, cjk_font()
    font = cjk_font()
    if font is None:
        warnings.warn(
            "no CJK font found for Chinese chart labels, so the domains are named in English; install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk) and remove matplotlib's font cache to use it",
            UserWarning,
            stacklevel=3,
        )
        return {d: d for d in cb.domains}, None
    return {d: f"{cb.name(d)}\n{d}" if cb.name(d) else d for d in cb.domains}, font


def _family(font: str | None) -> list[str]:
    return [font, "DejaVu Sans"] if font else ["DejaVu Sans"]


def _emphasis_of(doc, measure: str):
    from ._emphasis import MEASURES, Emphasis, emphasis

    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    if isinstance(doc, Emphasis):
        return doc
    if hasattr(doc, "coded_units"):  # a Document (not imported: the data model imports this module)
        return emphasis(doc)
    raise TypeError(f"cannot plot a {type(doc).__name__}; give a tagged Document or an Emphasis")


def plot_emphasis(doc, ax=None, measure: str = "units"):
    """A horizontal bar chart of a tagged document's domain shares with their 95% intervals.

    Parameters
    ----------
    doc : Document or Emphasis
        A tagged document (``textags.tag(...)``) or its emphasis.
    ax : matplotlib Axes, optional
        Where to draw; default a new figure.
    measure : {"units", "chars", "probs"}
        Which shares to draw (see :mod:`textags._emphasis`).

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    MissingExtraError
        When matplotlib is not installed.

    Examples
    --------
    >>> from textags import tag
    >>> from textags._examples import SENTENCES
    >>> ax = plot_emphasis(tag(text="".join(SENTENCES)))
    >>> ax.get_title(), len(ax.patches)
    ('<text>: 10 units, 1 other', 5)
    """
    plt = _pyplot()
    e = _emphasis_of(doc, measure)
    cb = e.codebook
    domains = cb.domains
    names, font = _domain_names(cb)
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 3.4), layout="constrained")
    title = _name_of(e)
    if not e.measured:  # no share to draw, and none of 0 either
        ax.text(0.5, 0.5, f"— no units in {cb.domains_phrase()} ({e.other_units} other)", ha="center", va="center")
        ax.set_axis_off()
        ax.set_title(title, fontsize=10, fontfamily=_family(font))
        return ax
    shares = [100 * e.shares[measure][d] for d in domains]
    low = [100 * (e.shares[measure][d] - e.low[measure][d]) for d in domains]
    high = [100 * (e.high[measure][d] - e.shares[measure][d]) for d in domains]
    y = list(range(len(domains)))
    ax.barh(y, shares, color=[cb.colour(d) for d in domains], xerr=[low, high], capsize=3, error_kw={"lw": 1.2})
    ax.set_yticks(y, [names[d] for d in domains], fontfamily=_family(font))
    ax.invert_yaxis()
    for yi, s, h in zip(y, shares, high):
        ax.text(s + h + 1, yi, f"{s:.1f}%", va="center", fontsize=8)
    ax.set_xlim(0, min(100, max(10, max(s + h for s, h in zip(shares, high)) + 10)))
    ax.set_xlabel(f"{MEASURE_NAMES[measure]} (%), 95% interval")
    ax.set_ylabel("domain")
    ax.set_title(f"{title}: {e.units} units, {e.other_units} other", fontsize=10, fontfamily=_family(font))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return ax


def _name_of(e) -> str:
    """A report's name in a chart: its title when known, else its name."""
    title = (e.meta or {}).get("title")
    return title if title and title != "unknown" else e.name


def _shorten(name: str, width: int = 26) -> str:
    """``name`` cut in the middle to ``width`` characters, keeping its end (a part's name).

    >>> _shorten("baoshan-district-2021-2022-development-plan-report:review")
    'baoshan-distr…eport:review'
    """
    if len(name) <= width:
        return name
    tail = (width - 1) // 2
    return name[: width - 1 - tail] + "…" + name[-tail:]


def _rows(docs_or_rows, by: str, documents=None, baseline=None, codebook=None) -> tuple[list[dict], Codebook]:
    """The rows of :func:`textags.compare` (given, or of the documents) and the codebook of their domains."""
    items = list(docs_or_rows)
    if not (items and isinstance(items[0], dict)):
        from ._compare import compare
        from ._model import tag

        items = [d if getattr(d, "tagged", False) else tag(d) for d in items]
        if codebook is None:
            codebook = codebook_of(items)
        items = compare(items, by=by, documents=documents, baseline=baseline)
    if codebook is None:  # rows name their domains; the label left out is other
        codebook = codebook_of({"labels": [*dict.fromkeys(r["domain"] for r in items), "other"]})
    return items, codebook_of(codebook)


def _group_label(rows: list[dict], group: str) -> str:
    """A group's tick label: a document's title when known, else the group's name."""
    for r in rows:
        if r["group"] == group:
            title = r.get("title")
            if r.get("by") == "document" and title and title != "unknown":
                return title
            if r.get("by") == "part" and title and title != "unknown":
                return f"{title}:{r.get('part')}"
            break
    return group


def _nan(x) -> float:
    return float("nan") if x is None else 100 * x


def plot_compare(
    docs_or_rows,
    by: str = "document",
    ax=None,
    measure: str = "units",
    kind: str | None = None,
    documents=None,
    baseline: str | None = None,
    codebook=None,
):
    """Domain shares of several documents, parts, years or levels side by side.

    Parameters
    ----------
    docs_or_rows : iterable of Document (or path), or rows of :func:`textags.compare`
        Documents are compared with ``textags.compare(docs, by=by)``
        (untagged ones are tagged with the shipped model).
    by : {"document", "part", "year", "level"}
        How documents are grouped (ignored for rows).
    ax : matplotlib Axes, optional
    measure : {"units", "chars", "probs"}
    kind : {"bar", "line"}, optional
        Grouped bars with 95% intervals, or one line per domain with its
        interval shaded; default ``line`` for years, else ``bar``.
    documents : path, optional
        The user's documents table (see :mod:`textags._metadata`).
    baseline : str, optional
        Shifts are from this group instead of the group before.
    codebook : Codebook, model or card, optional
        The domains' names and colours (:func:`textags._codebook.codebook_of`);
        default the documents' (or, for rows, the domains they name).

    A share whose shift from the group before (or the baseline) has a 95%
    interval that excludes 0 is marked with ``*``.  Years are drawn on an
    axis of whole years; documents are named by their titles.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> from textags import segment
    >>> from textags._examples import SENTENCES
    >>> ax = plot_compare([segment("".join(SENTENCES[:6]), name="a"), segment("".join(SENTENCES[6:]), name="b")])
    >>> [t.get_text() for t in ax.get_xticklabels()], len(ax.patches)
    (['a', 'b'], 10)
    """
    plt = _pyplot()
    rows, cb = _rows(docs_or_rows, by, documents, baseline, codebook)
    rows = [r for r in rows if r["measure"] == measure]
    if not rows:
        raise ValueError("nothing to compare: give tagged documents or rows of textags.compare")
    domains = cb.domains
    by = rows[0].get("by", by)
    kind = kind or ("line" if by == "year" else "bar")
    if kind not in ("bar", "line"):
        raise ValueError(f"kind must be bar or line, not {kind!r}")
    groups = list(dict.fromkeys(r["group"] for r in rows))
    if by == "year":
        groups.sort(key=lambda g: (not g.isdigit(), int(g) if g.isdigit() else 0, g))
    cell = {(r["group"], r["domain"]): r for r in rows}
    names, font = _domain_names(cb)
    numeric = kind == "line" and all(g.isdigit() for g in groups)  # years: a true time axis
    if ax is None:
        width = 10.0 if numeric else min(14.0, max(6.4, 0.9 * len(groups) + 2.5))
        _, ax = plt.subplots(figsize=(width, 3.8), layout="constrained")
    x = [int(g) for g in groups] if numeric else list(range(len(groups)))
    for j, d in enumerate(domains):
        share = [_nan(cell[g, d]["share"]) if (g, d) in cell else float("nan") for g in groups]
        lo = [_nan(cell[g, d]["low"]) if (g, d) in cell else float("nan") for g in groups]
        hi = [_nan(cell[g, d]["high"]) if (g, d) in cell else float("nan") for g in groups]
        marked = [bool((g, d) in cell and cell[g, d].get("shift_differs")) for g in groups]
        label = names[d].replace("\n", " ")
        if kind == "line":
            ax.plot(x, share, marker="o", color=cb.colour(d), label=label)
            ax.fill_between(x, lo, hi, color=cb.colour(d), alpha=0.15, linewidth=0)
            xs = x
        else:
            w = 0.8 / len(domains)
            xs = [xi - 0.4 + w * (j + 0.5) for xi in x]
            err = [[s - lo_ for s, lo_ in zip(share, lo)], [hi_ - s for s, hi_ in zip(share, hi)]]
            ax.bar(xs, share, w, color=cb.colour(d), yerr=err, capsize=2, error_kw={"lw": 0.8}, label=label)
        for xi, h, m in zip(xs, hi, marked):
            if m:  # the shift from the group before (or the baseline) is beyond noise
                ax.annotate("*", (xi, h), ha="center", va="bottom", color=cb.colour(d), fontsize=11)
    if numeric:
        ax.set_xticks(x, [str(v) for v in x], rotation=45 if len(x) > 12 else 0)  # whole years only
    else:
        ticks = [_shorten(_group_label(rows, g)) for g in groups]
        long = max(len(t) for t in ticks) * len(groups) > 90
        ax.set_xticks(x, ticks, fontfamily=_family(font), rotation=30 if long else 0, ha="right" if long else "center")
    ax.set_xlabel(by)
    ax.set_ylabel(f"{MEASURE_NAMES[measure]} (%)")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(prop={"family": _family(font), "size": 8}, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    marks = any(r.get("shift_differs") for r in rows)
    ax.set_title(
        f"Emphasis by {by} (95% intervals)" + ("; * shift from the group before excludes 0" if marks else ""),
        fontsize=10,
    )
    return ax


def plot_shifts(
    docs_or_rows,
    by: str = "document",
    ax=None,
    measure: str = "units",
    documents=None,
    baseline: str | None = None,
    codebook=None,
):
    """The shift of each domain's share between groups, with 95% intervals; differences beyond noise marked.

    Parameters
    ----------
    docs_or_rows, by, measure, documents, baseline, codebook
        As in :func:`plot_compare`.

    A shift whose 95% interval excludes 0 is drawn in full colour and
    marked ``*``; the others are drawn pale.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import textags
    >>> from textags._examples import SENTENCES
    >>> rows = textags.compare([textags.segment("".join(SENTENCES[i : i + 6]), name=n) for i, n in ((0, "a"), (6, "b"))])
    >>> ax = plot_shifts(rows)
    >>> ax.get_xticklabels()[0].get_text(), len(ax.patches)
    ('a → b', 5)
    """
    plt = _pyplot()
    rows, cb = _rows(docs_or_rows, by, documents, baseline, codebook)
    rows = [r for r in rows if r["measure"] == measure and r.get("shift_from") is not None]
    domains = cb.domains
    if not rows:
        raise ValueError("no shifts to draw: give at least two groups (or both parts of a report)")
    groups = list(dict.fromkeys(r["group"] for r in rows))
    cell = {(r["group"], r["domain"]): r for r in rows}
    names, font = _domain_names(cb)
    if ax is None:
        _, ax = plt.subplots(figsize=(min(14.0, max(6.4, 1.2 * len(groups) + 2.5)), 3.8), layout="constrained")
    w = 0.8 / len(domains)
    for j, d in enumerate(domains):
        xs = [k - 0.4 + w * (j + 0.5) for k in range(len(groups))]
        s = [_nan(cell[g, d]["shift"]) for g in groups]
        lo = [_nan(cell[g, d]["shift_low"]) for g in groups]
        hi = [_nan(cell[g, d]["shift_high"]) for g in groups]
        marked = [bool(cell[g, d]["shift_differs"]) for g in groups]
        err = [[a - b for a, b in zip(s, lo)], [b - a for a, b in zip(s, hi)]]
        bars = ax.bar(
            xs, s, w, color=cb.colour(d), yerr=err, capsize=2, error_kw={"lw": 0.8}, label=names[d].replace("\n", " ")
        )
        for bar, m, h in zip(bars, marked, hi):
            bar.set_alpha(1.0 if m else 0.35)
            if m:
                ax.annotate("*", (bar.get_x() + bar.get_width() / 2, h), ha="center", va="bottom", fontsize=11)
    ax.axhline(0, color="#1a1a1a", lw=0.8)
    ticks = [
        f"{_shorten(_group_label(rows, cell[g, domains[0]]['shift_from']), 14)} → {_shorten(_group_label(rows, g), 14)}"
        for g in groups
    ]
    ax.set_xticks(
        range(len(groups)),
        ticks,
        fontfamily=_family(font),
        rotation=30 if len(groups) > 3 else 0,
        ha="right" if len(groups) > 3 else "center",
    )
    ax.set_ylabel(f"shift in {MEASURE_NAMES[measure]} (percentage points)")
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(prop={"family": _family(font), "size": 8}, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_title("Shifts with 95% intervals; * the interval excludes 0", fontsize=10)
    return ax
