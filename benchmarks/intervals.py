"""What the 95% intervals of textags cover, measured under leave-one-document-out.

Every labelled document is tagged by a model that never saw it (the
leave-one-document-out probabilities of ``textags.learn.cross_val_proba``,
neighbours and codebook rules included, as in tagging).  Then, with the very
code that ``summarize`` and ``compare`` run:

(a) **coverage**: for each document and domain, is the true share (from the
    labels) inside the 95% interval of the share textags reports?  Target
    0.93-0.98.
(b) **false differences**: each document is cut into two random halves
    (``--splits`` times); how often is a domain's shift between the two
    halves of the same report marked as a difference (its 95% interval
    excludes 0)?  Target at most 5% of the domain shifts.
(c) **calibration** of ``confidence`` (the probability of the predicted
    label): a reliability table and the expected calibration error (ECE),
    of the raw probabilities and of the calibrated ones textags reports
    (:mod:`textags._calibration`: temperature scaling).  The temperature is
    fitted here on all the documents (the value of
    ``textags._calibration.TEMPERATURE``); for (a), (b) and the calibrated
    reliability table each document's probabilities are calibrated with a
    temperature fitted on the *other* documents, so no figure rests on a
    temperature that saw the document it scores.

Both interval methods are measured: ``labels drawn`` (the textags default:
each resampled unit's label drawn from its calibrated probabilities) and
``fixed labels`` (the predicted labels resampled as they are, the method
before).

The labelled documents are those of ``data/labelled``; no document of
``data/heldout-local.json`` is read.  The seeds are fixed, so a rerun prints
the same figures.

Run: python benchmarks/intervals.py [--jobs 2] [--splits 10] [--boot 1000] [--proba FILE]
(``--proba FILE``: keep the leave-one-document-out probabilities in FILE
(.npy) and reuse them when it exists; they take minutes to compute)
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textags._calibration import TEMPERATURE, calibrate, fit_temperature, reliability  # noqa: E402
from textags._codebook import DOMAINS, LABELS  # noqa: E402
from textags._document import Document, Tag, Unit  # noqa: E402
from textags._emphasis import emphasis  # noqa: E402
from textags._labels import read_labelled  # noqa: E402
from textags._shift import shift_between  # noqa: E402
from textags.learn import cross_val_proba, dedupe, load_documents  # noqa: E402

SEED = 20


def heldout() -> set[str]:
    data = json.loads((ROOT / "data" / "heldout-local.json").read_text(encoding="utf-8"))
    return set(data["heldout_local_documents"])


def lodo_proba(rows, jobs: int, cache: str | None) -> np.ndarray:
    if cache and Path(cache).is_file():
        p = np.load(cache)
        if p.shape == (len(rows), len(LABELS)):
            return p
    labels, p = cross_val_proba(rows, n_jobs=jobs, documents=load_documents(rows))
    assert list(labels) == list(LABELS)
    if cache:
        np.save(cache, p)
    return p


def as_document(name: str, texts: list[str], probs: np.ndarray, fixed: bool) -> Document:
    """The labelled units of one document as a tagged Document (labels: argmax of the probabilities)."""
    units, pos, parts = [], 0, []
    for i, (t, p) in enumerate(zip(texts, probs)):
        lab = LABELS[int(p.argmax())]
        dist = {lab: 1.0} if fixed else {k: float(v) for k, v in zip(LABELS, p)}
        units.append(Unit(i, pos, pos + len(t), t, "body", (), Tag(lab, float(p.max()), dist)))
        parts.append(t)
        pos += len(t) + 1
    return Document("\n".join(parts), tuple(units), name=name)


def true_shares(labels: list[str]) -> dict[str, float] | None:
    n = sum(1 for lab in labels if lab in DOMAINS)
    return {d: sum(1 for lab in labels if lab == d) / n for d in DOMAINS} if n else None


def coverage(docs: dict, fixed: bool, n_boot: int) -> tuple[int, int, list]:
    inside = total = 0
    misses = []
    for name, (texts, probs, labels) in docs.items():
        truth = true_shares(labels)
        if truth is None:
            continue
        e = emphasis(as_document(name, texts, probs, fixed), n_boot=n_boot, meta={})
        if not e.measured:
            continue
        for d in DOMAINS:
            lo, hi = e.low["units"][d], e.high["units"][d]
            ok = lo - 1e-12 <= truth[d] <= hi + 1e-12
            inside += ok
            total += 1
            if not ok:
                misses.append((name, d, truth[d], lo, hi))
    return inside, total, misses


def false_differences(docs: dict, fixed: bool, n_boot: int, splits: int) -> tuple[int, int, int, int]:
    rng = np.random.default_rng(SEED)
    marked = tests = split_marked = n_splits = 0
    for name, (texts, probs, _) in docs.items():
        if len(texts) < 20:  # too small to halve
            continue
        doc = as_document(name, texts, probs, fixed)
        for k in range(splits):
            order = rng.permutation(len(texts))
            half = len(texts) // 2
            a = [doc.units[i] for i in sorted(order[:half])]
            b = [doc.units[i] for i in sorted(order[half:])]
            s = shift_between(a, b, "units", n_boot=n_boot, random_state=k)
            flags = [s["differs"][d] for d in DOMAINS if s["differs"][d] is not None]
            marked += sum(flags)
            tests += len(flags)
            split_marked += any(flags)
            n_splits += 1
    return marked, tests, split_marked, n_splits


def calibrated_out_of_document(proba: np.ndarray, y: np.ndarray, doc_of: np.ndarray) -> np.ndarray:
    """Each document's probabilities calibrated with the temperature fitted on the other documents."""
    out = np.empty_like(proba)
    for d in np.unique(doc_of):
        mine = doc_of == d
        out[mine] = calibrate(proba[mine], fit_temperature(proba[~mine], y[~mine]))
    return out


