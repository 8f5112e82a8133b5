"""The tagger: a TF-IDF + logistic-regression pipeline, and its safe saved form (the public face of the model).

Training builds a scikit-learn pipeline (:class:`Tagger`, in
:mod:`textags._tagger`).  A trained pipeline is then turned into plain arrays
-- the vocabularies, idf weights, coefficients -- that a :class:`Scorer`
(:mod:`textags._scorer`) evaluates with numpy alone, giving the same
probabilities as the pipeline.  That is what is saved
(:mod:`textags._saving`; ``model-<sha256>.npz``, loaded with
``allow_pickle=False``, so loading never runs code from the file) beside a
readable card (``card.json``: label set, feature blocks, versions,
training-data hash, cross-validated scores and the sha256 of the arrays
file, checked before loading; :mod:`textags._persist`).  Tagging
(:class:`Model`, :mod:`textags._trained`) needs neither scikit-learn nor a
pickle.  The feature blocks are specified once (:mod:`textags._features`),
and a document's probabilities are settled in one step
(:mod:`textags._postprocess`).

Examples
--------
>>> m = Tagger(word_ngrams=None, min_df=1).fit(SENTENCES, SENTENCE_LABELS)
>>> scorer = m.to_scorer()
>>> scorer.labels[scorer.predict_proba(["新增就业岗位300个。"]).argmax()]
'livelihood'
"""

from __future__ import annotations

import os

from ._document import Document
from ._examples import SENTENCE_LABELS, SENTENCES
from ._format import CARD_FILE, FORMAT_VERSION, MODEL_FILE, scorer_arrays, sha256_bytes, versions
from ._format import npz_bytes as _npz_bytes
from ._persist import _CACHE, BUNDLED_NAMES, _model_dir, default_model_dir, load_model, read_card
from ._saving import save_model
from ._scorer import Block, Features, Scorer, _by_unit_then_descending, _distinct
from ._tagger import DEFAULT_PARAMS, Tagger, one_thread
from ._trained import Model, context_of

__all__ = [
    "BUNDLED_NAMES",
    "CARD_FILE",
    "DEFAULT_PARAMS",
    "FORMAT_VERSION",
    "MODEL_FILE",
    "SENTENCES",
    "SENTENCE_LABELS",
    "Block",
    "Features",
    "Model",
    "Scorer",
    "Tagger",
    "_CACHE",
    "_by_unit_then_descending",
    "_distinct",
    "_model_dir",
    "_npz_bytes",
    "context_of",
    "default_model_dir",
    "load_model",
    "one_thread",
    "read_card",
    "save_model",
    "scorer_arrays",
    "sha256_bytes",
    "tag",
    "versions",
]


def tag(
    doc=None, model: Model | str | os.PathLike | None = None, *, path=None, text: str | None = None, **kwargs
) -> Document:
    """Tag a document with ``model`` (default: the shipped one).

    ``doc`` is a :class:`Document`, a path, or a report's text: a ``str`` is
    read as a file only when such a file exists (see :mod:`textags._inputs`);
    ``path=`` or ``text=`` say which it is without that rule.

    Parameters
    ----------
    doc : Document, path or str
    model : Model, path or None
        A loaded model, a model directory, or None for the shipped one.
    path, text : optional
        The file to read, or the text to tag, instead of ``doc``.
    **kwargs
        ``terms``, ``neighbours``, ``rules`` of :meth:`Model.tag`.

    Returns
    -------
    Document
        The document with every heading and body unit tagged.

    Examples
    --------
    >>> tag(text="坚持党管武装，有效落实民兵整组任务。").coded_units[0].tag.label
    'party'
    """
    from ._inputs import as_document

    if not isinstance(model, Model):
        model = load_model(model)
    return model.tag(as_document(doc, path=path, text=text), **kwargs)
