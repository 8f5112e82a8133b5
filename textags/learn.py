"""Learning: grouped evaluation, training, the labelling queue and the label audit.

Models are scored on whole documents they did not train on: leave one
document out (every fold holds out all units of one report), never a random
split of sentences from the same report.

Examples
--------
>>> from textags.labels import LabelledUnit
>>> rows = [LabelledUnit(f"d{i % 3}", i, t, lab) for i, (t, lab) in enumerate(zip(SENTENCES, SENTENCE_LABELS))]
>>> scores = cross_validate(rows, params={"word_ngrams": None, "context": False})
>>> sorted(scores)[:3], scores["folds"]
(['accuracy', 'confusion', 'documents'], 3)
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import folds, tokenize
from .errors import TextagsError
from .labels import DOMAINS, LABELS, LabelledUnit, read_labelled
from .model import SENTENCE_LABELS, SENTENCES, Model, Tagger, one_thread, save_model, versions  # noqa: F401  (SENTENCES: doctest)

#: The parameters of the shipped default model, chosen by leave-one-document-out
#: cross-validation on the first-round documents (see ``benchmarks/select_model.py``).
DEFAULT_PARAMS = {
    "word_ngrams": (1, 2),
    "char_ngrams": (1, 3),
    "context": False,
    "context_weight": 0.25,
    "C": 10.0,
    "class_weight": "balanced",
    "fit_intercept": True,
    "min_df": 2,
    "userdict": (),
    "random_state": 0,
    "neighbours": (1.0, 0.5),
    "neighbour_weight": 0.5,
    "neighbour_confident": 1.0,
    "rules": True,
}


def bundled_data_dir() -> Path:
    """The labelled corpus shipped with textags (``data/labelled``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "corpus", here.parent / "data" / "labelled"):
        if candidate.is_dir() and any(candidate.glob("*.csv")):
            return candidate
    raise TextagsError(
        "the bundled labelled corpus is missing from this installation; reinstall textags or use --base none"
    )


def context_of_row(row: LabelledUnit) -> str:
    """The heading a labelled row is read with (the last of its ``section``)."""
    if not row.section:
        return ""
    return row.section.split(" > ")[-1]


def inputs(rows: Sequence[LabelledUnit]) -> list[str]:
    """Model inputs of labelled rows (text and heading)."""
    return [tokenize.join_context(r.text, context_of_row(r)) for r in rows]


def data_hash(rows: Iterable[LabelledUnit]) -> str:
    """sha256 of the training rows (doc, index, text, label, section), order-free."""
    h = hashlib.sha256()
    for line in sorted(f"{r.doc}\t{r.index}\t{r.text}\t{r.label}\t{r.section}\n" for r in rows):
        h.update(line.encode("utf-8"))
    return h.hexdigest()


def dedupe(rows: Sequence[LabelledUnit], *, strict: bool = False) -> list[LabelledUnit]:
    """Rows with each (doc, index) once.

    A unit labelled twice with the same label is kept once.  With different
    labels, ``strict`` stops with the file and line of both rows; otherwise
    the later row wins (a user's file overriding the bundled corpus).
    """
    out: dict[tuple[str, int], LabelledUnit] = {}
    for r in rows:
        key = (r.doc, r.index)
        old = out.get(key)
        if strict and old is not None and old.label != r.label and old.path == r.path:
            raise TextagsError(
                f"unit {r.doc}#{r.index} is labelled {r.label!r} here and {old.label!r} at line {old.line}; "
                "keep one label",
                r.path,
                r.line,
            )
        out[key] = r
    return list(out.values())


# --------------------------------------------------------------------------
# scores


def _emphasis_shares(labels: Sequence[str]) -> np.ndarray:
    counts = np.array([sum(1 for lab in labels if lab == d) for d in DOMAINS], dtype=float)
    total = counts.sum()
    return counts / total if total else counts


#: how a report's level (the documents table's ``level``) is grouped in the scores by level
LEVEL_GROUPS = {
    "national": "national",
    "province": "provincial",
    "provincial": "provincial",
    "city": "local",
    "district": "local",
    "county": "local",
    "town": "local",
    "street": "local",
}


def level_group(level: str | None) -> str:
    """The group a report's level is scored in: local, provincial, national, or unknown.

    >>> level_group("street"), level_group("province"), level_group(None)
    ('local', 'provincial', 'unknown')
    """
    return LEVEL_GROUPS.get((level or "").strip().lower(), "unknown")


