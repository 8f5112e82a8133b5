"""The linear classifier: logistic regression fitted once per set of identical feature columns.

Many n-gram columns of a tf-idf matrix are identical: every character
trigram and word of a phrase that occurs in exactly the same units, with the
same counts, gets the same column (about 30% of the columns of the bundled
corpus).  Under an L2 penalty such twins share one weight at the optimum,
and ``k`` identical columns ``x`` with weights ``w`` act exactly like one
column ``sqrt(k) x`` with weight ``v = sqrt(k) w``: same predictions, same
penalty ``k w**2 = v**2``.  :class:`TwinMergingLogisticRegression` fits
scikit-learn's :class:`~sklearn.linear_model.LogisticRegression` on the
distinct columns so scaled, then spreads each weight back over its twins:
the same optimum, reached on a smaller problem (about twice as fast on the
bundled corpus, ``benchmarks/fit_speed.py``).  The fitted estimator is a
plain logistic regression over all columns (``coef_`` has one weight per
column, ``predict_proba`` is inherited).

Like any solver run, the fit stops within the tolerance ``tol`` of the
optimum, not on it: the merged problem's iterates are not the unmerged
problem's, so coefficients agree with a plain fit to that tolerance, not
bit for bit (``tests/test_classifier.py``).

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> X = sp.csr_matrix(np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 2.0], [1.0, 1.0, 1.0]]))
>>> twin_groups(X)[0].tolist()  # columns 0 and 1 are twins
[0, 0, 1]
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression


def twin_groups(X, projection: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each column's group of identical columns, and each group's first column.

    Groups are numbered in the order of their first column.  Candidates are
    found by two random projections (``projection``, one row per row of
    ``X``; seeded by default) and the column's length, then checked entry by
    entry; if any check fails, every column is its own group.

    Returns ``(group, first)``: ``group[j]`` is column ``j``'s group,
    ``first[g]`` the first column of group ``g``.
    """
    X = X.tocsc(copy=True)
    X.sum_duplicates()
    X.eliminate_zeros()
    X.sort_indices()
    n_cols = X.shape[1]
    if n_cols == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if projection is None:
        projection = np.random.default_rng(0).random((X.shape[0], 2))
    h = np.asarray(X.T @ projection).reshape(n_cols, -1)[:, [0, -1]]
    length = np.diff(X.indptr)
    order = np.lexsort((np.arange(n_cols), length, h[:, 1], h[:, 0]))  # equal keys together, first column first
    new = np.ones(n_cols, dtype=bool)
    new[1:] = (np.diff(h[order, 0]) != 0) | (np.diff(h[order, 1]) != 0) | (np.diff(length[order]) != 0)
    lead = order[new]  # each group's first column, groups in key order
    key_group = np.cumsum(new) - 1
    rank = np.empty(len(lead), dtype=np.int64)
    rank[np.argsort(lead, kind="stable")] = np.arange(len(lead))  # number the groups by their first column
    group = np.empty(n_cols, dtype=np.int64)
    group[order] = rank[key_group]
    first = np.sort(lead)
    twins = X[:, first[group]]
    if not (
        np.array_equal(twins.indptr, X.indptr)
        and np.array_equal(twins.indices, X.indices)
        and np.array_equal(twins.data, X.data)
    ):  # a projection clash: merge nothing rather than two different columns
        return np.arange(n_cols, dtype=np.int64), np.arange(n_cols, dtype=np.int64)
    return group.astype(np.int64), first.astype(np.int64)


class TwinMergingLogisticRegression(LogisticRegression):
    """:class:`~sklearn.linear_model.LogisticRegression` fitted on the distinct columns of ``X``.

    Takes scikit-learn's parameters unchanged; see the module docstring.
    Merging is exact only under a pure L2 penalty and without a warm start,
    so with any other penalty, or ``warm_start``, the plain fit runs.
    """

    def _merges(self) -> bool:
        return self.penalty in ("l2", "deprecated") and self.l1_ratio in (0, 0.0, None) and not self.warm_start

    def fit(self, X, y, sample_weight=None):
        import scipy.sparse as sp

        if not self._merges():
            return super().fit(X, y, sample_weight=sample_weight)
        X = sp.csr_matrix(X, dtype=np.float64) if not sp.issparse(X) else X.tocsr()
        group, first = twin_groups(X)
        size = np.bincount(group, minlength=len(first)).astype(np.float64)
        scale = np.sqrt(size)
        merged = X[:, first] @ sp.diags(scale)
        super().fit(merged.tocsr(), y, sample_weight=sample_weight)
        self.coef_ = self.coef_[:, group] / scale[group]
        self.n_features_in_ = X.shape[1]
        self.n_twin_groups_ = len(first)
        return self