def print_reliability(title: str, proba: np.ndarray, y: np.ndarray) -> None:
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y
    table, ece = reliability(conf, correct)
    print(f"\n{title}:")
    print("  confidence   units   mean conf   accuracy")
    for lo, hi, n, mean, acc in table:
        print(f"  {lo:.1f}-{hi:.1f}   {n:6d}   {mean:9.3f}   {acc:8.3f}")
    print(f"  expected calibration error (ECE, 10 bins): {ece:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--splits", type=int, default=10, help="random halvings of each document (default 10)")
    ap.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default 1000, as textags)")
    ap.add_argument("--proba", metavar="FILE", help="keep/reuse the leave-one-document-out probabilities (.npy)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    t0 = time.time()
    rows, _ = read_labelled([ROOT / "data" / "labelled"])
    rows = [r for r in dedupe(rows) if r.doc not in heldout()]
    proba = lodo_proba(rows, args.jobs, args.proba)
    y = np.array([LABELS.index(r.label) for r in rows])
    doc_of = np.array([r.doc for r in rows])
    fitted = fit_temperature(proba, y)
    calibrated = calibrated_out_of_document(proba, y, doc_of)
    docs: dict = {}
    for r, p in zip(rows, calibrated):
        texts, probs, labels = docs.setdefault(r.doc, ([], [], []))
        texts.append(r.text)
        probs.append(p)
        labels.append(r.label)
    docs = {k: (t, np.array(p), lab) for k, (t, p, lab) in docs.items()}
    print(
        f"{len(rows)} labelled units of {len(docs)} documents (data/labelled; none of data/heldout-local.json), "
        f"leave-one-document-out; {args.boot} resamples, seed fixed"
    )
    print(
        f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    print(f"accuracy {np.mean(proba.argmax(axis=1) == y):.3f}")
    print_reliability("calibration of the raw probabilities (confidence before calibration)", proba, y)
    print_reliability(
        "calibration of confidence as textags reports it (temperature fitted on the other documents)", calibrated, y
    )
    print(
        f"  temperature fitted on all {len(docs)} documents: {fitted} "
        f"(textags._calibration.TEMPERATURE = {TEMPERATURE}{'' if fitted == TEMPERATURE else ': UPDATE IT'})"
    )

    for fixed, name in ((False, "labels drawn from their probabilities (textags default)"), (True, "fixed labels")):
        inside, total, _ = coverage(docs, fixed, args.boot)
        marked, tests, split_marked, n_splits = false_differences(docs, fixed, args.boot, args.splits)
        print(f"\nintervals, {name}:")
        print(f"  coverage: {inside}/{total} true domain shares inside their 95% interval = {inside / total:.3f}")
        print(
            f"  false differences: {marked}/{tests} domain shifts between random halves of the same report "
            f"marked = {marked / tests:.3f} ({split_marked}/{n_splits} halvings with any domain marked = "
            f"{split_marked / n_splits:.3f})"
        )
    print(f"\n({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