def score(
    y_true: Sequence[str], y_pred: Sequence[str], docs: Sequence[str], groups: Mapping[str, str] | None = None
) -> dict:
    """Accuracy, per-label precision/recall/F1, macro-F1, confusion matrix and emphasis error.

    The emphasis error of a document is the mean absolute difference, in
    percentage points, between its true and predicted shares of the five
    domains (``other`` left out of the denominator).  With ``groups``
    (``{doc: group}``, e.g. each report's :func:`level_group`) the same
    scores are given for each group's units under ``by_group``.

    >>> s = score(["economy", "party", "other"], ["economy", "economy", "other"], ["a", "a", "a"])
    >>> s["accuracy"], s["documents"]["a"]["emphasis_error"]
    (0.6667, 20.0)
    >>> s = score(["economy", "party"], ["economy", "economy"], ["a", "b"], groups={"a": "local", "b": "national"})
    >>> s["by_group"]["local"]["accuracy"], s["by_group"]["national"]["accuracy"]
    (1.0, 0.0)
    """
    y_true, y_pred = list(y_true), list(y_pred)
    if groups is not None:
        out = score(y_true, y_pred, docs)
        by: dict[str, list[int]] = {}
        for i, d in enumerate(docs):
            by.setdefault(groups.get(d, "unknown"), []).append(i)
        out["by_group"] = {}
        for g in sorted(by):
            part = score([y_true[i] for i in by[g]], [y_pred[i] for i in by[g]], [docs[i] for i in by[g]])
            out["by_group"][g] = {k: part[k] for k in ("units", "accuracy", "macro_f1", "emphasis_error_mean")}
            out["by_group"][g]["documents"] = len(part["documents"])
            out["by_group"][g]["f1"] = {lab: v["f1"] for lab, v in part["per_label"].items()}
        return out
    labels = [lab for lab in LABELS if lab in set(y_true) | set(y_pred)]
    per = {}
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p == lab)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != lab and p == lab)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}
    present = [lab for lab in labels if per[lab]["support"]]
    macro = float(np.mean([per[lab]["f1"] for lab in present])) if present else 0.0
    confusion = {t: {p: sum(1 for a, b in zip(y_true, y_pred) if a == t and b == p) for p in labels} for t in labels}
    documents = {}
    for d in dict.fromkeys(docs):
        idx = [i for i, x in enumerate(docs) if x == d]
        t = _emphasis_shares([y_true[i] for i in idx])
        p = _emphasis_shares([y_pred[i] for i in idx])
        documents[d] = {
            "units": len(idx),
            "accuracy": round(sum(y_true[i] == y_pred[i] for i in idx) / len(idx), 4),
            "emphasis_error": round(float(np.mean(np.abs(t - p))) * 100, 2),
        }
    errors = [v["emphasis_error"] for v in documents.values()]
    return {
        "accuracy": round(sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true), 4) if y_true else 0.0,
        "macro_f1": round(macro, 4),
        "per_label": per,
        "confusion": confusion,
        "documents": documents,
        "emphasis_error_mean": round(float(np.mean(errors)), 2) if errors else 0.0,
        "emphasis_error_max": round(float(np.max(errors)), 2) if errors else 0.0,
        "units": len(y_true),
    }


def _fit_predict(blocks, y, train, test, params):
    """The pipeline's classifier fitted on one fold's training rows; its labels and test probabilities."""
    x_train, x_test = folds.fold_matrices(blocks, train, test)
    with one_thread():
        clf = Tagger(**params).build_pipeline().named_steps["clf"].fit(x_train, list(y[train]))
    return tuple(clf.classes_.tolist()), clf.predict_proba(x_test)


@dataclass(frozen=True)
class DocumentRows:
    """One document's units as the model reads them, and where its labelled rows sit among them.

    ``inputs`` are model inputs in reading order, ``positions`` their places
    (for :func:`textags.neighbours.mix`), ``rows`` the indices of the
    labelled rows of this document and ``places`` their places in ``inputs``.
    """

    doc: str
    inputs: tuple[str, ...]
    positions: tuple[int, ...]
    rows: tuple[int, ...]
    places: tuple[int, ...]


