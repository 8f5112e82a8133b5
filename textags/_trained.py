"""A trained model ready to tag: its numpy scorer and its card.

Use :func:`textags._model.load_model` to get one, or :func:`textags.learn.fit`
to make one.  :meth:`Model.tag` takes a :class:`~textags._document.Document`;
a path or a report's text is made into one by :func:`textags._inputs.as_document`
(as :func:`textags.tag` does).

Examples
--------
>>> from textags._examples import SENTENCE_LABELS, SENTENCES
>>> from textags._tagger import Tagger
>>> from textags._segment import segment
>>> model = Model(Tagger(word_ngrams=None, min_df=1).fit(SENTENCES, SENTENCE_LABELS).to_scorer(), {})
>>> model.tag(segment("新增就业岗位300个。")).coded_units[0].tag.label
'livelihood'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from . import _tokenize as tokenize
from ._document import Document, Tag
from ._postprocess import postprocess
from ._scorer import Scorer


class Model:
    """A trained model ready to tag: its :class:`~textags._scorer.Scorer` and its card."""

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
        from ._calibration import TEMPERATURE

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
        (:mod:`textags._neighbours`, weights from the model's parameters);
        ``Tag.alone`` then holds the label the text gets on its own.
        Without, every text is scored on its own.  With ``rules`` (and a
        model whose parameters include them) the codebook rules settle the
        units they name (:mod:`textags._rules`); ``Tag.rule`` names the rule.
        Both follow one scoring (:func:`textags._postprocess.postprocess`).
        The probabilities are calibrated (:mod:`textags._calibration`), so a
        tag's ``confidence`` is about how often such a label is right.
        """
        from ._calibration import calibrate

        contexts = list(contexts) if contexts is not None else [""] * len(texts)
        docs = [tokenize.join_context(t, c) for t, c in zip(texts, contexts)]
        feats = self.scorer.batch_features(docs)
        own = self.scorer.scores(feats, len(docs))
        labels = self.labels
        settled = postprocess(own, texts, labels, self.scorer.params, neighbours=neighbours, rules=rules)
        alone: list = [None] * len(docs)
        if settled.mixed:
            alone = [labels[j] for j in settled.alone.argmax(axis=1).tolist()]
        probs = calibrate(settled.probs, self.temperature)  # confidence as often right as it says
        best = probs.argmax(axis=1)
        tops = self.scorer.batch_top_terms(feats, best, terms)
        return [
            Tag(labels[b], p[b], dict(zip(labels, p)), top if h is None else (), a, h)
            for b, p, top, a, h in zip(best.tolist(), probs.tolist(), tops, alone, settled.rules)
        ]

    def tag(self, doc: Document, *, terms: int = 5, neighbours: bool = True, rules: bool = True) -> Document:
        """Tag a :class:`~textags._document.Document` (for a path or a text: :func:`textags.tag`).

        Every heading and body unit gets a :class:`Tag`; footnotes, tables
        and furniture are left untagged.  Each unit is read with its
        neighbours (see :meth:`tag_texts`) unless ``neighbours=False``, and
        the codebook rules apply unless ``rules=False``.
        """
        if not isinstance(doc, Document):
            raise TypeError(
                f"Model.tag takes a Document, not a {type(doc).__name__}; for a path or a text use "
                "textags.tag(...) or textags._inputs.as_document(...)"
            )
        coded = doc.coded_units
        tags = self.tag_texts(
            [u.text for u in coded], [context_of(u) for u in coded], terms, neighbours=neighbours, rules=rules
        )
        return doc.with_tags({u.index: t for u, t in zip(coded, tags)})

    def explain(self, text: str, context: str = "", terms: int = 10, *, rules: bool = True) -> Tag:
        """The tag of one sentence with its most telling terms (or the codebook rule that settles it)."""
        return self.tag_texts([text], [context], terms, rules=rules)[0]

    def save(self, directory: str | os.PathLike, *, force: bool = False) -> Path:
        """Write the arrays and ``card.json`` into ``directory`` atomically (see :mod:`textags._saving`)."""
        from ._saving import save_model

        return save_model(self.scorer, self.card, directory, force=force)


def context_of(unit) -> str:
    """The heading a unit is read with: the nearest one above it (a heading's own parent)."""
    return unit.section[-1] if unit.section else ""
