"""Leave-one-document-out feature matrices: every unit's terms counted once, each fold sliced from them.

Refitting the scikit-learn pipeline for every fold would cut and count
every unit's n-grams again, once per document.  Here each feature block's
term counts over all rows are built once, with the columns in the order
scikit-learn gives its vocabulary (sorted terms).  A fold then keeps the
columns that occur in at least ``min_df`` of its training rows and weights
them with the training rows' idf: the very matrices the
:class:`~textags.model.Tagger` pipeline builds when fitted on the training
rows (``tests/test_learn.py`` compares them), so the classifier fitted on
them is the pipeline's classifier.

Examples
--------
>>> params = {"word_ngrams": None, "char_ngrams": (1, 1), "context": False, "min_df": 2}
>>> blocks = count_blocks(["抓经济。", "抓安全。", "促经济。"], params)
>>> train, test = fold_matrices(blocks, [0, 1], [2])
>>> train.shape, test.shape  # of 抓 经 济 安 促, only 抓 occurs twice in the training rows
((2, 1), (1, 1))
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from .errors import TextagsError


def count_blocks(inputs: Sequence[str], params: dict) -> list[tuple]:
    """Term counts of every feature block of the ``params`` pipeline over all ``inputs``.

    Returns ``(counts, min_df, weight)`` per block: a CSR matrix of counts
    (rows: inputs; columns: all terms, sorted), the block's ``min_df`` and
    its weight in the feature union (``None``: 1).  ``min_df`` is a count
    of rows, or, as a float, a share of the training rows (as in scikit-learn).
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from .model import Tagger

    union = Tagger(**params).build_pipeline().named_steps["features"]
    weights = union.transformer_weights or {}
    blocks = []
    for name, vec in union.transformer_list:
        counts = CountVectorizer(analyzer=vec.analyzer, dtype=np.float64).fit_transform(list(inputs)).tocsr()
        counts.sort_indices()
        blocks.append((counts, vec.min_df, weights.get(name)))
    return blocks


def fold_matrices(blocks: list[tuple], train: Sequence[int], test: Sequence[int]):
    """Tf-idf matrices (train, test) of one fold, as the pipeline fitted on ``train`` makes them."""
    import scipy.sparse as sp

    train_parts, test_parts = [], []
    for counts, min_df, weight in blocks:
        fit = counts[np.asarray(train)]
        df = np.bincount(fit.indices, minlength=counts.shape[1])
        least = min_df if isinstance(min_df, numbers.Integral) else min_df * fit.shape[0]
        keep = np.flatnonzero(df >= least)
        if not len(keep):
            raise TextagsError("too little labelled text in a fold: no feature occurs in enough units")
        idf = np.log((fit.shape[0] + 1) / (df[keep] + 1.0)) + 1.0
        train_parts.append(_tfidf(fit[:, keep], idf, weight))
        test_parts.append(_tfidf(counts[np.asarray(test)][:, keep], idf, weight))
    return sp.hstack(train_parts, format="csr"), sp.hstack(test_parts, format="csr")


def _tfidf(counts, idf: np.ndarray, weight: float | None):
    """Sublinear tf times idf, each row scaled to unit length, times the block's weight."""
    from sklearn.preprocessing import normalize

    x = counts.astype(np.float64, copy=True)
    np.log(x.data, out=x.data)
    x.data += 1.0
    x.data *= idf[x.indices]
    x = normalize(x, norm="l2", copy=False)
    if weight is not None:
        x = x * weight
    return x
