"""What one leave-one-document-out fold costs, and why it grew with the local reports.

``textags evaluate`` counts every unit's terms once (``textags/_folds.py``)
and then, per fold, slices the fold's tf-idf matrices and fits the logistic
regression: the fit is nearly all of a fold's time.  This script fits one
fold (the 2025 Gansu report held out) with the shipped parameters on two
training sets: the 87 reports labelled before the local round (all but the
openings of ``../shared/corpus/local``, ``raw/local/`` in
``data/documents.csv``) and all labelled reports, and prints for each the
training units, the nonzeros of the training matrix, the solver's Newton
steps and Hessian-vector products (each one pass over the matrix per
label), and the CPU seconds of slicing, fitting and scoring.

The tokenizer's cache (``textags/_tokenize.py``) plays no part here: the
words of all units are cut once, in one call (``cut_many``), before the
folds; its hits and misses are printed to show it.

Run: python benchmarks/fold_cost.py [--runs 3]   (medians of the CPU seconds)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags import _folds as folds  # noqa: E402
from textags import _tokenize as tokenize  # noqa: E402
from textags._doctable import documents_table  # noqa: E402
from textags._labels import read_labelled  # noqa: E402
from textags._tagger import Tagger, one_thread  # noqa: E402
from textags.learn import DEFAULT_PARAMS, dedupe, inputs  # noqa: E402

HELD = "prov-2025-gansu"


def counting_hessian_products() -> dict:
    """Count the solver's Hessian-vector products (scikit-learn's newton-cg), if its loss can be wrapped."""
    calls = {"n": 0}
    try:
        from sklearn.linear_model._linear_loss import LinearModelLoss
    except ImportError:  # another scikit-learn: no count
        return calls
    orig = LinearModelLoss.gradient_hessian_product

    def wrapped(self, *a, **k):
        grad, hessp = orig(self, *a, **k)

        def counted(s):
            calls["n"] += 1
            return hessp(s)

        return grad, counted

    LinearModelLoss.gradient_hessian_product = wrapped
    return calls


def one_fold(rows, runs: int, calls: dict) -> str:
    x = inputs(rows)
    y = np.array([r.label for r in rows], dtype=object)
    blocks = folds.count_blocks(x, DEFAULT_PARAMS)
    train = [i for i, r in enumerate(rows) if r.doc != HELD]
    test = [i for i, r in enumerate(rows) if r.doc == HELD]
    times = {"slice": [], "fit": [], "score": []}
    for _ in range(runs):
        t0 = time.process_time()
        x_train, x_test = folds.fold_matrices(blocks, train, test)
        t1 = time.process_time()
        calls["n"] = 0
        with one_thread():
            clf = Tagger().classifier().fit(x_train, list(y[train]))
        t2 = time.process_time()
        clf.predict_proba(x_test)
        t3 = time.process_time()
        for k, v in zip(times, (t1 - t0, t2 - t1, t3 - t2)):
            times[k].append(v)
    med = {k: statistics.median(v) for k, v in times.items()}
    return (
        f"{len({r.doc for r in rows}):4d} reports  {len(train):6,d} training units  {x_train.nnz:9,d} nonzeros  "
        f"Newton steps {int(clf.n_iter_[0])}  Hessian products {calls['n'] or '?'}  |  "
        f"slice {med['slice']:.2f} s  fit {med['fit']:.2f} s  score {med['score']:.3f} s CPU"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    rows, _ = read_labelled([ROOT / "data" / "labelled"])
    rows = dedupe(rows)
    table = documents_table(ROOT / "data" / "documents.csv")
    openings = {d for d, row in table.items() if row["file"].startswith("local/")}
    calls = counting_hessian_products()
    print(f"one fold, {HELD} held out, the shipped parameters; medians of {args.runs} runs")
    print("the reports labelled before the local round (no local opening):")
    print("  " + one_fold([r for r in rows if r.doc not in openings], args.runs, calls))
    print("all labelled reports:")
    print("  " + one_fold(rows, args.runs, calls))
    print(f"tokenizer cache during all this: {tokenize._cut.cache_info()}")


if __name__ == "__main__":
    main()
