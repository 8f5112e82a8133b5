"""Emphasis: how a tagged report's weight is spread over the policy domains.

A document's emphasis on a domain is the share of its coded units (headings
and body sentences) in that domain, with ``other`` left out of the
denominator and reported on its own.  The domains are those of the
codebook of the model that tagged it (:mod:`textags._codebook`; the five of
the default codebook).  Three measures stand side by side:

- ``units``: share of units;
- ``chars``: share of characters (long sentences weigh more);
- ``probs``: share of summed predicted probabilities (uncertain units spread
  their weight).

Each share has a 95% interval from a bootstrap over units (resampling the
document's coded units with replacement and drawing each one's label from
its probabilities, fixed ``random_state``; see :mod:`textags._intervals`).
A document or part with no unit in the domains has no share: ``None``
(``null`` in JSON, ``—`` in tables), never 0.

Examples
--------
>>> from textags._document import Tag, Unit, Document
>>> units = [Unit(i, i * 2, i * 2 + 1, "句", "body", (), Tag(lab, 0.9, {lab: 0.9})) for i, lab in
...          enumerate(["economy", "economy", "party", "other"])]
>>> e = emphasis(Document("句 " * 4, tuple(units)), n_boot=200)
>>> round(e.shares["units"]["economy"], 4), e.other_units
(0.6667, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ._codebook import DEFAULT, Codebook, codebook_for, codebook_of

if TYPE_CHECKING:  # only named in annotations: the data model does not import this module back
    from ._document import Document

MEASURES = ("units", "chars", "probs")

#: The columns of an emphasis row after the columns that name its document or group, in this order
#: everywhere (``summarize`` and ``compare``; JSON, CSV and tables).
ROW_COLUMNS = ("measure", "domain", "share", "low", "high", "n_domain", "n_units", "n_other")


@dataclass(frozen=True)
class Emphasis:
    """The emphasis of one document (or one part of it).

    Attributes
    ----------
    name : str
        The document's name (and part, if any).
    shares : dict
        ``shares[measure][domain]``, each measure's shares summing to 1;
        None when no unit is in the domains.
    low, high : dict
        Bounds of the 95% bootstrap interval, same shape as ``shares``.
    units : int
        Coded units in the domains.
    other_units : int
        Units tagged ``other`` (left out of the shares).
    counts : dict
        Units per label, ``other`` included.
    meta : dict
        What is known about the document (:func:`textags._metadata.describe`).
    codebook : Codebook
        The label set: the domains' order, names and colours.
    """

    name: str
    shares: dict
    low: dict
    high: dict
    units: int
    other_units: int
    counts: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    codebook: Codebook = field(default=DEFAULT, repr=False, compare=False)

    @property
    def domains(self) -> tuple:
        """The domains, in the codebook's order."""
        return self.codebook.domains

    @property
    def measured(self) -> bool:
        """Whether there is a share to show: at least one unit in the domains."""
        return self.units > 0

    def to_dict(self) -> dict:
        """A JSON-ready dict: ``emphasis`` maps each domain to its unit share (None when unmeasured)."""
        return {
            "doc": self.name,
            "emphasis": dict(self.shares["units"]),
            "low": dict(self.low["units"]),
            "high": dict(self.high["units"]),
            "by_chars": dict(self.shares["chars"]),
            "by_probs": dict(self.shares["probs"]),
            "intervals": {m: {d: [self.low[m][d], self.high[m][d]] for d in self.domains} for m in MEASURES},
            "n_units": self.units,
            "n_other": self.other_units,
            "counts": dict(self.counts),
            **({"meta": dict(self.meta)} if self.meta else {}),
        }

    def rows(self, measures=MEASURES) -> list[dict]:
        """One flat row per measure and domain (:data:`ROW_COLUMNS` after ``doc`` and the metadata)."""
        out = []
        for m in measures:
            for d in self.domains:
                out.append(
                    {
                        "doc": self.name,
                        **self.meta,
                        "measure": m,
                        "domain": d,
                        "share": self.shares[m][d],
                        "low": self.low[m][d],
                        "high": self.high[m][d],
                        "n_domain": self.counts.get(d, 0),
                        "n_units": self.units,
                        "n_other": self.other_units,
                    }
                )
        return out


def _values(a, domains) -> dict:
    return {d: (None if v != v else float(v)) for d, v in zip(domains, a)}