def sequences(rows: Sequence[LabelledUnit], documents: Mapping | None = None) -> list[DocumentRows]:
    """Each document's unit sequence, from its report when at hand, else from its labelled rows.

    With the report (``documents[doc]``, a :class:`~textags.document.Document`)
    every heading and body unit is read, so a labelled unit's neighbours are
    the units around it in the report, labelled or not.  The report is used
    only if each labelled row's ``index`` names a unit with the row's text;
    otherwise (or without the report) the sequence is the document's
    labelled rows in ``index`` order, placed at their ``index``.
    """
    from .model import context_of

    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_doc.setdefault(r.doc, []).append(i)
    out = []
    for doc, ids in by_doc.items():
        report = (documents or {}).get(doc)
        if report is not None:
            coded = report.coded_units
            place = {u.index: k for k, u in enumerate(coded)}
            if all(rows[i].index in place and coded[place[rows[i].index]].text == rows[i].text for i in ids):
                out.append(
                    DocumentRows(
                        doc,
                        tuple(tokenize.join_context(u.text, context_of(u)) for u in coded),
                        tuple(range(len(coded))),
                        tuple(ids),
                        tuple(place[rows[i].index] for i in ids),
                    )
                )
                continue
        ids = sorted(ids, key=lambda i: rows[i].index)
        out.append(
            DocumentRows(
                doc,
                tuple(inputs([rows[i] for i in ids])),
                tuple(rows[i].index for i in ids),
                tuple(ids),
                tuple(range(len(ids))),
            )
        )
    return out


def document_levels(table: str | os.PathLike | None = None) -> dict[str, str]:
    """``{doc: level group}`` from the bundled documents table and then ``table`` (see :func:`level_group`)."""
    from .labels import documents_table
    from .provenance import bundled_documents_csv

    out = {}
    for t in (bundled_documents_csv(), table):
        if t is not None and Path(t).is_file():
            out.update({d: level_group(row.get("level")) for d, row in documents_table(t).items()})
    return out


def load_documents(rows: Sequence[LabelledUnit], table: str | os.PathLike | None = None) -> dict:
    """The reports of the labelled rows' documents that can be found, segmented: ``{doc: Document}``.

    ``table`` is a documents table (``data/documents.csv``: ``id`` and
    ``file`` under ``raw/`` beside it); the table bundled with textags is
    read after it.  A document in neither table is looked for where its
    rows say: the ``file`` column that ``textags label`` writes, or a report
    named after the document (``DOC.txt``, ``.md``, ``.docx``, ``.pdf``)
    beside the labelled file.  Documents without a readable file are left
    out (their rows are then read without the unlabelled units around them,
    see :func:`sequences`).
    """
    from . import load
    from .labels import documents_table
    from .provenance import bundled_documents_csv

    known: dict = {}
    for t in (bundled_documents_csv(), table):  # the user's table last, so it wins
        if t is not None:
            if not Path(t).is_file():
                raise TextagsError("no such documents table; give a CSV with columns id and file", str(t))
            known.update(documents_table(t))
    out = {}
    firsts = {}
    for r in rows:
        firsts.setdefault(r.doc, r)
    for doc, first in firsts.items():
        entry = known.get(doc)
        if entry is not None and Path(entry["path"]).is_file():
            out[doc] = load(entry["path"])
            continue
        beside = Path(first.path).parent
        for candidate in [first.file, *(beside / f"{doc}{s}" for s in (".txt", ".md", ".docx", ".pdf"))]:
            if candidate and first.path and Path(candidate).is_file():
                out[doc] = load(candidate, name=doc)
                break
    return out


