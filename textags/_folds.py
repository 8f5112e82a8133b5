"""Leave-one-document-out feature matrices: every unit's terms counted once, each fold sliced from them.

Refitting the scikit-learn pipeline for every fold would cut and count
every unit's n-grams again, once per document.  Here each feature block's
term counts over all rows are built once, with the columns in the order
scikit-learn gives its vocabulary (sorted terms).  A fold then keeps the
columns that occur in at least ``min_df`` of its training rows and weights
them with the training rows' idf: the very matrices the
:class:`~textags._tagger.Tagger` pipeline builds when fitted on the training
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

from ._errors import TextagsError
from ._features import WORD_PREFIX, BlockSpec, FeatureSpec


def count_blocks(inputs: Sequence[str], params: dict, n_jobs: int = 1) -> list[tuple]:
    """Term counts of every feature block of the ``params`` (:class:`~textags._features.FeatureSpec`) over all ``inputs``.

    Returns ``(counts, min_df, weight)`` per block: a CSR matrix of counts
    (rows: inputs; columns: all terms, sorted), the block's ``min_df`` and
    its weight in the feature union (``None``: 1).  ``min_df`` is a count
    of rows, or, as a float, a share of the training rows (as in scikit-learn).
    With ``n_jobs`` > 1 the blocks are counted in parallel (words in one
    process, characters in another); the counts are the same.
    """
    spec = FeatureSpec.from_params(params)
    if not spec.blocks:
        raise ValueError("Tagger needs word_ngrams, char_ngrams or context")
    inputs = list(inputs)
    if n_jobs > 1 and len(spec.blocks) > 1:
        from joblib import Parallel, delayed

        counts = Parallel(n_jobs=min(n_jobs, len(spec.blocks)))(
            delayed(_count_block)(inputs, b, spec.userdict) for b in spec.blocks
        )
    else:
        counts = [_count_block(inputs, b, spec.userdict) for b in spec.blocks]
    return [(c, b.min_df, b.weight) for c, b in zip(counts, spec.blocks)]


def _count_block(inputs: list[str], block: BlockSpec, userdict: tuple[str, ...]):
    """The counts of one feature block (see :func:`count_blocks`), rows in input order, columns sorted."""
    from sklearn.feature_extraction.text import CountVectorizer

    from . import _tokenize as tokenize

    counts = None
    if block.name in ("words", "chars") and block.ngrams[1] <= 3:
        texts = [tokenize.split_context(x)[0] for x in inputs]
        lo, hi = block.ngrams
        if block.name == "words":
            counts = _word_counts(tokenize.cut_many(texts, userdict), lo, hi)
        else:
            counts = _char_counts(tokenize.char_strings(texts), lo, hi)
    if counts is None or counts.shape[1] == 0:  # other blocks: the analyzer itself
        counts = CountVectorizer(analyzer=block.analyzer(userdict), dtype=np.float64).fit_transform(inputs).tocsr()
    counts.sort_indices()
    return counts


def _csr(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int):
    import scipy.sparse as sp

    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_rows, n_cols), dtype=np.float64)
    m.sum_duplicates()
    return m


def _char_counts(strings: Sequence[str], lo: int, hi: int):
    """Counts of the character n-grams (``hi`` <= 3) of each string, columns in sorted-term order.

    An n-gram is packed into one integer, its code points 21 bits each and
    zeros after a shorter n-gram: the integers sort as the strings do
    (a prefix first), so the sorted unique integers are scikit-learn's
    sorted vocabulary.  Strings hold letters and digits only, never U+0000.
    """
    from ._ngrams import ngram_starts

    lengths = np.fromiter((len(x) for x in strings), dtype=np.int64, count=len(strings))
    codes = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    keys, units = [], []
    for n in range(lo, hi + 1):
        start, unit = ngram_starts(lengths, n)
        key = np.zeros(len(start), dtype=np.int64)
        for k in range(n):
            key |= codes[start + k] << (21 * (2 - k))
        keys.append(key)
        units.append(unit)
    vocab, cols = np.unique(np.concatenate(keys), return_inverse=True)
    return _csr(np.concatenate(units), cols.ravel(), len(strings), len(vocab))


def _word_counts(tokens: Sequence[Sequence[str]], lo: int, hi: int):
    """Counts of the word n-grams (``hi`` <= 3) of each token list, columns in sorted-term order."""
    from ._ngrams import ngram_starts

    ids: dict[str, int] = {}
    flat = np.fromiter((ids.setdefault(t, len(ids)) + 1 for toks in tokens for t in toks), dtype=np.int64)
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    base = len(ids) + 1
    if base**hi >= 2**62:  # the packed keys would overflow: let the analyzer count
        return None
    keys, units = [], []
    for n in range(lo, hi + 1):
        start, unit = ngram_starts(lengths, n)
        key = np.zeros(len(start), dtype=np.int64)
        for k in range(n):
            key = key * base + flat[start + k]
        keys.append(key * base ** (hi - n))  # 0-padded, so n-grams of different lengths never meet
        units.append(unit)
    uniq, cols = np.unique(np.concatenate(keys), return_inverse=True)
    # the terms as scikit-learn names them, sorted as it sorts them
    words = [""] + list(ids)
    names = []
    for key in uniq.tolist():
        parts = []
        for _ in range(hi):
            key, r = divmod(key, base)
            if r:
                parts.append(words[r])
        names.append(WORD_PREFIX + " ".join(reversed(parts)))
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(len(names))
    return _csr(np.concatenate(units), rank[cols.ravel()], len(tokens), len(names))


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
