"""The scikit-learn estimator: TF-IDF features of words, characters and the heading, and a logistic regression.

Training builds a scikit-learn :class:`~sklearn.pipeline.Pipeline` from the
:class:`Tagger`'s parameters (its feature blocks from
:class:`~textags._features.FeatureSpec`); :meth:`Tagger.to_scorer` turns the
fitted pipeline into the numpy :class:`~textags._scorer.Scorer` that is saved
and tags.  :data:`DEFAULT_PARAMS` are the parameters of the shipped model and
the defaults of :class:`Tagger` alike.

Examples
--------
>>> from textags._examples import SENTENCE_LABELS, SENTENCES
>>> from sklearn.base import clone
>>> m = clone(Tagger(word_ngrams=None, min_df=1)).fit(SENTENCES, SENTENCE_LABELS)
>>> m.labels_[m.predict_proba(["新增就业岗位300个。"]).argmax()]
'livelihood'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._codebook import Codebook
from ._errors import TextagsError
from ._features import FeatureSpec
from ._scorer import Block, Scorer

#: The parameters of the shipped default model, chosen by leave-one-document-out
#: cross-validation on the first-round documents (see ``benchmarks/select_model.py``),
#: and the defaults of :class:`Tagger`.
DEFAULT_PARAMS = {
    "word_ngrams": (1, 2),
    "char_ngrams": (1, 3),
    "word_weight": 0.5,
    "context": False,
    "context_weight": 0.25,
    "C": 10.0,
    "class_weight": "balanced",
    "fit_intercept": True,
    "local_weight": 1.0,
    "min_df": 2,
    "userdict": (),
    "random_state": 0,
    "neighbours": (1.0, 0.5),
    "neighbour_weight": 0.5,
    "neighbour_confident": 1.0,
    "rules": True,
}

_D = DEFAULT_PARAMS


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
    word_weight : float
        Weight of the word block against the character block (1 weighs them
        alike).  0.5 in the shipped model: chosen on the selection documents
        (``benchmarks/select_model.py``), where the words count for less and
        the characters, which also catch words jieba cuts differently or has
        never seen, for more.
    context : bool
        Add the words of the unit's heading as features of their own.
    context_weight : float
        Weight of the heading features against the unit's own.
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced", "local" or None
        "balanced" weighs each label inversely to its count; "local" does the
        same with the counts of the units of local reports alone (a label
        without any takes its "balanced" weight), so the prior is that of
        local text; None weighs every label alike.
    fit_intercept : bool
        Learn a per-label intercept (a prior); False leaves a unit without
        any known term equally likely to be of every label.
    local_weight : float
        Weight in the fit of each unit of a local report (street, town,
        district, county, city: :func:`textags._evaluation.level_group`)
        against 1 for the others; it needs the units' levels (``fit``'s
        ``levels``).  1 weighs every unit alike.
    min_df : int
        Keep features seen in at least this many training units.
    userdict : tuple of str
        Extra policy terms for jieba.
    random_state : int
    neighbours : tuple of float
        Weights of the units one, two ... places away in the neighbour
        context of a document (:mod:`textags._neighbours`).
    neighbour_weight : float
        Share of the neighbours in a unit's probabilities when a whole
        document is tagged; 0 scores every unit on its own.  The pipeline
        itself scores units one by one; the mix is applied to a document's
        probabilities afterwards.
    neighbour_confident : float
        A unit whose own largest probability is above this defers less to
        its neighbours (:func:`textags._neighbours.mix`, ``confident``); 1
        never.
    rules : bool
        Apply the codebook rules (:mod:`textags._rules`) after the pipeline:
        responsibility notes and list markers standing alone are ``other``.

    Notes
    -----
    Follows scikit-learn's conventions: ``__init__`` stores the parameters,
    ``fit`` checks them and returns ``self``, learned state ends in ``_``.
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] | None = _D["word_ngrams"],
        char_ngrams: tuple[int, int] | None = _D["char_ngrams"],
        word_weight: float = _D["word_weight"],
        context: bool = _D["context"],
        context_weight: float = _D["context_weight"],
        C: float = _D["C"],
        class_weight: str | None = _D["class_weight"],
        fit_intercept: bool = _D["fit_intercept"],
        local_weight: float = _D["local_weight"],
        min_df: int = _D["min_df"],
        userdict: tuple[str, ...] = _D["userdict"],
        random_state: int = _D["random_state"],
        neighbours: tuple[float, ...] = _D["neighbours"],
        neighbour_weight: float = _D["neighbour_weight"],
        neighbour_confident: float = _D["neighbour_confident"],
        rules: bool = _D["rules"],
    ):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.word_weight = word_weight
        self.context = context
        self.context_weight = context_weight
        self.C = C
        self.class_weight = class_weight
        self.fit_intercept = fit_intercept
        self.local_weight = local_weight
        self.min_df = min_df
        self.userdict = userdict
        self.random_state = random_state
        self.neighbours = neighbours
        self.neighbour_weight = neighbour_weight
        self.neighbour_confident = neighbour_confident
        self.rules = rules

    @classmethod
    def _get_param_names(cls) -> list[str]:
        """The parameter names, sorted (as scikit-learn's ``BaseEstimator`` gives them)."""
        return sorted(DEFAULT_PARAMS)

    def get_params(self, deep: bool = True) -> dict:
        """The parameters (``deep`` is accepted for scikit-learn; no parameter is an estimator)."""
        return {k: getattr(self, k) for k in self._get_param_names()}

    def set_params(self, **params) -> Tagger:
        """Set parameters by name, as scikit-learn does; returns ``self``."""
        unknown = sorted(set(params) - set(DEFAULT_PARAMS))
        if unknown:
            raise ValueError(f"invalid parameters {unknown} for Tagger; valid ones are {sorted(DEFAULT_PARAMS)}")
        for k, v in params.items():
            setattr(self, k, v)
        return self

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items() if v != DEFAULT_PARAMS[k]}
        return "Tagger(" + ", ".join(f"{k}={v!r}" for k, v in changed.items()) + ")"

    @property
    def spec(self) -> FeatureSpec:
        """The feature blocks these parameters turn on."""
        return FeatureSpec.from_params(self.get_params())

    def classifier(self):
        """The unfitted logistic regression of these parameters."""
        from ._classifier import TwinMergingLogisticRegression

        return TwinMergingLogisticRegression(
            C=self.C,
            class_weight=None if self.class_weight == "local" else self.class_weight,
            fit_intercept=bool(self.fit_intercept),
            solver="newton-cg",
            max_iter=1000,
            random_state=self.random_state,
        )

    @property
    def needs_levels(self) -> bool:
        """Whether the fit weighs units by the level of their report (``local_weight``, ``class_weight`` "local")."""
        return self.local_weight != 1 or self.class_weight == "local"

    def unit_weights(self, labels: Sequence[str], levels: Sequence[str] | None) -> np.ndarray | None:
        """Each training unit's weight in the fit (None: all alike), from its label and its report's level group.

        >>> Tagger(local_weight=2.0).unit_weights(["party", "party"], ["local", "national"]).tolist()
        [2.0, 1.0]
        >>> Tagger(class_weight="local").unit_weights(["a", "b", "b", "a"], ["local", "local", "local", "national"]).tolist()
        [1.5, 0.75, 0.75, 1.5]
        """
        if not self.needs_levels:
            return None
        if levels is None or len(levels) != len(labels):
            raise ValueError("local_weight and class_weight 'local' need the level of every training unit")
        y = np.asarray([str(lab) for lab in labels], dtype=object)
        local = np.asarray([lv == "local" for lv in levels], dtype=bool)
        w = np.where(local, float(self.local_weight), 1.0)
        if self.class_weight == "local":
            classes = sorted(set(y.tolist()))
            for c in classes:  # scikit-learn's "balanced", n / (k * count), counted on the local units
                mine = (y == c) & local
                among = local if mine.any() else np.ones(len(y), dtype=bool)
                w[y == c] *= among.sum() / (len(classes) * ((y == c) & among).sum())
        return w

    def build_pipeline(self):
        """The unfitted scikit-learn pipeline for these parameters."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, Pipeline

        spec = self.spec
        if not spec.blocks:
            raise ValueError("Tagger needs word_ngrams, char_ngrams or context")
        blocks = [
            (
                b.name,
                TfidfVectorizer(
                    analyzer=b.analyzer(spec.userdict), sublinear_tf=True, min_df=b.min_df, dtype=np.float64
                ),
            )
            for b in spec.blocks
        ]
        weights = {b.name: b.weight for b in spec.blocks if b.weight is not None}
        union = FeatureUnion(blocks, transformer_weights=weights or None)
        return Pipeline([("features", union), ("clf", self.classifier())])

    def fit(self, inputs: Sequence[str], labels: Sequence[str], levels: Sequence[str] | None = None) -> Tagger:
        """Fit on model inputs (see :func:`textags._tokenize.join_context`) and their labels.

        ``levels`` gives each input's report level group (``local``,
        ``provincial``, ``national``, ``unknown``); it is needed only with
        ``local_weight`` other than 1 or ``class_weight`` "local".
        """
        if len(inputs) != len(labels):
            raise ValueError(f"{len(inputs)} inputs but {len(labels)} labels")
        try:  # any labels, each one word (they name columns and CSS classes): the label set is data
            Codebook.of(sorted({str(lab) for lab in labels}))
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        if len(set(labels)) < 2:
            raise ValueError("need at least two different labels to train")
        if not (self.C > 0):
            raise ValueError("C must be positive")
        if not (self.word_weight > 0):
            raise ValueError("word_weight must be positive")
        if not (self.local_weight > 0):
            raise ValueError("local_weight must be positive")
        weights = self.unit_weights(labels, levels)
        if not 0 <= self.neighbour_weight <= 1:
            raise ValueError("neighbour_weight must lie between 0 and 1")
        if not 0 <= self.neighbour_confident <= 1:
            raise ValueError("neighbour_confident must lie between 0 and 1")
        try:
            with one_thread():
                fit_params = {} if weights is None else {"clf__sample_weight": weights}
                self.pipeline_ = self.build_pipeline().fit(list(inputs), list(labels), **fit_params)
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
        blocks = []
        for b, (_, vec) in zip(self.spec.blocks, features.transformer_list):
            vocab = vec.vocabulary_
            terms = np.empty(len(vocab), dtype=object)
            for term, col in vocab.items():
                terms[col] = term
            weight = 1.0 if b.weight is None else b.weight
            blocks.append(Block(b.name, np.array(terms.tolist(), dtype=str), vec.idf_.astype(np.float64), weight))
        coef = clf.coef_.astype(np.float64)
        intercept = clf.intercept_.astype(np.float64)
        if coef.shape[0] == 1:  # binary: scikit-learn keeps one row for the second class
            coef = np.vstack([-coef, coef]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        params = self.get_params()
        return Scorer(tuple(str(c) for c in clf.classes_), tuple(blocks), coef, intercept, params, self.spec)