def cross_val_proba(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    n_jobs: int = 1,
    documents: Mapping | None = None,
    held_out: Collection[str] | None = None,
    progress=None,
) -> tuple[list[str], np.ndarray]:
    """Leave-one-document-out probabilities: each row scored by a model that never saw its document.

    With ``held_out`` only those documents are held out and scored (each by
    a model trained on all the other rows); the other rows are training data
    only and their probabilities stay 0.  ``progress(done, total)`` is called
    as the folds finish.

    With neighbour context (``params["neighbour_weight"] > 0``) each held-out
    document is scored whole -- every unit of its report when ``documents``
    holds it (see :func:`sequences`) -- and mixed as tagging mixes it.

    With ``params["rules"]`` the codebook rules settle the units they name
    (:mod:`textags.rules`), as in tagging.

    Returns the label order and an array (n_rows, n_labels).
    """
    from .neighbours import mix
    from .rules import settle

    params = {**DEFAULT_PARAMS, **(params or {})}
    weight = float(params.get("neighbour_weight") or 0.0)
    if len({r.doc for r in rows}) < 2:
        raise TextagsError("leave-one-document-out needs labelled units from at least two documents")
    seqs = sequences(rows, documents if weight > 0 else None)
    x: list[str] = []
    y = np.empty(sum(len(s.inputs) for s in seqs), dtype=object)
    labelled: list[list[int]] = []  # per document, the places in x of its labelled rows
    bases: list[int] = []
    for s in seqs:
        bases.append(len(x))
        x.extend(s.inputs)
        labelled.append([bases[-1] + k for k in s.places])
        y[labelled[-1]] = [rows[i].label for i in s.rows]
    scored = [d for d, s in enumerate(seqs) if held_out is None or s.doc in held_out]
    splits = []
    for d in scored:
        s = seqs[d]
        test = list(range(bases[d], bases[d] + len(s.inputs)))
        train = [i for e, ids in enumerate(labelled) if e != d for i in ids]
        if len({y[i] for i in train}) < 2:
            raise TextagsError(f"without document {s.doc} fewer than two labels are left to train on")
        splits.append((train, test))

    blocks = folds.count_blocks(x, params, n_jobs=n_jobs)  # each unit's terms counted once, for all folds

    def run(chunk):
        return [_fit_predict(blocks, y, train, test, params) for train, test in chunk]

    if n_jobs == 1:
        results = []
        for split in splits:
            results.extend(run([split]))
            if progress:
                progress(len(results), len(splits))
    else:
        from joblib import Parallel, delayed, effective_n_jobs

        # a few tasks per worker, so the counts travel to each worker a few times and progress can be told
        k = max(1, min(effective_n_jobs(n_jobs), len(splits)))
        m = min(len(splits), k * (4 if progress else 1))
        results = [None] * len(splits)
        done = 0
        for i, chunk in enumerate(
            Parallel(n_jobs=k, return_as="generator")(delayed(run)(splits[i::m]) for i in range(m))
        ):
            results[i::m] = chunk
            done += len(chunk)
            if progress:
                progress(done, len(splits))

    def mixer(p, positions):
        return mix(
            p,
            positions,
            weights=tuple(params.get("neighbours") or ()),
            weight=weight,
            confident=float(params.get("neighbour_confident", 1.0)),
        )

    proba = np.zeros((len(rows), len(LABELS)))
    for s, (labels, p) in zip([seqs[d] for d in scored], results):
        full = np.zeros((len(s.inputs), len(LABELS)))
        full[:, [LABELS.index(lab) for lab in labels]] = p
        # the rules apply as tagging applies them: only for a fold model that knows "other"
        rules = bool(params.get("rules")) and "other" in labels
        texts = [tokenize.split_context(x)[0] for x in s.inputs] if rules else []
        mixed = mixer if weight > 0 else None
        full, _ = settle(full, texts, LABELS, mix=mixed, positions=s.positions, apply=rules)
        proba[list(s.rows)] = full[list(s.places)]
    return list(LABELS), proba


def cross_validate(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    n_jobs: int = 1,
    documents: Mapping | None = None,
    groups: Mapping[str, str] | None = None,
    progress=None,
    held_out: Collection[str] | None = None,
) -> dict:
    """Leave-one-document-out scores of a model configuration on labelled rows (``documents``,
    ``progress``, ``held_out``: see :func:`cross_val_proba`; ``groups``: see :func:`score`).

    With ``held_out`` only those documents are scored, each by a model trained
    on all the others: their figures are the same as in the full run.
    """
    labels, proba = cross_val_proba(
        rows, params=params, n_jobs=n_jobs, documents=documents, progress=progress, held_out=held_out
    )
    keep = [i for i, r in enumerate(rows) if held_out is None or r.doc in held_out]
    pred = [labels[j] for j in proba[keep].argmax(axis=1)]
    out = score([rows[i].label for i in keep], pred, [rows[i].doc for i in keep], groups)
    out["method"] = "leave-one-document-out"
    out["folds"] = len({rows[i].doc for i in keep})
    return out


