"""Settling one document's probabilities: the codebook rules, the neighbour mix and the label of each unit alone.

The model scores every unit on its own.  What follows is one step, the
same whether a document is tagged (:meth:`textags._trained.Model.tag_texts`),
cross-validated (:func:`textags._evaluation.cross_val_proba`) or evaluated
(:func:`textags._evaluation.evaluate_model`): :func:`postprocess`.

1. The codebook rules (:mod:`textags._rules`) name the units whose form
   settles their label: they get ``other`` with probability 1.  They apply
   only when the model's parameters ask for them (``rules``), the caller
   does not switch them off, and ``other`` is one of the model's labels --
   decided here and nowhere else.
2. The other units are mixed with their neighbours
   (:func:`textags._neighbours.mix`, weights from the parameters) when the
   parameters give the neighbours a share and the caller asks for it; a
   unit a rule settled is left out of its neighbours' context.

The probabilities after step 1 are kept as ``alone``: the label each unit
gets on its own (``Tag.alone``), from the same scoring.

Examples
--------
>>> import numpy as np
>>> p = np.array([[0.9, 0.1], [0.8, 0.2], [0.2, 0.8]])
>>> s = postprocess(p, ["税收增长。", "（由王主任牵头实施）", "好。"], ["economy", "other"],
...                 {"rules": True, "neighbour_weight": 0.5, "neighbours": (1.0, 0.5)})
>>> s.probs.round(3).tolist(), s.rules  # the first and last read each other, not the note between them
([[0.55, 0.45], [0.0, 1.0], [0.55, 0.45]], [None, 'responsibility-note', None])
>>> s.alone.tolist()
[[0.9, 0.1], [0.0, 1.0], [0.2, 0.8]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._neighbours import mix
from ._rules import rule_of


@dataclass(frozen=True)
class Settled:
    """A document's settled probabilities, its probabilities before the neighbour mix, and the rule of each unit.

    ``alone`` is ``probs`` itself when no neighbours were mixed (``mixed`` false).
    """

    probs: np.ndarray
    alone: np.ndarray
    rules: list
    mixed: bool


def rules_apply(params: dict, labels: Sequence[str], rules: bool = True) -> bool:
    """Whether the codebook rules settle units: the parameters ask for them, ``rules``, and ``other`` is a label."""
    return bool(rules and params.get("rules") and "other" in labels)


def mix_neighbours(probs: np.ndarray, params: dict, positions: Sequence[int] | None = None) -> np.ndarray:
    """Rows of one document mixed with their neighbours' as the parameters say (:func:`textags._neighbours.mix`)."""
    return mix(
        probs,
        positions,
        weights=tuple(params.get("neighbours") or ()),
        weight=float(params.get("neighbour_weight") or 0.0),
        confident=float(params.get("neighbour_confident", 1.0)),  # older models: never defer
    )


def postprocess(
    probs: np.ndarray,
    texts: Sequence[str],
    labels: Sequence[str],
    params: dict,
    positions: Sequence[int] | None = None,
    *,
    neighbours: bool = True,
    rules: bool = True,
) -> Settled:
    """One document's probabilities after the codebook rules and the neighbour mix (see the module's notes).

    Parameters
    ----------
    probs : array (n_units, n_labels)
        The model's probabilities of each unit alone, rows in reading order.
    texts : sequence of str
        The units' own texts (without their heading).
    labels : sequence of str
        The label of each column.
    params : dict
        The model's parameters (``rules``, ``neighbours``, ``neighbour_weight``,
        ``neighbour_confident``).
    positions : sequence of int, optional
        Each row's place in the document (default ``0 .. n-1``).
    neighbours, rules : bool
        False leaves that part out, whatever the parameters say.
    """
    probs = np.asarray(probs, dtype=np.float64)
    pos = np.arange(len(probs)) if positions is None else np.asarray(positions, dtype=np.int64)
    mixed = bool(neighbours and float(params.get("neighbour_weight") or 0.0) > 0)
    hits: list = [None] * len(probs)
    alone = probs.copy()
    ruled = np.zeros(len(probs), dtype=bool)
    if rules_apply(params, labels, rules):
        hits = [rule_of(t) for t in texts]
        ruled = np.fromiter((h is not None for h in hits), dtype=bool, count=len(hits))
        if ruled.any():
            alone[ruled] = 0.0
            alone[ruled, list(labels).index("other")] = 1.0
    if not mixed:
        return Settled(alone, alone, hits, False)
    out = alone.copy()
    free = ~ruled
    out[free] = mix_neighbours(probs[free], params, pos[free])
    return Settled(out, alone, hits, True)
