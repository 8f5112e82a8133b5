"""The numpy scorer: a trained model's arrays evaluated with numpy alone, giving the pipeline's probabilities.

A trained :class:`~textags._tagger.Tagger` pipeline is turned into plain
arrays -- the vocabularies, idf weights, coefficients -- that a
:class:`Scorer` evaluates with numpy alone: tagging needs neither
scikit-learn nor a pickle.

Examples
--------
>>> from textags._examples import SENTENCE_LABELS, SENTENCES
>>> from textags._tagger import Tagger
>>> scorer = Tagger(word_ngrams=None, min_df=1).fit(SENTENCES, SENTENCE_LABELS).to_scorer()
>>> scorer.labels[scorer.predict_proba(["新增就业岗位300个。"]).argmax()]
'livelihood'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from . import _tokenize as tokenize
from ._features import HEADING_MARK, HEADING_PREFIX, WORD_PREFIX, FeatureSpec
from ._ngrams import CharIndex, WordIndex
from ._records import rounded


@dataclass(frozen=True)
class Block:
    """One feature block: its terms (in column order), idf weights and block weight."""

    name: str
    terms: np.ndarray
    idf: np.ndarray
    weight: float


@dataclass(frozen=True)
class Features:
    """The feature vectors of a batch of model inputs, as flat sorted arrays.

    ``unit``, ``col`` and ``val`` list every non-zero feature; ``bounds[i]:bounds[i+1]``
    is the slice of input ``i``.
    """

    unit: np.ndarray
    col: np.ndarray
    val: np.ndarray
    bounds: np.ndarray


def _distinct(keys: np.ndarray, inverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct keys and how often each occurs (or, with ``inverse``, where each key went).

    ``np.unique(keys, return_counts=True)`` (or ``return_inverse=True``), by
    one sort (numpy's default, vectorised: equal keys need no stable order),
    of 32-bit keys when they fit (``benchmarks/breakdown.py`` times the
    stages that use it).

    >>> _distinct(np.array([5, 3, 5, 9]))
    (array([3, 5, 9]), array([1, 2, 1]))
    >>> _distinct(np.array([5, 3, 5, 9]), inverse=True)[1]
    array([1, 0, 1, 2])
    """
    if inverse:
        small = len(keys) and 0 <= keys.min() and keys.max() < 1 << 32
        order = np.argsort(keys.astype(np.uint32) if small else keys)  # equal keys in any order: each has one place
        ordered = keys[order]
    elif len(keys) and 0 <= keys.min() and keys.max() < 1 << 32:
        ordered = np.sort(keys.astype(np.uint32)).astype(keys.dtype)  # numpy's vectorised sort, on half the bytes
    else:
        ordered = np.sort(keys)
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    at = np.flatnonzero(new)
    if inverse:
        where = np.empty(len(keys), dtype=np.int64)
        where[order] = np.cumsum(new) - 1
        return ordered[at], where
    return ordered[at], np.diff(np.append(at, len(ordered)))


def _by_unit_then_descending(
    unit: np.ndarray, value: np.ndarray, name: np.ndarray, n: int, names: np.ndarray | None = None
) -> np.ndarray:
    """The order that sorts by unit, then by value from the largest, then by name: ``np.lexsort((name, -value, unit))``.

    Two cheaper sorts give the order up to ties of value within a unit; only
    those ties are then sorted by name -- by the strings ``names[name]``
    when ``names`` is given, so the ids need not follow the names' order.

    >>> _by_unit_then_descending(np.array([1, 0, 1, 0]), np.array([2.0, 1.0, 2.0, 3.0]), np.array([5, 6, 4, 7]), 2)
    array([3, 1, 2, 0])
    """
    order = np.argsort(-value)
    order = order[np.argsort(unit[order].astype(np.uint16 if n < 1 << 16 else np.int64), kind="stable")]
    u, v = unit[order], value[order]
    tie = (u[1:] == u[:-1]) & (v[1:] == v[:-1])
    if tie.any():
        at = np.flatnonzero(np.concatenate([tie, [False]]) | np.concatenate([[False], tie]))
        run = np.cumsum(np.concatenate([[True], ~tie[at[1:] - 1]]))
        at_order = order[at]
        tied = name[at_order]
        if names is not None:  # the tied names' ranks among themselves, in code point order
            tied = np.unique(np.array(names[tied].tolist(), dtype=str), return_inverse=True)[1].ravel()
        order[at] = at_order[np.lexsort((tied, run))]
    return order