def evaluate_model(
    model: Model,
    rows: Sequence[LabelledUnit],
    documents: Mapping | None = None,
    *,
    neighbours: bool = True,
    rules: bool = True,
    groups: Mapping[str, str] | None = None,
) -> dict:
    """Scores of a trained model on labelled rows (documents it should not have seen).

    Each document is read as tagging reads it: whole, with neighbour context
    when the model uses it (``documents``: see :func:`sequences`), unless
    ``neighbours=False``; the model's codebook rules apply unless ``rules=False``.
    """
    mixed = neighbours and model.scorer.neighbour_weight > 0
    proba = np.zeros((len(rows), len(model.labels)))
    for s in sequences(rows, documents if mixed else None):
        p = model.scorer.predict_proba(s.inputs)
        texts = [tokenize.split_context(x)[0] for x in s.inputs]
        p, _ = model.scorer.settle(p, texts, s.positions, neighbours=mixed, rules=rules)
        proba[list(s.rows)] = p[list(s.places)]
    pred = [model.labels[j] for j in proba.argmax(axis=1)]
    out = score([r.label for r in rows], pred, [r.doc for r in rows], groups)
    out["method"] = f"model {model.path or '(in memory)'} on the given data"
    return out


def compare_models(
    models: Sequence[Model],
    rows: Sequence[LabelledUnit],
    documents: Mapping | None = None,
    *,
    neighbours: bool = True,
    rules: bool = True,
    groups: Mapping[str, str] | None = None,
) -> dict:
    """Several models on the same data, and the per-label F1 differences against the first."""
    results = [evaluate_model(m, rows, documents, neighbours=neighbours, rules=rules, groups=groups) for m in models]
    base = results[0]
    diffs = []
    for r in results[1:]:
        diffs.append(
            {
                lab: round(
                    r["per_label"].get(lab, {}).get("f1", 0.0) - base["per_label"].get(lab, {}).get("f1", 0.0), 4
                )
                for lab in LABELS
            }
            | {
                "macro_f1": round(r["macro_f1"] - base["macro_f1"], 4),
                "accuracy": round(r["accuracy"] - base["accuracy"], 4),
            }
        )
    return {"models": [m.path or "(in memory)" for m in models], "results": results, "differences": diffs}


