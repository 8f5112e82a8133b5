"""Finding, reading and loading a saved model: the model directory, its card, and a cache of loaded models.

What is saved (by :mod:`textags._saving`) is the numpy form of the model --
``model-<sha256>.npz``, loaded with ``allow_pickle=False``, so loading never
runs code from the file -- beside a readable card (``card.json``: label set,
feature blocks, versions, training-data hash, cross-validated scores and the
sha256 of the arrays file, checked before loading, :mod:`textags._modelcheck`).

Examples
--------
>>> load_model("bundled") is load_model()  # loaded once, then served from the cache
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ._errors import TextagsError
from ._features import FeatureSpec
from ._format import CARD_FILE, FORMAT_VERSION, MODEL_FILE, sha256_bytes
from ._scorer import Block, Scorer
from ._trained import Model


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
    from ._modelcheck import parse_card

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
    hostile file is refused, never executed.  A model is cached under its
    directory, its card's hash and its arrays file's size, time and inode,
    so a model re-saved in the same directory is loaded afresh.

    Parameters
    ----------
    path : str, path or None
        A model directory (or its ``card.json``); None or ``"bundled"`` for the shipped model.

    Returns
    -------
    Model

    Raises
    ------
    TextagsError
        Missing, damaged or tampered files, or an unknown format version.

    Examples
    --------
    >>> model = load_model()
    >>> model.labels
    ('economy', 'governance', 'livelihood', 'other', 'party', 'safety')
    >>> load_model("bundled") is model  # served from the cache until the model on disk changes
    True
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
    from ._modelcheck import check_card, read_arrays

    check_card(card, str(directory))
    arrays = read_arrays(directory, card)
    params = card.get("params", {})
    spec = FeatureSpec.from_card(card, str(directory))
    n = len(spec.blocks)
    if f"block{n}_terms" in arrays or (n and f"block{n - 1}_terms" not in arrays):
        raise TextagsError(
            f"{card['file']} does not hold the feature blocks its card names; retrain it", str(directory)
        )
    blocks = [
        Block(b.name, arrays[f"block{i}_terms"], arrays[f"block{i}_idf"], 1.0 if b.weight is None else b.weight)
        for i, b in enumerate(spec.blocks)
    ]
    scorer = Scorer(tuple(arrays["labels"].tolist()), blocks, arrays["coef"], arrays["intercept"], params, spec)
    model = Model(scorer, card, str(directory))
    for stale in [k for k in _CACHE if k[0] == key[0]]:  # older versions of this directory
        del _CACHE[stale]
    _CACHE[key] = model
    return model
