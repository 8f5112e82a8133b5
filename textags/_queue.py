"""The label audit and the labelling queue: which labels to check, which units to label next.

Examples
--------
>>> _relative("/data/raw/a.txt", "/data/sheet.csv")
'raw/a.txt'
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence

from ._errors import TextagsError
from ._evaluation import cross_val_proba
from ._features import SECTION_SEP
from ._labels import LabelledUnit
from ._trained import Model


def audit(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    threshold: float = 0.2,
    n_jobs: int = 1,
    top: int | None = None,
    documents: Mapping | None = None,
    held_out: Collection[str] | None = None,
) -> list[dict]:
    """Likely label errors: units whose given label gets a low cross-validated probability.

    Each unit is scored by a model that never saw its document; rows whose
    given label has probability below ``threshold`` while another label is
    the model's choice are listed, worst first.  With ``held_out`` only the
    rows of those documents are audited, the other rows only train.
    """
    labels, proba = cross_val_proba(rows, params=params, n_jobs=n_jobs, documents=documents, held_out=held_out)
    out = []
    for r, p in zip(rows, proba):
        if held_out is not None and r.doc not in held_out:
            continue
        given = p[labels.index(r.label)]
        j = int(p.argmax())
        if labels[j] != r.label and given < threshold:
            out.append(
                {
                    "doc": r.doc,
                    "index": r.index,
                    "given": r.label,
                    "given_prob": round(float(given), 4),
                    "suggested": labels[j],
                    "suggested_prob": round(float(p[j]), 4),
                    "text": r.text,
                    "file": r.path,
                    "line": r.line,
                }
            )
    out.sort(key=lambda d: (d["given_prob"] - d["suggested_prob"], d["doc"], d["index"]))
    return out[:top] if top else out


def _relative(path, sheet) -> str:
    """``path`` relative to the directory of ``sheet`` (as given when there is no sheet, or no common root)."""
    if not path:
        return ""
    if sheet is None:
        return str(path)
    try:
        return os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(sheet)))
    except ValueError:  # another drive (Windows)
        return os.path.abspath(path)


def label_queue(
    docs, model: Model, *, order: str = "uncertainty", sheet: str | os.PathLike | None = None
) -> list[dict]:
    """Rows of a labelling sheet for new reports, most informative first.

    ``order="uncertainty"`` puts the smallest margin between the model's two
    most likely labels first; ``order="document"`` keeps reading order.
    The ``label`` column is left empty for a person to fill.  The ``file``
    column names each unit's report, relative to the directory of ``sheet``
    (where the sheet will be written), so that evaluation can read the
    report whole for neighbour context.
    """
    if order not in ("uncertainty", "document"):
        raise TextagsError(f"--order must be 'uncertainty' or 'document', not {order!r}")
    rows = []
    for doc in docs:
        tagged = model.tag(doc, terms=0)
        for u in tagged.coded_units:
            probs = sorted(u.tag.probs.values(), reverse=True)
            margin = probs[0] - (probs[1] if len(probs) > 1 else 0.0)
            rows.append(
                {
                    "doc": tagged.name,
                    "index": u.index,
                    "kind": u.kind,
                    "section": SECTION_SEP.join(u.section),
                    "text": u.text,
                    "predicted": u.tag.label,
                    "confidence": round(u.tag.confidence, 4),
                    "margin": round(margin, 4),
                    "label": "",
                    "reviewed": "",
                    "coder": "",
                    "note": "",
                    "file": _relative(tagged.path, sheet),
                }
            )
    if order == "uncertainty":
        rows.sort(key=lambda r: (r["margin"], r["doc"], r["index"]))
    return rows
