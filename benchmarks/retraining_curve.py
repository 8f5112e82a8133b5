"""The worked example of docs/retraining.md: how fast does retraining on a new kind of report pay off?

A researcher studies national government work reports, which the base model has never seen: it is
trained on the street, district and provincial reports of the bundled corpus only. The labelled
national reports are split by year into a *pool* the researcher labels from and *evaluation*
reports kept apart. The researcher labels N units of the pool -- either in the order
``textags label`` proposes (smallest margin between the two likeliest labels first) or in document
order -- and retrains; the new model is scored on the evaluation reports. The labels the
researcher "gives" are the ones already coded in data/labelled, so the curve uses real labels.

Run: python benchmarks/retraining_curve.py [--sizes 0 50 100 200 400 800]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags._doctable import documents_table  # noqa: E402
from textags._labels import read_labelled  # noqa: E402
from textags.learn import dedupe, evaluate_model, fit, inputs, load_documents  # noqa: E402


def margins(model, rows):
    p = model.scorer.predict_proba(inputs(rows))
    p.sort(axis=1)
    return p[:, -1] - p[:, -2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[0, 50, 100, 200, 400, 800])
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    docs = documents_table(ROOT / "data" / "documents.csv")
    rows, _ = read_labelled([ROOT / "data" / "labelled"])
    rows = dedupe(rows)
    national = sorted({r.doc for r in rows if docs[r.doc]["level"] == "national"}, key=lambda d: docs[d]["year"])
    pool_docs, eval_docs = national[0::2], national[1::2]
    base = [r for r in rows if docs[r.doc]["level"] != "national"]
    pool = sorted((r for r in rows if r.doc in pool_docs), key=lambda r: (docs[r.doc]["year"], r.index))
    test = [r for r in rows if r.doc in eval_docs]
    print(f"base: {len(base)} units of {len({r.doc for r in base})} street/district/provincial reports")
    print(
        f"pool: {len(pool)} units of {len(pool_docs)} national reports ({', '.join(docs[d]['year'] for d in pool_docs)})"
    )
    print(
        f"evaluation: {len(test)} units of {len(eval_docs)} national reports "
        f"({', '.join(docs[d]['year'] for d in eval_docs)})"
    )
    reports = load_documents(test)
    t = time.time()
    base_model = fit(base, evaluate=False)
    margin = margins(base_model, pool)
    order = {
        "uncertainty": [pool[i] for i in sorted(range(len(pool)), key=lambda i: (margin[i], i))],
        "document order": pool,
        "random": random.Random(0).sample(pool, len(pool)),
    }
    print()
    print(f"{'N':>5}  " + "  ".join(f"{name:>27}" for name in order))
    print(f"{'':>5}  " + "  ".join(f"{'macro-F1  acc  emph.err':>27}" for _ in order))
    for n in args.sizes:
        cells = []
        for ranked in order.values():
            model = base_model if n == 0 else fit(base + ranked[:n], evaluate=False)
            s = evaluate_model(model, test, reports)
            cells.append(f"{s['macro_f1']:>8.3f} {s['accuracy']:>5.3f} {s['emphasis_error_mean']:>6.2f} pp")
        print(f"{n:>5}  " + "  ".join(f"{c:>27}" for c in cells), flush=True)
    print(f"\n({time.time() - t:.0f} s)")


if __name__ == "__main__":
    main()
