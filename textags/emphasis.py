"""Emphasis: how a tagged report's weight is spread over the five domains.

A document's emphasis on a domain is the share of its coded units (headings
and body sentences) in that domain, with ``other`` left out of the
denominator and reported on its own.  Three measures stand side by side:

- ``units``: share of units;
- ``chars``: share of characters (long sentences weigh more);
- ``probs``: share of summed predicted probabilities (uncertain units spread
  their weight).

Each share has a 95% interval from a bootstrap over units (resampling the
document's coded units with replacement, fixed ``random_state``).

Examples
--------
>>> from textags.document import Tag, Unit, Document
>>> units = [Unit(i, i * 2, i * 2 + 1, "句", "body", (), Tag(lab, 0.9, {lab: 0.9})) for i, lab in
...          enumerate(["economy", "economy", "party", "other"])]
>>> e = emphasis(Document("句 " * 4, tuple(units)), n_boot=200)
>>> round(e.shares["units"]["economy"], 4), e.other_units
(0.6667, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .document import Document
from .labels import DOMAINS, LABELS

MEASURES = ("units", "chars", "probs")


@dataclass(frozen=True)
class Emphasis:
    """The emphasis of one document (or one part of it).

    Attributes
    ----------
    name : str
        The document's name (and part, if any).
    shares : dict
        ``shares[measure][domain]``, each measure's shares summing to 1.
    low, high : dict
        Bounds of the 95% bootstrap interval, same shape as ``shares``.
    units : int
        Coded units in the five domains.
    other_units : int
        Units tagged ``other`` (left out of the shares).
    counts : dict
        Units per label, ``other`` included.
    """

    name: str
    shares: dict
    low: dict
    high: dict
    units: int
    other_units: int
    counts: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready dict: ``emphasis`` maps each domain to its unit share."""
        return {
            "doc": self.name,
            "emphasis": dict(self.shares["units"]),
            "low": dict(self.low["units"]),
            "high": dict(self.high["units"]),
            "by_chars": dict(self.shares["chars"]),
            "by_probs": dict(self.shares["probs"]),
            "intervals": {m: {d: [self.low[m][d], self.high[m][d]] for d in DOMAINS} for m in MEASURES},
            "units": self.units,
            "other": self.other_units,
            "counts": dict(self.counts),
            **({"meta": dict(self.meta)} if self.meta else {}),
        }

    def rows(self) -> list[dict]:
        """One flat row per domain and measure, for a table or pandas."""
        out = []
        for m in MEASURES:
            for d in DOMAINS:
                out.append(
                    {
                        "doc": self.name,
                        **self.meta,
                        "measure": m,
                        "domain": d,
                        "share": self.shares[m][d],
                        "low": self.low[m][d],
                        "high": self.high[m][d],
                        "units": self.units,
                        "other": self.other_units,
                    }
                )
        return out


def _weights(units) -> dict[str, np.ndarray]:
    """Per-unit weight of each domain under each measure: arrays (n_units, 5)."""
    n = len(units)
    onehot = np.zeros((n, len(DOMAINS)))
    probs = np.zeros((n, len(DOMAINS)))
    for i, u in enumerate(units):
        if u.tag.label in DOMAINS:
            onehot[i, DOMAINS.index(u.tag.label)] = 1.0
        p = u.tag.probs
        probs[i] = [float(p.get(d, 0.0)) for d in DOMAINS]
    chars = onehot * np.array([len(u.text) for u in units], dtype=float)[:, None]
    return {"units": onehot, "chars": chars, "probs": probs}


def _shares(w: np.ndarray) -> np.ndarray:
    total = w.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.where(total > 0, w / np.where(total > 0, total, 1), 0.0)
    return s


