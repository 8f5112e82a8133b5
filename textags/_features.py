"""The feature specification: which blocks of TF-IDF features a model reads, derived once from its settings.

A model's features come in blocks -- jieba word n-grams, character
n-grams, the words of the unit's heading -- each with its n-gram range,
its ``min_df`` and its weight in the feature union.  :class:`FeatureSpec`
holds them, made once from the settings (:meth:`FeatureSpec.from_params`)
and saved in the model's card (``features``).  The scikit-learn pipeline
(:class:`~textags._tagger.Tagger`), the fold counts (:mod:`textags._folds`)
and the numpy scorer (:class:`~textags._scorer.Scorer`) all read it; adding
a kind of block means adding a row to :data:`KINDS` and its analyzer to
:meth:`BlockSpec.analyzer`.

Examples
--------
>>> spec = FeatureSpec.from_params({"word_ngrams": (1, 2), "char_ngrams": None, "context": True,
...                                 "context_weight": 0.5, "min_df": 2})
>>> [(b.name, b.ngrams, b.min_df, b.weight) for b in spec.blocks]
[('words', (1, 2), 2, None), ('context', None, 1, 0.5)]
>>> FeatureSpec.from_card({"features": spec.to_card()}) == FeatureSpec(spec.blocks)
True
>>> [b.weight for b in FeatureSpec.from_params({"word_ngrams": (1, 2), "char_ngrams": (1, 3), "word_weight": 0.5}).blocks]
[0.5, None]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ._errors import TextagsError

#: What marks a word n-gram among the feature names (``w:发展 经济``).
WORD_PREFIX = "w:"
#: What marks a word of the unit's heading among the feature names (``h:安全``).
HEADING_PREFIX = "h:"
#: How a heading word is shown to a reader (in a tag's top terms).
HEADING_MARK = "[标题]"
#: What joins the headings of a unit's section path (``一、抓经济 > （一）招商``).
SECTION_SEP = " > "

#: The kinds of block, in the order they stand in the union: name and the parameter that turns it on.
KINDS = (("words", "word_ngrams"), ("chars", "char_ngrams"), ("context", "context"))


@dataclass(frozen=True)
class BlockSpec:
    """One block of features: its kind, n-gram range, ``min_df`` and weight in the union (None: unweighted)."""

    name: str
    ngrams: tuple[int, int] | None
    min_df: int | float
    weight: float | None

    def analyzer(self, userdict: tuple[str, ...] = ()):
        """The function that turns a model input into this block's terms (:mod:`textags._tokenize`)."""
        from . import _tokenize as tokenize

        if self.name == "words":
            return partial(tokenize.words, userdict=tuple(userdict), ngram_range=self.ngrams)
        if self.name == "chars":
            return partial(tokenize.char_ngrams, ngram_range=self.ngrams)
        if self.name == "context":
            return partial(tokenize.context_words, userdict=tuple(userdict))
        raise TextagsError(f"unknown feature block {self.name!r} in the model; retrain it with this textags version")


@dataclass(frozen=True)
class FeatureSpec:
    """The blocks of a model's features and the user dictionary their analyzers cut words with."""

    blocks: tuple[BlockSpec, ...]
    userdict: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: dict) -> FeatureSpec:
        """The blocks the :class:`~textags._tagger.Tagger` parameters turn on, in union order."""
        blocks = []
        for name, key in KINDS:
            value = params.get(key)
            if not value:
                continue
            if name == "context":  # the heading's words: every one kept, weighted against the unit's own
                blocks.append(BlockSpec(name, None, 1, float(params.get("context_weight", 1.0))))
            else:  # the words weighted against the characters (None: 1, as a model before word_weight)
                weight = float(params.get("word_weight", 1.0)) if name == "words" else 1.0
                ngrams = (int(value[0]), int(value[1]))
                blocks.append(BlockSpec(name, ngrams, params.get("min_df", 1), None if weight == 1.0 else weight))
        return cls(tuple(blocks), tuple(params.get("userdict") or ()))

    def block(self, name: str) -> BlockSpec:
        """The block of that kind."""
        return next(b for b in self.blocks if b.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.blocks)

    def to_card(self) -> list[dict]:
        """The blocks as the card stores them (JSON)."""
        return [
            {"name": b.name, "ngrams": list(b.ngrams) if b.ngrams else None, "min_df": b.min_df, "weight": b.weight}
            for b in self.blocks
        ]

    @classmethod
    def from_card(cls, card: dict, where: str = "") -> FeatureSpec:
        """The spec a card names (``features``; a card written before it was stored: from its ``params``)."""
        params = card.get("params") or {}
        stored = card.get("features")
        if stored is None:
            return cls.from_params(params)
        try:
            blocks = tuple(
                BlockSpec(
                    str(b["name"]),
                    (int(b["ngrams"][0]), int(b["ngrams"][1])) if b["ngrams"] else None,
                    b["min_df"],
                    None if b["weight"] is None else float(b["weight"]),
                )
                for b in stored
            )
        except (TypeError, KeyError, IndexError, ValueError):
            raise TextagsError("card.json has a damaged features list; retrain the model", where or None) from None
        known = {name for name, _ in KINDS}
        if any(b.name not in known for b in blocks):
            raise TextagsError("card.json names a feature block this textags does not know; retrain it", where or None)
        return cls(blocks, tuple(params.get("userdict") or ()))
