"""The ``textags data`` operations on labelled files: check, relink, count, and find inconsistent labels.

Each takes paths (default: the bundled labelled corpus) and returns plain
data; :mod:`textags._formatting` renders it for the command line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ._codebook import Codebook
from ._errors import TextagsError


def _documents(path: str | None) -> dict:
    """The documents table for labelled data: the bundled one and the user's (:func:`textags._doctable.resolve`)."""
    from ._doctable import resolve

    return resolve(path)


def _default_data(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from .learn import bundled_data_dir

    return [str(bundled_data_dir())]


def data_check(paths: Sequence[str] = (), documents: str | None = None, codebook: Codebook | None = None):
    """Problems in labelled files (labels those of ``codebook``, default the six), and how many files were read."""
    from ._labels import check_files, labelled_files

    paths = _default_data(paths)
    docs = _documents(documents)
    try:
        n = len(labelled_files(paths))
    except TextagsError:
        n = 0
    return check_files(paths, {k: v["path"] for k, v in docs.items()} if docs else None, codebook=codebook), n


def data_relink(paths: Sequence[str], documents: str | None = None) -> list[tuple[str, int, list[dict]]]:
    """Relink labelled CSV files in place; return (file, rows kept, rows lost) for each."""
    from ._labels import labelled_files
    from ._relink import relink_file

    docs = _documents(documents)
    if not docs:
        raise TextagsError("no documents table found; pass --documents data/documents.csv")
    out = []
    for path in labelled_files(paths):
        if not path.lower().endswith(".csv"):
            continue
        kept, lost = relink_file(path, {k: v["path"] for k, v in docs.items()})
        out.append((path, kept, lost))
    return out


def data_stats(paths: Sequence[str] = (), documents: str | None = None, codebook: Codebook | None = None) -> dict:
    """Counts of labelled units per label (those of ``codebook``, default the six), per document and per level."""
    from ._labels import read_labelled

    rows, skipped = read_labelled(_default_data(paths), codebook)
    labels = (codebook or Codebook.derive({r.label for r in rows})).labels
    docs = _documents(documents)
    per_label = Counter(r.label for r in rows)
    per_doc: dict[str, Counter] = {}
    per_level: dict[str, Counter] = {}
    reviewed = sum(1 for r in rows if r.reviewed)
    for r in rows:
        per_doc.setdefault(r.doc, Counter())[r.label] += 1
        level = docs.get(r.doc, {}).get("level", "unknown")
        per_level.setdefault(level, Counter())[r.label] += 1
    return {
        "units": len(rows),
        "reviewed": reviewed,
        "empty_labels": skipped,
        "documents": len(per_doc),
        "labels": {lab: per_label.get(lab, 0) for lab in labels},
        "by_level": {
            lv: {lab: c.get(lab, 0) for lab in labels} | {"total": sum(c.values())}
            for lv, c in sorted(per_level.items())
        },
        "by_document": {
            d: {lab: c.get(lab, 0) for lab in labels} | {"total": sum(c.values())} for d, c in sorted(per_doc.items())
        },
    }


def data_consistency(
    paths: Sequence[str] = (), *, threshold: float = 0.9, settled: bool = True, codebook: Codebook | None = None
) -> list[dict]:
    """Rows of identical or near-identical units whose labels differ, a group at a time, worst first.

    See :mod:`textags._consistency`; ``paths`` default to the bundled corpus, labels to the six defaults
    (``codebook`` for labels of your own).
    """
    from ._consistency import consistency_groups, group_records
    from ._labels import read_labelled

    if not 0 < threshold <= 1:
        raise TextagsError(f"threshold {threshold} is not in (0, 1]; give e.g. --threshold 0.9")
    rows, _ = read_labelled(_default_data(paths), codebook)
    return group_records(consistency_groups(rows, threshold=threshold, settled=settled))
