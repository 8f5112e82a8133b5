"""The tagger: a TF-IDF + logistic-regression pipeline, and its safe saved form.

Training builds a scikit-learn :class:`~sklearn.pipeline.Pipeline` (see
:class:`Tagger`).  A trained pipeline is then turned into plain arrays -- the
vocabularies, idf weights, coefficients -- that a :class:`Scorer` evaluates
with numpy alone, giving the same probabilities as the pipeline.  That is
what is saved (``model-<sha256>.npz``, loaded with ``allow_pickle=False``, so loading
never runs code from the file) beside a readable card (``card.json``: label
set, versions, training-data hash, cross-validated scores and the sha256 of
the arrays file, checked before loading).  Tagging needs neither scikit-learn
nor a pickle.

Examples
--------
>>> m = Tagger(word_ngrams=None, context=False).fit(SENTENCES, SENTENCE_LABELS)
>>> scorer = m.to_scorer()
>>> scorer.labels[scorer.predict_proba(["新增就业岗位300个。"]).argmax()]
'livelihood'
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from . import tokenize
from .document import Document, Tag
from .errors import TextagsError
from .labels import LABELS
from .ngrams import CharIndex, WordIndex

FORMAT_VERSION = 2  # 2: card_sha256 covers the card itself (textags.modelcheck)
MODEL_FILE = "model.npz"
CARD_FILE = "card.json"

#: A few real sentences for doctests and smoke tests.
SENTENCES = (
    "全年预计完成区级税收5.60亿元，同比增长13.18%。",
    "建立招商全周期跟踪机制。",
    "精准帮扶提供就业岗位358个。",
    "新增就业岗位200个，职业指导1707次。",
    "全年排查各类隐患6511条，整改率100%。",
    "深化安全隐患有奖举报机制。",
    "在284个党组织、9700余名党员中全覆盖开展党史学习教育。",
    "坚持党管武装，有效落实民兵整组任务。",
    "高标准建设街道城运中心。",
    "创建成功21个绿色社区。",
    "各位代表：",
    "一年来，我们主要做了以下工作：",
)
SENTENCE_LABELS = (
    "economy",
    "economy",
    "livelihood",
    "livelihood",
    "safety",
    "safety",
    "party",
    "party",
    "governance",
    "governance",
    "other",
    "other",
)


# --------------------------------------------------------------------------
# training: the scikit-learn pipeline


def one_thread():
    """A context in which scikit-learn's solver runs on one thread, so fits do not depend on the machine.

    scikit-learn's loss runs OpenMP threads, one per core by default; the
    order in which they add up changes the newton-cg iterates, and with them
    the fitted coefficients well beyond rounding (``benchmarks/fit_speed.py``
    prints how far).  Every fit -- training and each
    cross-validation fold, in whatever process -- runs on one thread, so the
    same data gives the same model on any machine, and the model that is
    shipped is the one cross-validation scored.  One thread is also faster
    here (``benchmarks/fit_speed.py``).
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


