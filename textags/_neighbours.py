"""Neighbour context: a unit's probabilities mixed with those of the units around it.

A report moves from topic to topic in runs of sentences: a sentence on
"网格化管理" usually sits among other governance sentences, a closing "各位代表"
among other formalities.  The model scores every heading and body unit on
its own text; this module then mixes each unit's probabilities with the
weighted mean of its neighbours' (the units one and two places away, in
reading order, within the same document):

    p'(i) = (1 - w) p(i) + w * sum_k a_k (p(i-k) + p(i+k)) / sum of the a_k present

with ``w = neighbour_weight`` and ``a = neighbours`` (``(1.0, 0.5)`` in the
default model).  The mix of probability vectors is again a probability
vector.  Units at the ends of a document have fewer neighbours and are
averaged over those they have.  The weights were chosen by
leave-one-document-out cross-validation on the selection documents
(``benchmarks/select_model.py``), like every other parameter.

A unit sure of itself can defer less to its neighbours: with ``confident =
t < 1`` a unit whose own largest probability ``m`` exceeds ``t`` gets the
neighbours' share

    w(i) = w * (1 - m) / (1 - t)        (m > t; w itself for m <= t)

shrinking linearly to nothing as ``m`` reaches 1, so that a clear sentence
("开展消防安全隐患排查") is not pulled to the topic of the sentences around it,
while a vague one ("扩大志愿服务队伍。") still reads with them.  ``t = 1`` (the
default of :func:`mix`) leaves every unit's share at ``w``.  The cost is one
maximum per unit.

Positions, not list places, define who is a neighbour: units at positions
``i - 1`` and ``i + 1`` are one place away.  A document's units are given
their places in reading order; labelled rows whose document is not at hand
are given their ``index``, so that rows sampled far apart are not mixed.

Examples
--------
>>> import numpy as np
>>> p = np.array([[0.9, 0.1], [0.4, 0.6], [0.8, 0.2]])
>>> mix(p, weights=(1.0,), weight=0.5).round(3).tolist()
[[0.65, 0.35], [0.625, 0.375], [0.6, 0.4]]
>>> mix(p, positions=[0, 1, 5], weights=(1.0,), weight=0.5).round(3).tolist()  # the third is far away
[[0.65, 0.35], [0.65, 0.35], [0.8, 0.2]]

The middle unit, 0.95 sure on its own, keeps its label when it defers:

>>> p = np.array([[0.1, 0.9], [0.95, 0.05], [0.1, 0.9]])
>>> mix(p, weights=(1.0,), weight=0.5)[1].round(3).tolist()
[0.525, 0.475]
>>> mix(p, weights=(1.0,), weight=0.5, confident=0.75)[1].round(3).tolist()
[0.865, 0.135]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def mix(
    probs: np.ndarray,
    positions: Sequence[int] | None = None,
    *,
    weights: Sequence[float] = (1.0, 0.5),
    weight: float = 0.5,
    confident: float = 1.0,
) -> np.ndarray:
    """Each row of ``probs`` mixed with its neighbours' rows (see the module docstring).

    Parameters
    ----------
    probs : array (n_units, n_labels)
        One document's probabilities, rows in reading order.
    positions : sequence of int, optional
        Each row's place in the document (default ``0 .. n-1``); strictly increasing.
    weights : sequence of float
        ``weights[k-1]`` is the weight of the units ``k`` places away.
    weight : float
        The share ``w`` of the neighbours in the result, between 0 and 1.
    confident : float
        The own largest probability ``t`` above which a unit's neighbours'
        share shrinks, linearly to 0 at certainty; 1 (default) never shrinks it.

    Returns
    -------
    array like ``probs``; rows without neighbours are returned unchanged.
    """
    probs = np.asarray(probs, dtype=np.float64)
    n = len(probs)
    if n < 2 or weight == 0 or not len(weights):
        return probs.copy()
    if not 0 <= weight <= 1:
        raise ValueError("the neighbour weight must lie between 0 and 1")
    if not 0 <= confident <= 1:
        raise ValueError("the confidence threshold must lie between 0 and 1")
    pos = np.arange(n) if positions is None else np.asarray(positions, dtype=np.int64)
    if len(pos) != n or np.any(np.diff(pos) <= 0):
        raise ValueError("positions must be strictly increasing, one per row")
    total = np.zeros_like(probs)
    mass = np.zeros(n)
    for k, a in enumerate(weights, start=1):
        if a == 0:
            continue
        # rows j > i with pos[j] == pos[i] + k: one searchsorted finds them all
        j = np.searchsorted(pos, pos + k)
        ok = j < n
        ok[ok] = pos[j[ok]] == pos[ok] + k
        i, j = np.nonzero(ok)[0], j[ok]
        total[i] += a * probs[j]  # the unit after
        total[j] += a * probs[i]  # the unit before
        mass[i] += a
        mass[j] += a
    has = mass > 0
    out = probs.copy()
    share = np.full(n, float(weight))
    if confident < 1:
        top = probs.max(axis=1)
        sure = top > confident
        share[sure] *= (1 - top[sure]) / (1 - confident)
    w = share[has, None]
    out[has] = (1 - w) * probs[has] + w * total[has] / mass[has, None]
    return out