def emphasis(
    doc: Document,
    *,
    n_boot: int = 1000,
    random_state: int = 0,
    name: str | None = None,
    units=None,
    meta: dict | None = None,
    codebook=None,
) -> Emphasis:
    """Per-domain shares of a tagged document with 95% bootstrap intervals.

    Parameters
    ----------
    doc : Document
        A tagged document (see :meth:`textags._model.Model.tag`).
    n_boot : int
        Bootstrap resamples for the intervals.
    random_state : int
        Seed of the bootstrap.
    units : sequence of Unit, optional
        A subset of the document's units (a part); default all coded units.
    meta : dict, optional
        What is known about the document; default :func:`textags._metadata.describe`.
    codebook : Codebook, model or card, optional
        The label set (:func:`textags._codebook.codebook_of`); default the
        one the document's tags name.

    Raises
    ------
    ValueError
        When the document is not tagged.
    """
    from ._intervals import domain_columns, percentile_interval, point_shares, resampled_shares, unit_probs

    units = [u for u in (units if units is not None else doc.coded_units) if u.coded]
    if any(u.tag is None for u in units):
        raise ValueError(f"{doc.name} is not tagged; tag it first (textags.tag(doc))")
    cb = codebook_of(doc if codebook is None else codebook)
    if meta is None:
        from ._metadata import describe

        meta = describe(doc)
    counts = {lab: sum(1 for u in units if u.tag.label == lab) for lab in cb.labels}
    other = counts.get(cb.other, 0) if cb.other else 0
    in_domains = len(units) - other
    probs = unit_probs(units, cb)
    lengths = np.array([len(u.text) for u in units], dtype=float)
    point = point_shares(probs, lengths, [u.tag.label for u in units], cb)
    columns, domains = domain_columns(cb), cb.domains
    shares, low, high = {}, {}, {}
    for m in MEASURES:
        p = point[m] if in_domains else np.full(len(domains), np.nan)  # no unit in a domain: no share
        if n_boot and in_domains:
            boot = resampled_shares(probs, lengths, m, n_boot=n_boot, seed=random_state, columns=columns)
            lo, hi = percentile_interval(boot)
            # the percentile interval always contains the point estimate here
            lo, hi = np.fmin(lo, p), np.fmax(hi, p)
        else:
            lo = hi = p
        shares[m], low[m], high[m] = _values(p, domains), _values(lo, domains), _values(hi, domains)
    return Emphasis(name or doc.name, shares, low, high, in_domains, other, counts, dict(meta), cb)


def compare_tagged(docs, by: str, model, n_boot: int, random_state: int, documents, baseline: str | None) -> list[dict]:
    """The rows of :func:`textags.compare` for documents already tagged (the parameters as there, in its order)."""
    from ._metadata import as_table
    from ._shift import add_shifts

    tagged = list(docs)
    for d in tagged:
        if not getattr(d, "tagged", False):
            raise ValueError(f"{getattr(d, 'name', d)} is not tagged; tag it first (textags.tag(doc))")
    table = as_table(documents)
    cb = codebook_for(model, tagged)
    groups = group_units(tagged, by, table)
    rows = []
    for group, (first, units, meta) in groups.items():
        e = emphasis(first, units=units, n_boot=n_boot, random_state=random_state, name=group, meta={}, codebook=cb)
        for r in e.rows():
            rows.append({"group": group, "by": by, **meta, **{k: v for k, v in r.items() if k != "doc"}})
    return add_shifts(rows, groups, by, baseline=baseline, n_boot=n_boot, random_state=random_state, codebook=cb)


def group_units(docs: list[Document], by: str, documents=None) -> dict:
    """``{group name: (a document, its coded units, metadata)}`` for :func:`compare`, groups in order."""
    from ._metadata import as_table, describe, sort_key
    from ._parts import split_parts

    table = as_table(documents)
    infos = [describe(d, table) for d in docs]
    known = set(infos[0]) if infos else set()
    if by not in ("document", "part") and by not in known:
        raise ValueError(
            f"by must be document, part or one of {', '.join(sorted(known))}"
            + (" (columns of the documents table included)" if table is not None else "")
            + f", not {by!r}"
        )
    groups: dict[str, tuple] = {}
    for d, info in zip(docs, infos):
        if by == "document":
            groups[d.name] = (d, list(d.coded_units), {"doc": d.name, **info})
        elif by == "part":
            parts = split_parts(d)
            for part in ("preamble", "review", "plan"):
                units = [u for u in parts[part] if u.coded]
                if units or part != "preamble":  # an empty review or plan is shown, as unmeasured
                    groups[f"{d.name}:{part}"] = (d, units, {"doc": d.name, "part": part, **info})
        else:
            key = str(info.get(by) or "unknown")
            if key in groups:
                groups[key][1].extend(d.coded_units)
            else:
                groups[key] = (d, list(d.coded_units), {by: key})
    if by not in ("document", "part"):
        groups = dict(sorted(groups.items(), key=lambda kv: sort_key(by, kv[0])))
    return groups
