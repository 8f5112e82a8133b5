"""Tagging past one machine with Dask (extra ``dask``).

Two shapes of work:

- :func:`tag_bag` -- a ``dask.bag`` over files: each task reads, segments
  and tags one report and returns its unit records, in file order.
- :func:`tag_units_frame` -- ``map_partitions`` over a dask DataFrame with a
  ``text`` column (units you already have): each partition is tagged as one
  batch.

joblib's dask backend would only ship whole ``predict`` calls, so the work is
chunked here: one task per file or per partition, and the model is loaded
once per worker process (from its path, which every worker must be able to
read) rather than shipped with every task.

Examples
--------
On a cluster (here a local one; ``tests/test_distributed.py`` runs this)::

    from distributed import Client, LocalCluster
    from textags.distributed import tag_bag

    with Client(LocalCluster(n_workers=2)):
        records = tag_bag(["a.txt", "b.txt"], "my_model").compute()
"""

from __future__ import annotations

from collections.abc import Sequence

from ._errors import MissingExtraError


def _dask():
    try:
        import dask.bag as db
    except ImportError:
        raise MissingExtraError("dask", "dask", what="tagging with Dask") from None
    return db


def tag_bag(paths: Sequence[str], model: str | None = None, *, terms: int = 5, npartitions: int | None = None):
    """A dask bag of unit records (dicts, as ``textags tag --format jsonl`` writes them), in file order."""
    from ._names import document_names
    from ._tag_files import _tag_one

    db = _dask()
    model_path = str(model) if model is not None else None
    sources = list(zip(paths, document_names(paths)))  # (path, id): ids distinct within the run
    bag = db.from_sequence(sources, npartitions=npartitions or min(len(paths), 64) or 1)
    return bag.map(_tag_one, model_path, terms, True).flatten()


def _tag_partition(frame, model_path, terms):
    import pandas as pd

    from ._model import load_model
    from ._records import tag_fields

    m = load_model(model_path)
    tags = m.tag_texts(list(frame["text"]), None, terms)
    fields = [tag_fields(t) for t in tags]
    out = frame.copy()
    out["label"] = [f["label"] for f in fields]
    out["confidence"] = [f["confidence"] for f in fields]
    for lab in m.labels:
        out[f"p_{lab}"] = [f["probs"][lab] for f in fields]
    out["rule"] = [t.rule for t in tags]  # the codebook rule that settled the label, if any
    return pd.DataFrame(out)


def tag_units_frame(frame, model: str | None = None, *, terms: int = 0):
    """Add ``label``, ``confidence``, ``p_<label>`` and ``rule`` columns to a dask DataFrame of units (column ``text``).

    ``rule`` names the codebook rule that settled a unit's label (:mod:`textags._rules`), None elsewhere.
    """
    _dask()
    import pandas as pd

    from ._model import load_model

    m = load_model(model)  # fail early here, not in every worker
    columns = {"label": pd.Series(dtype=object), "confidence": pd.Series(dtype=float)}
    columns.update({f"p_{lab}": pd.Series(dtype=float) for lab in m.labels})
    columns["rule"] = pd.Series(dtype=object)
    meta = frame._meta.assign(**columns)
    return frame.map_partitions(_tag_partition, str(m.path) if model is not None else None, terms, meta=meta)