# --------------------------------------------------------------------------
# training


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` did: the model, its card, and the rows it skipped."""

    model: Model
    path: Path | None
    skipped: int
    #: labelled rows of the user's files left out because ``reviewed`` is not true
    unreviewed: int = 0


def reviewed_only(rows: Sequence[LabelledUnit], include_unreviewed: bool = False) -> tuple[list[LabelledUnit], int]:
    """The rows whose ``reviewed`` is true (all rows with ``include_unreviewed``), and how many were left out.

    A labelled file without a ``reviewed`` column counts as reviewed.
    """
    if include_unreviewed:
        return list(rows), 0
    kept = [r for r in rows if r.reviewed]
    if rows and not kept:
        raise TextagsError(
            f"none of the {len(rows)} labelled rows has reviewed = true; set reviewed to true on the rows you "
            "read, or pass --include-unreviewed",
            rows[0].path,
        )
    return kept, len(rows) - len(kept)


def gather(
    paths: Sequence[str | os.PathLike] = (), base: str = "bundled", *, include_unreviewed: bool = False
) -> tuple[list[LabelledUnit], int, int]:
    """Labelled rows from ``paths`` plus, with ``base="bundled"``, the shipped corpus.

    Returns the rows, the count of rows skipped for an empty label, and the
    count of labelled rows left out because ``reviewed`` is not true
    (kept with ``include_unreviewed``).
    """
    if base not in BASES:
        raise TextagsError(f"--base must be 'bundled' or 'none', not {base!r}")
    rows: list[LabelledUnit] = []
    skipped = unreviewed = 0
    if base != "none":
        r, _ = read_labelled([bundled_data_dir()])
        rows.extend(r)
    if paths:
        r, skipped = read_labelled(paths)
        dedupe(r, strict=True)  # conflicting labels within the user's files stop the run
        r, unreviewed = reviewed_only(r, include_unreviewed)
        rows.extend(r)
    if not rows:
        raise TextagsError("no labelled data: give labelled files or use --base bundled")
    return dedupe(rows), skipped, unreviewed


#: Names of the bundled corpus as a base (as for the model: ``bundled``, ``default``, ``shipped``), and ``none``.
BASES = ("bundled", "default", "shipped", "none")


def fit(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    evaluate: bool = True,
    n_jobs: int = 1,
    source: str = "",
    documents: Mapping | None = None,
    own: Collection[str] | None = None,
    progress=None,
    groups: Mapping[str, str] | None = None,
) -> Model:
    """Train a model on labelled rows; its card records the data hash and cross-validated scores.

    With ``groups`` (``{doc: level group}``, :func:`document_levels`) the
    card's cross-validation gives the scores of each level too (``by_group``).

    ``own`` names the user's documents among the rows: the card's
    cross-validation then also gives the scores on those documents alone
    (``own``), the figure that says how the model does on the user's reports.
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    counts = Counter(r.label for r in rows)
    if len(counts) < 2:
        raise TextagsError("the labelled data has only one label; label units of at least two domains")
    scores = None
    if evaluate and len({r.doc for r in rows}) >= 2:
        scores = cross_validate(
            rows, params=params, n_jobs=n_jobs, documents=documents, progress=progress, groups=groups
        )
        scores.pop("confusion", None)
        mine = {d: v for d, v in scores["documents"].items() if own and d in own}
        if mine:
            n = sum(v["units"] for v in mine.values())
            scores["own"] = {
                "documents": len(mine),
                "units": n,
                "accuracy": round(sum(v["accuracy"] * v["units"] for v in mine.values()) / n, 4),
                "emphasis_error_mean": round(float(np.mean([v["emphasis_error"] for v in mine.values()])), 2),
            }
    tagger = Tagger(**params).fit(inputs(rows), [r.label for r in rows])
    scorer = tagger.to_scorer()
    card = {
        "name": "textags model",
        "versions": versions(),
        "training": {
            "units": len(rows),
            "documents": len({r.doc for r in rows}),
            "label_counts": {lab: counts.get(lab, 0) for lab in LABELS},
            "data_sha256": data_hash(rows),
            "source": source,
        },
        "cross_validation": _slim(scores) if scores else None,
    }
    return Model(scorer, card)


def _slim(scores: dict) -> dict:
    keep = (
        "method",
        "folds",
        "units",
        "accuracy",
        "macro_f1",
        "emphasis_error_mean",
        "emphasis_error_max",
        "own",
        "by_group",
    )
    out = {k: scores[k] for k in keep if k in scores}
    out["f1"] = {lab: v["f1"] for lab, v in scores["per_label"].items()}
    return out


def train(
    paths: Sequence[str | os.PathLike] = (),
    out: str | os.PathLike | None = None,
    *,
    base: str = "bundled",
    force: bool = False,
    params: dict | None = None,
    evaluate: bool = True,
    n_jobs: int = 1,
    documents: str | os.PathLike | None = None,
    include_unreviewed: bool = False,
    progress=None,
) -> TrainResult:
    """Train on labelled files (and the bundled corpus) and save the model to ``out``.

    The output directory is checked before any work, and the model is
    written atomically; an existing model is kept unless ``force``.  Rows
    of ``paths`` whose ``reviewed`` is not true are left out unless
    ``include_unreviewed`` (see :func:`gather`); ``progress(done, total)``
    hears of the evaluation's folds.
    """
    if out is not None:
        from .saving import check_model_dir

        target = Path(out)
        check_model_dir(target)
        if (target / "card.json").exists() and not force:
            raise TextagsError("already holds a model; pass --force to overwrite it", str(target))
        if target.exists() and not target.is_dir():
            raise TextagsError("is a file, not a directory; give a directory for the model", str(target))
    rows, skipped, unreviewed = gather(paths, base, include_unreviewed=include_unreviewed)
    sources = ([f"bundled corpus ({bundled_data_dir().name})"] if base != "none" else []) + [str(p) for p in paths]
    source = ", ".join(sources)
    reports = load_documents(rows, documents) if evaluate else None
    from .labels import labelled_files

    user_files = set(labelled_files(paths)) if paths else set()
    own = {r.doc for r in rows if r.path in user_files}
    model = fit(
        rows,
        params=params,
        evaluate=evaluate,
        n_jobs=n_jobs,
        source=source,
        documents=reports,
        own=own,
        progress=progress,
        groups=document_levels(documents) if evaluate else None,
    )
    path = None
    if out is not None:
        path = save_model(model.scorer, model.card, out, force=force)
        model.path = str(path)
        from .model import read_card

        model.card = read_card(path)
    return TrainResult(model, path, skipped, unreviewed)


def train_summary(result: TrainResult) -> str:
    """What ``textags train`` prints: the model written, its data, and what its score was computed on."""
    card = result.model.card
    training = card["training"]
    cv = card.get("cross_validation") or {}
    lines = [
        f"wrote {result.path} ({training['units']} units from {training['documents']} documents: {training['source']})"
    ]
    if result.skipped:
        lines.append(f"{result.skipped} rows with an empty label skipped")
    if result.unreviewed:
        lines.append(
            f"{result.unreviewed} labelled rows left out because their reviewed column is not true "
            "(set it to true, or pass --include-unreviewed)"
        )
    if cv:
        lines.append(
            f"leave-one-document-out over all {cv['folds']} documents ({cv['units']} units, the bundled corpus "
            f"included when trained with it): accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}, "
            f"emphasis error {cv['emphasis_error_mean']:.2f} pp"
        )
        own = cv.get("own")
        if own:
            lines.append(
                f"on your {own['documents']} documents alone ({own['units']} units, each scored by a model "
                f"trained without it): accuracy {own['accuracy']:.3f}, emphasis error "
                f"{own['emphasis_error_mean']:.2f} pp"
            )
    else:
        lines.append("not evaluated (--no-eval); score it on labelled reports it has not seen with textags evaluate")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# audit and the labelling queue


def audit(
    rows: Sequence[LabelledUnit],
    *,
    params: dict | None = None,
    threshold: float = 0.2,
    n_jobs: int = 1,
    top: int | None = None,
    documents: Mapping | None = None,
    held_out: Collection[str] | None = None,
) -> list[dict]:
    """Likely label errors: units whose given label gets a low cross-validated probability.

    Each unit is scored by a model that never saw its document; rows whose
    given label has probability below ``threshold`` while another label is
    the model's choice are listed, worst first.  With ``held_out`` only the
    rows of those documents are audited, the other rows only train.
    """
    labels, proba = cross_val_proba(rows, params=params, n_jobs=n_jobs, documents=documents, held_out=held_out)
    out = []
    for r, p in zip(rows, proba):
        if held_out is not None and r.doc not in held_out:
            continue
        given = p[labels.index(r.label)]
        j = int(p.argmax())
        if labels[j] != r.label and given < threshold:
            out.append(
                {
                    "doc": r.doc,
                    "index": r.index,
                    "given": r.label,
                    "given_prob": round(float(given), 4),
                    "suggested": labels[j],
                    "suggested_prob": round(float(p[j]), 4),
                    "text": r.text,
                    "file": r.path,
                    "line": r.line,
                }
            )
    out.sort(key=lambda d: (d["given_prob"] - d["suggested_prob"], d["doc"], d["index"]))
    return out[:top] if top else out


def _relative(path, sheet) -> str:
    """``path`` relative to the directory of ``sheet`` (as given when there is no sheet, or no common root)."""
    if not path:
        return ""
    if sheet is None:
        return str(path)
    try:
        return os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(sheet)))
    except ValueError:  # another drive (Windows)
        return os.path.abspath(path)


def label_queue(
    docs, model: Model, *, order: str = "uncertainty", sheet: str | os.PathLike | None = None
) -> list[dict]:
    """Rows of a labelling sheet for new reports, most informative first.

    ``order="uncertainty"`` puts the smallest margin between the model's two
    most likely labels first; ``order="document"`` keeps reading order.
    The ``label`` column is left empty for a person to fill.  The ``file``
    column names each unit's report, relative to the directory of ``sheet``
    (where the sheet will be written), so that evaluation can read the
    report whole for neighbour context.
    """
    if order not in ("uncertainty", "document"):
        raise TextagsError(f"--order must be 'uncertainty' or 'document', not {order!r}")
    rows = []
    for doc in docs:
        tagged = model.tag(doc, terms=0)
        for u in tagged.coded_units:
            probs = sorted(u.tag.probs.values(), reverse=True)
            margin = probs[0] - (probs[1] if len(probs) > 1 else 0.0)
            rows.append(
                {
                    "doc": tagged.name,
                    "index": u.index,
                    "kind": u.kind,
                    "section": " > ".join(u.section),
                    "text": u.text,
                    "predicted": u.tag.label,
                    "confidence": round(u.tag.confidence, 4),
                    "margin": round(margin, 4),
                    "label": "",
                    "reviewed": "",
                    "coder": "",
                    "note": "",
                    "file": _relative(tagged.path, sheet),
                }
            )
    if order == "uncertainty":
        rows.sort(key=lambda r: (r["margin"], r["doc"], r["index"]))
    return rows
