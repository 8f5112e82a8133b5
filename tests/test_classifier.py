"""The classifier fitted once per set of identical columns: the same optimum as a plain logistic regression."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from textags._classifier import TwinMergingLogisticRegression, twin_groups
from textags._model import Tagger
from textags.learn import DEFAULT_PARAMS, inputs


@pytest.fixture(scope="module")
def street_matrix(street_rows):
    """The tf-idf matrix of the street and district reports, as the default pipeline builds it."""
    union = Tagger(**DEFAULT_PARAMS).build_pipeline().named_steps["features"]
    return union.fit_transform(inputs(street_rows)).tocsr(), np.array([r.label for r in street_rows])


def test_twin_groups_finds_exactly_the_identical_columns(street_matrix):
    X, _ = street_matrix
    group, first = twin_groups(X)
    assert len(first) < X.shape[1]  # real reports have twins: the n-grams of a phrase seen in the same units
    Xc = X.tocsc()
    Xc.sort_indices()

    def column(j):
        a, b = Xc.indptr[j], Xc.indptr[j + 1]
        return Xc.indices[a:b].tobytes(), Xc.data[a:b].tobytes()

    by_content = {}
    for j in range(X.shape[1]):
        by_content.setdefault(column(j), []).append(j)
    assert len(by_content) == len(first)
    for cols in by_content.values():
        assert len({int(group[j]) for j in cols}) == 1
        assert first[group[cols[0]]] == cols[0]  # a group's first column is its smallest


def test_columns_that_differ_by_one_value_are_not_twins():
    X = sp.csr_matrix(np.array([[1.0, 1.0], [0.5, 0.5000001]]))
    assert twin_groups(X)[0].tolist() == [0, 1]


def test_merged_fit_reaches_the_plain_fits_optimum(street_matrix):
    """Solved tightly, both fits land on the same optimum: same probabilities, twins share their weight."""
    X, y = street_matrix
    kw = dict(C=10.0, class_weight="balanced", solver="newton-cg", max_iter=1000, tol=1e-8)
    with threadpool_limits(1):
        plain = LogisticRegression(**kw).fit(X, y)
        merged = TwinMergingLogisticRegression(**kw).fit(X, y)
    np.testing.assert_allclose(merged.predict_proba(X), plain.predict_proba(X), atol=1e-5)
    assert merged.coef_.shape == plain.coef_.shape and merged.n_features_in_ == X.shape[1]
    group, first = twin_groups(X)
    np.testing.assert_allclose(merged.coef_, merged.coef_[:, first[group]])  # each twin carries the same weight


def test_at_the_default_tolerance_the_merged_fit_agrees_within_the_solvers_tolerance(street_matrix):
    X, y = street_matrix
    kw = dict(C=10.0, class_weight="balanced", solver="newton-cg", max_iter=1000)
    with threadpool_limits(1):
        plain = LogisticRegression(**kw).fit(X, y).predict_proba(X)
        merged = TwinMergingLogisticRegression(**kw).fit(X, y).predict_proba(X)
    assert np.abs(merged - plain).max() < 0.05
    assert (merged.argmax(axis=1) == plain.argmax(axis=1)).mean() > 0.99


def test_a_projection_clash_merges_nothing():
    X = sp.csr_matrix(np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]))
    clash = np.ones((2, 2))  # columns 0 and 1 differ but project alike
    assert twin_groups(X, clash)[0].tolist() == [0, 1, 2]
    assert twin_groups(X)[0].tolist() == [0, 1, 0]  # the seeded projection tells them apart


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # a short saga run is enough here
def test_other_penalties_and_warm_starts_fit_plainly(street_matrix):
    X, y = street_matrix
    for kw in ({"solver": "saga", "l1_ratio": 1.0, "max_iter": 50}, {"warm_start": True, "solver": "newton-cg"}):
        with threadpool_limits(1):
            plain = LogisticRegression(C=1.0, random_state=0, **kw).fit(X, y)
            merged = TwinMergingLogisticRegression(C=1.0, random_state=0, **kw).fit(X, y)
        np.testing.assert_array_equal(merged.coef_, plain.coef_)
        assert not hasattr(merged, "n_twin_groups_")
