"""How long one cross-validation fit takes, and what makes it shorter.

One fold of leave-one-document-out (the 2000 national report held out: about
8,100 training units), fitted with the model's parameters by

- scikit-learn's LogisticRegression with its default threads (one OpenMP thread per core),
- the same on one thread (what textags does since fits must not depend on the machine),
- the same with float32 features, on one thread,
- textags's TwinMergingLogisticRegression (identical columns fitted once), on one thread,

then the same two fits run side by side in two processes, as ``textags evaluate --jobs 2`` runs
its folds.  Prints the median of --runs fits and how far the held-out probabilities and the
coefficients move from the plain one-thread fit.

Run: python benchmarks/fit_speed.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags import _folds as folds  # noqa: E402
from textags._classifier import TwinMergingLogisticRegression, twin_groups  # noqa: E402
from textags._labels import read_labelled  # noqa: E402
from textags.learn import DEFAULT_PARAMS, dedupe, inputs  # noqa: E402

HELD_OUT = "gwr-2000"


def fold():
    rows, _ = read_labelled([ROOT / "data" / "labelled"])
    rows = dedupe(rows)
    blocks = folds.count_blocks(inputs(rows), dict(DEFAULT_PARAMS))
    docs = np.array([r.doc for r in rows])
    train, test = np.flatnonzero(docs != HELD_OUT), np.flatnonzero(docs == HELD_OUT)
    x_train, x_test = folds.fold_matrices(blocks, train, test)
    return x_train, np.array([r.label for r in rows])[train], x_test


def fit(kind, x_train, y_train, x_test, runs):
    """Median seconds of ``runs`` fits of one kind, and its held-out probabilities."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    kw = dict(C=DEFAULT_PARAMS["C"], class_weight="balanced", solver="newton-cg", max_iter=1000)
    cls = TwinMergingLogisticRegression if kind == "merged" else LogisticRegression
    if kind == "float32":
        x_train, x_test = x_train.astype(np.float32), x_test.astype(np.float32)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        with threadpool_limits(None if kind == "default threads" else 1):
            clf = cls(**kw).fit(x_train, y_train)
        times.append(time.perf_counter() - t)
    return statistics.median(times), clf.predict_proba(x_test), clf.coef_


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    x_train, y_train, x_test = fold()
    print(f"one fold: {x_train.shape[0]:,} training units, {x_train.shape[1]:,} features, {HELD_OUT} held out")
    distinct = len(twin_groups(x_train)[1])
    print(f"  distinct columns: {distinct:,} ({1 - distinct / x_train.shape[1]:.0%} of the columns are twins)")
    base = None
    for kind in ("one thread", "default threads", "float32", "merged"):
        t, p, coef = fit(kind, x_train, y_train, x_test, args.runs)
        base = (p, coef) if base is None else base
        print(
            f"  {kind:<16} {t:5.2f} s   held-out probabilities move by at most {np.abs(p - base[0]).max():.3f}, "
            f"coefficients by {np.abs(coef - base[1]).max():.3f}"
        )
    with ProcessPoolExecutor(2) as pool:
        for kind in ("one thread", "merged"):
            jobs = [pool.submit(fit, kind, x_train, y_train, x_test, args.runs) for _ in range(2)]
            t = [j.result()[0] for j in jobs]
            print(f"  {kind:<16} {max(t):5.2f} s each, two side by side")


if __name__ == "__main__":
    main()
