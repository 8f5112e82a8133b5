"""Shifts: how much a domain's share moves from one group to another, with a 95% interval.

A shift is the later group's share minus the earlier one's, in share points
(0.05 is 5 percentage points).  Its interval comes from a bootstrap over the
units of both groups -- each resampled on its own, every unit's label drawn
from its probabilities (:mod:`textags._intervals`) -- and a shift whose
interval excludes 0 is marked as a difference (``shift_differs``).

:func:`textags.compare` adds the shift of each group from the group before
(years ascending, levels from national down, documents in the order given),
or from a ``baseline`` group the user names; with ``by="part"`` the plan's
shift from the review of the same report.

Examples
--------
>>> from textags._document import Tag, Unit
>>> def units(labels):
...     return [Unit(i, 0, 0, "", "body", (), Tag(lab, 1.0, {lab: 1.0})) for i, lab in enumerate(labels)]
>>> s = shift_between(units(["economy"] * 30 + ["party"] * 10), units(["economy"] * 10 + ["party"] * 30), "units")
>>> round(s["shift"]["economy"], 2), s["differs"]["economy"], s["differs"]["safety"]
(-0.5, True, False)
"""

from __future__ import annotations

import numpy as np

from ._codebook import DEFAULT, Codebook, codebook_of

#: The shift columns of a :func:`textags.compare` row, after :data:`textags._emphasis.ROW_COLUMNS`.
SHIFT_COLUMNS = ("shift_from", "shift", "shift_low", "shift_high", "shift_differs")

#: Parts whose shift from the other is shown with ``by="part"``.
SHIFTED_PARTS = ("review", "plan")


def _resampled(units, measure: str, n_boot: int, seed, codebook: Codebook = DEFAULT) -> tuple[np.ndarray, np.ndarray]:
    """The point shares (domains,) and the resampled shares (n_boot, domains) of a group's units."""
    from ._intervals import domain_columns, point_shares, resampled_shares, unit_probs

    probs = unit_probs(units, codebook)
    lengths = np.array([len(u.text) for u in units], dtype=float)
    point = point_shares(probs, lengths, [u.tag.label for u in units], codebook)[measure]
    if not any(u.tag.label in codebook.domains for u in units):
        point = np.full(len(codebook.domains), np.nan)
    columns = domain_columns(codebook)
    return point, resampled_shares(probs, lengths, measure, n_boot=n_boot, seed=seed, columns=columns)


def _shift(a: tuple, b: tuple, domains=DEFAULT.domains) -> dict:
    from ._intervals import differs, percentile_interval

    (pa, ba), (pb, bb) = a, b
    point = pb - pa
    lo, hi = percentile_interval(bb - ba)
    out = {"shift": {}, "low": {}, "high": {}, "differs": {}}
    for j, d in enumerate(domains):
        ok = point[j] == point[j] and lo[j] == lo[j]
        s = float(point[j]) if ok else None
        low = float(min(lo[j], point[j])) if ok else None
        high = float(max(hi[j], point[j])) if ok else None
        out["shift"][d], out["low"][d], out["high"][d] = s, low, high
        out["differs"][d] = differs(low, high)
    return out


def shift_between(
    units_a, units_b, measure: str = "units", *, n_boot: int = 1000, random_state: int = 0, codebook=None
) -> dict:
    """The shift of each domain's share from the units ``units_a`` to ``units_b``.

    ``codebook`` (:func:`textags._codebook.codebook_of`) defaults to the one
    the units' tags name.

    Returns
    -------
    dict
        ``shift``, ``low``, ``high`` (share points, None when either side
        has no unit in the domains) and ``differs`` (whether the 95%
        interval excludes 0), each a dict by domain.
    """
    cb = codebook_of([*units_a, *units_b] if codebook is None else codebook)
    return _shift(
        _resampled(units_a, measure, n_boot, [random_state, 0], cb),
        _resampled(units_b, measure, n_boot, [random_state, 1], cb),
        cb.domains,
    )


def _pairs(groups: dict, by: str, baseline: str | None) -> dict[str, str]:
    """``{group: the group it is compared with}``."""
    names = list(groups)
    if by == "part":
        base = baseline or "review"
        if base not in ("preamble", "review", "plan"):
            raise ValueError(f"with by='part' the baseline is a part (preamble, review or plan), not {baseline!r}")
        out = {}
        for g, (_, _, meta) in groups.items():
            origin = f"{meta['doc']}:{base}"
            if meta["part"] != base and origin in groups and (meta["part"] in SHIFTED_PARTS or baseline):
                out[g] = origin
        return out
    if baseline is not None:
        if baseline not in groups:
            raise ValueError(f"no group {baseline!r} to compare with; the groups are {', '.join(names)}")
        return {g: baseline for g in names if g != baseline}
    return {b: a for a, b in zip(names, names[1:])}


def add_shifts(
    rows: list[dict],
    groups: dict,
    by: str,
    *,
    baseline: str | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
    codebook: Codebook = DEFAULT,
) -> list[dict]:
    """``rows`` of :func:`textags.compare` with the :data:`SHIFT_COLUMNS` filled in (None where no shift)."""
    pairs = _pairs(groups, by, baseline)
    index = {g: k for k, g in enumerate(groups)}
    cache: dict = {}

    def resampled(g: str, measure: str):
        if (g, measure) not in cache:
            cache[g, measure] = _resampled(groups[g][1], measure, n_boot, [random_state, index[g]], codebook)
        return cache[g, measure]

    shifts: dict = {}
    out = []
    for r in rows:
        g, m, d = r["group"], r["measure"], r["domain"]
        extra = dict.fromkeys(SHIFT_COLUMNS)
        if g in pairs:
            if (g, m) not in shifts:
                shifts[g, m] = _shift(resampled(pairs[g], m), resampled(g, m), codebook.domains)
            s = shifts[g, m]
            extra.update(
                shift_from=pairs[g],
                shift=s["shift"][d],
                shift_low=s["low"][d],
                shift_high=s["high"][d],
                shift_differs=s["differs"][d],
            )
        out.append({**r, **extra})
    return out
