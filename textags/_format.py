"""The saved form of a model: file names, format version, the arrays' bytes and the versions a card records.

Examples
--------
>>> sha256_bytes(b"")[:12]
'e3b0c44298fc'
>>> jsonable({"ngrams": (1, 2)})
{'ngrams': [1, 2]}
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import numpy as np

FORMAT_VERSION = 2  # 2: card_sha256 covers the card itself (textags._modelcheck)
MODEL_FILE = "model.npz"
CARD_FILE = "card.json"


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
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


def scorer_arrays(scorer) -> dict[str, np.ndarray]:
    """The arrays of a :class:`~textags._scorer.Scorer` as they are saved."""
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


def jsonable(obj):
    """``obj`` with every tuple a list, as JSON gives it back."""
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return obj


def versions() -> dict[str, str]:
    """Versions of textags and of the libraries that shape a model."""
    from importlib import metadata

    from ._version import __version__

    out = {"textags": __version__, "numpy": np.__version__}
    for dist in ("scikit-learn", "jieba"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out
