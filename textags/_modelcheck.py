"""A saved model checked whole before use: its card, its arrays, and that they fit.

The card (``card.json``) carries ``card_sha256``, the sha256 of the card's
own content (every field but that one, as sorted compact JSON), and
``sha256``, that of the arrays file.  So an edited card -- a changed
parameter, label or score -- is refused as surely as a changed arrays file.
The arrays are read with ``allow_pickle=False`` and then validated: the
label set is the codebook's (unique, non-empty), every array has the shape
and the kind of values it must have, and every number is finite.  Anything
else is refused with a one-line :class:`~textags._errors.TextagsError`.

Examples
--------
>>> card = {"format": 2, "labels": ["economy", "other"]}
>>> card["card_sha256"] = card_digest(card)
>>> check_card(card, "m")
>>> card["labels"] = ["economy"]
>>> check_card(card, "m")
Traceback (most recent call last):
textags._errors.TextagsError: m: card.json was changed or damaged (it does not match its card_sha256); re-download or retrain the model
"""

from __future__ import annotations

import hashlib
import io
import json
import numbers
from pathlib import Path

import numpy as np

from ._codebook import LABELS
from ._errors import TextagsError

#: What each card parameter must be: a check and the words for it.
_PARAMS = {
    "word_ngrams": (lambda v: v is None or _ngram_range(v), "null or a pair of whole numbers [low, high]"),
    "char_ngrams": (lambda v: v is None or _ngram_range(v), "null or a pair of whole numbers [low, high]"),
    "context": (lambda v: isinstance(v, bool), "true or false"),
    "context_weight": (lambda v: _number(v) and v >= 0, "a number of at least 0"),
    "word_weight": (lambda v: _number(v) and v > 0, "a number above 0"),
    "neighbour_weight": (lambda v: _number(v) and 0 <= v <= 1, "a number between 0 and 1"),
    "neighbours": (lambda v: isinstance(v, list) and all(_number(x) and x >= 0 for x in v), "a list of weights"),
    "rules": (lambda v: isinstance(v, bool), "true or false"),
    "userdict": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of terms"),
}


def _number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool) and bool(np.isfinite(v))


def _ngram_range(v) -> bool:
    return (
        isinstance(v, list)
        and len(v) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in v)
        and 1 <= v[0] <= v[1] <= 10
    )


def card_digest(card: dict) -> str:
    """The sha256 of a card's content: every field but ``card_sha256``, as sorted compact JSON."""
    body = {k: v for k, v in card.items() if k != "card_sha256"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_card(data: bytes, directory: str) -> dict:
    """A card's JSON object from its bytes; anything else refused."""
    try:
        card = json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise TextagsError("card.json is damaged (not JSON); re-download or retrain the model", directory) from None
    if not isinstance(card, dict):
        raise TextagsError("card.json is not a model card (a JSON object); re-download or retrain the model", directory)
    return card


def check_card(card: dict, directory: str) -> None:
    """Refuse a card whose content does not match its ``card_sha256``, or whose parameters are wrong."""
    if card.get("card_sha256") != card_digest(card):
        raise TextagsError(
            "card.json was changed or damaged (it does not match its card_sha256); re-download or retrain the model",
            directory,
        )
    params = card.get("params", {})
    if not isinstance(params, dict):
        raise TextagsError("card.json has no parameters object; re-download or retrain the model", directory)
    for name, (ok, what) in _PARAMS.items():
        if name in params and not ok(params[name]):
            raise TextagsError(f"card.json parameter {name} must be {what}; retrain the model", directory)


def read_arrays(directory: Path, card: dict) -> dict[str, np.ndarray]:
    """The arrays file the card names: its sha256 checked, read without pickle, then validated."""
    where = str(directory)
    name = card.get("file")
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        raise TextagsError("card.json names no arrays file inside the model directory; refusing it", where)
    try:
        data = (directory / name).read_bytes()
    except FileNotFoundError:
        raise TextagsError(f"has no {name}; retrain or re-download the model", where) from None
    except OSError as exc:
        raise TextagsError(f"{name} cannot be read ({exc.strerror}); retrain or re-download the model", where) from None
    if hashlib.sha256(data).hexdigest() != card.get("sha256"):
        raise TextagsError(
            f"{name} does not match the sha256 in card.json: it was changed or damaged; "
            "re-download or retrain the model",
            where,
        )
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except Exception as exc:  # a damaged archive raises many kinds (zip, EOF, value, pickle refused)
        raise TextagsError(
            f"{name} cannot be read ({type(exc).__name__}); re-download or retrain the model", where
        ) from None
    check_arrays(arrays, card, f"{where}: {name}")
    return arrays


def _refuse(what: str, where: str):
    raise TextagsError(f"{what}; re-download or retrain the model", where)


def _codebook_labels(card: dict, where: str) -> tuple:
    """The labels a model may have: those of its card's ``codebook`` (:mod:`textags._codebook`), else the six."""
    if not card.get("codebook"):
        return LABELS
    from ._codebook import Codebook

    try:
        return Codebook.from_dict(card["codebook"]).labels
    except (ValueError, TypeError, AttributeError) as exc:
        _refuse(f"has a codebook that is not one ({exc})", where)


def check_arrays(arrays: dict[str, np.ndarray], card: dict, where: str) -> None:
    """Refuse arrays of the wrong shape or kind, with values that are not finite, or a bad label set."""
    labels = arrays.get("labels")
    if labels is None or labels.ndim != 1 or labels.dtype.kind != "U" or labels.size == 0:
        _refuse("has no label list", where)
    names = labels.tolist()
    known = _codebook_labels(card, where)
    if len(set(names)) != len(names) or not set(names) <= set(known):
        _refuse(f"has labels {names!r}, not distinct labels of {', '.join(known)}", where)
    if card.get("labels") != names:
        _refuse("its labels differ from those in card.json", where)
    blocks, n = 0, 0
    while f"block{blocks}_terms" in arrays:
        terms, idf = arrays[f"block{blocks}_terms"], arrays.get(f"block{blocks}_idf")
        if terms.ndim != 1 or terms.dtype.kind != "U":
            _refuse(f"block {blocks} terms are not a list of text", where)
        if idf is None or idf.shape != terms.shape or idf.dtype.kind != "f" or not np.isfinite(idf).all():
            _refuse(f"block {blocks} idf weights do not fit its terms or are not finite", where)
        n += terms.size
        blocks += 1
    coef, intercept = arrays.get("coef"), arrays.get("intercept")
    for key, value, shape in (("coef", coef, (len(names), n)), ("intercept", intercept, (len(names),))):
        if value is None or value.dtype.kind != "f" or value.shape != shape:
            _refuse(f"{key} is not a {shape} array of numbers", where)
        if not np.isfinite(value).all():
            _refuse(f"{key} holds values that are not finite (NaN or infinity)", where)
    if card.get("n_features") != n:
        _refuse("its vocabulary size differs from n_features in card.json", where)
