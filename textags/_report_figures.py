"""The report's figures: the emphasis and comparison charts (inline SVG) and the tables beside them.

Every figure draws the domains of the emphasis' codebook
(:attr:`textags._emphasis.Emphasis.codebook`): their order, names and colours.

Examples
--------
>>> from textags._document import Document, Tag, Unit
>>> from textags._emphasis import emphasis
>>> doc = Document("税收增长。", (Unit(0, 0, 5, "税收增长。", "body", (), Tag("economy", 0.9, {"economy": 0.9})),))
>>> e = emphasis(doc, n_boot=20, meta={})
>>> emphasis_svg(e).count("<rect"), "100.0%" in emphasis_table(e)
(5, True)
"""

from __future__ import annotations

from collections.abc import Sequence

from ._codebook import DEFAULT
from ._html import esc, ink, pct, plural, share, short


def _axis_max(values) -> float:
    """The smallest multiple of 10% at or above every value (at least 10%)."""
    top = max([0.0, *values])
    return min(1.0, max(0.1, -(-round(top * 1000) // 100) / 10))


def emphasis_svg(e, *, title: str | None = None) -> str:
    """A horizontal bar chart of an emphasis's unit shares with their 95% intervals, as inline SVG."""
    label_w, plot_w, value_w, row_h, top = 150, 190, 60, 28, 24
    width = label_w + plot_w + value_w
    cb = e.codebook
    if not e.measured:  # no unit in the domains: nothing to draw, and no share of 0 either
        return (
            f'<svg class="chart chart-emphasis" role="img" viewBox="0 0 {width} 40" width="{width}" height="40" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{esc(title or f"Emphasis of {e.name}")}</title>'
            f'<text x="8" y="24" font-size="12" fill="#595959">— no units in {cb.domains_phrase()} '
            f"({e.other_units} other)</text></svg>"
        )
    height = top + row_h * len(cb.domains) + 22
    xmax = _axis_max(e.high["units"].values())

    def x(v: float) -> float:
        return round(label_w + plot_w * v / xmax, 1)

    title = title or f"Emphasis of {e.name}"
    desc = "; ".join(
        f"{d} {pct(e.shares['units'][d])} (95% interval {pct(e.low['units'][d])}–{pct(e.high['units'][d])})"
        for d in cb.domains
    )
    out = [
        f'<svg class="chart chart-emphasis" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title><desc>{esc(desc)}</desc>'
    ]
    step = 2 if xmax > 0.5 else 1  # tens of percent between ticks
    for k in range(0, round(xmax * 10) + 1, step):
        v = k / 10
        out.append(
            f'<line x1="{x(v)}" y1="{top - 4}" x2="{x(v)}" y2="{height - 20}" stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{x(v)}" y="{height - 6}" font-size="11" text-anchor="middle" fill="#595959">{k * 10}%</text>'
        )
    out.append(f'<text x="{label_w}" y="13" font-size="11" fill="#595959">share of units · 95% interval (line)</text>')
    for i, d in enumerate(cb.domains):
        y = top + i * row_h
        s, lo, hi = e.shares["units"][d], e.low["units"][d], e.high["units"][d]
        n = e.counts.get(d, 0)
        mid = y + row_h / 2
        out.append(
            f"<g><title>{esc(d)} {esc(cb.name(d))}: {pct(s)} of {plural(e.units, 'unit')} ({n}), "
            f"95% interval {pct(lo)}–{pct(hi)}</title>"
            f'<text x="{label_w - 8}" y="{mid + 4}" font-size="12" text-anchor="end">{esc(d)} '
            f'<tspan fill="#595959">{esc(cb.name(d))}</tspan></text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{max(0.0, x(s) - label_w)}" height="{row_h - 10}" '
            f'fill="{cb.colour(d)}"/>'
            f'<line x1="{x(lo)}" y1="{mid}" x2="{x(hi)}" y2="{mid}" stroke="#000" stroke-width="1.5"/>'
            f'<line x1="{x(lo)}" y1="{mid - 5}" x2="{x(lo)}" y2="{mid + 5}" stroke="#000" stroke-width="1.5"/>'
            f'<line x1="{x(hi)}" y1="{mid - 5}" x2="{x(hi)}" y2="{mid + 5}" stroke="#000" stroke-width="1.5"/>'
            f'<text x="{label_w + plot_w + 8}" y="{mid + 4}" font-size="12">{pct(s)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def compare_svg(emphases: Sequence, *, title: str = "Emphasis compared") -> str:
    """One 100%-stacked bar per emphasis (document or part), segments in the domains' colours."""
    label_w, plot_w, row_h, top = 300, 520, 30, 8
    width = label_w + plot_w + 24
    height = top + row_h * len(emphases) + 26
    cb = emphases[0].codebook if emphases else DEFAULT
    out = [
        f'<svg class="chart chart-compare" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>'
    ]
    for i, e in enumerate(emphases):
        y = top + i * row_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4}" font-size="12" text-anchor="end">'
            f"<title>{esc(e.name)}</title>{esc(short(e.name))}</text>"
        )
        if not e.measured:
            out.append(
                f'<text x="{label_w + 4}" y="{y + row_h / 2 + 4}" font-size="11" fill="#595959">'
                f"no units in {cb.domains_phrase()} ({e.other_units} other)</text>"
            )
        x0 = 0.0
        for d in cb.domains:
            s = e.shares["units"][d]
            if not s:  # 0, or None when unmeasured
                continue
            w = plot_w * s
            out.append(
                f"<g><title>{esc(e.name)}: {esc(d)} {pct(s)} (95% interval "
                f"{pct(e.low['units'][d])}–{pct(e.high['units'][d])})</title>"
                f'<rect x="{round(label_w + x0, 1)}" y="{y + 4}" width="{round(w, 1)}" height="{row_h - 8}" '
                f'fill="{cb.colour(d)}" stroke="#fff" stroke-width="1"/>'
            )
            if s >= 0.06:
                out.append(
                    f'<text x="{round(label_w + x0 + w / 2, 1)}" y="{y + row_h / 2 + 4}" font-size="11" '
                    f'text-anchor="middle" fill="{ink(cb.colour(d))}">{round(100 * s)}%</text>'
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


def emphasis_table(e) -> str:
    cb = e.codebook
    rows = "".join(
        f"<tr><td>{esc(d)} {esc(cb.name(d))}</td><td>{share(e.shares['units'][d])}</td>"
        f"<td>{interval(e, d)}</td><td>{e.counts.get(d, 0)}</td></tr>"
        for d in cb.domains
    )
    return (
        '<table class="emphasis"><thead><tr><th>domain</th><th>share</th><th>95% interval</th><th>units</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def compare_table(emphases: Sequence) -> str:
    cb = emphases[0].codebook if emphases else DEFAULT
    head = "".join(f"<th>{esc(d)}</th>" for d in cb.domains)
    body = []
    for e in emphases:
        cells = "".join(
            f"<td>{share(e.shares['units'][d])} <small>[{pct(e.low['units'][d], 0)}–"
            f"{pct(e.high['units'][d], 0)}]</small></td>"
            if e.measured
            else "<td>—</td>"
            for d in cb.domains
        )
        body.append(f"<tr><td>{esc(e.name)}</td>{cells}<td>{e.units}</td><td>{e.other_units}</td></tr>")
    return (
        f'<table class="compare"><thead><tr><th>document</th>{head}<th>units</th><th>other</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def interval(e, d: str) -> str:
    return "—" if e.shares["units"][d] is None else f"{pct(e.low['units'][d])}–{pct(e.high['units'][d])}"


def shift_table(review, plan, shift: dict) -> str:
    """The review → plan shift of each domain with its 95% interval (see :func:`textags._shift.shift_between`)."""
    from ._emphasis_table import points

    cb = review.codebook
    rows = []
    for d in cb.domains:
        s, lo, hi, apart = shift["shift"][d], shift["low"][d], shift["high"][d], shift["differs"][d]
        cell = "—" if s is None else f"{points(s)} pp"
        interval = "—" if s is None else f"{points(lo)} to {points(hi)}"
        rows.append(
            f'<tr class="{"differs" if apart else "same"}"><td>{esc(d)} {esc(cb.name(d))}</td>'
            f"<td>{share(review.shares['units'][d])}</td><td>{share(plan.shares['units'][d])}</td>"
            f"<td>{cell}{' *' if apart else ''}</td><td>{interval}</td></tr>"
        )
    return (
        '<table class="shift"><thead><tr><th>domain</th><th>review</th><th>plan</th><th>shift</th>'
        f"<th>95% interval</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">pp: percentage points, plan minus review; the interval comes from a bootstrap over the '
        "units of both parts; * the interval excludes 0 (a difference beyond resampling noise).</p>"
    )
