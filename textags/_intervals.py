"""Bootstrap intervals of domain shares and of the shifts between them.

A share's 95% interval comes from resampling the units of a document (or
group) with replacement; a shift's from resampling the units of both groups,
each on its own, and taking the difference of their shares.  In each
resample every unit's label is also drawn from its predicted probabilities,
so the interval covers the classifier's own uncertainty as well as the
choice of sentences (``benchmarks/intervals.py`` measures how often the
true shares fall inside).  The seed is fixed, so the same input gives the
same interval.

Examples
--------
>>> import numpy as np
>>> probs = np.array([[0.9, 0.1, 0, 0, 0, 0]] * 20 + [[0, 0, 0.9, 0.1, 0, 0]] * 20)
>>> boot = resampled_shares(probs, np.ones(40), "units", n_boot=200, seed=0)
>>> boot.shape, bool(abs(boot[:, 0].mean() - 0.45) < 0.05)
((200, 5), True)
"""

from __future__ import annotations

import numpy as np

from ._codebook import DEFAULT, Codebook

#: Coverage of the intervals.
LEVEL = 0.95
#: Resamples drawn at a time (bounds memory: a batch holds ``BATCH * units * labels`` numbers).
BATCH = 50


def domain_columns(codebook: Codebook = DEFAULT) -> list[int]:
    """The columns of the domains in a probability matrix of :func:`unit_probs` (the codebook's label order).

    >>> domain_columns()
    [0, 1, 2, 3, 4]
    """
    return [codebook.labels.index(d) for d in codebook.domains]


def unit_probs(units, codebook: Codebook = DEFAULT) -> np.ndarray:
    """The probability of every label (in the codebook's order) of each tagged unit, rows summing to 1.

    A unit whose tag carries no probabilities gets all its weight on its label.
    """
    labels = codebook.labels
    out = np.zeros((len(units), len(labels)))
    for i, u in enumerate(units):
        p = u.tag.probs
        row = [float(p.get(lab, 0.0)) for lab in labels]
        total = sum(row)
        if total > 0:
            out[i] = np.array(row) / total
        elif u.tag.label in labels:
            out[i, labels.index(u.tag.label)] = 1.0
        else:
            raise ValueError(f"the label {u.tag.label!r} is not in the codebook ({', '.join(labels)})")
    return out


def shares_of(weights: np.ndarray) -> np.ndarray:
    """Rows of domain weights (..., domains) as shares; NaN where a row has no weight."""
    total = weights.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weights / np.where(total > 0, total, 1), np.nan)


def point_shares(probs: np.ndarray, lengths: np.ndarray, labels: list[str], codebook: Codebook = DEFAULT) -> dict:
    """The shares of each measure: of the predicted labels (``units``, ``chars``) or of the probabilities."""
    domains = codebook.domains
    onehot = np.zeros((len(labels), len(domains)))
    for i, lab in enumerate(labels):
        if lab in domains:
            onehot[i, domains.index(lab)] = 1.0
    cols = domain_columns(codebook)
    return {
        "units": shares_of(onehot.sum(axis=0)),
        "chars": shares_of((onehot * lengths[:, None]).sum(axis=0)),
        "probs": shares_of(probs[:, cols].sum(axis=0)),
    }


def resampled_shares(
    probs: np.ndarray, lengths: np.ndarray, measure: str, *, n_boot: int = 1000, seed: int = 0, columns=None
) -> np.ndarray:
    """Domain shares (n_boot, domains) of ``n_boot`` resamples of the units.

    Parameters
    ----------
    probs : array (n_units, labels)
        Each unit's label probabilities (see :func:`unit_probs`).
    lengths : array (n_units,)
        Each unit's length in characters (the weight under ``chars``).
    measure : {"units", "chars", "probs"}
        ``units`` and ``chars`` draw each resampled unit's label from its
        probabilities; ``probs`` sums the probabilities themselves.
    n_boot : int
    seed : int
        Seed of the resampling.
    columns : list of int, optional
        The domains' columns of ``probs`` (:func:`domain_columns`); default
        those of the six-label codebook.

    Returns
    -------
    array (n_boot, domains)
        NaN in a resample whose units are all ``other``.
    """
    columns = domain_columns() if columns is None else list(columns)
    rng = np.random.default_rng(seed)
    n = len(probs)
    if n == 0:
        return np.full((n_boot, len(columns)), np.nan)
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    out = np.empty((n_boot, len(columns)))
    for start in range(0, n_boot, BATCH):
        b = min(BATCH, n_boot - start)
        idx = rng.integers(0, n, size=(b, n))
        if measure == "probs":
            w = probs[idx][..., columns].sum(axis=1)
        else:
            draw = (rng.random((b, n))[..., None] > cum[idx]).sum(axis=-1)  # a label per resampled unit
            weight = lengths[idx] if measure == "chars" else np.ones((b, n))
            w = np.zeros((b, probs.shape[1]))
            rows = np.repeat(np.arange(b), n)
            np.add.at(w, (rows, draw.ravel()), weight.ravel())
            w = w[:, columns]
        out[start : start + b] = shares_of(w)
    return out


def percentile_interval(boot: np.ndarray, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """The central ``level`` percentile interval of each column of ``boot``, NaN rows left out."""
    tail = 100 * (1 - level) / 2
    with np.errstate(invalid="ignore"), _quiet():
        lo, hi = np.nanpercentile(boot, [tail, 100 - tail], axis=0)
    return lo, hi


class _quiet:
    """Silence numpy's "All-NaN slice" warning (an all-``other`` group has no interval)."""

    def __enter__(self):
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        self._w.__exit__(*exc)


def differs(low: float | None, high: float | None) -> bool | None:
    """Whether an interval of a difference excludes 0 (None when there is no interval).

    >>> differs(0.01, 0.05), differs(-0.02, 0.03), differs(None, None)
    (True, False, None)
    """
    if low is None or high is None:
        return None
    return bool(low > 0 or high < 0)
