"""Codebook rules: units whose form alone settles their label, whatever the model says.

The codebook (``docs/codebook.md``, section 5, "Decisions on hard cases")
codes these kinds of unit as ``other`` by their form, not their words:

- a **responsibility note** -- a whole unit that only says who leads the
  work above it, ``（由林必德副主任牵头实施）``;
- a **list marker standing alone** -- ``第一，`` or ``三是`` split off as a
  unit of its own;
- a unit **without words** -- only punctuation or symbols (``……``, ``——。``,
  ``★``), no letter, digit or Chinese character: it names no domain.

A model cannot learn them from their words: a note names officials, not a
domain, and appears in few reports (all 17 labelled ones come from one
street work plan, so leave-one-document-out never trains on any), and the
neighbour context pulls it towards the section it closes.  So when a
model's parameters include ``rules`` (the default model's do), a unit that
one of these rules names gets ``other`` with probability 1, keeps that
label whatever its neighbours, and is left out of its neighbours' context.
Its :class:`~textags.document.Tag` names the rule.  Every labelled unit
these rules name is labelled ``other`` (``tests/test_rules.py``).

Examples
--------
>>> rule_of("（由林必德副主任牵头实施）")
'responsibility-note'
>>> rule_of("第一，") , rule_of("三是"), rule_of("……。")
('list-marker', 'list-marker', 'no-words')
>>> rule_of("（由街道牵头）推进垃圾分类。") is None  # more than a note: the model decides
True
>>> rule_of("（由区公安分局负责打击电信网络诈骗犯罪）") is None  # a sentence in brackets, not a note
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

#: The rules, in the order they are tried: name, pattern of the whole (stripped) unit.
RULES: tuple[tuple[str, re.Pattern], ...] = (
    (
        "responsibility-note",
        re.compile(r"[（(]由[^（）()]{1,60}?(?:牵头|负责)(?:组织)?(?:实施|落实|推进|完成)?[)）][。；;，,]?"),
    ),
    (
        "list-marker",
        re.compile(
            r"(?:第[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十])[，,、：:。]?"
        ),
    ),
    ("no-words", re.compile(r"[\W_]+")),
)


def rule_of(text: str) -> str | None:
    """The name of the rule that settles ``text``'s label, or None when the model decides."""
    text = text.strip()
    for name, pattern in RULES:
        if pattern.fullmatch(text):
            return name
    return None


def settle(
    probs: np.ndarray,
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    mix: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    positions: Sequence[int] | None = None,
    apply: bool = True,
) -> tuple[np.ndarray, list[str | None]]:
    """One document's probabilities with the rules applied (and, given ``mix``, the neighbour context).

    Parameters
    ----------
    probs : array (n_units, n_labels)
        The model's probabilities of each unit alone, rows in reading order.
    texts : sequence of str
        The units' texts.
    labels : sequence of str
        The label of each column; must include ``"other"``.
    mix : callable, optional
        ``mix(probs, positions)`` mixes rows with their neighbours'
        (:meth:`textags.model.Scorer.mix`); it is given only the units no rule names.
    positions : sequence of int, optional
        Each row's place in the document (default ``0 .. n-1``).
    apply : bool
        False mixes every unit and settles none (a model without the rules,
        or ``--no-rules``); so do labels without ``"other"``.

    Returns
    -------
    (array like ``probs``, list of the rule name or None per unit)

    >>> p = np.array([[0.9, 0.1], [0.8, 0.2]])
    >>> out, hits = settle(p, ["税收增长。", "（由王主任牵头实施）"], ["economy", "other"])
    >>> out.tolist(), hits
    ([[0.9, 0.1], [0.0, 1.0]], [None, 'responsibility-note'])
    """
    probs = np.asarray(probs, dtype=np.float64)
    pos = np.arange(len(probs)) if positions is None else np.asarray(positions, dtype=np.int64)
    if not apply or "other" not in labels:
        return (probs.copy() if mix is None else mix(probs, pos)), [None] * len(probs)
    hits = [rule_of(t) for t in texts]
    ruled = np.fromiter((h is not None for h in hits), dtype=bool, count=len(hits))
    out = probs.copy()
    if mix is not None:
        free = ~ruled
        out[free] = mix(probs[free], pos[free])
    if ruled.any():
        out[ruled] = 0.0
        out[ruled, list(labels).index("other")] = 1.0
    return out, hits
