"""How far two coders agree: Cohen's kappa, and the agreement of a two-coder file (``textags data agreement``).

>>> round(cohen_kappa(["party", "other"], ["party", "party"]), 3)
0.0
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ._codebook import LABELS
from ._errors import TextagsError


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two codings of the same units.

    >>> round(cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"]), 3)
    0.5
    """
    n = len(a)
    if n == 0 or n != len(b):
        raise ValueError("two codings of the same, non-empty list of units are needed")
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def data_agreement(path: str, codebook=None) -> dict:
    """Agreement, Cohen's kappa and the confusion of a two-coder file (columns ``first``, ``second``).

    The file may be UTF-8 (with or without a BOM) or GB18030/GBK, as Excel saves CSV on Chinese Windows.
    Labels are those of ``codebook`` (:class:`textags._codebook.Codebook`), by default the six.
    """
    import io

    from ._doctable import decode as _decode

    labels = codebook.labels if codebook is not None else LABELS
    p = Path(path)
    if not p.is_file():
        raise TextagsError("no such file; give a CSV with columns first and second", path)
    with io.StringIO(_decode(p.read_bytes(), path), newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"first", "second"} <= set(reader.fieldnames):
            raise TextagsError("needs the columns first and second", path, 1)
        pairs = []
        for row in reader:
            a, b = row["first"].strip(), row["second"].strip()
            for lab in (a, b):
                if lab not in labels:
                    raise TextagsError(f"unknown label {lab!r}; use one of {', '.join(labels)}", path, reader.line_num)
            pairs.append((a, b))
    if not pairs:
        raise TextagsError("has no rows", path)
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    conf = {x: {y: sum(1 for p, q in pairs if p == x and q == y) for y in labels} for x in labels}
    return {
        "units": len(pairs),
        "agreed": sum(x == y for x, y in pairs),
        "agreement": round(sum(x == y for x, y in pairs) / len(pairs), 4),
        "kappa": round(cohen_kappa(a, b), 4),
        "confusion": conf,
    }
