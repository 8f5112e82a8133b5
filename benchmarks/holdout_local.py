"""The held-out local figure: a model trained on every labelled report but the held-out local ones.

``data/heldout-local.json`` names 40 of the local reports (street, town,
district, county and city openings from ../shared/corpus/local), drawn at
random per level with a fixed seed before any change for issue #22.  No
parameter, feature or codebook rule was chosen by looking at them.  This
script trains with the shipped model's parameters on all other labelled
reports, reads each held-out report whole (as ``textags tag`` reads it) and
scores its labelled units.

Run: python benchmarks/holdout_local.py [--no-neighbours] [--no-rules] [--json]
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

from holdout import print_scores  # noqa: E402  (benchmarks/ is on the path when run as a script)

from textags._labels import read_labelled  # noqa: E402
from textags.learn import dedupe, document_levels, evaluate_model, fit, load_documents  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-neighbours", action="store_true", help="score each unit on its own")
    ap.add_argument("--no-rules", action="store_true", help="score the model alone, without the codebook rules")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    held = set(
        json.loads((ROOT / "data" / "heldout-local.json").read_text(encoding="utf-8"))["heldout_local_documents"]
    )
    rows, _ = read_labelled([ROOT / "data" / "labelled"])
    rows = dedupe(rows)
    train = [r for r in rows if r.doc not in held]
    test = [r for r in rows if r.doc in held]
    if not test:
        sys.exit("no labelled units of the held-out local reports yet (data/heldout-local.json)")
    t = time.time()
    levels = document_levels(ROOT / "data" / "documents.csv")
    model = fit(train, evaluate=False, groups=levels)
    documents = {} if args.no_neighbours else load_documents(test, ROOT / "data" / "documents.csv")
    s = evaluate_model(
        model, test, documents, neighbours=not args.no_neighbours, rules=not args.no_rules, groups=levels
    )
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=2))
        return
    print(
        f"trained on {len(train)} units of {len({r.doc for r in train})} documents; scored on {len(test)} units "
        f"of {len({r.doc for r in test})} held-out local reports ({time.time() - t:.0f} s)"
    )
    print_scores(s)


if __name__ == "__main__":
    main()
