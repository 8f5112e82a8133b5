"""Emphasis and shift rows laid out as the text tables of ``summarize`` and ``compare``.

Both commands print one table of shares with the same columns in the same
order -- the group (or document), the domains (in the codebook's order),
then the counts ``n_units`` (units in the domains) and ``n_other`` -- and
``compare`` a second table of shifts.  A share that was not measured (no
unit in the domains) is ``—``, never 0; a shift whose 95% interval excludes 0 ends in
``*``.

Examples
--------
>>> share_cell(0.25, 0.2, 0.31), share_cell(None, None, None)
('25.0% [20.0%–31.0%]', '—')
>>> shift_cell(0.052, 0.01, 0.09, True), shift_cell(-0.0001, -0.02, 0.02, False), shift_cell(None, None, None, None)
('+5.2 pp [+1.0, +9.0] *', '+0.0 pp [-2.0, +2.0]', '—')
"""

from __future__ import annotations

from ._codebook import DEFAULT

#: What stands for a share or shift that was not measured.
MISSING = "—"


def share_cell(share, low, high) -> str:
    """A share with its 95% interval, in percent; ``—`` when not measured."""
    if share is None:
        return MISSING
    return f"{share:.1%} [{low:.1%}–{high:.1%}]"


def points(x: float) -> str:
    """Share points as signed percentage points with one decimal, never ``-0.0``.

    >>> points(-0.00004), points(0.0123)
    ('+0.0', '+1.2')
    """
    v = round(100 * x, 1)
    return f"{v + 0.0:+.1f}" if v != 0 else "+0.0"


def shift_cell(shift, low, high, differs) -> str:
    """A shift in percentage points with its 95% interval; ``*`` when the interval excludes 0."""
    if shift is None:
        return MISSING
    return f"{points(shift)} pp [{points(low)}, {points(high)}]{' *' if differs else ''}"


def share_table(rows: list[dict], measure: str = "units", key: str = "group") -> list[dict]:
    """One row per group (``key``): each domain's share and interval, then ``n_units`` and ``n_other``.

    The domains are those the rows name, in their order (the five of the default codebook when they
    are among them, ``—`` for a domain no row gives).
    """
    out: dict[str, dict] = {}
    domains: dict = {}
    for r in rows:
        if r["measure"] != measure:
            continue
        domains[r["domain"]] = None
        row = out.setdefault(r[key], {key: r[key]})
        row[r["domain"]] = share_cell(r["share"], r["low"], r["high"])
        row["n_units"], row["n_other"] = r["n_units"], r["n_other"]
    if set(domains) <= set(DEFAULT.domains):  # the default codebook's: all five columns, in its order
        domains = dict.fromkeys(DEFAULT.domains)
    return [{key: row[key], **{d: row.get(d, MISSING) for d in domains}, **_counts(row)} for row in out.values()]


def _counts(row: dict) -> dict:
    return {"n_units": row.get("n_units"), "n_other": row.get("n_other")}


def shift_table(rows: list[dict], measure: str = "units") -> list[dict]:
    """One row per shifted group and domain: ``group``, ``from``, ``domain``, the shift in percentage
    points, its 95% interval, and ``*`` when the interval excludes 0 (a long table, so it fits 80 columns).

    >>> rows = [{"group": "2025", "measure": "units", "domain": "economy", "shift_from": "2024",
    ...          "shift": 0.052, "shift_low": 0.01, "shift_high": 0.09, "shift_differs": True}]
    >>> shift_table(rows)
    [{'group': '2025', 'from': '2024', 'domain': 'economy', 'shift_pp': '+5.2', 'interval_pp': '[+1.0, +9.0]', 'differs': '*'}]
    """
    out = []
    for r in rows:
        if r["measure"] != measure or r.get("shift_from") is None:
            continue
        measured = r["shift"] is not None
        out.append(
            {
                "group": r["group"],
                "from": r["shift_from"],
                "domain": r["domain"],
                "shift_pp": points(r["shift"]) if measured else MISSING,
                "interval_pp": f"[{points(r['shift_low'])}, {points(r['shift_high'])}]" if measured else MISSING,
                "differs": "*" if r["shift_differs"] else "",
            }
        )
    return out


def summary_rows(results, measure: str = "units") -> list[dict]:
    """The ``summarize`` table of :class:`~textags._emphasis.Emphasis` results (same columns as ``compare``'s)."""
    rows = []
    for e in results:
        row = {"doc": e.name}
        for d in e.domains:
            row[d] = share_cell(e.shares[measure][d], e.low[measure][d], e.high[measure][d])
        row["n_units"], row["n_other"] = e.units, e.other_units
        rows.append(row)
    return rows