def emphasis(
    doc: Document, *, n_boot: int = 1000, random_state: int = 0, name: str | None = None, units=None
) -> Emphasis:
    """Per-domain shares of a tagged document with 95% bootstrap intervals.

    Parameters
    ----------
    doc : Document
        A tagged document (see :meth:`textags.model.Model.tag`).
    n_boot : int
        Bootstrap resamples for the intervals.
    random_state : int
        Seed of the bootstrap.
    units : sequence of Unit, optional
        A subset of the document's units (a part); default all coded units.

    Raises
    ------
    ValueError
        When the document is not tagged.
    """
    units = [u for u in (units if units is not None else doc.coded_units) if u.coded]
    if any(u.tag is None for u in units):
        raise ValueError(f"{doc.name} is not tagged; tag it first (textags.tag(doc))")
    counts = {lab: sum(1 for u in units if u.tag.label == lab) for lab in LABELS}
    other = counts["other"]
    in_domains = len(units) - other
    shares, low, high = {}, {}, {}
    if not units:
        zero = {d: 0.0 for d in DOMAINS}
        return Emphasis(
            name or doc.name,
            {m: dict(zero) for m in MEASURES},
            {m: dict(zero) for m in MEASURES},
            {m: dict(zero) for m in MEASURES},
            0,
            0,
            counts,
            dict(doc.meta),
        )
    weights = _weights(units)
    rng = np.random.default_rng(random_state)
    idx = rng.integers(0, len(units), size=(n_boot, len(units))) if n_boot else None
    for m in MEASURES:
        w = weights[m]
        point = _shares(w.sum(axis=0))
        shares[m] = {
            d: float(v) for d, v in zip(DOMAINS, point)
        }  # unrounded: they sum to 1 (0 when every unit is other)
        if idx is not None:
            boot = _shares(w[idx].sum(axis=1))
            lo, hi = np.percentile(boot, [2.5, 97.5], axis=0)
            # the percentile interval always contains the point estimate here
            lo, hi = np.minimum(lo, point), np.maximum(hi, point)
        else:
            lo = hi = point
        low[m] = {d: float(v) for d, v in zip(DOMAINS, lo)}
        high[m] = {d: float(v) for d, v in zip(DOMAINS, hi)}
    return Emphasis(name or doc.name, shares, low, high, in_domains, other, counts, dict(doc.meta))


def compare(docs, *, by: str = "document", model=None, n_boot: int = 1000, random_state: int = 0) -> list[dict]:
    """Emphasis rows for several documents, ready for ``pandas.DataFrame``.

    Parameters
    ----------
    docs : iterable of Document, path or text
        Untagged inputs are tagged with ``model`` (default: the shipped one).
    by : {"document", "part", "year", "level"}
        ``part`` splits each document into its review and plan parts;
        ``year`` and ``level`` pool documents by their metadata.

    Returns
    -------
    list of dict
        One row per group, domain and measure: ``group``, ``measure``,
        ``domain``, ``share``, ``low``, ``high``, ``units``, ``other``.
    """
    from .model import tag as tag_doc

    tagged = []
    for d in docs:
        if not (isinstance(d, Document) and d.tagged):
            d = tag_doc(d, model)
        tagged.append(d)
    groups = group_units(tagged, by)
    rows = []
    for group, (first, units, meta) in groups.items():
        e = emphasis(first, units=units, n_boot=n_boot, random_state=random_state, name=group)
        for r in e.rows():
            r = {"group": group, "by": by, **meta, **{k: v for k, v in r.items() if k != "doc"}}
            rows.append(r)
    return rows


def group_units(docs: list[Document], by: str) -> dict:
    """``{group name: (a document, its units, metadata)}`` for :func:`compare`."""
    from .parts import split_parts
    from .provenance import doc_info

    if by not in ("document", "part", "year", "level"):
        raise ValueError(f"by must be document, part, year or level, not {by!r}")
    groups: dict[str, tuple] = {}
    for d in docs:
        info = doc_info(d)
        if by == "document":
            groups[d.name] = (d, list(d.coded_units), {"doc": d.name, **info})
        elif by == "part":
            for part, units in split_parts(d).items():
                if units:
                    groups[f"{d.name}:{part}"] = (
                        d,
                        [u for u in units if u.coded],
                        {"doc": d.name, "part": part, **info},
                    )
        else:
            key = str(info.get(by) or "unknown")
            if key in groups:
                groups[key][1].extend(d.coded_units)
            else:
                groups[key] = (d, list(d.coded_units), {by: key})
    return groups
