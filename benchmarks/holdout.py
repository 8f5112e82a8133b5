"""Score a model on reports from places and years it has never seen.

Trains with the default parameters on the *selection* documents only (the
first coding round, on which the parameters were chosen) and scores it on
every other labelled document: the reports of the later coding rounds --
the other provincial reports of 2025 and national reports from 1954 to
2025, places and years outside the first round.  This is the check that the
leave-one-document-out figure is an honest forecast.

Run: python benchmarks/holdout.py [--no-rules]
(``--no-rules``: the model alone, without the codebook rules of textags/_rules.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags._labels import read_labelled  # noqa: E402
from textags.learn import dedupe, evaluate_model, fit, load_documents  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-rules", action="store_true", help="score the model alone, without the codebook rules")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    selection = set(json.loads((ROOT / "data" / "selection.json").read_text(encoding="utf-8"))["selection_documents"])
    rows, _ = read_labelled([ROOT / "data" / "labelled"])
    rows = dedupe(rows)
    train = [r for r in rows if r.doc in selection]
    test = [r for r in rows if r.doc not in selection]
    t = time.time()
    model = fit(train, evaluate=False)
    # each test report read whole, as tagging reads it
    s = evaluate_model(model, test, load_documents(test), rules=not args.no_rules)
    print(
        f"trained on {len(train)} units of {len({r.doc for r in train})} documents; "
        f"scored on {len(test)} units of {len({r.doc for r in test})} unseen documents ({time.time() - t:.0f} s)"
    )
    print_scores(s)


def print_scores(s: dict) -> None:
    """The lines every held-out script prints: accuracy, macro-F1, emphasis error, F1 per label."""
    print(
        f"accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}  emphasis error {s['emphasis_error_mean']:.2f} pp "
        f"(max {s['emphasis_error_max']:.2f})"
    )
    print("F1: " + "  ".join(f"{k} {v['f1']:.3f}" for k, v in s["per_label"].items()))


if __name__ == "__main__":
    main()