def _near_top(unit: np.ndarray, value: np.ndarray, n: int, k: int) -> np.ndarray:
    """Whether each value is at least its unit's ``k``-th largest (counting repeats): all of a unit with ``k`` or fewer.

    What the ``k`` largest of each unit are drawn from, ties at the edge
    included, found by ``k`` rounds over all values instead of one sort.

    >>> _near_top(np.array([0, 0, 0, 1, 0]), np.array([3.0, 1.0, 2.0, 0.5, 2.0]), 2, 2)
    array([ True, False,  True,  True,  True])
    """
    order = np.argsort(unit.astype(np.uint16 if n < 1 << 16 else np.int64), kind="stable")
    u, v = unit[order], value[order]
    new = np.empty(len(u), dtype=bool)
    new[:1] = True
    np.not_equal(u[1:], u[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    seg = np.cumsum(new) - 1
    done = np.diff(np.append(starts, len(u))) <= k
    threshold = np.full(len(starts), -np.inf)
    below = np.ones(len(u), dtype=bool)  # below the unit's edge so far
    for _ in range(k):
        if done.all():
            break
        edge = np.maximum.reduceat(np.where(below, v, -np.inf), starts)  # the next value down
        below = v < edge[seg]
        reached = ~done & (np.add.reduceat(~below, starts, dtype=np.int64) >= k)  # k values at least the edge
        threshold[reached] = edge[reached]
        done |= reached
    near = np.empty(len(u), dtype=bool)
    near[order] = v >= threshold[seg]
    return near


class Scorer:
    """Evaluates a trained model with numpy: same features, same probabilities.

    Features of a whole batch are built at once: character and word n-grams
    as integer codes looked up together in hash tables
    (:mod:`textags._ngrams`), tf-idf and normalisation with ``bincount``.  The result equals the
    scikit-learn pipeline's (``tests/test_model.py``).

    Parameters
    ----------
    labels : tuple of str
    blocks : tuple of Block
    coef : array (n_labels, n_features)
    intercept : array (n_labels,)
    params : dict
        The :class:`~textags._tagger.Tagger` parameters.
    spec : FeatureSpec, optional
        The feature blocks (default: derived from ``params``); they name the analyzers.
    """

    def __init__(self, labels, blocks, coef, intercept, params, spec: FeatureSpec | None = None):
        self.labels = tuple(labels)
        self.blocks = tuple(blocks)
        self.coef = coef
        self.intercept = intercept
        self.params = dict(params)
        self.spec = spec if spec is not None else FeatureSpec.from_params(self.params)
        self._specs = [self.spec.block(b.name) for b in self.blocks]
        self._analyzers = [b.analyzer(self.spec.userdict) for b in self._specs]
        self._vocab = [None] * len(self.blocks)  # term dicts of the other blocks, built when first needed
        self._index = [None] * len(self.blocks)  # n-gram lookups of the char and word blocks
        offsets = np.cumsum([0] + [len(b.terms) for b in self.blocks])
        self._offsets = offsets[:-1]
        self.n_features = int(offsets[-1])
        self._idf = np.concatenate([b.idf for b in self.blocks]) if self.blocks else np.zeros(0)
        self._block_of = np.repeat(np.arange(len(self.blocks)), [len(b.terms) for b in self.blocks])
        self._weight = np.array([b.weight for b in self.blocks], dtype=np.float64)
        self._names = None
        self._lift = None  # how much more each coefficient favours its label than the average label does

    @property
    def neighbour_weight(self) -> float:
        """Share of the neighbours in a document's probabilities (0 for models without neighbour context)."""
        return float(self.params.get("neighbour_weight") or 0.0)

    @property
    def rules(self) -> bool:
        """Whether the codebook rules (:mod:`textags._rules`) follow the model (False for older models)."""
        return bool(self.params.get("rules"))

    def _vocab_of(self, i: int) -> dict:
        if self._vocab[i] is None:
            self._vocab[i] = {t: j for j, t in enumerate(self.blocks[i].terms.tolist())}
        return self._vocab[i]

    def _index_of(self, i: int):
        """The n-gram lookup of block ``i`` (characters or words), built when first needed."""
        if self._index[i] is None:
            terms = self.blocks[i].terms.tolist()
            self._index[i] = CharIndex(terms) if self.blocks[i].name == "chars" else WordIndex(terms)
        return self._index[i]

    def prepare(self) -> None:
        """Build now what scoring builds on first use: the n-gram lookups, the term tables, the names.

        Worker processes forked after this share them instead of each building its own.
        """
        for i, block in enumerate(self.blocks):
            if block.name in ("chars", "words"):
                self._index_of(i)
            else:
                self._vocab_of(i)
        self._name_ids()
        if self._lift is None:
            self._lift = (self.coef - self.coef.mean(axis=0)).ravel()

    def _pairs(self, i: int, docs: list[str], batch: dict) -> tuple[np.ndarray, np.ndarray]:
        """(unit, col within the block) of block ``i``'s features in ``docs``, one pair per occurrence.

        ``batch`` shares the texts and their normalized join between blocks.
        """
        block = self.blocks[i]
        if block.name in ("chars", "words") and "texts" not in batch:
            texts = batch["texts"] = [tokenize.split_context(d)[0] for d in docs]
            batch["normalized"] = tokenize.normalize_many(texts) if tokenize.batchable(texts) else None
        if block.name == "chars":
            lo, hi = self._specs[i].ngrams
            if batch["normalized"] is not None:
                joined = tokenize.char_joined(batch["normalized"])
                found = self._index_of(i).lookup_joined(joined, len(docs), tokenize.SEPARATOR, lo, hi)
                if found is not None:
                    return found
            return self._index_of(i).lookup(tokenize.char_strings(batch["texts"], batch["normalized"]), lo, hi)
        if block.name == "words":
            lo, hi = self._specs[i].ngrams
            userdict = self.spec.userdict
            texts = batch["texts"]
            if batch["normalized"] is not None:
                stream = tokenize.cut_joined(texts, userdict, batch["normalized"])
                found = self._index_of(i).lookup_stream(
                    stream, len(texts), tokenize.is_word, tokenize.SEPARATOR, lo, hi
                )
                if found is not None:
                    return found
            return self._index_of(i).lookup(tokenize.cut_many(texts, userdict, batch["normalized"]), lo, hi)
        vocab = self._vocab_of(i)
        analyzer = self._analyzers[i]
        units, cols = [], []
        for u, d in enumerate(docs):
            for t in analyzer(d):
                c = vocab.get(t)
                if c is not None:
                    units.append(u)
                    cols.append(c)
        return np.array(units, dtype=np.int64), np.array(cols, dtype=np.int64)

    def batch_features(self, docs: Sequence[str]) -> Features:
        """Feature vectors of many model inputs at once."""
        docs = list(docs)
        n, nf = len(docs), max(self.n_features, 1)
        units, cols, batch = [], [], {}
        for i, off in enumerate(self._offsets):
            u, c = self._pairs(i, docs, batch)
            units.append(u)
            cols.append(c + off)
        unit = np.concatenate(units) if units else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        keys, tf = _distinct(unit * nf + col)
        unit, col = keys // nf, keys % nf
        val = (np.log(tf) + 1.0) * self._idf[col]
        nb = max(len(self.blocks), 1)
        cell = unit * nb + self._block_of[col]
        norm = np.sqrt(np.bincount(cell, weights=val * val, minlength=n * nb))
        val = val / norm[cell] * self._weight[self._block_of[col]]
        bounds = np.searchsorted(unit, np.arange(n + 1))
        return Features(unit, col, val, bounds)

    def scores(self, feats: Features, n: int) -> np.ndarray:
        """Probabilities (n, n_labels) from features."""
        out = np.empty((n, len(self.labels)), dtype=np.float64)
        for j in range(len(self.labels)):
            out[:, j] = np.bincount(feats.unit, weights=feats.val * self.coef[j, feats.col], minlength=n)
        out += self.intercept
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def predict_proba(self, docs: Iterable[str]) -> np.ndarray:
        """Probabilities of every label (columns in ``labels`` order) for each input."""
        docs = list(docs)
        return self.scores(self.batch_features(docs), len(docs))

    def batch_top_terms(self, feats: Features, best: np.ndarray, k: int) -> list[tuple[tuple[str, float], ...]]:
        """The features that pushed each input most towards its label (``best``: the label's index).

        A feature's push is its value times how much more its coefficient
        favours the label than the average label does; a word and the same
        characters as an n-gram count together under one name.  Returns the
        ``k`` strongest positive names of each input, ties broken by name.
        """
        n = len(feats.bounds) - 1
        if not k or not len(feats.col):
            return [()] * n
        names, name_id, shared = self._name_ids()
        if self._lift is None:
            self._lift = (self.coef - self.coef.mean(axis=0)).ravel()
        unit, col = feats.unit, feats.col
        push = feats.val * self._lift[best[unit] * self.coef.shape[1] + col]
        name = name_id[col]
        # a name held by one column: its push is its total (kept only when positive, the rest can
        # never be a top term); names of several columns are summed first
        many_mask = shared[col]
        alone = np.flatnonzero(~many_mask & (push > 0))
        many = np.flatnonzero(many_mask)
        keys, inverse = _distinct(unit[many] * len(names) + name[many], inverse=True)
        unit = np.concatenate([unit[alone], keys // len(names)])
        name = np.concatenate([name[alone], keys % len(names)])
        total = np.concatenate([push[alone], np.bincount(inverse, weights=push[many], minlength=len(keys))])
        positive = np.flatnonzero(total > 0)
        unit, name, total = unit[positive], name[positive], total[positive]
        near = np.flatnonzero(_near_top(unit, total, n, k))  # the rest can never be among a unit's k
        unit, name, total = unit[near], name[near], total[near]
        order = _by_unit_then_descending(unit, total, name, n, names)
        unit, name, total = unit[order], name[order], total[order]
        rank = np.arange(len(unit)) - np.searchsorted(unit, np.arange(n))[unit]
        first = rank < k
        ends = np.searchsorted(unit[first], np.arange(n + 1)).tolist()
        pairs = list(zip(names[name[first]].tolist(), rounded(total[first])))
        return [tuple(pairs[a:b]) for a, b in zip(ends[:-1], ends[1:])]

    def _name_ids(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct names (in the order first met), each column's name id, and whether another column shares its name."""
        if getattr(self, "_name_table", None) is None:
            names = self.names()
            # ids in the order first met (ties are ordered by the names themselves)
            ids = {name: i for i, name in enumerate(dict.fromkeys(names))}
            inverse = np.fromiter(map(ids.__getitem__, names), dtype=np.int64, count=len(names))
            shared = np.bincount(inverse, minlength=len(ids))[inverse] > 1
            self._name_table = (np.array(list(ids), dtype=object), inverse, shared)
        return self._name_table

    def names(self) -> list[str]:
        """Readable name of every feature column."""
        if self._names is None:
            names = []
            for block in self.blocks:
                terms = block.terms.tolist()
                if not any(t.startswith((WORD_PREFIX, HEADING_PREFIX)) for t in terms):
                    names.extend(terms)
                    continue
                for term in terms:
                    if term.startswith(WORD_PREFIX):
                        term = term[len(WORD_PREFIX) :]
                    elif term.startswith(HEADING_PREFIX):
                        term = HEADING_MARK + term[len(HEADING_PREFIX) :]
                    names.append(term)
            self._names = names
        return self._names