class Tagger:
    """TF-IDF features of words, characters and the heading, and a logistic regression.

    Parameters
    ----------
    word_ngrams : (int, int) or None
        n-gram range of jieba words; None leaves words out.
    char_ngrams : (int, int) or None
        n-gram range of characters; None leaves them out.
    context : bool
        Add the words of the unit's heading as features of their own.
    context_weight : float
        Weight of the heading features against the unit's own.
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced" or None
    fit_intercept : bool
        Learn a per-label intercept (a prior); False leaves a unit without
        any known term equally likely to be of every label.
    min_df : int
        Keep features seen in at least this many training units.
    userdict : tuple of str
        Extra policy terms for jieba.
    random_state : int
    neighbours : tuple of float
        Weights of the units one, two ... places away in the neighbour
        context of a document (:mod:`textags.neighbours`).
    neighbour_weight : float
        Share of the neighbours in a unit's probabilities when a whole
        document is tagged; 0 scores every unit on its own.  The pipeline
        itself scores units one by one; the mix is applied to a document's
        probabilities afterwards.
    neighbour_confident : float
        A unit whose own largest probability is above this defers less to
        its neighbours (:func:`textags.neighbours.mix`, ``confident``); 1
        never.
    rules : bool
        Apply the codebook rules (:mod:`textags.rules`) after the pipeline:
        responsibility notes and list markers standing alone are ``other``.

    Notes
    -----
    Follows scikit-learn's conventions: ``__init__`` stores the parameters,
    ``fit`` checks them and returns ``self``, learned state ends in ``_``.
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = (1, 3),
        context: bool = True,
        context_weight: float = 0.5,
        C: float = 10.0,
        class_weight: str | None = "balanced",
        fit_intercept: bool = True,
        min_df: int = 1,
        userdict: tuple[str, ...] = (),
        random_state: int = 0,
        neighbours: tuple[float, ...] = (1.0, 0.5),
        neighbour_weight: float = 0.0,
        neighbour_confident: float = 1.0,
        rules: bool = False,
    ):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.context = context
        self.context_weight = context_weight
        self.C = C
        self.class_weight = class_weight
        self.fit_intercept = fit_intercept
        self.min_df = min_df
        self.userdict = userdict
        self.random_state = random_state
        self.neighbours = neighbours
        self.neighbour_weight = neighbour_weight
        self.neighbour_confident = neighbour_confident
        self.rules = rules

    def get_params(self) -> dict:
        return {
            k: getattr(self, k)
            for k in (
                "word_ngrams",
                "char_ngrams",
                "context",
                "context_weight",
                "C",
                "class_weight",
                "fit_intercept",
                "min_df",
                "userdict",
                "random_state",
                "neighbours",
                "neighbour_weight",
                "neighbour_confident",
                "rules",
            )
        }

    def build_pipeline(self):
        """The unfitted scikit-learn pipeline for these parameters."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, Pipeline

        from .classifier import TwinMergingLogisticRegression

        userdict = tuple(self.userdict)
        blocks, weights = [], {}

        def vec(analyzer):
            return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=self.min_df, dtype=np.float64)

        if self.word_ngrams:
            blocks.append(
                ("words", vec(partial(tokenize.words, userdict=userdict, ngram_range=tuple(self.word_ngrams))))
            )
        if self.char_ngrams:
            blocks.append(("chars", vec(partial(tokenize.char_ngrams, ngram_range=tuple(self.char_ngrams)))))
        if self.context:
            blocks.append(
                (
                    "context",
                    TfidfVectorizer(
                        analyzer=partial(tokenize.context_words, userdict=userdict),
                        sublinear_tf=True,
                        min_df=1,
                        dtype=np.float64,
                    ),
                )
            )
            weights["context"] = float(self.context_weight)
        if not blocks:
            raise ValueError("Tagger needs word_ngrams, char_ngrams or context")
        clf = TwinMergingLogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            fit_intercept=bool(self.fit_intercept),
            solver="newton-cg",
            max_iter=1000,
            random_state=self.random_state,
        )
        return Pipeline([("features", FeatureUnion(blocks, transformer_weights=weights or None)), ("clf", clf)])

    def fit(self, inputs: Sequence[str], labels: Sequence[str]) -> Tagger:
        """Fit on model inputs (see :func:`textags.tokenize.join_context`) and their labels."""
        if len(inputs) != len(labels):
            raise ValueError(f"{len(inputs)} inputs but {len(labels)} labels")
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown labels {unknown}; use {LABELS}")
        if len(set(labels)) < 2:
            raise ValueError("need at least two different labels to train")
        if not (self.C > 0):
            raise ValueError("C must be positive")
        if not 0 <= self.neighbour_weight <= 1:
            raise ValueError("neighbour_weight must lie between 0 and 1")
        if not 0 <= self.neighbour_confident <= 1:
            raise ValueError("neighbour_confident must lie between 0 and 1")
        try:
            with one_thread():
                self.pipeline_ = self.build_pipeline().fit(list(inputs), list(labels))
        except ValueError as exc:
            if "no terms remain" in str(exc) or "empty vocabulary" in str(exc):
                raise TextagsError(
                    f"too little labelled text to train on ({len(inputs)} units): no feature occurs in "
                    f"{self.min_df} units; label more units"
                ) from None
            raise
        self.labels_ = tuple(str(c) for c in self.pipeline_.classes_)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "pipeline_"):
            raise TextagsError("this Tagger is not fitted yet; call fit(inputs, labels) first")

    def predict_proba(self, inputs: Sequence[str]) -> np.ndarray:
        self._check_fitted()
        return self.pipeline_.predict_proba(list(inputs))

    def to_scorer(self) -> Scorer:
        """The numpy form of the fitted pipeline."""
        self._check_fitted()
        features = self.pipeline_.named_steps["features"]
        clf = self.pipeline_.named_steps["clf"]
        weights = features.transformer_weights or {}
        blocks = []
        for name, vec in features.transformer_list:
            vocab = vec.vocabulary_
            terms = np.empty(len(vocab), dtype=object)
            for term, col in vocab.items():
                terms[col] = term
            blocks.append(
                Block(
                    name,
                    np.array(terms.tolist(), dtype=str),
                    vec.idf_.astype(np.float64),
                    float(weights.get(name, 1.0)),
                )
            )
        coef = clf.coef_.astype(np.float64)
        intercept = clf.intercept_.astype(np.float64)
        if coef.shape[0] == 1:  # binary: scikit-learn keeps one row for the second class
            coef = np.vstack([-coef, coef]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        return Scorer(tuple(str(c) for c in clf.classes_), tuple(blocks), coef, intercept, self.get_params())


# --------------------------------------------------------------------------
# prediction with numpy alone


@dataclass(frozen=True)
class Block:
    """One feature block: its terms (in column order), idf weights and block weight."""

    name: str
    terms: np.ndarray
    idf: np.ndarray
    weight: float


def _analyzer(name: str, params: dict):
    userdict = tuple(params.get("userdict") or ())
    if name == "words":
        return partial(tokenize.words, userdict=userdict, ngram_range=tuple(params["word_ngrams"]))
    if name == "chars":
        return partial(tokenize.char_ngrams, ngram_range=tuple(params["char_ngrams"]))
    if name == "context":
        return partial(tokenize.context_words, userdict=userdict)
    raise TextagsError(f"unknown feature block {name!r} in the model; retrain it with this textags version")


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
    one stable sort, which suits the nearly ordered keys of a batch
    (``benchmarks/breakdown.py`` times the stages that use it).

    >>> _distinct(np.array([5, 3, 5, 9]))
    (array([3, 5, 9]), array([1, 2, 1]))
    >>> _distinct(np.array([5, 3, 5, 9]), inverse=True)[1]
    array([1, 0, 1, 2])
    """
    if inverse:
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
    else:
        ordered = np.sort(keys, kind="stable")
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    at = np.flatnonzero(new)
    if inverse:
        where = np.empty(len(keys), dtype=np.int64)
        where[order] = np.cumsum(new) - 1
        return ordered[at], where
    return ordered[at], np.diff(np.append(at, len(ordered)))


def _by_unit_then_descending(unit: np.ndarray, value: np.ndarray, name: np.ndarray, n: int) -> np.ndarray:
    """The order that sorts by unit, then by value from the largest, then by name: ``np.lexsort((name, -value, unit))``.

    Two cheaper sorts give the order up to ties of value within a unit; only
    those ties are then sorted by name.

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
        order[at] = at_order[np.lexsort((name[at_order], run))]
    return order


class Scorer:
    """Evaluates a trained model with numpy: same features, same probabilities.

    Features of a whole batch are built at once: character and word n-grams
    as integer codes looked up together in hash tables
    (:mod:`textags.ngrams`), tf-idf and normalisation with ``bincount``.  The result equals the
    scikit-learn pipeline's (``tests/test_model.py``).

    Parameters
    ----------
    labels : tuple of str
    blocks : tuple of Block
    coef : array (n_labels, n_features)
    intercept : array (n_labels,)
    params : dict
        The :class:`Tagger` parameters (they name the analyzers).
    """

    def __init__(self, labels, blocks, coef, intercept, params):
        self.labels = tuple(labels)
        self.blocks = tuple(blocks)
        self.coef = coef
        self.intercept = intercept
        self.params = dict(params)
        self._analyzers = [_analyzer(b.name, self.params) for b in self.blocks]
        self._vocab = [None] * len(self.blocks)  # term dicts of the other blocks, built when first needed
        self._index = [None] * len(self.blocks)  # n-gram lookups of the char and word blocks
        offsets = np.cumsum([0] + [len(b.terms) for b in self.blocks])
        self._offsets = offsets[:-1]
        self.n_features = int(offsets[-1])
        self._idf = np.concatenate([b.idf for b in self.blocks]) if self.blocks else np.zeros(0)
        self._block_of = np.repeat(np.arange(len(self.blocks)), [len(b.terms) for b in self.blocks])
        self._weight = np.array([b.weight for b in self.blocks], dtype=np.float64)
        self._names = None
        self._coef_mean = None

    @property
    def neighbour_weight(self) -> float:
        """Share of the neighbours in a document's probabilities (0 for models without neighbour context)."""
        return float(self.params.get("neighbour_weight") or 0.0)

    @property
    def rules(self) -> bool:
        """Whether the codebook rules (:mod:`textags.rules`) follow the model (False for older models)."""
        return bool(self.params.get("rules"))

    def settle(
        self,
        probs: np.ndarray,
        texts: Sequence[str],
        positions: Sequence[int] | None = None,
        *,
        neighbours: bool = True,
        rules: bool = True,
    ) -> tuple[np.ndarray, list[str | None]]:
        """One document's probabilities after the codebook rules and the neighbour context.

        ``texts`` are the units' own texts (without their heading); each part
        applies only when the model's parameters ask for it and its argument
        is true.  Returns the probabilities and the rule that settled each
        unit (None where the model decided); see :func:`textags.rules.settle`.
        """
        from .rules import settle

        mixer = self.mix if neighbours and self.neighbour_weight > 0 else None
        return settle(probs, texts, self.labels, mix=mixer, positions=positions, apply=rules and self.rules)

    def mix(self, probs: np.ndarray, positions: Sequence[int] | None = None) -> np.ndarray:
        """One document's probabilities mixed with the neighbours' (:func:`textags.neighbours.mix`)."""
        from .neighbours import mix

        weights = tuple(self.params.get("neighbours") or ())
        confident = float(self.params.get("neighbour_confident", 1.0))  # older models: never defer
        return mix(probs, positions, weights=weights, weight=self.neighbour_weight, confident=confident)

    def _vocab_of(self, i: int) -> dict:
        if self._vocab[i] is None:
            self._vocab[i] = {t: j for j, t in enumerate(self.blocks[i].terms.tolist())}
        return self._vocab[i]

    def _pairs(self, i: int, docs: list[str], batch: dict) -> tuple[np.ndarray, np.ndarray]:
        """(unit, col within the block) of block ``i``'s features in ``docs``, one pair per occurrence.

        ``batch`` shares the texts and their normalized join between blocks.
        """
        block = self.blocks[i]
        if block.name in ("chars", "words") and "texts" not in batch:
            texts = batch["texts"] = [tokenize.split_context(d)[0] for d in docs]
            batch["normalized"] = tokenize.normalize_many(texts) if tokenize.batchable(texts) else None
        if block.name == "chars":
            if self._index[i] is None:
                self._index[i] = CharIndex(block.terms.tolist())
            lo, hi = self.params["char_ngrams"]
            return self._index[i].lookup(tokenize.char_strings(batch["texts"], batch["normalized"]), lo, hi)
        if block.name == "words":
            if self._index[i] is None:
                self._index[i] = WordIndex(block.terms.tolist())
            lo, hi = self.params["word_ngrams"]
            userdict = tuple(self.params.get("userdict") or ())
            texts = batch["texts"]
            if batch["normalized"] is not None:
                stream = tokenize.cut_joined(texts, userdict, batch["normalized"])
                found = self._index[i].lookup_stream(stream, len(texts), tokenize.is_word, tokenize.SEPARATOR, lo, hi)
                if found is not None:
                    return found
            return self._index[i].lookup(tokenize.cut_many(texts, userdict, batch["normalized"]), lo, hi)
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
        if self._coef_mean is None:
            self._coef_mean = self.coef.mean(axis=0)
        unit, col = feats.unit, feats.col
        push = feats.val * (self.coef[best[unit], col] - self._coef_mean[col])
        name = name_id[col]
        # a name held by one column: its push is its total; names of several columns are summed
        alone = ~shared[col]
        many = np.flatnonzero(~alone)
        keys, inverse = _distinct(unit[many] * len(names) + name[many], inverse=True)
        unit = np.concatenate([unit[alone], keys // len(names)])
        name = np.concatenate([name[alone], keys % len(names)])
        total = np.concatenate([push[alone], np.bincount(inverse, weights=push[many], minlength=len(keys))])
        positive = np.flatnonzero(total > 0)
        unit, name, total = unit[positive], name[positive], total[positive]
        order = _by_unit_then_descending(unit, total, name, n)
        unit, name, total = unit[order], name[order], total[order]
        rank = np.arange(len(unit)) - np.searchsorted(unit, np.arange(n))[unit]
        first = rank < k
        ends = np.searchsorted(unit[first], np.arange(n + 1)).tolist()
        pairs = list(zip(names[name[first]].tolist(), [round(t, 4) for t in total[first].tolist()]))
        return [tuple(pairs[a:b]) for a, b in zip(ends[:-1], ends[1:])]

    def _name_ids(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct names (sorted), each column's name id, and whether another column shares its name."""
        if getattr(self, "_name_table", None) is None:
            uniq, inverse = np.unique(np.array(self.names(), dtype=str), return_inverse=True)
            inverse = inverse.astype(np.int64)
            shared = np.bincount(inverse, minlength=len(uniq))[inverse] > 1
            self._name_table = (np.array(uniq.tolist(), dtype=object), inverse, shared)
        return self._name_table

    def names(self) -> list[str]:
        """Readable name of every feature column."""
        if self._names is None:
            names = []
            for block in self.blocks:
                for term in block.terms.tolist():
                    if term.startswith("w:"):
                        term = term[2:]
                    elif term.startswith("h:"):
                        term = "[标题]" + term[2:]
                    names.append(term)
            self._names = names
        return self._names


# --------------------------------------------------------------------------
# saving and loading


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An .npz archive with fixed timestamps, so equal arrays give equal bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = io.BytesIO()
            np.lib.format.write_array(data, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            zf.writestr(info, data.getvalue())
    return buf.getvalue()


def scorer_arrays(scorer: Scorer) -> dict[str, np.ndarray]:
    arrays = {
        "coef": scorer.coef.astype(np.float64),
        "intercept": scorer.intercept.astype(np.float64),
        "labels": np.array(scorer.labels, dtype=str),
    }
    for i, b in enumerate(scorer.blocks):
        arrays[f"block{i}_terms"] = b.terms
        arrays[f"block{i}_idf"] = b.idf
    return arrays


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def versions() -> dict[str, str]:
    """Versions of textags and of the libraries that shape a model."""
    from importlib import metadata

    from . import __version__

    out = {"textags": __version__, "numpy": np.__version__}
    for dist in ("scikit-learn", "jieba"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


class Model:
    """A trained model ready to tag: its :class:`Scorer` and its card.

    Use :func:`load_model` to get one, or :func:`textags.learn.train` to make one.
    """

    def __init__(self, scorer: Scorer, card: dict, path: str | None = None):
        self.scorer = scorer
        self.card = card
        self.path = path

    @property
    def labels(self) -> tuple[str, ...]:
        return self.scorer.labels

    def __repr__(self) -> str:
        return f"Model(path={self.path!r}, labels={self.labels}, units={self.card.get('training', {}).get('units')})"

    @property
    def temperature(self) -> float:
        """The temperature that calibrates this model's tags: its card's, else the default configuration's."""
        from .calibration import TEMPERATURE

        return float((self.card.get("calibration") or {}).get("temperature", TEMPERATURE))

    def predict_proba(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> np.ndarray:
        """Label probabilities for unit texts (and their headings, when the model uses them)."""
        contexts = contexts if contexts is not None else [""] * len(texts)
        return self.scorer.predict_proba(tokenize.join_context(t, c) for t, c in zip(texts, contexts))

    def tag_texts(
        self,
        texts: Sequence[str],
        contexts: Sequence[str] | None = None,
        terms: int = 5,
        *,
        neighbours: bool = False,
        rules: bool = True,
    ) -> list[Tag]:
        """A :class:`Tag` for each text.

        With ``neighbours``, the texts are one document's units in reading
        order and each unit's probabilities are mixed with its neighbours'
        (:mod:`textags.neighbours`, weights from the model's parameters);
        ``Tag.alone`` then holds the label the text gets on its own.
        Without, every text is scored on its own.  With ``rules`` (and a
        model whose parameters include them) the codebook rules settle the
        units they name (:mod:`textags.rules`); ``Tag.rule`` names the rule.
        The probabilities are calibrated (:mod:`textags.calibration`), so a
        tag's ``confidence`` is about how often such a label is right.
        """
        from .calibration import calibrate

        contexts = list(contexts) if contexts is not None else [""] * len(texts)
        docs = [tokenize.join_context(t, c) for t, c in zip(texts, contexts)]
        feats = self.scorer.batch_features(docs)
        own = self.scorer.scores(feats, len(docs))
        labels = self.labels
        probs, hits = self.scorer.settle(own, texts, neighbours=False, rules=rules)
        alone: list = [None] * len(docs)
        if neighbours and self.scorer.neighbour_weight > 0:
            alone = [labels[j] for j in probs.argmax(axis=1).tolist()]
            probs, hits = self.scorer.settle(own, texts, neighbours=True, rules=rules)
        probs = calibrate(probs, self.temperature)  # confidence as often right as it says (textags.calibration)
        best = probs.argmax(axis=1)
        tops = self.scorer.batch_top_terms(feats, best, terms)
        return [
            Tag(labels[b], p[b], dict(zip(labels, p)), top if h is None else (), a, h)
            for b, p, top, a, h in zip(best.tolist(), probs.tolist(), tops, alone, hits)
        ]

    def tag(self, doc, *, terms: int = 5, neighbours: bool = True, rules: bool = True) -> Document:
        """Tag a document: a :class:`Document`, a report's text, or a file path.

        Every heading and body unit gets a :class:`Tag`; footnotes, tables
        and furniture are left untagged.  Each unit is read with its
        neighbours (see :meth:`tag_texts`) unless ``neighbours=False``, and
        the codebook rules apply unless ``rules=False``.
        """
        from .inputs import as_document

        doc = as_document(doc)
        coded = doc.coded_units
        tags = self.tag_texts(
            [u.text for u in coded], [context_of(u) for u in coded], terms, neighbours=neighbours, rules=rules
        )
        return doc.with_tags({u.index: t for u, t in zip(coded, tags)})

    def explain(self, text: str, context: str = "", terms: int = 10, *, rules: bool = True) -> Tag:
        """The tag of one sentence with its most telling terms (or the codebook rule that settles it)."""
        return self.tag_texts([text], [context], terms, rules=rules)[0]

    def save(self, directory: str | os.PathLike, *, force: bool = False) -> Path:
        """Write the arrays and ``card.json`` into ``directory`` atomically (see :func:`save_model`)."""
        return save_model(self.scorer, self.card, directory, force=force)


def context_of(unit) -> str:
    """The heading a unit is read with: the nearest one above it (a heading's own parent)."""
    return unit.section[-1] if unit.section else ""


def save_model(scorer: Scorer, card: dict, directory: str | os.PathLike, *, force: bool = False) -> Path:
    """Write a model directory: the arrays, then the card that names them (see :mod:`textags.saving`)."""
    from .saving import save_model

    return save_model(scorer, card, directory, force=force)


def _jsonable(obj):
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return obj


def default_model_dir() -> Path:
    """Where the shipped default model lives (inside the installed package, or ``models/`` of a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "models", here.parent / "models"):
        if (candidate / CARD_FILE).exists():
            return candidate
    try:
        from importlib import resources

        found = Path(str(resources.files("textags.models")))
        if (found / CARD_FILE).exists():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    raise TextagsError("the default model is missing from this installation; reinstall textags or pass --model")


def read_card(path: str | os.PathLike | None = None) -> dict:
    """The card of a model directory (the default model when ``path`` is None), as it is on disk."""
    from .modelcheck import parse_card

    directory = _model_dir(path)
    try:
        data = (directory / CARD_FILE).read_bytes()
    except FileNotFoundError:
        raise TextagsError(
            f"has no {CARD_FILE}; a model directory holds {CARD_FILE} and the arrays it names", str(directory)
        ) from None
    except OSError as exc:
        raise TextagsError(
            f"{CARD_FILE} cannot be read ({exc.strerror}); re-download or retrain the model", str(directory)
        ) from None
    return parse_card(data, str(directory))


#: Names of the shipped model, accepted wherever a model is named (``--model bundled``).
BUNDLED_NAMES = ("bundled", "default", "shipped")


def _model_dir(path) -> Path:
    if path is None or (isinstance(path, str) and path.strip().lower() in BUNDLED_NAMES):
        return default_model_dir()
    p = Path(path)
    if p.is_file() and (p.name == CARD_FILE or p.suffix == ".npz"):
        return p.parent
    if not p.exists():
        raise TextagsError("no such model; give a model directory (holding card.json)", str(p))
    if not p.is_dir():
        raise TextagsError("is not a model directory; give the directory holding card.json", str(p))
    return p


_CACHE: dict[tuple, Model] = {}


def _cache_key(directory: Path) -> tuple:
    """What a loaded model is cached under: the directory, its card's bytes and its arrays' file.

    A model re-saved in the same directory (``train --force``) has a new card,
    and arrays changed after a load have a new size, time or inode, so either
    is loaded (and checked) afresh instead of served from the cache.
    """
    try:
        card_bytes = (directory / CARD_FILE).read_bytes()
    except OSError:
        return (str(directory.resolve()), None)
    try:
        name = str(json.loads(card_bytes.decode("utf-8")).get("file") or MODEL_FILE)
        st = (directory / name).stat()
        arrays = (name, st.st_size, st.st_mtime_ns, st.st_ino)
    except (ValueError, AttributeError, OSError):
        arrays = None
    return (str(directory.resolve()), sha256_bytes(card_bytes), arrays)


def load_model(path: str | os.PathLike | None = None) -> Model:
    """Load a model directory; the shipped default when ``path`` is None or ``"bundled"`` (or ``"default"``,
    ``"shipped"``; a directory of that name is ``./bundled``).

    The sha256 in the card is checked before the arrays are read, and the
    arrays are read with ``allow_pickle=False``: a changed, damaged or
    hostile file is refused, never executed.

    Raises
    ------
    TextagsError
        Missing, damaged or tampered files, or an unknown format version.
    """
    directory = _model_dir(path)
    key = _cache_key(directory)
    if key in _CACHE:
        return _CACHE[key]
    card = read_card(directory)
    if card.get("format") != FORMAT_VERSION:
        raise TextagsError(
            f"model format {card.get('format')!r} is not format {FORMAT_VERSION} that this textags reads; "
            "retrain it with `textags train` or upgrade textags",
            str(directory),
        )
    from .modelcheck import check_card, read_arrays

    check_card(card, str(directory))
    arrays = read_arrays(directory, card)
    params = card.get("params", {})
    names = [
        n for n, key in (("words", "word_ngrams"), ("chars", "char_ngrams"), ("context", "context")) if params.get(key)
    ]
    if f"block{len(names)}_terms" in arrays or (names and f"block{len(names) - 1}_terms" not in arrays):
        raise TextagsError(
            f"{card['file']} does not hold the feature blocks its card names; retrain it", str(directory)
        )
    weight = float(params.get("context_weight", 1.0))
    blocks = [
        Block(n, arrays[f"block{i}_terms"], arrays[f"block{i}_idf"], weight if n == "context" else 1.0)
        for i, n in enumerate(names)
    ]
    scorer = Scorer(tuple(arrays["labels"].tolist()), blocks, arrays["coef"], arrays["intercept"], params)
    model = Model(scorer, card, str(directory))
    for stale in [k for k in _CACHE if k[0] == key[0]]:  # older versions of this directory
        del _CACHE[stale]
    _CACHE[key] = model
    return model


def tag(
    doc=None, model: Model | str | os.PathLike | None = None, *, path=None, text: str | None = None, **kwargs
) -> Document:
    """Tag a document with ``model`` (default: the shipped one).

    ``doc`` is a :class:`Document`, a path, or a report's text: a ``str`` is
    read as a file only when such a file exists (see :mod:`textags.inputs`);
    ``path=`` or ``text=`` say which it is without that rule.

    >>> tag(text="坚持党管武装，有效落实民兵整组任务。").coded_units[0].tag.label
    'party'
    """
    from .inputs import as_document

    if not isinstance(model, Model):
        model = load_model(model)
    return model.tag(as_document(doc, path=path, text=text), **kwargs)
